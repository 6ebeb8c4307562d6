import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { errorDetails } from '../../api/error-details';
import { hardwareTiersQueries } from '../../api/hardware-tiers';
import { jobsQueries } from '../../api/jobs';
import type { JobSortField, JobV1 } from '../../api/schemas/jobs';
import { usersQueries } from '../../api/users';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { Pagination } from '../../components/pagination';
import { TableSkeleton } from '../../components/skeleton';
import { Table, TableBody, TableHead } from '../../components/table';
import { PAGE_SIZES } from '../../hooks/use-table-url-state';
import { displayName } from '../../lib/user-names';
import { JobStatusBadge } from './job-status-badge';
import { JobTags } from './job-tags';
import { formatAbsolute, formatDuration, formatRelative, isLiveStatus, jobDurationMs, parseTime } from './job-status';
import { toJobListRequest, type JobListState } from './jobs-search';
import { RunJobDialog } from './run-job-dialog';
import { useNow } from './use-now';

/** How often the list is asked again while any job on it may still change. */
export const LIVE_LIST_REFRESH_MS = 2000;
// At most this many dominoStats columns: past that the table no longer fits a laptop screen.
const MAX_STAT_COLUMNS = 3;

const TAG_INPUT_CLASSES =
  'block h-9 w-40 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 placeholder:text-slate-500 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-400';

const STATUS_FILTER_LABELS: Record<JobListState['status'], string> = {
  all: 'All',
  queued: 'Queued',
  running: 'Running',
  completed: 'Completed',
  active: 'Active',
  archived: 'Archived',
};

const SORT_LABELS: Record<Exclude<JobSortField, 'dominoStatsField'>, string> = {
  number: 'Number',
  title: 'Title',
  command: 'Command',
  startedTime: 'Started',
  duration: 'Duration',
  status: 'Status',
  user: 'Started by',
  commentCount: 'Comments',
};

// Numbers and times read best newest/largest first; words read best A→Z.
const DESCENDING_FIRST: ReadonlySet<JobSortField> = new Set(['number', 'startedTime', 'duration', 'commentCount', 'dominoStatsField']);

/** The next state when a sortable column header is clicked: the same column flips, a new one starts in its natural order. */
export function nextSort(state: JobListState, sortBy: JobSortField, statsField?: string): JobListState {
  const same = state.sortBy === sortBy && (sortBy !== 'dominoStatsField' || state.statsField === statsField);
  return {
    ...state,
    sortBy,
    statsField: sortBy === 'dominoStatsField' ? statsField : undefined,
    ascending: same ? !state.ascending : !DESCENDING_FIRST.has(sortBy),
    page: 1,
  };
}

/** The dominoStats names on this page of jobs, in first-seen order, for the optional stat columns. */
export function statNames(jobs: readonly Pick<JobV1, 'dominoStats'>[], max = MAX_STAT_COLUMNS): string[] {
  const names: string[] = [];
  for (const job of jobs) {
    for (const stat of job.dominoStats) {
      if (!names.includes(stat.name)) names.push(stat.name);
      if (names.length >= max) return names;
    }
  }
  return names;
}

export function hasActiveFilters(state: JobListState): boolean {
  return state.status !== 'all' || state.tag.trim() !== '' || state.showArchived;
}

export interface JobsListProps {
  projectId: string;
  /** The project's name, for the dialog and captions; optional while it loads. */
  projectName?: string;
  state: JobListState;
  onStateChange: (next: JobListState, options: { replace: boolean }) => void;
  /** Shown at the start of the actions row (the /jobs page puts its project picker there). */
  leading?: ReactNode;
}

