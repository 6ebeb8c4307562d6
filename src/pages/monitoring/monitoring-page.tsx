import { keepPreviousData, useQuery, useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi } from '@tanstack/react-router';
import { lazy, Suspense, useState } from 'react';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { errorMessage } from '../../api/error-details';
import { isDominoApiError } from '../../api/http';
import { monitoringQueries, type MetricSeries, type MetricWindow } from '../../api/monitoring';
import { isInTargetRange } from '../../api/schemas/monitoring';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ExactMatchFilter } from '../../components/exact-match-filter';
import { FilterSelect } from '../../components/filter-select';
import { InlineAlert } from '../../components/inline-alert';
import { PageHeader } from '../../components/page-header';
import { PageSection } from '../../components/page-section';
import { Pagination } from '../../components/pagination';
import { PageSkeleton, TableSkeleton } from '../../components/skeleton';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { offsetOf, useTableUrlState } from '../../hooks/use-table-url-state';
import { dateTime } from '../../lib/dates';
import { AlertsSection } from './alerts-section';
import { LogValueForm } from './log-value-form';
import { TargetRangeForm } from './target-range-form';
import { WINDOW_DAYS, type MonitoringSearch } from './monitoring-search';
import { describeRange, type TargetRange } from './target-range';

const MetricChart = lazy(() => import('./metric-chart').then((module) => ({ default: module.MetricChart })));

const routeApi = getRouteApi('/monitoring');
const DAY_MS = 24 * 3600 * 1000;
/** Against a Domino without the models list, the window counts back from now: 30 days unless chosen. */
const DEFAULT_DAYS_WITHOUT_LIST = 30;

/** The route's loader, loaded with this page. */
export async function loadMonitoring(queryClient: QueryClient): Promise<void> {
  const info = await queryClient.ensureQueryData(embeddedQueries.info());
  if (hasExtension(info, 'monitored-models')) await queryClient.ensureQueryData(monitoringQueries.models());
}

const toStamp = (ms: number) => new Date(ms).toISOString();

/** The window asked of the server: both ends inclusive. */
export function windowOf(search: Pick<MonitoringSearch, 'days'>, known: { first?: string; last?: string } | undefined, now: number) {
  if (known?.first && known.last) {
    const last = Date.parse(known.last);
    const from = search.days ? Math.max(Date.parse(known.first), last - search.days * DAY_MS) : Date.parse(known.first);
    return { from: toStamp(from), to: toStamp(last) };
  }
  return { from: toStamp(now - (search.days ?? DEFAULT_DAYS_WITHOUT_LIST) * DAY_MS), to: toStamp(now) };
}

function ValuesTable({ series, metric, targetRange }: { series: MetricSeries; metric: string; targetRange?: TargetRange }) {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const table = useTableUrlState(search, (next, { replace }) => void navigate({ search: next, replace, resetScroll: false }), { queryResetsPage: true });
  const total = series.values.length;
  // Newest first: the latest values are what a reader checks.
  const start = offsetOf(table);
  const rows: number[] = [];
  for (let k = start; k < Math.min(total, start + table.pageSize); k++) rows.push(total - 1 - k);
  return (
    <div className="space-y-3">
      <Table caption={`Values of ${metric}, newest first`}>
        <TableHead>
          <Th>Time</Th>
          <Th>Value</Th>
          {targetRange ? <Th>Target range</Th> : null}
          <Th>Tags</Th>
        </TableHead>
        <TableBody>
          {rows.map((i) => {
            const value = series.values[i]!;
            const inRange = !targetRange || isInTargetRange(value, targetRange);
            return (
              <tr key={i}>
                <Td>{dateTime.format(series.times[i]!)}</Td>
                <Td className="font-mono">{value}</Td>
                {targetRange ? <Td>{inRange ? 'In range' : <Badge tone="amber">▲ Out of range</Badge>}</Td> : null}
                <Td>{series.tags[i]?.length ? series.tags[i]!.map((tag) => `${tag.key}=${tag.value}`).join(', ') : '—'}</Td>
              </tr>
            );
          })}
        </TableBody>
      </Table>
      <Pagination {...table.pagination} itemCount={rows.length} totalCount={total} noun="values" />
    </div>
  );
}

