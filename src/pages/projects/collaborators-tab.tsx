import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { projectsMutations, projectsQueries } from '../../api/projects';
import { COLLABORATOR_ROLES, type ProjectCollaboratorRoleV1, type ProjectV1 } from '../../api/schemas/projects';
import { usersQueries } from '../../api/users';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { InlineAlert } from '../../components/inline-alert';
import { PageSection } from '../../components/page-section';
import { PeopleTable, PersonRow } from '../../components/people-table';
import { RemoveButton } from '../../components/remove-button';
import { useConfirmedMutation } from '../../hooks/use-confirmed-mutation';
import { useOptimisticMutation } from '../../hooks/use-optimistic-mutation';
import { toastStore } from '../../lib/toast-store';
import { displayName } from '../../lib/user-names';
import { AddCollaboratorDialog } from './add-collaborator-dialog';
import { COLLABORATOR_ROLE_INFO } from './collaborator-roles';
import { readOnlyNote, readOnlyReason, type ProjectTabProps } from './project-tab-props';

function withCollaborator(project: ProjectV1, { userId, role }: { userId: string; role: ProjectCollaboratorRoleV1 }): ProjectV1 {
  const exists = project.collaborators.some((c) => c.id === userId);
  const collaborators = exists ? project.collaborators.map((c) => (c.id === userId ? { ...c, role } : c)) : [...project.collaborators, { id: userId, role }];
  return { ...project, collaborators };
}

const ROLE_OPTIONS = COLLABORATOR_ROLES.map((role) => ({ value: role, label: COLLABORATOR_ROLE_INFO[role].label }));

/** The role of a collaborator, changed in place by those who manage the project. */
function RoleSelect({ name, role, onChange }: { name: string; role: ProjectCollaboratorRoleV1; onChange: (role: ProjectCollaboratorRoleV1) => void }) {
  return (
    <select
      aria-label={`Role of ${name}`}
      value={role}
      onChange={(event) => {
        const chosen = ROLE_OPTIONS.find((option) => option.value === event.target.value);
        if (chosen) onChange(chosen.value);
      }}
      className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100"
    >
      {ROLE_OPTIONS.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

export function CollaboratorsTab({ project, permissions }: ProjectTabProps) {
  const projectId = project.id;
  const detailKey = projectsQueries.detail(projectId).queryKey;
  const directory = useQuery(usersQueries.directory());
  const self = useQuery(usersQueries.self());
  const [adding, setAdding] = useState(false);

  const usersById = new Map((directory.data ?? []).map((user) => [user.id, user]));
  const nameOf = (userId: string) => {
    const user = usersById.get(userId);
    return user ? displayName(user) : `user ${userId}`;
  };

  const isCollaborator = (current: ProjectV1 | undefined, userId: string) => current?.collaborators.some((c) => c.id === userId) ?? false;
  const setRole = useOptimisticMutation({
    mutation: projectsMutations.setCollaborator(projectId),
    queryKey: detailKey,
    optimistic: withCollaborator,
    failureTitle: (input, previous) =>
      isCollaborator(previous, input.userId) ? `Could not change the role of ${nameOf(input.userId)}` : `Could not add ${nameOf(input.userId)}`,
    onSuccess: (_collaborator, input, previous) =>
      toastStore.push({
        tone: 'success',
        title: isCollaborator(previous, input.userId)
          ? `${nameOf(input.userId)} is now a ${COLLABORATOR_ROLE_INFO[input.role].label.toLowerCase()}`
          : `Added ${nameOf(input.userId)}`,
      }),
  });

  const remove = useOptimisticMutation({
    mutation: projectsMutations.removeCollaborator(projectId),
    queryKey: detailKey,
    optimistic: (current: ProjectV1, input) => ({ ...current, collaborators: current.collaborators.filter((c) => c.id !== input.userId) }),
    failureTitle: (input) => `Could not remove ${nameOf(input.userId)}`,
    onSuccess: (_data, input) => toastStore.push({ tone: 'success', title: `Removed ${nameOf(input.userId)} from the project` }),
  });
  const removing = useConfirmedMutation(remove, { variables: (userId: string) => ({ projectId, userId }), mode: 'close' });
  // The role selects are controlled: they show a change from the click until it has landed.
  const collaborators = setRole.withPending(project).collaborators;

  const reason = readOnlyReason(permissions, 'manage');
  const note = readOnlyNote(permissions, 'manage');
  const canManage = !reason;
  const excluded = new Set([project.ownerId, ...collaborators.map((c) => c.id)]);
  const owner = usersById.get(project.ownerId);

  return (
    <PageSection
      title="Collaborators"
      actions={
        canManage ? (
          <Button variant="primary" onClick={() => setAdding(true)}>
            Add collaborator
          </Button>
        ) : null
      }
    >
      {note ? <InlineAlert tone="info">{note} You can see who works on it.</InlineAlert> : null}
      <PeopleTable caption={`People in ${project.name}`}>
        <PersonRow
          userId={project.ownerId}
          user={owner}
          usersPending={directory.isPending}
          userName={project.ownerUsername}
          isSelf={false}
          role={<Badge tone="violet">Owner</Badge>}
        />
        {collaborators.map((collaborator) => {
          const name = nameOf(collaborator.id);
          return (
            <PersonRow
              key={collaborator.id}
              userId={collaborator.id}
              user={usersById.get(collaborator.id)}
              usersPending={directory.isPending}
              isSelf={collaborator.id === self.data?.id}
              role={
                canManage ? (
                  <RoleSelect name={name} role={collaborator.role} onChange={(role) => setRole.mutate({ projectId, userId: collaborator.id, role })} />
                ) : (
                  <Badge>{COLLABORATOR_ROLE_INFO[collaborator.role].label}</Badge>
                )
              }
              saving={setRole.isPending && setRole.variables?.userId === collaborator.id}
              actions={canManage ? <RemoveButton what={name} onClick={() => removing.ask(collaborator.id)} /> : null}
            />
          );
        })}
      </PeopleTable>
      {collaborators.length === 0 ? (
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
      <ConfirmDialog {...removing.dialog} title="Remove collaborator?" confirmLabel="Remove collaborator">
        <p>
          {removing.target ? nameOf(removing.target) : ''} will lose access to {project.name}
          {project.visibility === 'private' ? ', which is private' : ''}.
        </p>
      </ConfirmDialog>
    </PageSection>
  );
}
