import { ORGANIZATION_ROLES, type OrganizationRoleV1 } from '../../api/schemas/organizations';
import type { UserV1 } from '../../api/schemas/users';
import { AddUserWithRoleDialog } from '../../components/add-user-with-role-dialog';

const ROLE_LABELS: Record<OrganizationRoleV1, string> = { member: 'Member', admin: 'Admin' };

export interface AddMemberDialogProps {
  open: boolean;
  onClose: () => void;
  organizationName: string;
  /** Every visible user; undefined while loading. */
  users: readonly UserV1[] | undefined;
  usersError: unknown;
  memberIds: ReadonlySet<string>;
  /** Applied optimistically by the page; the dialog closes at once. */
  onAdd: (userId: string, role: OrganizationRoleV1) => void;
}

export function AddMemberDialog({ organizationName, memberIds, ...rest }: AddMemberDialogProps) {
  return (
    <AddUserWithRoleDialog
      {...rest}
      action="Add member"
      target={organizationName}
      excludeIds={memberIds}
      roles={ORGANIZATION_ROLES}
      initialRole="member"
      roleLabel={(role) => ROLE_LABELS[role]}
    />
  );
}
