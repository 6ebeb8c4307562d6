import { Link, type RegisteredRouter, type ValidateLinkOptions } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useDocumentTitle } from '../hooks/use-document-title';
import { buttonClasses } from './button';

/** A link out of a page that cannot be shown: its words, and any route of the console to go to. */
export interface WayBack<TOptions = unknown> {
  label: string;
  link: ValidateLinkOptions<RegisteredRouter, TOptions>;
}

export interface NotFoundProps<TOptions = unknown> {
  /** The page's h1 and document title, e.g. "Project not found". */
  title: string;
  /** Why there is nothing here, and what to check. */
  children: ReactNode;
  back: WayBack<TOptions>;
  /** The API's requestId when a 404 answer is behind the page, for a support request. */
  requestId?: string;
}

/** A 404 page inside the frame: what is missing, why that may be, and the way back. */
export function NotFound<TOptions>(props: NotFoundProps<TOptions>): ReactNode;
// The looser signature lets the body spread `link` without a cast (TanStack Router's type-utilities guide).
export function NotFound({ title, children, back, requestId }: NotFoundProps) {
  useDocumentTitle(title);
  return (
    <div className="max-w-xl">
      <p className="text-sm font-semibold text-slate-600 dark:text-slate-400">404</p>
      <h1 tabIndex={-1} className="mt-1 text-2xl font-semibold tracking-tight text-slate-900 outline-none dark:text-slate-50">
        {title}
      </h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">{children}</p>
      {requestId ? (
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
          Request ID: <span className="font-mono">{requestId}</span>
        </p>
      ) : null}
      <div className="mt-6">
        <Link {...back.link} className={buttonClasses('primary')}>
          {back.label}
        </Link>
      </div>
    </div>
  );
}
