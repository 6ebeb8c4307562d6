// A sortable table of cost lines with its totals row and a CSV export of exactly what it shows
// (every line in the table's order, the same cents, the totals): used by the allocation view and
// the chargeback. Sort and page are in the URL.
import type { ReactNode } from 'react';
import { COST_CURRENCY } from '../../api/cost';
import { formatCents } from '../../api/cost-money';
import { Button } from '../../components/button';
import { Pagination } from '../../components/pagination';
import { SortHeader } from '../../components/sort-header';
import { Table, TableBody, Td, Th } from '../../components/table';
import { PAGE_SIZES } from '../../hooks/use-table-url-state';
import type { SetCostSearch } from './cost-page';
import type { CostSearch, CostSortColumn } from './cost-search';
import { displayCostName, downloadText, formatEfficiency, sortLines, toCentTable, toCsv, type CentLine, type CostLine } from './cost-view';

export interface CostLinesTableProps {
  caption: string;
  /** One header per key of the lines' names (e.g. Project, User). */
  keyHeaders: readonly string[];
  lines: readonly CostLine[];
  search: Pick<CostSearch, 'sort' | 'ascending' | 'page' | 'pageSize'>;
  setSearch: SetCostSearch;
  fileName: string;
  /** What to call `__unallocated__` (e.g. "No billing tag"). */
  unallocated?: string;
  /** The first key cell of a line, when it is more than its name (a drill-down button and links). */
  renderKey?: (line: CentLine) => ReactNode;
}

const AMOUNT_COLUMNS: readonly { column: CostSortColumn & keyof CentLine['cents']; label: string }[] = [
  { column: 'cpu', label: 'CPU' },
  { column: 'gpu', label: 'GPU' },
  { column: 'ram', label: 'RAM' },
  { column: 'other', label: 'Other' },
  { column: 'total', label: 'Total' },
];

export function CostLinesTable({ caption, keyHeaders, lines, search, setSearch, fileName, unallocated, renderKey }: CostLinesTableProps) {
  const table = toCentTable(lines);
  const sorted = sortLines(table.lines, search.sort, search.ascending);
  const start = (search.page - 1) * search.pageSize;
  const shown = sorted.slice(start, start + search.pageSize);
  const sortBy = (column: CostSortColumn) =>
    setSearch({ sort: column, ascending: search.sort === column ? !search.ascending : column === 'name', page: 1 }, { replace: true });
  const direction = (column: CostSortColumn) => (search.sort === column ? (search.ascending ? 'ascending' : 'descending') : undefined);
  const money = (cents: number) => formatCents(cents, COST_CURRENCY);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {lines.length.toLocaleString()} {lines.length === 1 ? 'line' : 'lines'}; amounts in {COST_CURRENCY}, rounded to the cent so each column adds up to its
          total.
        </p>
        <Button
          size="sm"
          onClick={() => downloadText(fileName, toCsv({ keyHeaders, lines: sorted, totals: table.totals, currency: COST_CURRENCY, unallocated }))}
          disabled={lines.length === 0}
        >
          Export CSV ({lines.length.toLocaleString()} {lines.length === 1 ? 'line' : 'lines'} and the totals)
        </Button>
      </div>
      <Table caption={caption}>
        <thead className="bg-slate-50 text-xs tracking-wide text-slate-600 uppercase dark:bg-slate-900 dark:text-slate-400">
          <tr>
            {keyHeaders.map((header, index) =>
              index === 0 ? (
                <SortHeader key={header} label={header} direction={direction('name')} onSort={() => sortBy('name')} />
              ) : (
                <Th key={header}>{header}</Th>
              ),
            )}
            {AMOUNT_COLUMNS.map(({ column, label }) => (
              <SortHeader
                key={column}
                label={`${label} (${COST_CURRENCY})`}
                direction={direction(column)}
                onSort={() => sortBy(column)}
                className="px-4 py-2.5 text-right"
              />
            ))}
            <SortHeader label="CPU efficiency" direction={direction('efficiency')} onSort={() => sortBy('efficiency')} className="px-4 py-2.5 text-right" />
          </tr>
        </thead>
        <TableBody>
          {shown.map((line) => (
            <tr key={line.name}>
              {keyHeaders.map((header, index) => (
                <Td key={header}>{index === 0 && renderKey ? renderKey(line) : displayCostName(line.keys[index] ?? '', unallocated)}</Td>
              ))}
              {AMOUNT_COLUMNS.map(({ column }) => (
                <Td key={column} className="text-right font-mono whitespace-nowrap">
                  {money(line.cents[column])}
                </Td>
              ))}
              <Td className="text-right">{formatEfficiency(line.efficiency)}</Td>
            </tr>
          ))}
        </TableBody>
        <tfoot className="border-t-2 border-slate-300 font-semibold dark:border-slate-600">
          <tr>
            <th scope="row" colSpan={keyHeaders.length} className="px-4 py-2.5 text-left">
              Total ({lines.length.toLocaleString()} {lines.length === 1 ? 'line' : 'lines'})
            </th>
            {AMOUNT_COLUMNS.map(({ column }) => (
              <Td key={column} className="text-right font-mono whitespace-nowrap" data-total={column}>
                {money(table.totals[column])}
              </Td>
            ))}
            <Td />
          </tr>
        </tfoot>
      </Table>
      {lines.length > search.pageSize ? (
        <Pagination
          page={search.page}
          pageSize={search.pageSize}
          pageSizes={PAGE_SIZES}
          itemCount={shown.length}
          totalCount={lines.length}
          onPageChange={(page) => setSearch({ page })}
          onPageSizeChange={(pageSize) => setSearch({ pageSize: pageSize as CostSearch['pageSize'], page: 1 })}
          noun="lines"
        />
      ) : null}
    </div>
  );
}
