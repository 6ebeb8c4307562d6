import { createLink } from '@tanstack/react-router';
import { Children, type AnchorHTMLAttributes, type ReactNode, type Ref } from 'react';

function Separator() {
  return <span aria-hidden="true">/</span>;
}

/**
 * The trail above a detail page's title: the pages it sits under, then the page itself
 * (aria-current). Children are the crumbs before it, each a BreadcrumbLink or plain text.
 */
export function Breadcrumb({ current, children }: { current: ReactNode; children: ReactNode }) {
  // toArray drops the null of a crumb that is left out (a job whose project is unknown).
  const trail = Children.toArray(children);
  return (
    <nav aria-label="Breadcrumb" className="mb-3 text-sm">
      <ol className="flex flex-wrap items-center gap-1.5 text-slate-600 dark:text-slate-400">
        {trail.map((crumb, index) => (
          <li key={index} className="flex items-center gap-1.5">
            {index > 0 ? <Separator /> : null}
            {crumb}
          </li>
        ))}
        <li className="flex items-center gap-1.5">
          {trail.length > 0 ? <Separator /> : null}
          <span aria-current="page" className="text-slate-700 dark:text-slate-300">
            {current}
          </span>
        </li>
      </ol>
    </nav>
  );
}

function CrumbAnchor({ ref, className = '', ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & { ref?: Ref<HTMLAnchorElement> }) {
  return <a ref={ref} className={`text-blue-700 underline underline-offset-2 dark:text-blue-400 ${className}`} {...props} />;
}

/** A crumb that leads somewhere: takes the router's Link props (to, params, search), type-checked against the routes. */
export const BreadcrumbLink = createLink(CrumbAnchor);
