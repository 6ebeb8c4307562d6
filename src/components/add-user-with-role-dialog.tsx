// "Choose a user and their role": adding an organization member and a project collaborator.
import { useState, type FormEvent } from 'react';
import { errorDetails } from '../api/error-details';
import type { UserV1 } from '../api/schemas/users';
import { Button } from './button';
import { Dialog, DialogActions } from './dialog';
import { SelectField } from './field';
import { InlineAlert } from './inline-alert';
import { TableSkeleton } from './skeleton';
import { UserPicker } from './user-picker';

export interface AddUserWithRoleDialogProps<Role extends string> {
  open: boolean;
  onClose: () => void;
  /** The dialog's title, which is also its submit button's label (e.g. "Add member"). */
  action: string;
  /** Where the user is added, for the description ("Choose a user to add to …"). */
  target: string;
  /** Every visible user; undefined while loading. */
  users: readonly UserV1[] | undefined;
  usersError: unknown;
  /** Who cannot be added (already in, or the owner). */
  excludeIds: ReadonlySet<string>;
  roles: readonly Role[];
  initialRole: Role;
  roleLabel: (role: Role) => string;
  /** What the chosen role may do, shown under the select. */
  roleHint?: (role: Role) => string;
  /** Applied optimistically by the caller; the dialog closes at once. */
  onAdd: (userId: string, role: Role) => void;
}

function AddUserWithRoleForm<Role extends string>({
  onClose,
  action,
  users,
  usersError,
  excludeIds,
  roles,
  initialRole,
  roleLabel,
  roleHint,
  onAdd,
}: Omit<AddUserWithRoleDialogProps<Role>, 'open' | 'target'>) {
  const [userId, setUserId] = useState<string | undefined>(undefined);
  const [role, setRole] = useState<Role>(initialRole);
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
          excludeIds={excludeIds}
          error={submitted && !userId ? 'Choose a user to add.' : undefined}
        />
      ) : usersError ? (
        <InlineAlert title="Users could not be loaded">{errorDetails(usersError).messages.join(' ')}</InlineAlert>
      ) : (
        <TableSkeleton rows={3} columns={2} label="Loading users…" />
      )}
      <SelectField label="Role" value={role} onChange={(event) => setRole(event.target.value as Role)} hint={roleHint?.(role)}>
        {roles.map((value) => (
          <option key={value} value={value}>
            {roleLabel(value)}
          </option>
        ))}
      </SelectField>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" aria-disabled={!users || undefined}>
          {action}
        </Button>
      </DialogActions>
    </form>
  );
}

export function AddUserWithRoleDialog<Role extends string>({ open, target, ...rest }: AddUserWithRoleDialogProps<Role>) {
  return (
    <Dialog open={open} onClose={rest.onClose} title={rest.action} description={`Choose a user to add to ${target}, and their role.`} size="lg">
      <AddUserWithRoleForm {...rest} />
    </Dialog>
  );
}
