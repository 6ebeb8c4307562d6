import { useState, type FormEvent } from 'react';
import { errorDetails } from '../../api/error-details';
import { ORGANIZATION_ROLES, type OrganizationRoleV1 } from '../../api/schemas/organizations';
import type { UserV1 } from '../../api/schemas/users';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { TableSkeleton } from '../../components/skeleton';
import { UserPicker } from '../../components/user-picker';

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

function AddMemberForm({ onClose, users, usersError, memberIds, onAdd }: Omit<AddMemberDialogProps, 'open' | 'organizationName'>) {
  const [userId, setUserId] = useState<string | undefined>(undefined);
  const [role, setRole] = useState<OrganizationRoleV1>('member');
  const [submitted, setSubmitted] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (!userId) return;
    onAdd(userId, role);
    onClose();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {users ? (
        <UserPicker
          legend="User"
          users={users}
          mode="single"
          selectedIds={new Set(userId ? [userId] : [])}
          onChange={(id, selected) => setUserId(selected ? id : undefined)}
          excludeIds={memberIds}
          error={submitted && !userId ? 'Choose a user to add.' : undefined}
        />
      ) : usersError ? (
        <InlineAlert title="Users could not be loaded">{errorDetails(usersError).messages.join(' ')}</InlineAlert>
      ) : (
        <TableSkeleton rows={3} columns={2} label="Loading users…" />
      )}
      <SelectField label="Role" value={role} onChange={(event) => setRole(event.target.value as OrganizationRoleV1)}>
        {ORGANIZATION_ROLES.map((value) => (
          <option key={value} value={value}>
            {ROLE_LABELS[value]}
          </option>
        ))}
      </SelectField>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" aria-disabled={!users || undefined}>
          Add member
        </Button>
      </DialogActions>
    </form>
  );
}

export function AddMemberDialog({ open, onClose, organizationName, ...rest }: AddMemberDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title="Add member" description={`Choose a user to add to ${organizationName}, and their role.`} size="lg">
      <AddMemberForm onClose={onClose} {...rest} />
    </Dialog>
  );
}
