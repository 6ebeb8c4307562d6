function SkeletonRows({ rows, columns }: { rows: number; columns: number }) {
  return (
    <div aria-hidden="true" className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="flex items-center gap-6 px-4 py-3">
          {Array.from({ length: columns }, (_, column) => (
            <div key={column} className={`skeleton h-4 ${column === 0 ? 'w-48' : 'flex-1'}`} />
          ))}
        </div>
      ))}
    </div>
  );
}

/** Placeholder rows while a table loads; assistive tech gets the status text instead. */
export function TableSkeleton({ rows = 6, columns = 3, label = 'Loading…' }: { rows?: number; columns?: number; label?: string }) {
  return (
    <div role="status">
      <span className="sr-only">{label}</span>
      <SkeletonRows rows={rows} columns={columns} />
    </div>
  );
}

/** What a page shows while its route loads. */
export function PageSkeleton() {
  return (
    <div role="status" className="space-y-6">
      <span className="sr-only">Loading page…</span>
      <div aria-hidden="true" className="space-y-2">
        <div className="skeleton h-7 w-64" />
        <div className="skeleton h-4 w-96 max-w-full" />
      </div>
      <SkeletonRows rows={6} columns={3} />
    </div>
  );
}
