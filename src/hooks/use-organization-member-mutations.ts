// Member changes on an organization's page, applied optimistically: the table changes at once,
// and if Domino refuses (not an org admin, last admin, ...) the change is undone and a toast
// says why. Invalidation after settling comes from the mutations' meta (query-client.ts).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/error-details';
import { organizationsMutations, organizationsQueries, type RemoveMemberInput, type SetMemberInput } from '../api/organizations';
import type { OrganizationV1 } from '../api/schemas/organizations';
import { toastStore } from '../lib/toast-store';

export interface MemberMutationCallbacks {
  /** Names a user id for messages ("Maya Chen"), falling back to the id. */
  nameOf: (userId: string) => string;
  /** After the signed-in user has left the organization. */
  onLeft?: () => void;
  selfId?: string;
}

type Snapshot = { previous: OrganizationV1 | undefined };

export function useOrganizationMemberMutations(organizationId: string, { nameOf, onLeft, selfId }: MemberMutationCallbacks) {
  const queryClient = useQueryClient();
  const detailKey = organizationsQueries.detail(organizationId).queryKey;

  async function applyOptimistically(update: (org: OrganizationV1) => OrganizationV1): Promise<Snapshot> {
    // A refetch landing mid-change would overwrite the optimistic state with the old members.
    await queryClient.cancelQueries({ queryKey: detailKey });
    const previous = queryClient.getQueryData(detailKey);
    if (previous) queryClient.setQueryData(detailKey, update(previous));
    return { previous };
  }

  function rollBack(snapshot: Snapshot | undefined, title: string, error: unknown) {
    if (snapshot?.previous) queryClient.setQueryData(detailKey, snapshot.previous);
    const reason = errorMessage(error).trim();
    // Server messages rarely end in a full stop; the sentence after them needs one.
    const sentence = /[.!?]$/.test(reason) ? reason : `${reason}.`;
    toastStore.push({ tone: 'error', title, description: `${sentence} The change was undone.` });
  }

  const setMember = useMutation({
    ...organizationsMutations.setMember(),
    onMutate: (input: SetMemberInput) =>
      applyOptimistically((org) => {
        const exists = org.members.some((m) => m.userId === input.userId);
        const members = exists
          ? org.members.map((m) => (m.userId === input.userId ? { ...m, organizationRole: input.organizationRole } : m))
          : [...org.members, { userId: input.userId, organizationRole: input.organizationRole }];
        return { ...org, members };
      }),
    onError: (error, input, snapshot) => {
      const wasMember = snapshot?.previous?.members.some((m) => m.userId === input.userId) ?? false;
      const title = wasMember ? `Could not change the role of ${nameOf(input.userId)}` : `Could not add ${nameOf(input.userId)}`;
      rollBack(snapshot, title, error);
    },
    onSuccess: (org) => queryClient.setQueryData(detailKey, org),
  });

  const removeMember = useMutation({
    ...organizationsMutations.removeMember(),
    onMutate: (input: RemoveMemberInput) =>
      applyOptimistically((org) => ({ ...org, members: org.members.filter((m) => m.userId !== input.userId) })),
    onError: (error, input, snapshot) => {
      const title = input.userId === selfId ? 'Could not leave the organization' : `Could not remove ${nameOf(input.userId)}`;
      rollBack(snapshot, title, error);
    },
    onSuccess: (org, input) => {
      if (input.userId === selfId && onLeft) {
        // The organization may no longer be visible to us: leave its page before it is refetched.
        queryClient.removeQueries({ queryKey: detailKey, exact: true });
        onLeft();
        return;
      }
      queryClient.setQueryData(detailKey, org);
    },
  });

  return { setMember, removeMember };
}
