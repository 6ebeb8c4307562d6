import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { organizationsQueries } from '../../api/organizations';
import type { OrganizationMemberV1 } from '../../api/schemas/organizations';
import type { UserV1 } from '../../api/schemas/users';
import { usersQueries } from '../../api/users';
import { Avatar } from '../../components/avatar';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { InlineAlert } from '../../components/inline-alert';
import { PageHeader } from '../../components/page-header';
import { RoleBadge } from '../../components/role-badge';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useOrganizationMemberMutations } from '../../hooks/use-organization-member-mutations';
import { toastStore } from '../../lib/toast-store';
import { displayName } from '../../lib/user-names';
import { AddMemberDialog } from './add-member-dialog';

const routeApi = getRouteApi('/organizations/$organizationId');

function MemberName({ member, user, directoryPending }: { member: OrganizationMemberV1; user: UserV1 | undefined; directoryPending: boolean }) {
  if (user) {
    return (
      <div className="flex items-center gap-3">
        <Avatar user={user} size="sm" />
        <Link to="/users/$userId" params={{ userId: user.id }} className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400">
          {displayName(user)}
        </Link>
      </div>
    );
  }
  if (directoryPending) return <span className="skeleton inline-block h-4 w-40 align-middle" aria-hidden="true" />;
  // Not among the users visible to us (or the user list failed): the id is all we know.
  return (
    <span className="text-slate-700 dark:text-slate-300">
      Unknown user <code className="font-mono text-xs">{member.userId}</code>
    </span>
  );
}