/** The jobs of one project: filters, sortable table, paging, live refresh and "Run a job". */
export function JobsList({ projectId, projectName, state, onStateChange, leading }: JobsListProps) {
  const [running, setRunning] = useState(false);
  const list = useQuery({
    ...jobsQueries.list(toJobListRequest(projectId, state)),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.jobs.some((job) => isLiveStatus(job.status)) ? LIVE_LIST_REFRESH_MS : false),
  });
  const anyLive = list.data?.jobs.some((job) => isLiveStatus(job.status)) ?? false;
  const now = useNow(anyLive ? 1000 : 30_000);
  const set = (patch: Partial<JobListState>, replace = false) => onStateChange({ ...state, ...patch }, { replace });

  let content: ReactNode;
  if (list.isPending) {
    content = <TableSkeleton rows={8} columns={6} label="Loading jobs…" />;
  } else if (list.data === undefined) {
    // Only a failed first load: a failed refresh keeps the rows on screen (the QueryClient toasts it).
    content = <ErrorPanel details={errorDetails(list.error)} onRetry={() => void list.refetch()} />;
  } else if (list.data.jobs.length === 0) {
    if (state.page > 1) {
      content = (
        <EmptyState title="This page is empty" action={<Button onClick={() => set({ page: 1 })}>Go to the first page</Button>}>
          There are fewer jobs than this page would start at.
        </EmptyState>
      );
    } else if (hasActiveFilters(state)) {
      content = (
        <EmptyState
          title="No jobs match these filters"
          action={<Button onClick={() => onStateChange({ ...state, status: 'all', tag: '', showArchived: false, page: 1 }, { replace: false })}>Clear the filters</Button>}
        >
          {state.tag.trim() ? `Tag filters match the exact tag name “${state.tag.trim()}”. ` : ''}
          Try another status, or show archived jobs too.
        </EmptyState>
      );
    } else {
      content = (
        <EmptyState title="No jobs in this project yet" action={<Button variant="primary" onClick={() => setRunning(true)}>Run a job</Button>}>
          A job runs a command on the project's files and keeps its logs, results and usage.
        </EmptyState>
      );
    }
  } else {
    content = <JobsTable jobs={list.data.jobs} projectId={projectId} projectName={projectName} state={state} now={now} onSort={(sortBy, statsField) => onStateChange(nextSort(state, sortBy, statsField), { replace: false })} />;
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">{leading}</div>
        <div className="ml-auto flex items-center gap-3">
          <p className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
            {anyLive ? (
              <span className="inline-flex items-center gap-1.5">
                <span aria-hidden="true" className="size-2 rounded-full bg-blue-600 motion-safe:animate-pulse dark:bg-blue-400" />
                Live: updating every {LIVE_LIST_REFRESH_MS / 1000} s
              </span>
            ) : null}
          </p>
          {!anyLive ? (
            <Button variant="ghost" onClick={() => void list.refetch()} aria-disabled={(list.isFetching && !list.isPending) || undefined}>
              {list.isFetching && !list.isPending ? 'Refreshing…' : 'Refresh'}
            </Button>
          ) : null}
          <Button variant="primary" onClick={() => setRunning(true)}>
            Run a job
          </Button>
        </div>
      </div>
      <JobsToolbar state={state} onChange={set} />
      {content}
      {list.data && list.data.jobs.length > 0 ? (
        <Pagination
          page={state.page}
          pageSize={state.pageSize}
          pageSizes={PAGE_SIZES}
          itemCount={list.data.jobs.length}
          totalCount={list.data.pagination.totalCount}
          onPageChange={(page) => set({ page: Math.max(1, page) })}
          onPageSizeChange={(pageSize) => set({ pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? (pageSize as JobListState['pageSize']) : state.pageSize, page: 1 })}
          noun="jobs"
          busy={list.isPlaceholderData}
        />
      ) : null}
      <RunJobDialog open={running} onClose={() => setRunning(false)} projectId={projectId} projectName={projectName} />
    </div>
  );
}

