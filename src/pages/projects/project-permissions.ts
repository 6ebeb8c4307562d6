// What the signed-in user may do in a project, mirroring Domino's roles: owners and admins
// everything; contributors edit but do not manage collaborators or archive; launcher users also
// start sessions; results consumers and project importers only read. An archived project is
// read-only for everyone.
import type { ProjectV1 } from '../../api/schemas/projects';

export type ProjectRole = 'owner' | 'admin' | 'contributor' | 'launcherUser' | 'resultsConsumer' | 'projectImporter' | 'none';

export interface ProjectPermissions {
  /** The role, or undefined when neither the server nor the project says (admins look like this). */
  role: ProjectRole | undefined;
  /** Whether the role came from the server (embedded 'project-status'); if not, the API has the final word. */
  known: boolean;
  canEdit: boolean;
  canManage: boolean;
  canLaunch: boolean;
  archived: boolean;
}

const EDITORS: readonly ProjectRole[] = ['owner', 'admin', 'contributor'];
const MANAGERS: readonly ProjectRole[] = ['owner', 'admin'];
const LAUNCHERS: readonly ProjectRole[] = ['owner', 'admin', 'contributor', 'launcherUser'];

/**
 * `yourRole` comes from the embedded status when listed. Without it the role is read from the
 * project (owner, or a collaborator's role); anyone else may still be an administrator, so the
 * actions stay offered and the API decides.
 */
export function permissionsFor({
  project,
  selfId,
  yourRole,
  archived = false,
}: {
  project: Pick<ProjectV1, 'ownerId' | 'collaborators'>;
  selfId: string | undefined;
  yourRole?: ProjectRole;
  archived?: boolean;
}): ProjectPermissions {
  let role: ProjectRole | undefined = yourRole;
  if (role === undefined && selfId !== undefined) {
    if (project.ownerId === selfId) role = 'owner';
    else role = project.collaborators.find((collaborator) => collaborator.id === selfId)?.role;
  }
  const known = yourRole !== undefined;
  const allowed = (roles: readonly ProjectRole[]) => !archived && (role === undefined ? true : roles.includes(role));
  return { role, known, canEdit: allowed(EDITORS), canManage: allowed(MANAGERS), canLaunch: allowed(LAUNCHERS), archived };
}

export const ROLE_LABELS: Record<ProjectRole, string> = {
  owner: 'Owner',
  admin: 'Administrator',
  contributor: 'Contributor',
  launcherUser: 'Launcher user',
  resultsConsumer: 'Results consumer',
  projectImporter: 'Project importer',
  none: 'No role',
};
