import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { errorDetails } from '../../api/error-details';
import { jobsQueries } from '../../api/jobs';
import { Button } from '../../components/button';
import { ErrorPanel } from '../../components/error-panel';
import { Pagination } from '../../components/pagination';
import { TableSkeleton } from '../../components/skeleton';
import { PAGE_SIZES, type PageSize } from '../../hooks/use-table-url-state';
import { isLiveStatus, LIVE_LIST_REFRESH_MS } from './job-status';
import { JobsListEmpty } from './jobs-list-empty';
import { toJobListRequest, type JobListState } from './jobs-search';
import { nextSort } from './jobs-sort';
import { JobsTable } from './jobs-table';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { JobsToolbar } from './jobs-toolbar';
import { EXECUTION_STATUS_EXTENSION } from './jobs-filters';
import { RunJobDialog } from './run-job-dialog';
import { useNow } from './use-now';

export interface JobsListProps {
  projectId: string;
  /** The project's name, for the dialog and captions; optional while it loads. */
  projectName?: string;
  /** Sort, filters and page: the URL's on /jobs, the tab's own on the project page. */
  state: JobListState;
  onStateChange: (next: JobListState, options: { replace: boolean }) => void;
  /** Shown at the start of the actions row (the /jobs page puts its project picker there). */
  leading?: ReactNode;
}

/** "Live" while a job on the page may still change (the list refreshes itself), else a Refresh button. */
function RefreshStatus({ live, refreshing, onRefresh }: { live: boolean; refreshing: boolean; onRefresh: () => void }) {
  return (
    <>
      <p className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
        {live ? (
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="size-2 rounded-full bg-blue-600 motion-safe:animate-pulse dark:bg-blue-400" />
            Live: updating every {LIVE_LIST_REFRESH_MS / 1000} s
          </span>
        ) : null}
      </p>
      {!live ? (
        <Button variant="ghost" onClick={onRefresh} aria-disabled={refreshing || undefined}>
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </Button>
      ) : null}
    </>
  );
}

/** Paging of a jobs list kept in a page and pageSize of its state (a size not offered keeps the current one). */
export function JobsPagination<S extends { page: number; pageSize: PageSize }>({
  state,
  set,
  itemCount,
  totalCount,
  busy,
}: {
  state: S;
  set: (patch: Partial<S>) => void;
  itemCount: number;
  totalCount: number | undefined;
  busy: boolean;
}) {
  return (
    <Pagination
      page={state.page}
      pageSize={state.pageSize}
      pageSizes={PAGE_SIZES}
      itemCount={itemCount}
      totalCount={totalCount}
      onPageChange={(page) => set({ page: Math.max(1, page) } as Partial<S>)}
      onPageSizeChange={(pageSize) =>
        set({ pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? (pageSize as PageSize) : state.pageSize, page: 1 } as Partial<S>)
      }
      noun="jobs"
      busy={busy}
    />
  );
}

/** The jobs of one project: filters, sortable table, paging, live refresh and "Run a job". */
export function JobsList({ projectId, projectName, state, onStateChange, leading }: JobsListProps) {
  const [running, setRunning] = useState(false);
  const info = useQuery(embeddedQueries.info());
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
    content = <JobsListEmpty state={state} onStateChange={(next) => onStateChange(next, { replace: false })} onRunJob={() => setRunning(true)} />;
  } else {
    content = (
      <JobsTable
        jobs={list.data.jobs}
        projectId={projectId}
        projectName={projectName}
        state={state}
        now={now}
        onSort={(sortBy, statsField) => onStateChange(nextSort(state, sortBy, statsField), { replace: false })}
      />
    );
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">{leading}</div>
        <div className="ml-auto flex items-center gap-3">
          <RefreshStatus live={anyLive} refreshing={list.isFetching && !list.isPending} onRefresh={() => void list.refetch()} />
          <Button variant="primary" onClick={() => setRunning(true)}>
            Run a job
          </Button>
        </div>
      </div>
      <JobsToolbar state={state} onChange={set} outcomes={hasExtension(info.data, EXECUTION_STATUS_EXTENSION)} />
      {content}
      {list.data && list.data.jobs.length > 0 ? (
        <JobsPagination state={state} set={set} itemCount={list.data.jobs.length} totalCount={list.data.pagination.totalCount} busy={list.isPlaceholderData} />
      ) : null}
      <RunJobDialog open={running} onClose={() => setRunning(false)} projectId={projectId} projectName={projectName} />
    </div>
  );
}
