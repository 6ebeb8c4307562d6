import type { JobSortField } from '../../api/schemas/jobs';
import { Button } from '../../components/button';
import { ExactMatchFilter } from '../../components/exact-match-filter';
import { FilterCheckbox } from '../../components/filter-checkbox';
import { FilterSelect, optionsFrom, type FilterOption } from '../../components/filter-select';
import { JOB_OUTCOME_FILTER_LABELS, JOB_STATUS_FILTER_LABELS } from './jobs-filters';
import type { JobListState } from './jobs-search';
import { JOB_SORT_LABELS } from './jobs-sort';

/** A change of the list's state; `replace` keeps it out of the history (a display toggle, not a new list). */
type JobListPatch = (patch: Partial<JobListState>, replace?: boolean) => void;

const STATUS_OPTIONS = optionsFrom(JOB_STATUS_FILTER_LABELS);
const STATUS_AND_OUTCOME_OPTIONS = [...STATUS_OPTIONS, ...optionsFrom(JOB_OUTCOME_FILTER_LABELS)];

// A stat is sorted by from its column header; the menu names it only while the list is sorted by it.
type StatSortValue = `stat:${string}`;
const isStatSort = (value: string): value is StatSortValue => value.startsWith('stat:');
const FIELD_OPTIONS = optionsFrom(JOB_SORT_LABELS).filter((option) => option.value !== 'dominoStatsField');

function sortOptions(state: JobListState): { value: JobSortField | StatSortValue; options: FilterOption<JobSortField | StatSortValue>[] } {
  if (state.sortBy !== 'dominoStatsField' || !state.statsField) return { value: state.sortBy, options: FIELD_OPTIONS };
  const value: StatSortValue = `stat:${state.statsField}`;
  return { value, options: [...FIELD_OPTIONS, { value, label: `Stat: ${state.statsField}` }] };
}

/** Status, tag, sort and the two display switches of a jobs list. Every change but "Show results" starts again from page 1. */
export function JobsToolbar({ state, onChange, outcomes = false }: { state: JobListState; onChange: JobListPatch; outcomes?: boolean }) {
  const sort = sortOptions(state);
  return (
    <div className="flex flex-wrap items-end gap-x-3 gap-y-2">
      <FilterSelect
        label="Status"
        value={state.status}
        options={outcomes ? STATUS_AND_OUTCOME_OPTIONS : STATUS_OPTIONS}
        onChange={(status) => onChange({ status, page: 1 })}
      />
      <ExactMatchFilter
        label="Tag"
        formLabel="Filter by tag"
        value={state.tag}
        onApply={(tag) => onChange({ tag, page: 1 })}
        placeholder="Tag name"
        inputClassName="w-40"
      />
      <FilterSelect
        label="Sort by"
        value={sort.value}
        options={sort.options}
        onChange={(value) => {
          if (isStatSort(value)) onChange({ sortBy: 'dominoStatsField', statsField: value.slice('stat:'.length), page: 1 });
          else onChange({ sortBy: value, statsField: undefined, page: 1 });
        }}
        after={
          <Button
            onClick={() => onChange({ ascending: !state.ascending, page: 1 })}
            aria-label={state.ascending ? 'Ascending order, switch to descending' : 'Descending order, switch to ascending'}
            title={state.ascending ? 'Ascending' : 'Descending'}
          >
            <span aria-hidden="true">{state.ascending ? '↑' : '↓'}</span>
          </Button>
        }
      />
      <FilterCheckbox
        label="Show archived"
        checked={state.showArchived || state.status === 'archived'}
        disabled={state.status === 'archived'}
        onChange={(showArchived) => onChange({ showArchived, page: 1 })}
      />
      <FilterCheckbox label="Show results" checked={state.showStats} onChange={(showStats) => onChange({ showStats }, true)} />
    </div>
  );
}
