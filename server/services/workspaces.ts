// Workspace sessions: counted as running executions of a project (there is no IDE to run here),
// started by launchers and stopped by whoever started them or a project editor.
import type { Wire } from '../../src/api/schemas/common';
import type { WorkspaceSchema, WorkspaceSessionSchema } from '../../src/api/schemas/project-files';
import type { ServerContext } from '../context';
import type { KeyOwner } from '../db/api-keys-repository';
import type { ExecutionRow } from '../db/project-parts-repository';
import { clampLimit } from '../http/envelopes';
import { conflict, forbidden, notFound } from '../http/errors';
import { newObjectId } from '../http/ids';
import { accessProject, allows } from './project-access';

/** How many of a workspace's sessions a listing shows, newest first. */
const SESSIONS_LISTED = 20;

export function toSession(execution: ExecutionRow): Wire<typeof WorkspaceSessionSchema> {
  return {
    id: execution.sessionId!,
    executionId: execution.id,
    status: execution.status,
    hardwareTierId: execution.hardwareTierId,
    startedBy: execution.startedBy,
    startedAt: execution.startedAt,
    ...(execution.endedAt ? { endedAt: execution.endedAt } : {}),
  };
}

export function listWorkspaces(ctx: ServerContext, actor: KeyOwner, projectId: string, query: { offset: number; limit: number }) {
  accessProject(ctx, actor, projectId, 'read');
  const all = ctx.projectParts.workspaces(projectId);
  const limit = clampLimit(query.limit);
  const workspaces: Array<Wire<typeof WorkspaceSchema>> = all.slice(query.offset, query.offset + limit).map((w) => ({
    id: w.id,
    projectId: w.projectId,
    name: w.name,
    createdAt: w.createdAt,
    sessions: ctx.projectParts.executionsOfWorkspace(w.id).slice(0, SESSIONS_LISTED).map(toSession),
  }));
  return { workspaces, page: { offset: query.offset, limit, totalCount: all.length } };
}

export function startWorkspaceSession(ctx: ServerContext, actor: KeyOwner, projectId: string, workspaceId: string) {
  const { project } = accessProject(ctx, actor, projectId, 'launch');
  if (!ctx.projectParts.workspaces(projectId).some((w) => w.id === workspaceId)) throw notFound(`Workspace ${workspaceId} not found in project ${projectId}`);
  const running = ctx.projectParts.executionsOfWorkspace(workspaceId).find((e) => e.endedAt === null);
  if (running) throw conflict(`Workspace ${workspaceId} already has a running session (${running.sessionId})`);
  const session = { id: newObjectId(ctx.clock), executionId: newObjectId(ctx.clock) };
  ctx.projectParts.insertExecution({
    id: session.executionId,
    projectId,
    kind: 'workspace',
    workspaceId,
    sessionId: session.id,
    hardwareTierId: project.defaultHardwareTierId,
    startedBy: actor.id,
    status: 'Running',
    startedAt: ctx.clock.now().toISOString(),
    endedAt: null,
  });
  return session;
}

export function stopWorkspaceSession(ctx: ServerContext, actor: KeyOwner, projectId: string, sessionId: string) {
  const execution = ctx.projectParts.sessionExecution(sessionId);
  if (!execution || execution.projectId !== projectId) throw notFound(`Workspace session ${sessionId} not found in project ${projectId}`);
  const { project, role } = accessProject(ctx, actor, projectId, 'find');
  if (execution.startedBy !== actor.id && !allows(project, role, 'edit')) throw forbidden('Only whoever started a session, or a project editor, may stop it');
  if (!ctx.projectParts.finishExecution(execution.id, 'Stopped', ctx.clock.now().toISOString()))
    throw conflict(`Workspace session ${sessionId} has already stopped`);
  return toSession(ctx.projectParts.sessionExecution(sessionId)!);
}
