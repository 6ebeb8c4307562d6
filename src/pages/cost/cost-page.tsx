// The cost page (/cost): where compute money goes, for site administrators only (Domino refuses
// cost allocation to anyone else, and the nav hides the page from them). Three views: allocation
// over a window (charts, table, drill-down, budget), the monthly chargeback by billing tag, and
// the node pools' assets. Every choice is in the URL (cost-search.ts).
import { useQuery } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { AGGREGATE_KEYS, COST_STEPS, IDLE_MODES, WINDOW_PRESETS, type AggregateKey, type IdleMode } from '../../api/cost-options';
import { AGGREGATE_LABELS, WINDOW_LABELS } from './cost-labels';
import { costQueries, isCostRefusal } from '../../api/cost';
import { Button } from '../../components/button';
import { FilterSelect, type FilterOption } from '../../components/filter-select';
import { InlineAlert } from '../../components/inline-alert';
import { PageHeader } from '../../components/page-header';
import { PageSkeleton } from '../../components/skeleton';
import { Tabs } from '../../components/tabs';
import { inputClasses } from '../../components/field';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useIsSiteAdmin } from '../../hooks/use-site-admin';
import { AllocationView } from './cost-allocation';
import { AssetsView } from './cost-assets';
import { ChargebackView } from './cost-chargeback';
import { buildFilter, withFilterValue } from './cost-filter';
import type { CostSearch } from './cost-search';
import { displayCostName } from './cost-view';
import { customWindow, presetWindow, toDay, type CostWindow } from './cost-window';

const routeApi = getRouteApi('/cost');

export type SetCostSearch = (change: Partial<CostSearch>, options?: { replace?: boolean }) => void;

export function useCostSearch(): [CostSearch, SetCostSearch] {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  return [
    search,
    (change, options) => void navigate({ search: (previous) => ({ ...previous, ...change }), replace: options?.replace ?? false, resetScroll: false }),
  ];
}

const IDLE_LABELS: Record<IdleMode, string> = { hide: 'Hidden', separate: 'Shown separately', share: 'Shared in proportion to cost' };
const STEP_LABELS = { day: 'Day', week: 'Week (from Monday)', month: 'Month' } as const;

/** The window the URL asks for; a custom range that is not one falls back to the last 30 days. */
export function resolveWindow(search: Pick<CostSearch, 'window' | 'from' | 'to'>, now: number): { window: CostWindow; invalidCustom: boolean } {
  if (search.window !== 'custom') return { window: presetWindow(search.window, now), invalidCustom: false };
  const custom = customWindow(search.from, search.to);
  return custom ? { window: custom, invalidCustom: false } : { window: presetWindow('30d', now), invalidCustom: true };
}

function CustomRange({ search, setSearch, now }: { search: CostSearch; setSearch: SetCostSearch; now: number }) {
  const today = toDay(now);
  // Two weeks up to today, to start from.
  const [from, setFrom] = useState(search.from ?? toDay(now - 13 * 24 * 3600 * 1000));
  const [to, setTo] = useState(search.to ?? today);
  const valid = customWindow(from, to) !== undefined;
  return (
    <form
      aria-label="Custom range"
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) setSearch({ window: 'custom', from, to, page: 1 });
      }}
    >
      <label className="text-sm">
        <span className="block font-medium text-slate-700 dark:text-slate-300">From (UTC)</span>
        <input type="date" value={from} max={today} onChange={(event) => setFrom(event.target.value)} className={`${inputClasses} h-9`} />
      </label>
      <label className="text-sm">
        <span className="block font-medium text-slate-700 dark:text-slate-300">To (UTC, inclusive)</span>
        <input type="date" value={to} onChange={(event) => setTo(event.target.value)} className={`${inputClasses} h-9`} />
      </label>
      <Button type="submit" size="sm" disabled={!valid} className="h-9">
        Apply range
      </Button>
    </form>
  );
}

