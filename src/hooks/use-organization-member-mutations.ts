// Member changes on an organization's page, applied optimistically: the table changes at once,
// and if Domino refuses (not an org admin, last admin, ...) the change is undone and a toast
// says why. Invalidation after settling comes from the mutations' meta (query-client.ts).
import { useQueryClient } from '@tanstack/react-query';
import { organizationsMutations, organizationsQueries, type RemoveMemberInput, type SetMemberInput } from '../api/organizations';
import type { OrganizationV1 } from '../api/schemas/organizations';
import { toastStore } from '../lib/toast-store';
import { useOptimisticMutation } from './use-optimistic-mutation';

export interface MemberMutationCallbacks {
  /** Names a user id for messages ("Maya Chen"), falling back to the id. */
  nameOf: (userId: string) => string;
  /** After the signed-in user has left the organization. */
  onLeft?: () => void;
  selfId?: string;
}

function withMember(org: OrganizationV1, { userId, organizationRole }: SetMemberInput): OrganizationV1 {
  const exists = org.members.some((m) => m.userId === userId);
  const members = exists ? org.members.map((m) => (m.userId === userId ? { ...m, organizationRole } : m)) : [...org.members, { userId, organizationRole }];
  return { ...org, members };
}

export function useOrganizationMemberMutations(organizationId: string, { nameOf, onLeft, selfId }: MemberMutationCallbacks) {
  const queryClient = useQueryClient();
  const detailKey = organizationsQueries.detail(organizationId).queryKey;

  const setMember = useOptimisticMutation({
    mutation: organizationsMutations.setMember(),
    queryKey: detailKey,
    optimistic: withMember,
    failureTitle: (input, previous) =>
      previous?.members.some((m) => m.userId === input.userId)
        ? `Could not change the role of ${nameOf(input.userId)}`
        : `Could not add ${nameOf(input.userId)}`,
    onSuccess: (org, input) => {
      queryClient.setQueryData(detailKey, org);
      // Said for an add and a role change alike: the row may have scrolled away, or be in a dialog's shadow.
      toastStore.push({
        tone: 'success',
        title: `${nameOf(input.userId)} is now ${input.organizationRole === 'admin' ? 'an admin' : 'a member'} of ${org.name}`,
      });
    },
  });

  const removeMember = useOptimisticMutation({
    mutation: organizationsMutations.removeMember(),
    queryKey: detailKey,
    optimistic: (org: OrganizationV1, input: RemoveMemberInput) => ({ ...org, members: org.members.filter((m) => m.userId !== input.userId) }),
    failureTitle: (input) => (input.userId === selfId ? 'Could not leave the organization' : `Could not remove ${nameOf(input.userId)}`),
    onSuccess: (org, input) => {
      if (input.userId === selfId && onLeft) {
        // The organization may no longer be visible to us: leave its page before it is refetched.
        queryClient.removeQueries({ queryKey: detailKey, exact: true });
        onLeft();
        return;
      }
      queryClient.setQueryData(detailKey, org);
      toastStore.push({ tone: 'success', title: `Removed ${nameOf(input.userId)} from ${org.name}` });
    },
  });

  return { setMember, removeMember };
}
