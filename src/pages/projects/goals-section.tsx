import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { errorDetails } from '../../api/error-details';
import { projectsMutations, projectsQueries } from '../../api/projects';
import type { ProjectGoalV1 } from '../../api/schemas/projects';
import { usersQueries } from '../../api/users';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorPanel } from '../../components/error-panel';
import { inputClasses } from '../../components/field';
import { RemoveButton } from '../../components/remove-button';
import { TableSkeleton } from '../../components/skeleton';
import { useConfirmedMutation } from '../../hooks/use-confirmed-mutation';
import { useOptimisticMutation } from '../../hooks/use-optimistic-mutation';
import { readOnlyNote, readOnlyReason, type ProjectTabProps } from './project-tab-props';

const MAX_TITLE = 200;
const PENDING_PREFIX = 'pending-';

// The id a goal being added goes by until Domino answers with its real one. Kept per input object
// so that applying the change again (a cancelled refetch) and its success both find the same row.
const pendingIds = new WeakMap<object, string>();
let lastPendingId = 0;
function pendingIdOf(input: object): string {
  let id = pendingIds.get(input);
  if (id === undefined) {
    id = `${PENDING_PREFIX}${++lastPendingId}`;
    pendingIds.set(input, id);
  }
  return id;
}

export function GoalsSection({ project, permissions }: ProjectTabProps) {
  const projectId = project.id;
  const queryClient = useQueryClient();
  const goalsQuery = useQuery(projectsQueries.goals(projectId));
  const self = useQuery(usersQueries.self());
  const goalsKey = projectsQueries.goals(projectId).queryKey;
  const inputId = useId();
  const errorId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [titleError, setTitleError] = useState<string | undefined>(undefined);

  const add = useOptimisticMutation({
    mutation: projectsMutations.addGoal(projectId),
    queryKey: goalsKey,
    optimistic: (goals: ProjectGoalV1[], input) => {
      const id = pendingIdOf(input);
      if (goals.some((g) => g.id === id)) return goals;
      return [...goals, { id, title: input.goal.title, isComplete: false, projectId, createdAt: new Date().toISOString(), creatorId: self.data?.id ?? '' }];
    },
    failureTitle: (input) => `Could not add the goal “${input.goal.title}”`,
    // Give the text back so nothing typed is lost.
    onError: (_error, input) => setTitle((current) => current || input.goal.title),
    onSuccess: (goal, input) => queryClient.setQueryData<ProjectGoalV1[]>(goalsKey, (goals) => goals?.map((g) => (g.id === pendingIdOf(input) ? goal : g))),
  });

  const goalTitle = (goals: readonly ProjectGoalV1[] | undefined, goalId: string) => {
    const goal = goals?.find((g) => g.id === goalId);
    return goal ? `“${goal.title}”` : 'the goal';
  };
  const toggle = useOptimisticMutation({
    mutation: projectsMutations.setGoalComplete(projectId),
    queryKey: goalsKey,
    optimistic: (goals: ProjectGoalV1[], input) => goals.map((g) => (g.id === input.goalId ? { ...g, isComplete: input.isComplete } : g)),
    failureTitle: (input, previous) => `${input.isComplete ? 'Could not complete' : 'Could not reopen'} ${goalTitle(previous, input.goalId)}`,
  });

  const remove = useOptimisticMutation({
    mutation: projectsMutations.deleteGoal(projectId),
    queryKey: goalsKey,
    optimistic: (goals: ProjectGoalV1[], input) => goals.filter((g) => g.id !== input.goalId),
    failureTitle: (input, previous) => `Could not delete ${goalTitle(previous, input.goalId)}`,
  });
  const deleting = useConfirmedMutation(remove, { variables: (goal: ProjectGoalV1) => ({ projectId, goalId: goal.id }), mode: 'close' });

  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = title.trim();
    if (!text) {
      setTitleError('Write the goal first.');
      inputRef.current?.focus();
      return;
    }
    if (text.length > MAX_TITLE) {
      setTitleError(`A goal can be at most ${MAX_TITLE} characters.`);
      inputRef.current?.focus();
      return;
    }
    setTitleError(undefined);
    setTitle('');
    add.mutate({ projectId, goal: { title: text } });
  }

  const reason = readOnlyReason(permissions, 'edit');
  const note = readOnlyNote(permissions, 'edit');
  // The checkboxes are controlled: they show a change from the click until it has landed or been undone.
  const goals = toggle.withPending(goalsQuery.data ?? []);
  const done = goals.filter((goal) => goal.isComplete).length;

  let body;
  if (goalsQuery.isPending) body = <TableSkeleton rows={3} columns={1} label="Loading goals…" />;
  else if (goalsQuery.isError)
    body = (
      <ErrorPanel details={errorDetails(goalsQuery.error)} onRetry={() => void goalsQuery.refetch()}>
        <p className="mt-2 text-sm">The goals could not be loaded.</p>
      </ErrorPanel>
    );
  else if (goals.length === 0) body = <p className="text-sm text-slate-600 dark:text-slate-400">No goals yet.{reason ? '' : ' Add the first one below.'}</p>;
  else
    body = (
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {goals.map((goal) => {
          const pending = goal.id.startsWith(PENDING_PREFIX);
          return (
            <li key={goal.id} className="flex items-start gap-3 px-3 py-2.5">
              <input
                id={`goal-${goal.id}`}
                type="checkbox"
                checked={goal.isComplete}
                disabled={Boolean(reason) || pending}
                onChange={(event) => toggle.mutate({ projectId, goalId: goal.id, isComplete: event.target.checked })}
                className="mt-0.5 size-4 shrink-0 accent-blue-700 dark:accent-blue-400"
              />
              <label htmlFor={`goal-${goal.id}`} className="min-w-0 flex-1 text-sm">
                <span
                  className={`block break-words ${goal.isComplete ? 'text-slate-500 line-through dark:text-slate-400' : 'text-slate-900 dark:text-slate-100'}`}
                >
                  {goal.title}
                </span>
                {goal.description ? <span className="mt-0.5 block text-xs break-words text-slate-600 dark:text-slate-400">{goal.description}</span> : null}
                {pending ? <span className="text-xs text-slate-600 dark:text-slate-400">Saving…</span> : null}
              </label>
              {reason ? null : <RemoveButton label="Delete" what={`goal “${goal.title}”`} onClick={() => deleting.ask(goal)} disabled={pending} />}
            </li>
          );
        })}
      </ul>
    );

  return (
    <section aria-labelledby="goals-heading" className="space-y-3">
      <div className="flex items-baseline justify-between gap-3">
        <h2 id="goals-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-50">
          Goals
        </h2>
        {goals.length > 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {done} of {goals.length} complete
          </p>
        ) : null}
      </div>
      {body}
      {reason ? (
        note ? (
          <p className="text-xs text-slate-600 dark:text-slate-400">{note}</p>
        ) : null
      ) : (
        <form onSubmit={onAdd} noValidate className="flex flex-wrap items-start gap-2">
          <div className="min-w-60 flex-1">
            <label htmlFor={inputId} className="sr-only">
              New goal
            </label>
            <input
              ref={inputRef}
              id={inputId}
              value={title}
              onChange={(event) => {
                setTitle(event.target.value);
                if (titleError) setTitleError(undefined);
              }}
              placeholder="New goal, e.g. Beat the baseline AUC"
              aria-invalid={titleError ? true : undefined}
              aria-describedby={titleError ? errorId : undefined}
              maxLength={MAX_TITLE + 1}
              autoComplete="off"
              className={inputClasses}
            />
            {titleError ? (
              <p id={errorId} className="mt-1 text-sm text-red-700 dark:text-red-300">
                {titleError}
              </p>
            ) : null}
          </div>
          <Button type="submit">Add goal</Button>
        </form>
      )}
      <ConfirmDialog {...deleting.dialog} title="Delete goal?" confirmLabel="Delete goal">
        <p>“{deleting.target?.title}” will be removed from this project, and from any job it is linked to.</p>
      </ConfirmDialog>
    </section>
  );
}
