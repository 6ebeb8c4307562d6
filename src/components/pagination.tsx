import { useId } from 'react';
import { Button } from './button';

export interface PaginationProps {
  /** 1-based. */
  page: number;
  pageSize: number;
  pageSizes: readonly number[];
  /** Rows the server returned for this page. */
  itemCount: number;
  /** Undefined when the server does not say; "Next" then stays enabled while pages come back full. */
  totalCount: number | undefined;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
  /** Plural noun for the summary, e.g. "users". */
  noun: string;
  /** A page change is loading. */
  busy?: boolean;
}

export function pageCountOf(totalCount: number | undefined, pageSize: number): number | undefined {
  return totalCount === undefined ? undefined : Math.max(1, Math.ceil(totalCount / pageSize));
}

export function Pagination({ page, pageSize, pageSizes, itemCount, totalCount, onPageChange, onPageSizeChange, noun, busy = false }: PaginationProps) {
  const sizeId = useId();
  const pageCount = pageCountOf(totalCount, pageSize);
  const first = (page - 1) * pageSize + 1;
  const last = (page - 1) * pageSize + itemCount;
  const hasPrevious = page > 1;
  const hasNext = pageCount !== undefined ? page < pageCount : itemCount === pageSize;

  let summary: string;
  if (itemCount === 0) summary = totalCount !== undefined ? `No ${noun} on this page (${totalCount} in all)` : `No ${noun} on this page`;
  else summary = `Showing ${first}–${last}${totalCount !== undefined ? ` of ${totalCount}` : ''} ${noun}`;

  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700 dark:text-slate-300">
      <p>
        {summary}
        {busy ? (
          <span role="status" className="ml-2 text-slate-600 dark:text-slate-400">
            Loading…
          </span>
        ) : null}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <div className="flex items-center gap-2">
          <label htmlFor={sizeId}>Rows per page</label>
          <select
            id={sizeId}
            value={pageSize}
            onChange={(event) => onPageSizeChange(Number(event.target.value))}
            className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-900"
          >
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </div>
        <span>
          {pageCount === undefined ? `Page ${page}` : page <= pageCount ? `Page ${page} of ${pageCount}` : `Page ${page}, past the last page (${pageCount})`}
        </span>
        <div className="flex gap-1">
          <Button
            size="sm"
            onClick={() => onPageChange(pageCount !== undefined && page > pageCount ? pageCount : page - 1)}
            disabled={!hasPrevious}
            aria-label="Previous page"
          >
            <span aria-hidden="true">‹</span> Previous
          </Button>
          <Button size="sm" onClick={() => onPageChange(page + 1)} disabled={!hasNext} aria-label="Next page">
            Next <span aria-hidden="true">›</span>
          </Button>
        </div>
      </div>
    </nav>
  );
}
