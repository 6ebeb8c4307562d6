// The allocation view: the drill-down trail, how complete the data is, the budget, cost over time
// (stacked bars of the top 10 and Other, or the same as a table), the breakdown, and the table of
// every line with its totals and CSV. Clicking a project drills into it by user, a user (within a
// project) into their workload types; the trail leads back up.
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useDeferredValue, useMemo } from 'react';
import { COST_CURRENCY, type AllocationAnswer, type AllocationRequest } from '../../api/cost';
import { bucketSeries, cumulative, formatCents, rankNames, toCents, unitLabel, OTHER, type StepRow } from '../../api/cost-money';
import { AGGREGATE_LABELS } from './cost-labels';
import { errorDetails } from '../../api/error-details';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ApiErrorAlert } from '../../components/inline-alert';
import { PageSection } from '../../components/page-section';
import { TableSkeleton } from '../../components/skeleton';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { dateTime } from '../../lib/dates';
import { BudgetPanel } from './cost-budget';
import type { SetCostSearch } from './cost-page';
import type { CostSearch } from './cost-search';
import { CostLinesTable } from './cost-table';
import { displayCostName, summarize, type CentLine } from './cost-view';
import type { CostWindow } from './cost-window';
import { useCostCharts } from './use-cost-charts';

export const TOP_N = 10;
export const DATA_MARK = 'cost-chart:data';

const utcDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const utcMonth = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const linkClasses = 'text-blue-700 underline underline-offset-2 dark:text-blue-400';

function stepLabel(start: number, step: CostSearch['step']): string {
  if (step === 'month') return utcMonth.format(start);
  return step === 'week' ? `Week of ${utcDay.format(start)}` : utcDay.format(start);
}

