import { useState, type FormEvent } from 'react';
import { errorDetails } from '../../api/error-details';
import { COLLABORATOR_ROLES, type ProjectCollaboratorRoleV1 } from '../../api/schemas/projects';
import type { UserV1 } from '../../api/schemas/users';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { TableSkeleton } from '../../components/skeleton';
import { UserPicker } from '../../components/user-picker';
import { COLLABORATOR_ROLE_INFO } from './collaborator-roles';

export interface AddCollaboratorDialogProps {
  open: boolean;
  onClose: () => void;
  projectName: string;
  users: readonly UserV1[] | undefined;
  usersError: unknown;
  /** The owner and the current collaborators: they cannot be added. */
  excludeIds: ReadonlySet<string>;
  /** Applied optimistically by the tab; the dialog closes at once. */
  onAdd: (userId: string, role: ProjectCollaboratorRoleV1) => void;
}

function AddCollaboratorForm({ onClose, users, usersError, excludeIds, onAdd }: Omit<AddCollaboratorDialogProps, 'open' | 'projectName'>) {
  const [userId, setUserId] = useState<string | undefined>(undefined);
  const [role, setRole] = useState<ProjectCollaboratorRoleV1>('contributor');
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
      <SelectField label="Role" value={role} onChange={(event) => setRole(event.target.value as ProjectCollaboratorRoleV1)} hint={COLLABORATOR_ROLE_INFO[role].meaning}>
        {COLLABORATOR_ROLES.map((value) => (
          <option key={value} value={value}>
            {COLLABORATOR_ROLE_INFO[value].label}
          </option>
        ))}
      </SelectField>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" aria-disabled={!users || undefined}>
          Add collaborator
        </Button>
      </DialogActions>
    </form>
  );
}

export function AddCollaboratorDialog({ open, onClose, projectName, ...rest }: AddCollaboratorDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title="Add collaborator" description={`Choose a user to add to ${projectName}, and their role.`} size="lg">
      <AddCollaboratorForm onClose={onClose} {...rest} />
    </Dialog>
  );
}
