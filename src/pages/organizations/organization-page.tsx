import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { resourceErrorComponent } from '../resource-error';
import { createLazyRoute, getRouteApi, useNavigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { organizationsQueries } from '../../api/organizations';
import { usersQueries } from '../../api/users';
import { Badge } from '../../components/badge';
import { Breadcrumb, BreadcrumbLink } from '../../components/breadcrumb';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { InlineAlert } from '../../components/inline-alert';
import { PageHeader } from '../../components/page-header';
import { PageSection } from '../../components/page-section';
import { PeopleTable, PersonRow } from '../../components/people-table';
import { RemoveButton } from '../../components/remove-button';
import { RoleBadge } from '../../components/role-badge';
import { useConfirmedMutation } from '../../hooks/use-confirmed-mutation';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useOrganizationMemberMutations } from '../../hooks/use-organization-member-mutations';
import { toastStore } from '../../lib/toast-store';
import { displayName } from '../../lib/user-names';
import { AddMemberDialog } from './add-member-dialog';

const routeApi = getRouteApi('/organizations/$organizationId');

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
  const { setMember, removeMember } = useOrganizationMemberMutations(organizationId, {
    nameOf,
    selfId: self.id,
    onLeft: () => {
      toastStore.push({ tone: 'success', title: `You left “${org.name}”` });
      void navigate({ to: '/organizations' });
    },
  });

  const pendingRoleFor = setMember.isPending ? setMember.variables?.userId : undefined;
  const removing = useConfirmedMutation(removeMember, { variables: (userId: string) => ({ organizationId, userId }), mode: 'close' });
  const adminCount = org.members.filter((member) => member.organizationRole === 'admin').length;
  const soleAdminHintId = useId();
  const removingSelf = removing.target === self.id;

  return (
    <div className="space-y-6">
      <div>
        <Breadcrumb current={org.name}>
          <BreadcrumbLink to="/organizations">Organizations</BreadcrumbLink>
        </Breadcrumb>
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

      <PageSection title="Members">
        {!canEdit ? <InlineAlert tone="info">Only admins of this organization can add members, remove them or change their roles.</InlineAlert> : null}
        {org.members.length === 0 ? (
          <EmptyState title="No members">This organization has no members.</EmptyState>
        ) : (
          <PeopleTable caption={`Members of ${org.name}`} nameHeader="Member">
            {org.members.map((member) => {
              const name = nameOf(member.userId);
              const isSelf = member.userId === self.id;
              const nextRole = member.organizationRole === 'admin' ? 'member' : 'admin';
              // Domino refuses to leave an organization without an admin: say so instead of offering a 400.
              const soleAdmin = member.organizationRole === 'admin' && adminCount === 1;
              const whyId = `${soleAdminHintId}-${member.userId}`;
              return (
                <PersonRow
                  key={member.userId}
                  userId={member.userId}
                  user={usersById.get(member.userId)}
                  usersPending={directory.isPending}
                  isSelf={isSelf}
                  role={<RoleBadge role={member.organizationRole} />}
                  saving={pendingRoleFor === member.userId}
                  actions={
                    <span className="inline-flex gap-1">
                      {canEdit ? (
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => setMember.mutate({ organizationId, userId: member.userId, organizationRole: nextRole })}
                          aria-label={nextRole === 'admin' ? `Make ${name} an admin` : `Make ${name} a member`}
                          disabled={soleAdmin}
                          aria-describedby={soleAdmin ? whyId : undefined}
                        >
                          {nextRole === 'admin' ? 'Make admin' : 'Make member'}
                        </Button>
                      ) : null}
                      {/* Admins remove anyone; anyone may leave. */}
                      {canEdit || isSelf ? (
                        <RemoveButton
                          label={isSelf ? 'Leave' : 'Remove'}
                          what={isSelf ? org.name : name}
                          onClick={() => removing.ask(member.userId)}
                          disabled={soleAdmin}
                          describedBy={soleAdmin ? whyId : undefined}
                        />
                      ) : null}
                      {soleAdmin && (canEdit || isSelf) ? (
                        <span id={whyId} className="self-center text-xs text-slate-600 dark:text-slate-400">
                          {org.name} must keep at least one admin: make another member an admin first.
                        </span>
                      ) : null}
                    </span>
                  }
                />
              );
            })}
          </PeopleTable>
        )}
      </PageSection>

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
        {...removing.dialog}
        title={removingSelf ? 'Leave organization?' : 'Remove member?'}
        confirmLabel={removingSelf ? 'Leave organization' : 'Remove member'}
      >
        <p>
          {removingSelf
            ? `You will no longer be a member of ${org.name}.${isSystemAdmin ? '' : ' You will need an admin of the organization to add you back.'}`
            : `${removing.target ? nameOf(removing.target) : ''} will no longer be a member of ${org.name}.`}
        </p>
      </ConfirmDialog>
    </div>
  );
}

export const organizationLazyRoute = createLazyRoute('/organizations/$organizationId')({
  component: OrganizationPage,
  // 403 (not a member) and 404 are ordinary answers here: offer the way back to the list.
  errorComponent: resourceErrorComponent({
    noun: 'organization',
    missing: 'There is no organization with this id visible to you.',
    back: { label: 'Back to organizations', to: '/organizations' },
  }),
});
