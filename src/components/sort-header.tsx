export type SortDirection = 'ascending' | 'descending';

export interface SortHeaderProps {
  label: string;
  /** How the table is sorted by this column; undefined when it is sorted by another. */
  direction: SortDirection | undefined;
  /** Sorts by this column, or flips the order when it already is the sort column. */
  onSort: () => void;
  /** The cell's padding and width; the shared table's padding by default. */
  className?: string;
}

function SortIcon({ direction }: { direction: SortDirection | undefined }) {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" className={direction ? 'text-slate-900 dark:text-slate-100' : 'text-slate-400'}>
      {direction !== 'descending' ? <path d="M3 5l3-3 3 3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" /> : null}
      {direction !== 'ascending' ? <path d="M3 7l3 3 3-3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" /> : null}
    </svg>
  );
}

/**
 * A column header that sorts its table: a real button (Tab, Enter, Space), aria-sort on the active
 * column only (one sorted column at a time, as ARIA asks), and words for what a click will do,
 * since the arrows are not read out.
 */
export function SortHeader({ label, direction, onSort, className = 'px-4 py-2.5' }: SortHeaderProps) {
  const next = direction === 'ascending' ? 'descending' : 'ascending';
  return (
    <th scope="col" aria-sort={direction} className={`font-semibold ${className}`}>
      <button
        type="button"
        onClick={onSort}
        className="-mx-1 inline-flex items-center gap-1.5 rounded px-1 py-0.5 font-semibold tracking-wide whitespace-nowrap uppercase hover:text-slate-900 dark:hover:text-slate-100"
      >
        {label}
        <SortIcon direction={direction} />
        <span className="sr-only">{direction ? `, sorted ${direction}; select to sort ${next}` : ', select to sort'}</span>
      </button>
    </th>
  );
}
