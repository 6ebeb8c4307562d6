// Who may do what in a project: owners and admins everything; a
// contributor edits but does not manage collaborators or archive; a launcherUser reads and
// launches; a resultsConsumer and a projectImporter read. Private projects are invisible (404)
// to everyone else; searchable ones can be found but not read; public ones can be read.
import type { ProjectRole } from '../../src/api/schemas/projects';
import type { KeyOwner } from '../db/api-keys-repository';
import type { ProjectRow } from '../db/projects-repository';
import type { ServerContext } from '../context';
import { badRequest, forbidden, notFound } from '../http/errors';

/** What an action needs, from weakest to strongest. */
export type ProjectNeed = 'find' | 'read' | 'launch' | 'edit' | 'manage';

const GRANTS: Record<ProjectRole, readonly ProjectNeed[]> = {
  owner: ['find', 'read', 'launch', 'edit', 'manage'],
  admin: ['find', 'read', 'launch', 'edit', 'manage'],
  contributor: ['find', 'read', 'launch', 'edit'],
  launcherUser: ['find', 'read', 'launch'],
  resultsConsumer: ['find', 'read'],
  projectImporter: ['find', 'read'],
  none: [],
};

const NEED_WORDS: Record<ProjectNeed, string> = {
  find: 'see',
  read: 'read',
  launch: 'start executions in',
  edit: 'change',
  manage: 'manage',
};

export function roleIn(ctx: ServerContext, project: ProjectRow, user: KeyOwner): ProjectRole {
  if (project.ownerId === user.id) return 'owner';
  if (user.isAdmin) return 'admin';
  return ctx.projects.collaborators(project.id).find((c) => c.userId === user.id)?.role ?? 'none';
}

export function allows(project: ProjectRow, role: ProjectRole, need: ProjectNeed): boolean {
  if (GRANTS[role].includes(need)) return true;
  if (need === 'find') return project.visibility !== 'private';
  if (need === 'read') return project.visibility === 'public';
  return false;
}

export interface AccessibleProject {
  project: ProjectRow;
  role: ProjectRole;
}

/**
 * Loads a project for an action, or throws: 404 when the user may not even know it exists,
 * 403 when they may see it but not do this, 400 when a change targets an archived project.
 */
export function accessProject(
  ctx: ServerContext,
  user: KeyOwner,
  projectId: string,
  need: ProjectNeed,
  // Only restoring an archived project changes one: it passes 'allowed'.
  { archived = 'read-only' }: { archived?: 'read-only' | 'allowed' } = {},
): AccessibleProject {
  const project = ctx.projects.findById(projectId);
  if (!project) throw notFound(`Project ${projectId} not found`);
  const role = roleIn(ctx, project, user);
  if (!allows(project, role, 'find')) throw notFound(`Project ${projectId} not found`);
  if (!allows(project, role, need)) throw forbidden(`You may not ${NEED_WORDS[need]} project ${project.ownerUserName}/${project.name}`);
  if (project.isArchived && archived === 'read-only' && need !== 'find' && need !== 'read')
    throw badRequest(`Project ${project.ownerUserName}/${project.name} is archived`);
  return { project, role };
}