export function OrganizationPage() {
  const { organizationId } = routeApi.useParams();
  const navigate = useNavigate();
  const { data: org } = useSuspenseQuery(organizationsQueries.detail(organizationId));
  const { data: self } = useSuspenseQuery(usersQueries.self());
  const { data: isSystemAdmin } = useSuspenseQuery(organizationsQueries.canListAll());
  const directory = useQuery(usersQueries.directory());
  useDocumentTitle(org.name);

  const usersById = new Map((directory.data ?? []).map((user) => [user.id, user]));
  const nameOf = (userId: string) => {
    const user = usersById.get(userId);
    return user ? displayName(user) : `user ${userId}`;
  };
  const myRole = org.members.find((member) => member.userId === self.id)?.organizationRole;
  // Domino lets the organization's admins and system administrators edit members.
  const canEdit = isSystemAdmin || myRole === 'admin';

  const [adding, setAdding] = useState(false);
  const [removingId, setRemovingId] = useState<string | null>(null);
  const { setMember, removeMember } = useOrganizationMemberMutations(organizationId, {
    nameOf,
    selfId: self.id,
    onLeft: () => {
      toastStore.push({ tone: 'success', title: `You left “${org.name}”` });
      void navigate({ to: '/organizations' });
    },
  });

  const pendingRoleFor = setMember.isPending ? setMember.variables?.userId : undefined;
  const adminCount = org.members.filter((member) => member.organizationRole === 'admin').length;
  const removingSelf = removingId === self.id;

  function confirmRemove() {
    if (!removingId) return;
    removeMember.mutate({ organizationId, userId: removingId });
    setRemovingId(null);
  }

  return (
    <div className="space-y-6">
      <div>
        <nav aria-label="Breadcrumb" className="mb-3 text-sm">
          <Link to="/organizations" className="text-blue-700 underline underline-offset-2 dark:text-blue-400">
            Organizations
          </Link>
          <span aria-hidden="true" className="mx-2 text-slate-500">
            /
          </span>
          <span aria-current="page" className="text-slate-700 dark:text-slate-300">
            {org.name}
          </span>
        </nav>
        <PageHeader
          title={org.name}
          description={
            <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span>
                {org.members.length} {org.members.length === 1 ? 'member' : 'members'}
              </span>
              <span aria-hidden="true">·</span>
              <span>
                {adminCount} {adminCount === 1 ? 'admin' : 'admins'}
              </span>
              {myRole ? (
                <>
                  <span aria-hidden="true">·</span>
                  <span className="flex items-center gap-1.5">
                    You are <RoleBadge role={myRole} />
                  </span>
                </>
              ) : isSystemAdmin ? (
                <>
                  <span aria-hidden="true">·</span>
                  <Badge tone="blue">Viewing as administrator</Badge>
                </>
              ) : null}
            </span>
          }
          actions={
            canEdit ? (
              <Button variant="primary" onClick={() => setAdding(true)}>
                Add member
              </Button>
            ) : undefined
          }
        />
      </div>

      <section aria-labelledby="members-heading" className="space-y-3">
        <h2 id="members-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-50">
          Members
        </h2>
        {!canEdit ? <InlineAlert tone="info">Only admins of this organization can add members, remove them or change their roles.</InlineAlert> : null}
        {org.members.length === 0 ? (
          <EmptyState title="No members">This organization has no members.</EmptyState>
        ) : (
          <Table caption={`Members of ${org.name}`}>
            <TableHead>
              <Th>Member</Th>
              <Th>User name</Th>
              <Th>Role</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </TableHead>
            <TableBody>
              {org.members.map((member) => {
                const user = usersById.get(member.userId);
                const name = nameOf(member.userId);
                const isSelf = member.userId === self.id;
                const nextRole = member.organizationRole === 'admin' ? 'member' : 'admin';
                return (
                  <tr key={member.userId}>
                    <Td>
                      <MemberName member={member} user={user} directoryPending={directory.isPending} />
                    </Td>
                    <Td className="text-slate-700 dark:text-slate-300">
                      {user?.userName ?? '—'}
                      {isSelf ? (
                        <Badge tone="blue" className="ml-2">
                          You
                        </Badge>
                      ) : null}
                    </Td>
                    <Td>
                      <span className="flex items-center gap-2">
                        <RoleBadge role={member.organizationRole} />
                        {pendingRoleFor === member.userId ? <span className="text-xs text-slate-600 dark:text-slate-400">Saving…</span> : null}
                      </span>
                    </Td>
                    <Td className="text-right whitespace-nowrap">
                      <span className="inline-flex gap-1">
                        {canEdit ? (
                          <Button
                            size="sm"
                            variant="ghost"
                            onClick={() => setMember.mutate({ organizationId, userId: member.userId, organizationRole: nextRole })}
                            aria-label={nextRole === 'admin' ? `Make ${name} an admin` : `Make ${name} a member`}
                          >
                            {nextRole === 'admin' ? 'Make admin' : 'Make member'}
                          </Button>
                        ) : null}
                        {canEdit || isSelf ? (
                          <Button
                            size="sm"
                            variant="ghost-danger"
                            onClick={() => setRemovingId(member.userId)} aria-label={isSelf ? `Leave ${org.name}` : `Remove ${name}`}>
                            {isSelf ? 'Leave' : 'Remove'}
                          </Button>
                        ) : null}
                      </span>
                    </Td>
                  </tr>
                );
              })}
            </TableBody>
          </Table>
        )}
      </section>

      <dl className="text-xs text-slate-600 dark:text-slate-400">
        <dt className="inline font-medium">Organization ID: </dt>
        <dd className="inline font-mono">{org.id}</dd>
      </dl>

      <AddMemberDialog
        open={adding}
        onClose={() => setAdding(false)}
        organizationName={org.name}
        users={directory.data}
        usersError={directory.error}
        memberIds={new Set(org.members.map((member) => member.userId))}
        onAdd={(userId, organizationRole) => setMember.mutate({ organizationId, userId, organizationRole })}
      />
      <ConfirmDialog
        open={removingId !== null}
        title={removingSelf ? 'Leave organization?' : 'Remove member?'}
        confirmLabel={removingSelf ? 'Leave organization' : 'Remove member'}
        onConfirm={confirmRemove}
        onCancel={() => setRemovingId(null)}
      >
        <p>
          {removingSelf
            ? `You will no longer be a member of ${org.name}.${isSystemAdmin ? '' : ' You will need an admin of the organization to add you back.'}`
            : `${removingId ? nameOf(removingId) : ''} will no longer be a member of ${org.name}.`}
        </p>
      </ConfirmDialog>
    </div>
  );
}

export const organizationLazyRoute = createLazyRoute('/organizations/$organizationId')({ component: OrganizationPage });
