import { COLLABORATOR_ROLES, type ProjectCollaboratorRoleV1 } from '../../api/schemas/projects';
import type { UserV1 } from '../../api/schemas/users';
import { AddUserWithRoleDialog } from '../../components/add-user-with-role-dialog';
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

export function AddCollaboratorDialog({ projectName, ...rest }: AddCollaboratorDialogProps) {
  return (
    <AddUserWithRoleDialog
      {...rest}
      action="Add collaborator"
      target={projectName}
      roles={COLLABORATOR_ROLES}
      initialRole="contributor"
      roleLabel={(role) => COLLABORATOR_ROLE_INFO[role].label}
      roleHint={(role) => COLLABORATOR_ROLE_INFO[role].meaning}
    />
  );
}
