import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { projectsMutations, projectsQueries } from '../../api/projects';
import { COLLABORATOR_ROLES, type ProjectCollaboratorRoleV1, type ProjectV1 } from '../../api/schemas/projects';
import type { UserV1 } from '../../api/schemas/users';
import { usersQueries } from '../../api/users';
import { Avatar } from '../../components/avatar';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { InlineAlert } from '../../components/inline-alert';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { toastStore } from '../../lib/toast-store';
import { displayName } from '../../lib/user-names';
import { AddCollaboratorDialog } from './add-collaborator-dialog';
import { COLLABORATOR_ROLE_INFO } from './collaborator-roles';
import { applyOptimistic, rollBack } from './optimistic';
import { readOnlyNote, readOnlyReason, type ProjectTabProps } from './project-tab-props';

function UserName({ userId, user, pending }: { userId: string; user: UserV1 | undefined; pending: boolean }) {
  if (user) {
    return (
      <div className="flex items-center gap-3">
        <Avatar user={user} size="sm" />
        <Link to="/users/$userId" params={{ userId }} className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400">
          {displayName(user)}
        </Link>
      </div>
    );
  }
  if (pending) return <span className="skeleton inline-block h-4 w-40 align-middle" aria-hidden="true" />;
  return (
    <span className="text-slate-700 dark:text-slate-300">
      Unknown user <code className="font-mono text-xs">{userId}</code>
    </span>
  );
}

