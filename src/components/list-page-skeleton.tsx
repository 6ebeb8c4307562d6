import { PageHeader } from './page-header';
import { TableSkeleton } from './skeleton';

/** A list page while its route loads: the real title at once, placeholder rows shaped like its table. */
export function ListPageSkeleton({ title, rows, columns, label }: { title: string; rows: number; columns: number; label: string }) {
  return (
    <div>
      <PageHeader title={title} />
      <TableSkeleton rows={rows} columns={columns} label={label} />
    </div>
  );
}
