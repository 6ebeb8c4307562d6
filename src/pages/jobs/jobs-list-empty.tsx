import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { PastLastPage } from '../../components/past-last-page';
import { hasActiveFilters, withoutFilters } from './jobs-filters';
import type { JobListState } from './jobs-search';

export interface JobsListEmptyProps {
  state: JobListState;
  onStateChange: (next: JobListState) => void;
  onRunJob: () => void;
}

/** Why a page of jobs is empty, each with the one action that helps: the first page, no filters, or a first job. */
export function JobsListEmpty({ state, onStateChange, onRunJob }: JobsListEmptyProps) {
  if (state.page > 1) return <PastLastPage noun="jobs" onFirstPage={() => onStateChange({ ...state, page: 1 })} />;
  if (hasActiveFilters(state)) {
    const tag = state.tag.trim();
    return (
      <EmptyState title="No jobs match these filters" action={<Button onClick={() => onStateChange(withoutFilters(state))}>Clear the filters</Button>}>
        {tag ? `Tag filters match the exact tag name “${tag}”. ` : ''}
        Try another status, or show archived jobs too.
      </EmptyState>
    );
  }
  return (
    <EmptyState
      title="No jobs in this project yet"
      action={
        <Button variant="primary" onClick={onRunJob}>
          Run a job
        </Button>
      }
    >
      A job runs a command on the project's files and keeps its logs, results and usage.
    </EmptyState>
  );
}