function SeriesView({ window, targetRange, view }: { window: MetricWindow; targetRange?: TargetRange; view: MonitoringSearch['view'] }) {
  const values = useQuery({ ...monitoringQueries.values(window), placeholderData: keepPreviousData });
  if (values.isPending) return <TableSkeleton rows={6} columns={3} label={`Loading the values of ${window.metric}…`} />;
  if (values.isError) {
    if (isDominoApiError(values.error, 404))
      return <EmptyState title="Nothing logged">No value was ever logged for the model {window.modelMonitoringId}.</EmptyState>;
    return <InlineAlert title="The values could not be loaded">{errorMessage(values.error)}</InlineAlert>;
  }
  const series = values.data;
  return (
    <div className="space-y-3" aria-busy={values.isPlaceholderData || undefined}>
      {series.notices.map((notice) => (
        <InlineAlert key={notice} tone="info">
          {notice}
        </InlineAlert>
      ))}
      {series.values.length === 0 ? (
        <EmptyState title="No values in this window">
          No value of {window.metric} was logged between {dateTime.format(Date.parse(window.from))} and {dateTime.format(Date.parse(window.to))}.
        </EmptyState>
      ) : view === 'table' ? (
        <ValuesTable series={series} metric={window.metric} targetRange={targetRange} />
      ) : (
        <Suspense fallback={<div role="status" aria-label="Loading the chart…" className="skeleton h-80 w-full" />}>
          <MetricChart series={series} metric={window.metric} targetRange={targetRange} />
        </Suspense>
      )}
    </div>
  );
}

