import { useMutation, useQuery } from '@tanstack/react-query';
import { errorDetails, errorMessage } from '../../api/error-details';
import { projectsMutations, projectsQueries, type Workspace } from '../../api/projects';
import { usersQueries } from '../../api/users';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ErrorPanel } from '../../components/error-panel';
import { TableSkeleton } from '../../components/skeleton';
import { toastStore } from '../../lib/toast-store';
import { displayName } from '../../lib/user-names';
import type { ProjectTabProps } from './project-tab-props';
import { dateTime } from '../../lib/dates';

function isRunning(session: Workspace['sessions'][number]): boolean {
  return !session.endedAt;
}

/** Embedded 'workspaces': the project's workspaces, starting a session and stopping running ones. */
export function WorkspacesSection({ project, permissions }: ProjectTabProps) {
  const projectId = project.id;
  const workspaces = useQuery(projectsQueries.workspaces(projectId));
  const directory = useQuery(usersQueries.directory());
  const start = useMutation({
    ...projectsMutations.startSession(projectId),
    onSuccess: () => toastStore.push({ tone: 'success', title: 'Started a workspace session' }),
    onError: (error) => toastStore.push({ tone: 'error', title: 'Could not start a session', description: errorMessage(error) }),
  });
  const stop = useMutation({
    ...projectsMutations.stopSession(projectId),
    onSuccess: () => toastStore.push({ tone: 'success', title: 'Stopped the session' }),
    onError: (error) => toastStore.push({ tone: 'error', title: 'Could not stop the session', description: errorMessage(error) }),
  });
  const nameOf = (userId: string) => {
    const user = directory.data?.find((candidate) => candidate.id === userId);
    return user ? displayName(user) : 'another user';
  };

  let body;
  if (workspaces.isPending) body = <TableSkeleton rows={2} columns={1} label="Loading workspaces…" />;
  else if (workspaces.isError) body = <ErrorPanel details={errorDetails(workspaces.error)} onRetry={() => void workspaces.refetch()} />;
  else if (workspaces.data.length === 0) body = <p className="text-sm text-slate-600 dark:text-slate-400">This project has no workspaces.</p>;
  else
    body = (
      <ul className="space-y-3">
        {workspaces.data.map((workspace, index) => {
          const running = workspace.sessions.filter(isRunning);
          const past = workspace.sessions.length - running.length;
          return (
            <li key={workspace.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-medium text-slate-900 dark:text-slate-100">
                  {workspace.name}
                  {index === 0 ? (
                    <Badge tone="blue" className="ml-2">
                      Default
                    </Badge>
                  ) : null}
                </p>
                {permissions.canLaunch ? (
                  <Button
                    size="sm"
                    variant="primary"
                    aria-disabled={running.length > 0 || start.isPending || undefined}
                    onClick={running.length > 0 || start.isPending ? undefined : () => start.mutate({ projectId, workspaceId: workspace.id })}
                    aria-label={`Start session in ${workspace.name}`}
                  >
                    {start.isPending && start.variables?.workspaceId === workspace.id ? 'Starting…' : 'Start session'}
                  </Button>
                ) : null}
              </div>
              {running.length > 0 ? (
                <ul className="mt-2 space-y-2">
                  {running.map((session) => (
                    <li key={session.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                      <span className="text-slate-700 dark:text-slate-300">
                        <Badge tone="green">{session.status}</Badge> since {dateTime.format(new Date(session.startedAt))}, by {nameOf(session.startedBy)}
                        <span className="block text-xs text-slate-600 dark:text-slate-400">Hardware tier {session.hardwareTierId}</span>
                      </span>
                      {permissions.archived ? null : (
                        <Button
                          size="sm"
                          variant="danger"
                          onClick={stop.isPending ? undefined : () => stop.mutate({ projectId, sessionId: session.id })}
                          aria-disabled={stop.isPending || undefined}
                          aria-label={`Stop the session started ${dateTime.format(new Date(session.startedAt))}`}
                        >
                          Stop
                        </Button>
                      )}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">No running session.</p>
              )}
              {running.length > 0 && permissions.canLaunch ? (
                <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">One session at a time: stop the running one to start another.</p>
              ) : null}
              {past > 0 ? (
                <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                  {past} earlier {past === 1 ? 'session' : 'sessions'}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    );

  return (
    <section aria-labelledby="workspaces-heading" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h2 id="workspaces-heading" className="mb-2 text-lg font-semibold text-slate-900 dark:text-slate-50">
        Workspaces
      </h2>
      {body}
      {!permissions.canLaunch && !permissions.archived ? (
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">Your role does not allow starting sessions in this project.</p>
      ) : null}
    </section>
  );
}