/** The steps as a table: one row a step, one column an entry, and the step's total. */
function StepsTable({ names, rows, step, unit }: { names: readonly string[]; rows: readonly StepRow[]; step: CostSearch['step']; unit: string }) {
  return (
    <Table caption={`Cost over time by step, ${COST_CURRENCY} ${unit}, UTC`}>
      <TableHead>
        <Th>{step === 'day' ? 'Day' : step === 'week' ? 'Week' : 'Month'} (UTC)</Th>
        {names.map((name) => (
          <Th key={name} className="text-right">
            {displayCostName(name)}
          </Th>
        ))}
        <Th className="text-right">Total</Th>
      </TableHead>
      <TableBody>
        {rows.map((row) => {
          const cents = toCents(names.map((name) => row.values[name] ?? 0));
          return (
            <tr key={row.start}>
              <Td className="whitespace-nowrap">{stepLabel(row.start, step)}</Td>
              {cents.map((value, index) => (
                <Td key={names[index]} className="text-right font-mono whitespace-nowrap">
                  {formatCents(value, COST_CURRENCY)}
                </Td>
              ))}
              <Td className="text-right font-mono whitespace-nowrap">
                {formatCents(
                  cents.reduce((sum, value) => sum + value, 0),
                  COST_CURRENCY,
                )}
              </Td>
            </tr>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** Where the view sits in the drill-down: all projects › a project › a user. */
function DrillTrail({ search, setSearch, projectId }: { search: CostSearch; setSearch: SetCostSearch; projectId: string | undefined }) {
  const projects = search.filter.project ?? [];
  const users = search.filter.user ?? [];
  if (projects.length !== 1) return null;
  const project = projects[0]!;
  const toAll = () => setSearch({ filter: { ...search.filter, project: undefined, user: undefined }, by: 'project', then: undefined, page: 1 });
  const toProject = () => setSearch({ filter: { ...search.filter, user: undefined }, by: 'user', then: undefined, page: 1 });
  const crumb = 'text-blue-700 underline underline-offset-2 dark:text-blue-400';
  return (
    <div className="space-y-1">
      <nav aria-label="Drill-down" className="text-sm">
        <ol className="flex flex-wrap items-center gap-1.5 text-slate-600 dark:text-slate-400">
          <li>
            <button type="button" className={crumb} onClick={toAll}>
              All projects
            </button>
          </li>
          <li aria-hidden="true">/</li>
          <li>
            {users.length === 1 ? (
              <button type="button" className={crumb} onClick={toProject}>
                {project}
              </button>
            ) : (
              <span aria-current="page">{project}</span>
            )}
          </li>
          {users.length === 1 ? (
            <>
              <li aria-hidden="true">/</li>
              <li>
                <span aria-current="page">{users[0]}</span>
              </li>
            </>
          ) : null}
        </ol>
      </nav>
      {projectId ? (
        <p className="flex gap-4 text-sm">
          <Link to="/projects/$projectId" params={{ projectId }} className={linkClasses}>
            Open project {project}
          </Link>
          <Link to="/jobs" search={{ projectId }} className={linkClasses}>
            Jobs of {project}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

function ChartsFailed() {
  return <p className="text-sm text-red-700 dark:text-red-300">The charts could not be loaded; the tables below hold the same figures. Reload to try again.</p>;
}

function StackSkeleton() {
  const { charts, failed } = useCostCharts();
  if (failed) return <ChartsFailed />;
  return charts ? <charts.StackChartSkeleton /> : <div className="skeleton h-80 w-full" />;
}

function BreakdownSkeleton() {
  const { charts } = useCostCharts();
  return charts ? <charts.BreakdownChartSkeleton /> : <div className="skeleton h-40 w-full" />;
}

/** The view's sections while the answer is on its way: chart frames with gray bars, then the table's rows. */
function AllocationSkeleton() {
  return (
    <div className="space-y-8">
      <p className="sr-only" role="status">
        Loading cost allocation…
      </p>
      <PageSection title="Cost over time">
        <StackSkeleton />
      </PageSection>
      <PageSection title="Breakdown">
        <BreakdownSkeleton />
      </PageSection>
      <TableSkeleton rows={8} columns={6} label="Loading cost allocation…" />
    </div>
  );
}

export interface AllocationViewProps {
  search: CostSearch;
  setSearch: SetCostSearch;
  window: CostWindow;
  query: UseQueryResult<AllocationAnswer>;
  request: AllocationRequest;
  now: number;
}

export function AllocationView({ search, setSearch, window, query, request, now }: AllocationViewProps) {
  const answer = query.data;
  // The moment the answer is in hand, once per answer: the benchmark measures from here to painted.
  useMemo(() => answer && performance.mark(DATA_MARK), [answer]);
  const view = useMemo(() => {
    if (!answer) return undefined;
    const series = bucketSeries(answer.rows, { step: search.step, from: window.from, to: window.to, top: TOP_N });
    const rows = search.mode === 'cumulative' ? cumulative(series.rows) : series.rows;
    const lines = summarize(answer.rows);
    const ranked = rankNames(answer.rows);
    const top = ranked.slice(0, TOP_N);
    const rest = ranked.slice(TOP_N);
    const breakdown = rest.length > 1 ? [...top, { name: OTHER, total: rest.reduce((sum, entry) => sum + entry.total, 0) }] : ranked;
    return { names: series.names, rows, lines, breakdown, step: search.step, unit: unitLabel(search.step, search.mode) };
  }, [answer, search.step, search.mode, window.from, window.to]);

  // The charts draw from a deferred copy: the table and totals come first, and the charts follow
  // in a render React may interrupt, so no one task holds the page for the whole drawing.
  const chartView = useDeferredValue(view);
  // And the breakdown one render later still: each chart's mount is its own task.
  const breakdownView = useDeferredValue(chartView);
  const { charts } = useCostCharts();

  if (query.isPending) return <AllocationSkeleton />;
  if (query.isError && !answer) return <ApiErrorAlert title="Could not load the cost allocation" error={errorDetails(query.error)} />;
  if (!answer || !view) return null;

  const unit = unitLabel(search.step, search.mode);
  const keyHeaders = request.aggregate.map((key) => AGGREGATE_LABELS[key]);
  const projectId = search.filter.project?.length === 1 ? answer.rows.find((row) => row.projectId)?.projectId : undefined;
  const drillable =
    request.aggregate.length === 1 && (search.by === 'project' || (search.by === 'user' && search.filter.project?.length === 1 && !search.filter.user));
  const renderKey = drillable
    ? (line: CentLine) =>
        line.name.startsWith('__') ? (
          displayCostName(line.name)
        ) : (
          <button
            type="button"
            aria-label={`Drill into ${line.name}`}
            className={linkClasses}
            onClick={() =>
              setSearch(
                search.by === 'project'
                  ? { filter: { ...search.filter, project: [line.name] }, by: 'user', page: 1 }
                  : { filter: { ...search.filter, user: [line.name] }, by: 'workloadType', page: 1 },
              )
            }
          >
            {line.name}
          </button>
        )
    : undefined;
  const marks =
    search.budget && (search.mode === 'cumulative' || search.step === 'month')
      ? [
          { value: search.budget * 0.75, label: `75 % of budget (${formatCents(Math.round(search.budget * 75), COST_CURRENCY)})` },
          { value: search.budget, label: `Budget (${formatCents(Math.round(search.budget * 100), COST_CURRENCY)})` },
        ]
      : [];

  return (
    <div className="space-y-8" aria-busy={query.isFetching}>
      <DrillTrail search={search} setSearch={setSearch} projectId={projectId} />
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {answer.completeUntil !== undefined
          ? `Data complete up to ${dateTime.format(answer.completeUntil)} (${new Date(answer.completeUntil).toISOString().slice(0, 16).replace('T', ' ')} UTC).`
          : 'No data in this window.'}
        {query.isFetching ? ' Updating…' : ''}
      </p>
      <BudgetPanel search={search} setSearch={setSearch} request={request} now={now} />
      {answer.rows.length === 0 ? (
        <EmptyState title="No cost in this window">Nothing ran in the window with these filters. Try a longer window or fewer filters.</EmptyState>
      ) : (
        <>
          <PageSection
            title={`Cost over time (${COST_CURRENCY} ${unit}, UTC)`}
            actions={
              <div role="group" aria-label="Show cost over time as" className="inline-flex gap-1">
                <Button size="sm" aria-pressed={search.display === 'chart'} onClick={() => setSearch({ display: 'chart' })}>
                  Chart
                </Button>
                <Button size="sm" aria-pressed={search.display === 'table'} onClick={() => setSearch({ display: 'table' })}>
                  Table
                </Button>
              </div>
            }
          >
            {search.display === 'chart' ? (
              chartView && charts ? (
                <charts.CostStackChart
                  names={chartView.names}
                  rows={chartView.rows}
                  step={chartView.step}
                  unit={chartView.unit}
                  currency={COST_CURRENCY}
                  marks={marks}
                />
              ) : (
                <StackSkeleton />
              )
            ) : (
              <StepsTable names={view.names} rows={view.rows} step={search.step} unit={unit} />
            )}
          </PageSection>
          <PageSection title={`Breakdown by ${keyHeaders.join(' and ').toLowerCase()} (${COST_CURRENCY}, the whole window)`}>
            {breakdownView && charts ? <charts.CostBreakdownChart entries={breakdownView.breakdown} currency={COST_CURRENCY} /> : <BreakdownSkeleton />}
            <p className="text-xs text-slate-600 dark:text-slate-400">Every line is in the table below, with its CPU, GPU and RAM split.</p>
          </PageSection>
          <PageSection title={`By ${keyHeaders.join(' and ').toLowerCase()}`}>
            <CostLinesTable
              caption={`Cost by ${keyHeaders.join(' and ').toLowerCase()}, ${COST_CURRENCY}, the whole window`}
              keyHeaders={keyHeaders}
              lines={view.lines}
              search={search}
              setSearch={setSearch}
              fileName={`cost-by-${request.aggregate.join('-')}-${window.api.replaceAll(/[^0-9A-Za-z]+/g, '_')}.csv`}
              renderKey={renderKey}
            />
          </PageSection>
        </>
      )}
    </div>
  );
}