/** Add a filter: a key, then one of the values seen for it in the window. */
function FilterAdder({ search, setSearch, window }: { search: CostSearch; setSearch: SetCostSearch; window: CostWindow }) {
  const [key, setKey] = useState<AggregateKey>('project');
  const [value, setValue] = useState('');
  // The names alone: one set for the window, not one a day.
  const values = useQuery(costQueries.allocation({ window: window.api, aggregate: [key], filter: '', idle: 'hide', accumulate: true }));
  const names = [...new Set(values.data?.rows.map((row) => row.name) ?? [])].filter((name) => !(search.filter[key] ?? []).includes(name)).sort();
  const options: FilterOption<string>[] = [
    { value: '', label: values.isPending ? 'Loading…' : names.length === 0 ? 'No values' : 'Choose…' },
    ...names.map((name) => ({ value: name, label: displayCostName(name) })),
  ];
  return (
    <form
      aria-label="Add a filter"
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!value) return;
        setSearch({ filter: withFilterValue(search.filter, key, value, true), page: 1 });
        setValue('');
      }}
    >
      <FilterSelect
        label="Filter on"
        value={key}
        options={AGGREGATE_KEYS.map((candidate) => ({ value: candidate, label: AGGREGATE_LABELS[candidate] }))}
        onChange={(next) => {
          setKey(next);
          setValue('');
        }}
      />
      <FilterSelect label="Value" value={names.includes(value) ? value : ''} options={options} onChange={setValue} selectClassName="min-w-40" />
      <Button type="submit" size="sm" disabled={!value} className="h-9">
        Add filter
      </Button>
    </form>
  );
}

function ActiveFilters({ search, setSearch }: { search: CostSearch; setSearch: SetCostSearch }) {
  const chips = AGGREGATE_KEYS.flatMap((key) => (search.filter[key] ?? []).map((value) => ({ key, value })));
  if (chips.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No filters: every allocation in the window.</p>;
  return (
    <ul aria-label="Filters" className="flex flex-wrap gap-2">
      {chips.map(({ key, value }) => (
        <li key={`${key}:${value}`} className="flex items-center gap-1 rounded-full border border-slate-300 py-0.5 pr-1 pl-3 text-sm dark:border-slate-600">
          <span>
            {AGGREGATE_LABELS[key]}: {displayCostName(value)}
          </span>
          <button
            type="button"
            aria-label={`Remove filter ${AGGREGATE_LABELS[key]}: ${displayCostName(value)}`}
            onClick={() => setSearch({ filter: withFilterValue(search.filter, key, value, false), page: 1 })}
            className="rounded-full px-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
          >
            ×
          </button>
        </li>
      ))}
      <li>
        <Button size="sm" variant="ghost" onClick={() => setSearch({ filter: {}, page: 1 })}>
          Clear filters
        </Button>
      </li>
    </ul>
  );
}

function WindowPicker({ search, setSearch, invalidCustom, now }: { search: CostSearch; setSearch: SetCostSearch; invalidCustom: boolean; now: number }) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      <FilterSelect
        label="Window (UTC)"
        value={search.window}
        options={[...WINDOW_PRESETS, 'custom' as const].map((value) => ({ value, label: WINDOW_LABELS[value] }))}
        onChange={(value) => setSearch(value === 'custom' ? { window: 'custom' } : { window: value, from: undefined, to: undefined, page: 1 })}
      />
      {search.window === 'custom' ? <CustomRange key={`${search.from}/${search.to}`} search={search} setSearch={setSearch} now={now} /> : null}
      {invalidCustom ? (
        <p className="text-sm text-amber-800 dark:text-amber-300">
          Choose both days of the range (the first not after the last): showing the last 30 days meanwhile.
        </p>
      ) : null}
    </div>
  );
}