function JobsToolbar({ state, onChange }: { state: JobListState; onChange: (patch: Partial<JobListState>, replace?: boolean) => void }) {
  const statusId = useId();
  const tagId = useId();
  const sortId = useId();
  const archivedId = useId();
  const statsId = useId();
  const [tagText, setTagText] = useState(state.tag);
  const [followedTag, setFollowedTag] = useState(state.tag);
  if (state.tag !== followedTag) {
    // The URL changed elsewhere (Back, "Clear the filters"): show its tag.
    setFollowedTag(state.tag);
    setTagText(state.tag);
  }

  function applyTag(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChange({ tag: tagText.trim(), page: 1 });
  }

  const selectClasses = 'h-9 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100';
  const sortValue = state.sortBy === 'dominoStatsField' ? `stat:${state.statsField ?? ''}` : state.sortBy;

  return (
    <div className="flex flex-wrap items-end gap-x-3 gap-y-2">
      <div>
        <label htmlFor={statusId} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
          Status
        </label>
        <select id={statusId} value={state.status} onChange={(event) => onChange({ status: event.target.value as JobListState['status'], page: 1 })} className={selectClasses}>
          {Object.entries(STATUS_FILTER_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <form onSubmit={applyTag} role="search" aria-label="Filter by tag" className="flex items-end gap-1.5">
        <div>
          <label htmlFor={tagId} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
            Tag
          </label>
          <input id={tagId} type="search" value={tagText} onChange={(event) => setTagText(event.target.value)} placeholder="Tag name" autoComplete="off" className={TAG_INPUT_CLASSES} />
        </div>
        <Button type="submit">Filter</Button>
        {state.tag ? (
          <Button variant="ghost" onClick={() => onChange({ tag: '', page: 1 })} aria-label={`Clear the tag filter “${state.tag}”`}>
            Clear
          </Button>
        ) : null}
      </form>
      <div>
        <label htmlFor={sortId} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
          Sort by
        </label>
        <div className="flex gap-1.5">
          <select
            id={sortId}
            value={sortValue}
            onChange={(event) => {
              const value = event.target.value;
              if (value.startsWith('stat:')) onChange({ sortBy: 'dominoStatsField', statsField: value.slice(5), page: 1 });
              else onChange({ sortBy: value as JobSortField, statsField: undefined, page: 1 });
            }}
            className={selectClasses}
          >
            {Object.entries(SORT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
            {state.sortBy === 'dominoStatsField' && state.statsField ? <option value={sortValue}>Stat: {state.statsField}</option> : null}
          </select>
          <Button
            onClick={() => onChange({ ascending: !state.ascending, page: 1 })}
            aria-label={state.ascending ? 'Ascending order, switch to descending' : 'Descending order, switch to ascending'}
            title={state.ascending ? 'Ascending' : 'Descending'}
          >
            <span aria-hidden="true">{state.ascending ? '↑' : '↓'}</span>
          </Button>
        </div>
      </div>
      <div className="flex h-9 items-center gap-2">
        <input
          id={archivedId}
          type="checkbox"
          checked={state.showArchived || state.status === 'archived'}
          disabled={state.status === 'archived'}
          onChange={(event) => onChange({ showArchived: event.target.checked, page: 1 })}
          className="size-4 accent-blue-700 dark:accent-blue-400"
        />
        <label htmlFor={archivedId} className="text-sm text-slate-800 dark:text-slate-200">
          Show archived
        </label>
      </div>
      <div className="flex h-9 items-center gap-2">
        <input
          id={statsId}
          type="checkbox"
          checked={state.showStats}
          onChange={(event) => onChange({ showStats: event.target.checked }, true)}
          className="size-4 accent-blue-700 dark:accent-blue-400"
        />
        <label htmlFor={statsId} className="text-sm text-slate-800 dark:text-slate-200">
          Show results
        </label>
      </div>
    </div>
  );
}

// The table's own cells: a little tighter than the shared ones so every column fits at 1024 px.
const TH = 'px-3 py-2.5 font-semibold';
const TD = 'px-3 py-2.5 align-middle';

function SortHeader({ label, active, ascending, onClick, className = '' }: { label: string; active: boolean; ascending: boolean; onClick: () => void; className?: string }) {
  return (
    <th scope="col" aria-sort={active ? (ascending ? 'ascending' : 'descending') : 'none'} className={`${TH} ${className}`}>
      <button
        type="button"
        onClick={onClick}
        className="inline-flex items-center gap-1 rounded font-semibold tracking-wide whitespace-nowrap uppercase hover:text-slate-900 dark:hover:text-slate-100"
      >
        {label}
        <span aria-hidden="true" className={active ? '' : 'opacity-40'}>
          {active ? (ascending ? '↑' : '↓') : '↕'}
        </span>
      </button>
    </th>
  );
}

function DurationText({ job, now }: { job: JobV1; now: number }) {
  const duration = jobDurationMs(job, now);
  if (duration === undefined) return <span className="text-slate-500 dark:text-slate-400">—</span>;
  return (
    <span>
      {formatDuration(duration)}
      {isLiveStatus(job.status) ? <span className="sr-only"> so far</span> : null}
    </span>
  );
}

function JobsTable({
  jobs,
  projectId,
  projectName,
  state,
  now,
  onSort,
}: {
  jobs: readonly JobV1[];
  projectId: string;
  projectName: string | undefined;
  state: JobListState;
  now: number;
  onSort: (sortBy: JobSortField, statsField?: string) => void;
}) {
  const directory = useQuery(usersQueries.directory());
  const tiers = useQuery(hardwareTiersQueries.all());
  const usersById = new Map((directory.data ?? []).map((user) => [user.id, user]));
  const tierNames = new Map(tiers.data?.available ? tiers.data.tiers.map((tier) => [tier.id, tier.name]) : []);
  const stats = state.showStats ? statNames(jobs) : [];
  const header = (label: string, sortBy: JobSortField, className?: string, statsField?: string) => (
    <SortHeader
      key={statsField ?? sortBy}
      label={label}
      active={state.sortBy === sortBy && (sortBy !== 'dominoStatsField' || state.statsField === statsField)}
      ascending={state.ascending}
      onClick={() => onSort(sortBy, statsField)}
      className={className}
    />
  );

  return (
    <Table caption={`Jobs${projectName ? ` of ${projectName}` : ''}, page ${state.page}`}>
      <TableHead>
        {header('#', 'number', 'w-14')}
        {header('Job', 'title')}
        {header('Status', 'status')}
        {header('Started', 'startedTime')}
        {/* Below 1280 px the duration sits under the status, and the tier only on the job's page. */}
        {header('Duration', 'duration', 'hidden xl:table-cell')}
        <th scope="col" className={`${TH} hidden xl:table-cell`}>
          Tier
        </th>
        <th scope="col" className={TH}>
          Tags
        </th>
        {stats.map((name) => header(name, 'dominoStatsField', 'text-right', name))}
      </TableHead>
      <TableBody>
        {jobs.map((job) => {
          const user = job.startedById ? usersById.get(job.startedById) : undefined;
          const started = parseTime(job.stageTimes.startTime);
          const submitted = parseTime(job.stageTimes.submissionTime);
          return (
            <tr key={job.id} className="hover:bg-slate-50 dark:hover:bg-slate-900">
              <td className={`${TD} font-mono text-slate-700 tabular-nums dark:text-slate-300`}>
                <Link to="/jobs/$jobId" params={{ jobId: job.id }} search={{ projectId }} className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-400" aria-label={`Job #${job.number}`}>
                  #{job.number}
                </Link>
              </td>
              <td className={`${TD} max-w-56`}>
                <Link
                  to="/jobs/$jobId"
                  params={{ jobId: job.id }}
                  search={{ projectId }}
                  title={job.title || job.runCommand}
                  className="block truncate font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
                >
                  {job.title || job.runCommand}
                </Link>
                {job.title ? (
                  <code title={job.runCommand} className="block truncate font-mono text-xs text-slate-600 dark:text-slate-400">
                    {job.runCommand}
                  </code>
                ) : null}
              </td>
              <td className={TD}>
                <span className="inline-flex flex-col items-start gap-0.5">
                  <JobStatusBadge status={job.status.executionStatus} />
                  {job.status.isArchived ? <span className="text-xs text-slate-600 dark:text-slate-400">Archived</span> : null}
                  <span className="font-mono text-xs text-slate-600 tabular-nums xl:hidden dark:text-slate-400">
                    <DurationText job={job} now={now} />
                  </span>
                </span>
              </td>
              <td className={`${TD} whitespace-nowrap text-slate-700 dark:text-slate-300`}>
                {started !== undefined ? (
                  <time dateTime={job.stageTimes.startTime} title={formatAbsolute(started)} className="block">
                    {formatRelative(started, now)}
                  </time>
                ) : submitted !== undefined ? (
                  <span className="block text-slate-600 dark:text-slate-400">
                    Submitted{' '}
                    <time dateTime={job.stageTimes.submissionTime} title={formatAbsolute(submitted)}>
                      {formatRelative(submitted, now)}
                    </time>
                  </span>
                ) : (
                  <span className="block">—</span>
                )}
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  {user ? `by ${displayName(user)}` : job.startedById ? directory.isPending ? <span className="skeleton inline-block h-3 w-20 align-middle" aria-hidden="true" /> : 'by an unknown user' : null}
                </span>
              </td>
              <td className={`${TD} hidden font-mono whitespace-nowrap text-slate-700 tabular-nums xl:table-cell dark:text-slate-300`}>
                <DurationText job={job} now={now} />
              </td>
              <td className={`${TD} hidden whitespace-nowrap text-slate-700 xl:table-cell dark:text-slate-300`}>{job.hardwareTierId ? (tierNames.get(job.hardwareTierId) ?? job.hardwareTierId) : '—'}</td>
              <td className={TD}>
                <RowTags job={job} projectId={projectId} />
              </td>
              {stats.map((name) => (
                <td key={name} className={`${TD} text-right font-mono text-slate-700 tabular-nums dark:text-slate-300`}>
                  {job.dominoStats.find((stat) => stat.name === name)?.value ?? '—'}
                </td>
              ))}
            </tr>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** Tags of a listed job: from the list when the server sends them, else from the job's details. */
function RowTags({ job, projectId }: { job: JobV1; projectId: string }) {
  const details = useQuery({ ...jobsQueries.detail(job.id), enabled: job.tags === undefined });
  const tags = job.tags ?? details.data?.tags ?? [];
  return <JobTags jobId={job.id} jobNumber={job.number} projectId={job.projectId ?? projectId} tags={tags} variant="compact" pending={job.tags === undefined && details.isPending} />;
}
