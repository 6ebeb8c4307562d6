// How the jobs list sorts: the orders the API offers with their words on screen, and which way a
// column starts. Only types from the contract: jobs-search.ts, in the initial bundle, reads this.
import type { JobSortField } from '../../api/schemas/jobs';
import type { SortDirection } from '../../components/sort-header';
import type { JobListState } from './jobs-search';

/**
 * Every sort field of GET /api/jobs/beta/jobs, in the "Sort by" menu's words and order. A Record
 * rather than a list, so a field the contract adds fails the type check until it is named here.
 */
export const JOB_SORT_LABELS: Record<JobSortField, string> = {
  number: 'Number',
  title: 'Title',
  command: 'Command',
  startedTime: 'Started',
  duration: 'Duration',
  status: 'Status',
  user: 'Started by',
  commentCount: 'Comments',
  // Never offered bare: a stat column's header (or the menu, once sorted by one) names its stat.
  dominoStatsField: 'Stat',
};

export const JOB_LIST_SORT_FIELDS = Object.keys(JOB_SORT_LABELS) as JobSortField[];

// Numbers and times read best newest/largest first; words read best A→Z.
const DESCENDING_FIRST: ReadonlySet<JobSortField> = new Set(['number', 'startedTime', 'duration', 'commentCount', 'dominoStatsField']);

function isSortedBy(state: JobListState, sortBy: JobSortField, statsField?: string): boolean {
  return state.sortBy === sortBy && (sortBy !== 'dominoStatsField' || state.statsField === statsField);
}

/** The direction a column header shows: undefined unless the list is sorted by that column (each stat is a column of its own). */
export function sortDirectionOf(state: JobListState, sortBy: JobSortField, statsField?: string): SortDirection | undefined {
  if (!isSortedBy(state, sortBy, statsField)) return undefined;
  return state.ascending ? 'ascending' : 'descending';
}

/** The next state when a sortable column header is clicked: the same column flips, a new one starts in its natural order. */
export function nextSort(state: JobListState, sortBy: JobSortField, statsField?: string): JobListState {
  return {
    ...state,
    sortBy,
    statsField: sortBy === 'dominoStatsField' ? statsField : undefined,
    ascending: isSortedBy(state, sortBy, statsField) ? !state.ascending : !DESCENDING_FIRST.has(sortBy),
    page: 1,
  };
}
