import type { EmbeddedStatus } from '../../api/embedded';
import type { ProjectStatusDetails } from '../../api/projects';
import type { ProjectV1 } from '../../api/schemas/projects';
import type { ProjectPermissions } from './project-permissions';

/** What every tab of the project page gets from the page. */
export interface ProjectTabProps {
  project: ProjectV1;
  permissions: ProjectPermissions;
  /** Embedded 'project-status', when the server lists it (and once loaded). */
  status: ProjectStatusDetails | undefined;
  info: EmbeddedStatus;
}

/** Why a control is missing or disabled; undefined when it is allowed. */
export function readOnlyReason(permissions: ProjectPermissions, action: 'edit' | 'manage'): string | undefined {
  if (permissions.archived) return 'This project is archived, so it cannot be changed.';
  if (action === 'manage' && !permissions.canManage) return 'Only the project owner and administrators can do this.';
  if (action === 'edit' && !permissions.canEdit) return 'Only the owner, administrators and contributors can change this project.';
  return undefined;
}

/**
 * The note to show next to a missing control: none for an archived project, whose banner already
 * says why nothing can be changed (one explanation, not one per section).
 */
export function readOnlyNote(permissions: ProjectPermissions, action: 'edit' | 'manage'): string | undefined {
  return permissions.archived ? undefined : readOnlyReason(permissions, action);
}
