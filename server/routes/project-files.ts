// Project files: the reference's file-contents endpoint, and the embedded-only extensions the
// dashboard's Files tab uses (directory listing, commit log, upload) plus status and workspaces.
import path from 'node:path';
import { z } from 'zod';
import { ObjectIdSchema, paginationQuery } from '../../src/api/schemas/common';
import { EMBEDDED_PREFIX } from '../../src/api/schemas/embedded';
import {
  CommitFileQuerySchema,
  CommitLogEnvelopeSchema,
  CommittedFileEnvelopeSchema,
  DirectoryListingEnvelopeSchema,
  ProjectStatusEmbeddedEnvelopeSchema,
  WorkspaceSessionEnvelopeSchema,
  WorkspacesEnvelopeSchema,
} from '../../src/api/schemas/project-files';
import type { RouteRegistrar } from '../app';
import type { ExecutionRow } from '../db/project-parts-repository';
import { clampLimit, metadata, paginatedMetadata } from '../http/envelopes';
import { badRequest, notFound } from '../http/errors';
import { defineRoute } from '../http/route';
import { COMMIT_ID_PATTERN, GitPathRefused, MAIN_BRANCH, normaliseRepoPath, repoPathProblem } from '../git/git-repositories';
import { accessProject } from '../services/project-access';
import { authorOf, ensureRepository, statusOf, stopWorkspaceSession } from '../services/projects';

const ProjectParams = z.object({ projectId: ObjectIdSchema });
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const TEXT_TYPES = new Set(['.txt', '.md', '.py', '.r', '.sh', '.js', '.mjs', '.ts', '.sql', '.yaml', '.yml', '.toml', '.cfg', '.ini', '.log', '.csv', '.tsv', '.ipynb', '.json', '.html', '.css', '.xml', '.svg', '.dockerfile', '']);
const BINARY_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.pdf': 'application/pdf' };

/**
 * A content type for a file by its name. Markup (html, svg) is served as text/plain with a sandbox
 * policy: a file from a project is data, never a page that runs in the dashboard's origin.
 */
export function contentTypeOf(filePath: string): string {
  const ext = path.extname(filePath).toLowerCase();
  if (ext === '.json' || ext === '.ipynb') return 'application/json; charset=utf-8';
  if (TEXT_TYPES.has(ext)) return ext === '.csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8';
  return BINARY_TYPES[ext] ?? 'application/octet-stream';
}

