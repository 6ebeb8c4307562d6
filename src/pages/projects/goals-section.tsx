import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { errorDetails } from '../../api/error-details';
import { projectsMutations, projectsQueries } from '../../api/projects';
import type { ProjectGoalV1 } from '../../api/schemas/projects';
import { usersQueries } from '../../api/users';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorPanel } from '../../components/error-panel';
import { inputClasses } from '../../components/field';
import { TableSkeleton } from '../../components/skeleton';
import { applyOptimistic, rollBack } from './optimistic';
import { readOnlyNote, readOnlyReason, type ProjectTabProps } from './project-tab-props';

const MAX_TITLE = 200;
const PENDING_PREFIX = 'pending-';

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
  const [deleting, setDeleting] = useState<ProjectGoalV1 | null>(null);

  const add = useMutation({
    ...projectsMutations.addGoal(projectId),
    onMutate: async (input) => {
      const pendingId = `${PENDING_PREFIX}${Date.now()}`;
      const snapshot = await applyOptimistic<ProjectGoalV1[]>(queryClient, goalsKey, (goals) => [
        ...goals,
        { id: pendingId, title: input.goal.title, isComplete: false, projectId, createdAt: new Date().toISOString(), creatorId: self.data?.id ?? '' },
      ]);
      return { ...snapshot, pendingId };
    },
    onError: (error, input, snapshot) => {
      rollBack(queryClient, goalsKey, snapshot, `Could not add the goal “${input.goal.title}”`, error);
      // Give the text back so nothing typed is lost.
      setTitle((current) => current || input.goal.title);
    },
    onSuccess: (goal, _input, snapshot) =>
      queryClient.setQueryData<ProjectGoalV1[]>(goalsKey, (goals) => goals?.map((g) => (g.id === snapshot?.pendingId ? goal : g))),
  });

  // A goal being completed or reopened shows its new state from the click itself, set in the
  // same event (React renders it at once; query notifications come a task later, so a checkbox
  // driven only by the cache would flip back for a moment), and keeps it while the change is
  // pending: a refetch that another change started (adding a goal) may land meanwhile with the
  // old state. The change stays pending until the goals are fetched again after it
  // (query-client.ts), so the cache has the new state when the override goes.
  const [changing, setChanging] = useState<ReadonlyMap<string, { isComplete: boolean; token: number }>>(new Map());
  const changeToken = useRef(0);
  const toggle = useMutation({
    ...projectsMutations.setGoalComplete(projectId),
    onError: (error, input) => {
      const goal = queryClient.getQueryData<ProjectGoalV1[]>(goalsKey)?.find((g) => g.id === input.goalId);
      const what = goal ? `“${goal.title}”` : 'the goal';
      rollBack(queryClient, goalsKey, undefined, input.isComplete ? `Could not complete ${what}` : `Could not reopen ${what}`, error);
    },
  });
  function setComplete(goalId: string, complete: boolean) {
    const token = ++changeToken.current;
    setChanging((current) => new Map(current).set(goalId, { isComplete: complete, token }));
    toggle.mutate(
      { projectId, goalId, isComplete: complete },
      {
        // Only the latest change of a goal clears its override.
        onSettled: () =>
          setChanging((current) => {
            if (current.get(goalId)?.token !== token) return current;
            const next = new Map(current);
            next.delete(goalId);
            return next;
          }),
      },
    );
  }
  const isComplete = (goal: ProjectGoalV1) => changing.get(goal.id)?.isComplete ?? goal.isComplete;

  const remove = useMutation({
    ...projectsMutations.deleteGoal(projectId),
    onMutate: (input) => applyOptimistic<ProjectGoalV1[]>(queryClient, goalsKey, (goals) => goals.filter((g) => g.id !== input.goalId)),
    onError: (error, input, snapshot) => {
      const goal = snapshot?.previous?.find((g) => g.id === input.goalId);
      rollBack(queryClient, goalsKey, snapshot, `Could not delete ${goal ? `“${goal.title}”` : 'the goal'}`, error);
    },
  });

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
  const goals = goalsQuery.data ?? [];
  const done = goals.filter(isComplete).length;

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
                checked={isComplete(goal)}
                disabled={Boolean(reason) || pending}
                onChange={(event) => setComplete(goal.id, event.target.checked)}
                className="mt-0.5 size-4 shrink-0 accent-blue-700 dark:accent-blue-400"
              />
              <label htmlFor={`goal-${goal.id}`} className="min-w-0 flex-1 text-sm">
                <span className={`block break-words ${isComplete(goal) ? 'text-slate-500 line-through dark:text-slate-400' : 'text-slate-900 dark:text-slate-100'}`}>{goal.title}</span>
                {goal.description ? <span className="mt-0.5 block text-xs break-words text-slate-600 dark:text-slate-400">{goal.description}</span> : null}
                {pending ? <span className="text-xs text-slate-600 dark:text-slate-400">Saving…</span> : null}
              </label>
              {reason ? null : (
                <Button size="sm" variant="ghost-danger" onClick={() => setDeleting(goal)} disabled={pending} aria-label={`Delete goal “${goal.title}”`}>
                  Delete
                </Button>
              )}
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
        note ? <p className="text-xs text-slate-600 dark:text-slate-400">{note}</p> : null
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
      <ConfirmDialog
        open={deleting !== null}
        title="Delete goal?"
        confirmLabel="Delete goal"
        onConfirm={() => {
          if (deleting) remove.mutate({ projectId, goalId: deleting.id });
          setDeleting(null);
        }}
        onCancel={() => setDeleting(null)}
      >
        <p>“{deleting?.title}” will be removed from this project, and from any job it is linked to.</p>
      </ConfirmDialog>
    </section>
  );
}
