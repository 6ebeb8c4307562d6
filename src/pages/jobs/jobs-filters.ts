// Which jobs the list shows: the API's status filters with their words on screen, and whether any
// filter is on. Only types from the contract: jobs-search.ts, in the initial bundle, reads this.
import type { JobOutcome, JobStatusFilter } from '../../api/schemas/jobs';
import type { JobListState } from './jobs-search';

/** Every statusFilter of GET /api/jobs/beta/jobs, in the Status menu's words and order; a Record so none is forgotten. */
export const JOB_STATUS_FILTER_LABELS: Record<JobStatusFilter, string> = {
  all: 'All',
  queued: 'Queued',
  running: 'Running',
  completed: 'Completed',
  active: 'Active',
  archived: 'Archived',
};

/**
 * How finished jobs ended: not Domino statusFilters but the embedded `executionStatus` extension,
 * offered only where /info lists job-execution-status-filter (the route turns them into
 * "completed" elsewhere, so a real Domino is never sent the parameter).
 */
export const JOB_OUTCOME_FILTER_LABELS = { succeeded: 'Succeeded', failed: 'Failed', stopped: 'Stopped', error: 'Error' } as const satisfies Record<
  string,
  JobOutcome
>;
export type JobOutcomeFilter = keyof typeof JOB_OUTCOME_FILTER_LABELS;
export const JOB_OUTCOME_FILTERS = Object.keys(JOB_OUTCOME_FILTER_LABELS) as JobOutcomeFilter[];
export const EXECUTION_STATUS_EXTENSION = 'job-execution-status-filter';
/** The embedded list of jobs across projects; elsewhere /jobs/all asks the person's projects one by one. */
export const JOBS_ACROSS_PROJECTS_EXTENSION = 'jobs-across-projects';

export function isOutcomeFilter(status: string): status is JobOutcomeFilter {
  return status in JOB_OUTCOME_FILTER_LABELS;
}

export const JOB_LIST_STATUS_FILTERS = [...(Object.keys(JOB_STATUS_FILTER_LABELS) as JobStatusFilter[]), ...JOB_OUTCOME_FILTERS];

/** Status, tag and archived narrow the list; sort and paging do not. */
export function hasActiveFilters(state: JobListState): boolean {
  return state.status !== 'all' || state.tag.trim() !== '' || state.showArchived;
}

/** The same list with every filter off, from its first page. */
export function withoutFilters(state: JobListState): JobListState {
  return { ...state, status: 'all', tag: '', showArchived: false, page: 1 };
}
