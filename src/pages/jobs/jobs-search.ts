// The URL state of the jobs pages. Kept free of the contract's schema file (only its types): route
// definitions are in the initial bundle, and the zod schemas of the jobs family are not needed there.
import { z } from 'zod';
import type { JobSortField } from '../../api/schemas/jobs';
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, searchTextSchema } from '../../hooks/use-table-url-state';
import { isOutcomeFilter, JOB_LIST_STATUS_FILTERS, JOB_OUTCOME_FILTER_LABELS, JOB_OUTCOME_FILTERS } from './jobs-filters';
import { JOB_LIST_SORT_FIELDS } from './jobs-sort';

export const LOG_STREAMS = ['all', 'stdout', 'stderr', 'prepare'] as const;

const objectIdSchema = z.string().regex(/^[0-9a-f]{24}$/);

/** A switch of the URL, off unless set. */
const offByDefault = z.boolean().default(false).catch(false);

const listStateShape = {
  sortBy: z.enum(JOB_LIST_SORT_FIELDS).default('number').catch('number'),
  /** The dominoStats name when sortBy is dominoStatsField. */
  statsField: z.string().min(1).max(200).optional().catch(undefined),
  ascending: offByDefault,
  status: z.enum(JOB_LIST_STATUS_FILTERS).default('all').catch('all'),
  tag: searchTextSchema,
  showArchived: offByDefault,
  /** Show the jobs' dominoStats as extra columns. */
  showStats: offByDefault,
  page: z.number().int().min(1).default(1).catch(1),
  pageSize: z.literal(PAGE_SIZES).default(DEFAULT_PAGE_SIZE).catch(DEFAULT_PAGE_SIZE),
};

// The API refuses dominoStatsField without a field name: fall back to the default order.
function withValidSort<S extends { sortBy: JobSortField; statsField?: string | undefined }>(state: S): S {
  return state.sortBy === 'dominoStatsField' && !state.statsField ? { ...state, sortBy: 'number', statsField: undefined } : state;
}

/** Sort, filters and paging of a jobs table: what /jobs keeps in its URL and the project tab in memory. */
export const jobListStateSchema = z.object(listStateShape).transform(withValidSort);

export type JobListState = z.output<typeof jobListStateSchema>;

export const JOB_LIST_DEFAULTS: JobListState = {
  sortBy: 'number',
  ascending: false,
  status: 'all',
  tag: '',
  showArchived: false,
  showStats: false,
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
};

/** /jobs: the list state plus the chosen project. */
// A projectId that is not an id is kept, not dropped: the route says the link is bad.
export const jobsSearchSchema = z.object({ projectId: z.string().optional().catch(undefined), ...listStateShape }).transform(withValidSort);

/** /jobs/$jobId: the log stream, and the project the link came from (for servers whose jobs lack projectId). */
export const jobSearchSchema = z.object({
  stream: z.enum(LOG_STREAMS).default('all').catch('all'),
  projectId: objectIdSchema.optional().catch(undefined),
});
export type JobSearch = z.output<typeof jobSearchSchema>;
export const JOB_SEARCH_DEFAULTS: JobSearch = { stream: 'all' };

/** What GET /api/jobs/beta/jobs is asked for a project and a table state. */
export function toJobListRequest(projectId: string, state: JobListState) {
  return {
    projectId,
    offset: (state.page - 1) * state.pageSize,
    limit: state.pageSize,
    sortBy: state.sortBy,
    dominoStatsSortFieldName: state.sortBy === 'dominoStatsField' ? state.statsField : undefined,
    ascending: state.ascending,
    ...(isOutcomeFilter(state.status)
      ? { statusFilter: 'completed' as const, executionStatus: JOB_OUTCOME_FILTER_LABELS[state.status] }
      : { statusFilter: state.status }),
    tagFilter: state.tag.trim() || undefined,
    showArchived: state.showArchived,
  };
}

/** The Status menu of the jobs across projects: no archived (left out of that list), outcomes where the extension is. */
export const JOBS_HOME_STATUSES = ['all', 'active', 'queued', 'running', 'completed', ...JOB_OUTCOME_FILTERS] as const;
export type JobsHomeStatus = (typeof JOBS_HOME_STATUSES)[number];

/** /jobs/all: whose jobs (mine unless `everyone`), which, in which order, and the page. */
export const jobsHomeSearchSchema = z.object({
  everyone: offByDefault,
  status: z.enum(JOBS_HOME_STATUSES).default('all').catch('all'),
  ascending: listStateShape.ascending,
  page: listStateShape.page,
  pageSize: listStateShape.pageSize,
});
export type JobsHomeSearch = z.output<typeof jobsHomeSearchSchema>;