export function CollaboratorsTab({ project, permissions }: ProjectTabProps) {
  const projectId = project.id;
  const queryClient = useQueryClient();
  const detailKey = projectsQueries.detail(projectId).queryKey;
  const directory = useQuery(usersQueries.directory());
  const self = useQuery(usersQueries.self());
  const [adding, setAdding] = useState(false);
  const [removingId, setRemovingId] = useState<string | null>(null);

  const usersById = new Map((directory.data ?? []).map((user) => [user.id, user]));
  const nameOf = (userId: string) => {
    const user = usersById.get(userId);
    return user ? displayName(user) : `user ${userId}`;
  };

  const setRole = useMutation({
    ...projectsMutations.setCollaborator(projectId),
    onMutate: (input) =>
      applyOptimistic<ProjectV1>(queryClient, detailKey, (current) => {
        const exists = current.collaborators.some((c) => c.id === input.userId);
        const collaborators = exists
          ? current.collaborators.map((c) => (c.id === input.userId ? { ...c, role: input.role } : c))
          : [...current.collaborators, { id: input.userId, role: input.role }];
        return { ...current, collaborators };
      }),
    onError: (error, input, snapshot) => {
      const existed = snapshot?.previous?.collaborators.some((c) => c.id === input.userId) ?? false;
      rollBack(queryClient, detailKey, snapshot, existed ? `Could not change the role of ${nameOf(input.userId)}` : `Could not add ${nameOf(input.userId)}`, error);
    },
    onSuccess: (_collaborator, input, snapshot) => {
      const existed = snapshot?.previous?.collaborators.some((c) => c.id === input.userId) ?? false;
      toastStore.push({
        tone: 'success',
        title: existed ? `${nameOf(input.userId)} is now a ${COLLABORATOR_ROLE_INFO[input.role].label.toLowerCase()}` : `Added ${nameOf(input.userId)}`,
      });
    },
  });

  const remove = useMutation({
    ...projectsMutations.removeCollaborator(projectId),
    onMutate: (input) => applyOptimistic<ProjectV1>(queryClient, detailKey, (current) => ({ ...current, collaborators: current.collaborators.filter((c) => c.id !== input.userId) })),
    onError: (error, input, snapshot) => rollBack(queryClient, detailKey, snapshot, `Could not remove ${nameOf(input.userId)}`, error),
    onSuccess: (_data, input) => toastStore.push({ tone: 'success', title: `Removed ${nameOf(input.userId)} from the project` }),
  });

  const reason = readOnlyReason(permissions, 'manage');
  const note = readOnlyNote(permissions, 'manage');
  const canManage = !reason;
  const excluded = new Set([project.ownerId, ...project.collaborators.map((c) => c.id)]);
  const owner = usersById.get(project.ownerId);

  return (
    <section aria-labelledby="collaborators-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="collaborators-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-50">
          Collaborators
        </h2>
        {canManage ? (
          <Button variant="primary" onClick={() => setAdding(true)}>
            Add collaborator
          </Button>
        ) : null}
      </div>
      {note ? <InlineAlert tone="info">{note} You can see who works on it.</InlineAlert> : null}
      <Table caption={`People in ${project.name}`}>
        <TableHead>
          <Th>Name</Th>
          <Th>User name</Th>
          <Th>Role</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </TableHead>
        <TableBody>
          <tr>
            <Td>
              <UserName userId={project.ownerId} user={owner} pending={directory.isPending} />
            </Td>
            <Td className="text-slate-700 dark:text-slate-300">{project.ownerUsername}</Td>
            <Td>
              <Badge tone="violet">Owner</Badge>
            </Td>
            <Td />
          </tr>
          {project.collaborators.map((collaborator) => {
            const user = usersById.get(collaborator.id);
            const name = nameOf(collaborator.id);
            const saving = setRole.isPending && setRole.variables?.userId === collaborator.id;
            return (
              <tr key={collaborator.id}>
                <Td>
                  <UserName userId={collaborator.id} user={user} pending={directory.isPending} />
                </Td>
                <Td className="text-slate-700 dark:text-slate-300">
                  {user?.userName ?? '—'}
                  {collaborator.id === self.data?.id ? (
                    <Badge tone="blue" className="ml-2">
                      You
                    </Badge>
                  ) : null}
                </Td>
                <Td>
                  {canManage ? (
                    <span className="flex items-center gap-2">
                      <select
                        aria-label={`Role of ${name}`}
                        value={collaborator.role}
                        onChange={(event) => setRole.mutate({ projectId, userId: collaborator.id, role: event.target.value as ProjectCollaboratorRoleV1 })}
                        className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100"
                      >
                        {COLLABORATOR_ROLES.map((role) => (
                          <option key={role} value={role}>
                            {COLLABORATOR_ROLE_INFO[role].label}
                          </option>
                        ))}
                      </select>
                      {saving ? <span className="text-xs text-slate-600 dark:text-slate-400">Saving…</span> : null}
                    </span>
                  ) : (
                    <Badge>{COLLABORATOR_ROLE_INFO[collaborator.role].label}</Badge>
                  )}
                </Td>
                <Td className="text-right whitespace-nowrap">
                  {canManage ? (
                    <Button size="sm" variant="ghost-danger" onClick={() => setRemovingId(collaborator.id)} aria-label={`Remove ${name}`}>
                      Remove
                    </Button>
                  ) : null}
                </Td>
              </tr>
            );
          })}
        </TableBody>
      </Table>
      {project.collaborators.length === 0 ? (
        <EmptyState title="No collaborators yet">
          {canManage ? 'Add people to let them read, run or change this project.' : 'Only the owner works on this project.'}
        </EmptyState>
      ) : null}
      <dl className="grid gap-x-4 gap-y-1 text-xs text-slate-600 sm:grid-cols-[auto_1fr] dark:text-slate-400">
        {COLLABORATOR_ROLES.map((role) => (
          <div key={role} className="contents">
            <dt className="font-medium">{COLLABORATOR_ROLE_INFO[role].label}</dt>
            <dd>{COLLABORATOR_ROLE_INFO[role].meaning}</dd>
          </div>
        ))}
      </dl>
      <AddCollaboratorDialog
        open={adding}
        onClose={() => setAdding(false)}
        projectName={project.name}
        users={directory.data}
        usersError={directory.error}
        excludeIds={excluded}
        onAdd={(userId, role) => setRole.mutate({ projectId, userId, role })}
      />
      <ConfirmDialog
        open={removingId !== null}
        title="Remove collaborator?"
        confirmLabel="Remove collaborator"
        onConfirm={() => {
          if (removingId) remove.mutate({ projectId, userId: removingId });
          setRemovingId(null);
        }}
        onCancel={() => setRemovingId(null)}
      >
        <p>{removingId ? nameOf(removingId) : ''} will lose access to {project.name}{project.visibility === 'private' ? ', which is private' : ''}.</p>
      </ConfirmDialog>
    </section>
  );
}
