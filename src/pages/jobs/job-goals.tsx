import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { errorDetails, errorMessage } from '../../api/error-details';
import { jobsMutations, jobsQueries } from '../../api/jobs';
import { projectsQueries } from '../../api/projects';
import type { LinkedGoalV1 } from '../../api/schemas/jobs';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorPanel } from '../../components/error-panel';
import { FilterSelect } from '../../components/filter-select';
import { InlineAlert } from '../../components/inline-alert';
import { RemoveButton } from '../../components/remove-button';
import { TableSkeleton } from '../../components/skeleton';
import { useConfirmedMutation } from '../../hooks/use-confirmed-mutation';
import { toastStore } from '../../lib/toast-store';

/** The goals of a job's project that this job is linked to, with link (picker) and unlink (confirmed). */
export function JobGoals({ jobId, jobNumber, projectId }: { jobId: string; jobNumber: number; projectId: string | undefined }) {
  const linked = useQuery(jobsQueries.goals(jobId));
  const projectGoals = useQuery({ ...projectsQueries.goals(projectId ?? ''), enabled: projectId !== undefined });
  const link = useMutation(jobsMutations.linkGoal(jobId));
  const unlinking = useConfirmedMutation(useMutation(jobsMutations.unlinkGoal(jobId)), {
    variables: (goal: LinkedGoalV1) => ({ jobId, projectId: projectId ?? goal.projectId, goalId: goal.goalId }),
    successTitle: (goal) => `Unlinked “${goal.title}”`,
  });
  const [choice, setChoice] = useState('');

  const linkedIds = new Set((linked.data ?? []).map((goal) => goal.goalId));
  const candidates = (projectGoals.data ?? []).filter((goal) => !linkedIds.has(goal.id));
  const chosen = candidates.some((goal) => goal.id === choice) ? choice : '';

  function onLink(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!projectId || !chosen || link.isPending) return;
    link.mutate(
      { jobId, projectId, goalId: chosen },
      {
        onSuccess: (goal) => {
          setChoice('');
          toastStore.push({ tone: 'success', title: `Linked job #${jobNumber} to “${goal.title}”` });
        },
      },
    );
  }

  let list;
  if (linked.isPending) list = <TableSkeleton rows={2} columns={2} label="Loading linked goals…" />;
  else if (linked.isError) list = <ErrorPanel details={errorDetails(linked.error)} onRetry={() => void linked.refetch()} />;
  else if (linked.data.length === 0) list = <p className="text-sm text-slate-600 dark:text-slate-400">Not linked to any goal.</p>;
  else {
    list = (
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {linked.data.map((goal) => (
          <li key={goal.goalId} className="flex items-start justify-between gap-3 px-3 py-2">
            <div className="min-w-0">
              <p className="text-sm font-medium break-words text-slate-900 dark:text-slate-100">{goal.title}</p>
              {goal.description ? <p className="text-xs break-words text-slate-600 dark:text-slate-400">{goal.description}</p> : null}
              <Badge className="mt-1">{goal.currentStage}</Badge>
            </div>
            {projectId ? <RemoveButton label="Unlink" what={`goal ${goal.title}`} onClick={() => unlinking.ask(goal)} /> : null}
          </li>
        ))}
      </ul>
    );
  }

  return (
    <div className="space-y-3">
      {list}
      {projectId ? (
        projectGoals.isPending ? null : projectGoals.isError ? (
          <InlineAlert title="The project's goals could not be loaded">{errorMessage(projectGoals.error)}</InlineAlert>
        ) : projectGoals.data.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            The project has no goals to link yet.{' '}
            <Link to="/projects/$projectId" params={{ projectId }} className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400">
              Add goals on the project page
            </Link>
            .
          </p>
        ) : candidates.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Linked to every goal of the project.</p>
        ) : (
          <form onSubmit={onLink} className="flex flex-wrap items-end gap-2">
            <FilterSelect
              label="Link to a goal"
              value={chosen}
              options={[
                { value: '', label: 'Choose a goal…' },
                ...candidates.map((goal) => ({ value: goal.id, label: `${goal.title}${goal.isComplete ? ' (complete)' : ''}` })),
              ]}
              onChange={setChoice}
              className="flex-1"
              selectClassName="w-full"
            />
            <Button type="submit" aria-disabled={!chosen || link.isPending || undefined}>
              {link.isPending ? 'Linking…' : 'Link goal'}
            </Button>
          </form>
        )
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">This server does not say which project the job belongs to, so goals cannot be linked here.</p>
      )}
      {link.isError ? <InlineAlert title="The goal was not linked">{errorMessage(link.error)}</InlineAlert> : null}
      <ConfirmDialog {...unlinking.dialog} title="Unlink this goal?" confirmLabel="Unlink goal">
        Job #{jobNumber} will no longer count toward “{unlinking.target?.title}”. The goal itself stays in the project.
      </ConfirmDialog>
    </div>
  );
}