function AllocationControls({ search, setSearch, window }: { search: CostSearch; setSearch: SetCostSearch; window: CostWindow }) {
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <FilterSelect
          label="Aggregate by"
          value={search.by}
          options={AGGREGATE_KEYS.map((value) => ({ value, label: AGGREGATE_LABELS[value] }))}
          onChange={(by) => setSearch({ by, then: search.then === by ? undefined : search.then, page: 1 })}
        />
        <FilterSelect
          label="Then by"
          value={search.then ?? ''}
          options={[
            { value: '', label: 'Nothing' },
            ...AGGREGATE_KEYS.filter((key) => key !== search.by).map((value) => ({ value, label: AGGREGATE_LABELS[value] })),
          ]}
          onChange={(then) => setSearch({ then: then === '' ? undefined : (then as AggregateKey), page: 1 })}
        />
        <FilterSelect
          label="Idle capacity"
          value={search.idle}
          options={IDLE_MODES.map((value) => ({ value, label: IDLE_LABELS[value] }))}
          onChange={(idle) => setSearch({ idle })}
        />
        <FilterSelect
          label="Step"
          value={search.step}
          options={COST_STEPS.map((value) => ({ value, label: STEP_LABELS[value] }))}
          onChange={(step) => setSearch({ step })}
        />
        <div role="group" aria-label="Amounts" className="inline-flex gap-1">
          <Button size="sm" className="h-9" aria-pressed={search.mode === 'rate'} onClick={() => setSearch({ mode: 'rate' })}>
            Per {search.step}
          </Button>
          <Button size="sm" className="h-9" aria-pressed={search.mode === 'cumulative'} onClick={() => setSearch({ mode: 'cumulative' })}>
            Cumulative
          </Button>
        </div>
      </div>
      <FilterAdder search={search} setSearch={setSearch} window={window} />
      <ActiveFilters search={search} setSearch={setSearch} />
    </div>
  );
}

function NotAdmin() {
  return (
    <InlineAlert tone="info" title="Cost is for site administrators">
      Domino shows cost allocation only to site administrators: its cost API refuses everyone else. Ask an administrator for the figures of your projects.
    </InlineAlert>
  );
}

export function CostPage() {
  useDocumentTitle('Cost');
  const isAdmin = useIsSiteAdmin();
  const [search, setSearch] = useCostSearch();
  const [now] = useState(Date.now);
  const { window, invalidCustom } = resolveWindow(search, now);
  const aggregate = search.then ? [search.by, search.then] : [search.by];
  const request = { window: window.api, aggregate, filter: buildFilter(search.filter), idle: search.idle };
  // Asked as soon as the admin check passes; a 403 (a real Domino's answer to others) says the same.
  const allocation = useQuery({ ...costQueries.allocation(request), enabled: isAdmin === true && search.view === 'allocation' });

  let body;
  if (isAdmin === undefined) body = <PageSkeleton />;
  else if (!isAdmin || (allocation.isError && isCostRefusal(allocation.error))) body = <NotAdmin />;
  else
    body = (
      <Tabs
        label="Cost views"
        items={[
          { value: 'allocation', label: 'Allocation' },
          { value: 'chargeback', label: 'Monthly chargeback' },
          { value: 'assets', label: 'Assets' },
        ]}
        selected={search.view}
        onSelect={(view) => setSearch({ view, page: 1 })}
      >
        <div className="space-y-6 pt-4">
          {search.view !== 'chargeback' ? <WindowPicker search={search} setSearch={setSearch} invalidCustom={invalidCustom} now={now} /> : null}
          {search.view === 'allocation' ? (
            <>
              <AllocationControls search={search} setSearch={setSearch} window={window} />
              <AllocationView search={search} setSearch={setSearch} window={window} query={allocation} request={request} now={now} />
            </>
          ) : null}
          {search.view === 'chargeback' ? <ChargebackView search={search} setSearch={setSearch} now={now} /> : null}
          {search.view === 'assets' ? <AssetsView window={window} /> : null}
        </div>
      </Tabs>
    );

  return (
    <div>
      <PageHeader
        title="Cost"
        description="Where compute money goes: allocation by project, user, organization, tier, workload type and billing tag; chargeback by billing tag; the node pools' capacity. Times are UTC."
      />
      {body}
    </div>
  );
}

export const costLazyRoute = createLazyRoute('/cost')({ component: CostPage, pendingComponent: PageSkeleton });
