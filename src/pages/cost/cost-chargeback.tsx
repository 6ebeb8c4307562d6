// The monthly chargeback: one UTC month's cost by billing tag, idle capacity shared over the tags
// in proportion to their cost (so the tags carry the whole bill), with totals and CSV.
import { useQuery } from '@tanstack/react-query';
import { costQueries } from '../../api/cost';
import { stepStart } from '../../api/cost-money';
import { errorDetails } from '../../api/error-details';
import { EmptyState } from '../../components/empty-state';
import { FilterSelect } from '../../components/filter-select';
import { ApiErrorAlert } from '../../components/inline-alert';
import { TableSkeleton } from '../../components/skeleton';
import { dateTime } from '../../lib/dates';
import type { SetCostSearch } from './cost-page';
import type { CostSearch } from './cost-search';
import { CostLinesTable } from './cost-table';
import { summarize } from './cost-view';
import { monthWindow, toMonth } from './cost-window';

const monthName = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** This month and the eleven before it, newest first. */
function recentMonths(now: number): string[] {
  const months: string[] = [];
  let start = stepStart(now, 'month');
  for (let i = 0; i < 12; i++) {
    months.push(toMonth(start));
    start = stepStart(start - 1, 'month');
  }
  return months;
}

export function ChargebackView({ search, setSearch, now }: { search: CostSearch; setSearch: SetCostSearch; now: number }) {
  const months = recentMonths(now);
  const month = search.month && monthWindow(search.month) ? search.month : months[1]!;
  const window = monthWindow(month)!;
  const query = useQuery(costQueries.allocation({ window: window.api, aggregate: ['billingTag'], filter: '', idle: 'share' }));
  const current = month === months[0];
  let content;
  if (query.isPending) content = <TableSkeleton rows={5} columns={6} label="Loading the chargeback…" />;
  else if (query.isError) content = <ApiErrorAlert title="Could not load the chargeback" error={errorDetails(query.error)} />;
  else if (query.data.rows.length === 0) content = <EmptyState title="No cost this month">Nothing ran in {monthName.format(window.from)}.</EmptyState>;
  else
    content = (
      <CostLinesTable
        caption={`Chargeback by billing tag, ${monthName.format(window.from)}`}
        keyHeaders={['Billing tag']}
        lines={summarize(query.data.rows)}
        search={search}
        setSearch={setSearch}
        fileName={`chargeback-${month}.csv`}
        unallocated="No billing tag"
      />
    );
  return (
    <div className="space-y-4" aria-busy={query.isFetching}>
      <FilterSelect
        label="Month (UTC)"
        value={month}
        options={months.map((value, index) => ({ value, label: `${monthName.format(Date.parse(`${value}-01T00:00:00Z`))}${index === 0 ? ' (so far)' : ''}` }))}
        onChange={(value) => setSearch({ month: value, page: 1 })}
      />
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {monthName.format(window.from)} by the billing tag each project had when its work ran; idle capacity is shared over the tags in proportion to their
        cost.
        {query.data?.completeUntil !== undefined
          ? ` Data complete up to ${dateTime.format(query.data.completeUntil)} (${new Date(query.data.completeUntil).toISOString().slice(0, 16).replace('T', ' ')} UTC)${current ? ': the month is not over' : ''}.`
          : ''}
      </p>
      {content}
    </div>
  );
}