export function MonitoringPage() {
  useDocumentTitle('Monitoring');
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { data: info } = useSuspenseQuery(embeddedQueries.info());
  const listsModels = hasExtension(info, 'monitored-models');
  const models = useQuery({ ...monitoringQueries.models(), enabled: listsModels });
  const [now] = useState(() => Date.now());

  // Where the URL names nothing, the first model and its first metric with values.
  const model = listsModels ? (models.data?.find((m) => m.modelMonitoringId === search.model) ?? (search.model ? undefined : models.data?.[0])) : undefined;
  const modelId = search.model ?? model?.modelMonitoringId;
  const metricInfo =
    model?.metrics.find((m) => m.metric === search.metric) ?? (search.metric ? undefined : (model?.metrics.find((m) => m.valueCount > 0) ?? model?.metrics[0]));
  const metric = search.metric ?? metricInfo?.metric;
  const targetRange = metricInfo?.targetRange;
  const span = windowOf(search, metricInfo ? { first: metricInfo.firstReferenceTimestamp, last: metricInfo.lastReferenceTimestamp } : undefined, now);
  const setSearch = (change: Partial<MonitoringSearch>) => void navigate({ search: (previous) => ({ ...previous, page: 1, ...change }), resetScroll: false });

  let content;
  if (listsModels && models.isPending) content = <TableSkeleton rows={4} columns={3} label="Loading monitored models…" />;
  else if (listsModels && models.isError) content = <InlineAlert title="The monitored models could not be loaded">{errorMessage(models.error)}</InlineAlert>;
  else if (listsModels && models.data?.length === 0)
    content = (
      <EmptyState title="No monitored models yet">
        A model appears here once a value of one of its metrics is logged (POST /api/metricValues/v1, or Domino’s Python client’s log_metric).
      </EmptyState>
    );
  else if (!modelId || !metric)
    content = <EmptyState title="Choose a model and a metric">Type a model monitoring id and a metric name above to see its values.</EmptyState>;
  else
    content = (
      <div className="space-y-8">
        <PageSection
          title={`${metric} of ${modelId}`}
          actions={
            <div role="group" aria-label="Show the values as" className="inline-flex gap-1">
              <Button size="sm" aria-pressed={search.view === 'chart'} onClick={() => setSearch({ view: 'chart' })}>
                Chart
              </Button>
              <Button size="sm" aria-pressed={search.view === 'table'} onClick={() => setSearch({ view: 'table' })}>
                Table
              </Button>
            </div>
          }
        >
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {targetRange ? <>Target range: {describeRange(targetRange)}. </> : 'No target range is configured for this metric. '}
            From {dateTime.format(Date.parse(span.from))} to {dateTime.format(Date.parse(span.to))}.
          </p>
          <SeriesView window={{ modelMonitoringId: modelId, metric, ...span }} targetRange={targetRange} view={search.view} />
        </PageSection>
        {hasExtension(info, 'metric-alerts') ? (
          <PageSection title="Alerts">
            <AlertsSection key={`${modelId}/${metric}`} modelMonitoringId={modelId} metric={metric} />
          </PageSection>
        ) : null}
        <PageSection title="Target range">
          <TargetRangeForm
            key={`${modelId}/${metric}/${targetRange ? describeRange(targetRange) : ''}`}
            modelMonitoringId={modelId}
            metric={metric}
            current={targetRange}
            canConfigure={hasExtension(info, 'metric-ranges')}
          />
        </PageSection>
        <PageSection title="Log a value">
          <LogValueForm key={`${modelId}/${metric}`} modelMonitoringId={modelId} metric={metric} />
        </PageSection>
      </div>
    );

  const windowOptions = [
    { value: 'all', label: listsModels ? 'Every value' : `Last ${DEFAULT_DAYS_WITHOUT_LIST} days` },
    ...WINDOW_DAYS.filter((d) => listsModels || d !== DEFAULT_DAYS_WITHOUT_LIST).map((d) => ({ value: String(d), label: `Last ${d} days` })),
  ];
  return (
    <div>
      <PageHeader
        title="Monitoring"
        description="Custom metrics logged for monitored models: their values over time against the target range, and the alerts they raised."
      />
      <div className="space-y-6">
        <div className="flex flex-wrap items-end gap-3">
          {listsModels ? (
            <>
              <FilterSelect
                label="Model"
                value={modelId ?? ''}
                options={(models.data ?? []).map((m) => ({ value: m.modelMonitoringId, label: m.modelMonitoringId }))}
                onChange={(value) => setSearch({ model: value, metric: undefined })}
                selectClassName="min-w-48"
              />
              <FilterSelect
                label="Metric"
                value={metric ?? ''}
                options={(model?.metrics ?? []).map((m) => ({ value: m.metric, label: `${m.metric}${m.alertCount ? ` (${m.alertCount} alerts)` : ''}` }))}
                onChange={(value) => setSearch({ model: modelId, metric: value })}
                selectClassName="min-w-40"
              />
            </>
          ) : (
            <>
              <ExactMatchFilter
                label="Model monitoring id"
                formLabel="Choose the model"
                value={search.model ?? ''}
                onApply={(value) => setSearch({ model: value || undefined })}
              />
              <ExactMatchFilter
                label="Metric"
                formLabel="Choose the metric"
                value={search.metric ?? ''}
                onApply={(value) => setSearch({ metric: value || undefined })}
              />
            </>
          )}
          <FilterSelect
            label="Window"
            value={search.days ? String(search.days) : 'all'}
            options={windowOptions}
            onChange={(value) => setSearch({ days: value === 'all' ? undefined : (Number(value) as (typeof WINDOW_DAYS)[number]) })}
          />
        </div>
        {content}
      </div>
    </div>
  );
}

export const monitoringLazyRoute = createLazyRoute('/monitoring')({ component: MonitoringPage, pendingComponent: PageSkeleton });
