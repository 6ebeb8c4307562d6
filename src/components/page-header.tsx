import type { ReactNode } from 'react';

/** The page's one h1, an optional line under it, and the page-level actions on the right. */
export function PageHeader({
  title,
  description,
  actions,
  before,
  compact = false,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  before?: ReactNode;
  /** Less room under it: for a page whose content should start high (the job page's log). */
  compact?: boolean;
}) {
  return (
    <div className={`${compact ? 'mb-2' : 'mb-6'} flex flex-wrap items-start justify-between gap-4`}>
      <div className="flex min-w-0 items-center gap-4">
        {before}
        <div className="min-w-0">
          {/* tabIndex -1: the router moves focus here after a navigation. */}
          <h1 tabIndex={-1} className="text-2xl font-semibold tracking-tight break-words text-slate-900 outline-none dark:text-slate-50">
            {title}
          </h1>
          {description ? <div className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</div> : null}
        </div>
      </div>
      {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
    </div>
  );
}
