import { useId, type ReactNode } from 'react';

export interface PageSectionProps {
  /** The section's h2; it also names the section for assistive tech. */
  title: string;
  /** On the heading's row, at the right: the section's main action ("Add collaborator"). */
  actions?: ReactNode;
  /** For a link to the section (#git-credentials). */
  id?: string;
  children: ReactNode;
}

/** A titled part of a detail page or tab (members, repositories, credentials): heading and actions on one row, then the content. */
export function PageSection({ title, actions, id, children }: PageSectionProps) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} id={id} className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={headingId} className="text-lg font-semibold text-slate-900 dark:text-slate-50">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