function toSession(execution: ExecutionRow) {
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

export const registerProjectFileRoutes: RouteRegistrar = (app, ctx, options) => {
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) => done(null, body));

  async function commitFor(projectId: string, commitRef: string): Promise<string> {
    const commitId = await ctx.git.resolveCommit(projectId, commitRef);
    if (!commitId) throw notFound(`Commit ${commitRef} not found in project ${projectId}`);
    return commitId;
  }

  defineRoute(app, options, {
    method: 'GET',
    url: '/api/projects/beta/projects/:projectId/files/:commitId/:path/content',
    access: 'user',
    params: ProjectParams.extend({ commitId: z.string().regex(COMMIT_ID_PATTERN, 'commitId must be a 40-hex git commit id'), path: z.string() }),
    response: 'raw',
    handler: async ({ params, user }) => {
      const { project } = accessProject(ctx, user, params.projectId, 'read');
      const repoPath = normaliseRepoPath(params.path);
      if (!repoPath) throw badRequest(`path: "${params.path}" is not a path inside the project`);
      await ensureRepository(ctx, project);
      const commitId = await commitFor(project.id, params.commitId);
      const entry = await ctx.git.entryAt(project.id, commitId, repoPath);
      if (!entry) throw notFound(`File ${repoPath} not found at commit ${commitId}`);
      if (entry.type !== 'file') throw badRequest(`${repoPath} is a directory, not a file`);
      return {
        body: ctx.git.streamBlob(project.id, entry.blobId),
        contentType: contentTypeOf(repoPath),
        headers: {
          'content-length': String(entry.size),
          'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(entry.name)}`,
          'x-content-type-options': 'nosniff',
          'content-security-policy': 'sandbox',
          'cache-control': 'private, max-age=31536000, immutable',
        },
      };
    },
  });

  const EMBEDDED = `${EMBEDDED_PREFIX}/projects/:projectId`;

  defineRoute(app, options, {
    method: 'GET',
    url: `${EMBEDDED}/tree/:commitRef`,
    access: 'user',
    params: ProjectParams.extend({ commitRef: z.string() }),
    query: z.object({ path: z.string().default('') }),
    response: DirectoryListingEnvelopeSchema,
    handler: async ({ params, query, user, requestId }) => {
      const { project } = accessProject(ctx, user, params.projectId, 'read');
      const dir = query.path === '' ? '' : normaliseRepoPath(query.path);
      if (dir === undefined) throw badRequest(`path: "${query.path}" is not a path inside the project`);
      await ensureRepository(ctx, project);
      const commitId = await commitFor(project.id, params.commitRef);
      if (dir !== '') {
        const entry = await ctx.git.entryAt(project.id, commitId, dir);
        if (!entry || entry.type !== 'dir') throw notFound(`Directory ${dir} not found at commit ${commitId}`);
      }
      const entries = await ctx.git.listDirectory(project.id, commitId, dir);
      return { commitId, path: dir, entries: entries.map(({ name, path: p, type, size }) => ({ name, path: p, type, size })), metadata: metadata(requestId) };
    },
  });

  defineRoute(app, options, {
    method: 'GET',
    url: `${EMBEDDED}/commits`,
    access: 'user',
    params: ProjectParams,
    query: paginationQuery(20).extend({ ref: z.string().default(MAIN_BRANCH) }),
    response: CommitLogEnvelopeSchema,
    handler: async ({ params, query, user, requestId }) => {
      const { project } = accessProject(ctx, user, params.projectId, 'read');
      await ensureRepository(ctx, project);
      const head = await commitFor(project.id, query.ref);
      const limit = clampLimit(query.limit);
      const { commits, hasMore } = await ctx.git.log(project.id, head, query.offset, limit);
      return { commits, hasMore, metadata: metadata(requestId) };
    },
  });

  defineRoute(app, options, {
    method: 'PUT',
    url: `${EMBEDDED}/files`,
    access: 'user',
    params: ProjectParams,
    query: CommitFileQuerySchema,
    response: CommittedFileEnvelopeSchema,
    bodyLimit: MAX_UPLOAD_BYTES,
    handler: async ({ params, query, user, request, requestId }) => {
      const { project } = accessProject(ctx, user, params.projectId, 'edit');
      const problem = repoPathProblem(query.path);
      if (problem) throw badRequest(problem);
      const repoPath = normaliseRepoPath(query.path)!;
      if (!Buffer.isBuffer(request.body)) throw badRequest('body: send the file as application/octet-stream');
      await ensureRepository(ctx, project);
      const existing = await ctx.git.entryAt(project.id, MAIN_BRANCH, repoPath);
      if (existing?.type === 'dir') throw badRequest(`${repoPath} is a directory`);
      const commitId = await ctx.git
        .commitFiles(project.id, {
          branch: MAIN_BRANCH,
          files: [{ path: repoPath, content: request.body }],
          message: query.message ?? `${existing ? 'Update' : 'Add'} ${repoPath}`,
          author: authorOf(ctx, user.id),
        })
        .catch((error: unknown) => {
          throw error instanceof GitPathRefused ? badRequest(error.message) : error;
        });
      return { commitId, path: repoPath, size: request.body.length, metadata: metadata(requestId) };
    },
  });

  defineRoute(app, options, {
    method: 'GET',
    url: `${EMBEDDED}/status`,
    access: 'user',
    params: ProjectParams,
    response: ProjectStatusEmbeddedEnvelopeSchema,
    handler: ({ params, user, requestId }) => {
      const { project, role } = accessProject(ctx, user, params.projectId, 'find');
      return { status: statusOf(project), isArchived: project.isArchived, createdAt: project.createdAt, yourRole: role, metadata: metadata(requestId) };
    },
  });

  defineRoute(app, options, {
    method: 'GET',
    url: `${EMBEDDED}/workspaces`,
    access: 'user',
    params: ProjectParams,
    query: paginationQuery(),
    response: WorkspacesEnvelopeSchema,
    handler: ({ params, query, user, requestId }) => {
      accessProject(ctx, user, params.projectId, 'read');
      const all = ctx.projectParts.workspaces(params.projectId);
      const limit = clampLimit(query.limit);
      return {
        workspaces: all.slice(query.offset, query.offset + limit).map((w) => ({
          id: w.id,
          projectId: w.projectId,
          name: w.name,
          createdAt: w.createdAt,
          sessions: ctx.projectParts.executionsOfWorkspace(w.id).slice(0, 20).map(toSession),
        })),
        metadata: paginatedMetadata(requestId, { offset: query.offset, limit, totalCount: all.length }),
      };
    },
  });

  defineRoute(app, options, {
    method: 'POST',
    url: `${EMBEDDED}/workspace-sessions/:sessionId/stop`,
    access: 'user',
    params: ProjectParams.extend({ sessionId: ObjectIdSchema }),
    response: WorkspaceSessionEnvelopeSchema,
    handler: ({ params, user, requestId }) => ({ session: toSession(stopWorkspaceSession(ctx, user, params.projectId, params.sessionId)), metadata: metadata(requestId) }),
  });
};
