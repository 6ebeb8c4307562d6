// A project's files: its git repository read at a commit (contents, directories, history) and
// written one file at a time. Every path is checked before git sees it, so a refusal is the
// client's mistake in the server's own words, never git's.
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Wire } from '../../src/api/schemas/common';
import type { CommitSchema, ProjectStatusEmbeddedEnvelopeSchema, TreeEntrySchema } from '../../src/api/schemas/project-files';
import type { ServerContext } from '../context';
import type { KeyOwner } from '../db/api-keys-repository';
import { badRequest, notFound } from '../http/errors';
import { GitPathRefused, MAIN_BRANCH, normaliseRepoPath, repoPathProblem } from '../git/git-repositories';
import { clampLimit } from '../http/envelopes';
import { accessProject } from './project-access';
import { authorOf, ensureRepository, statusOf } from './projects';

const TEXT_TYPES = new Set([
  '.txt',
  '.md',
  '.py',
  '.r',
  '.sh',
  '.js',
  '.mjs',
  '.ts',
  '.sql',
  '.yaml',
  '.yml',
  '.toml',
  '.cfg',
  '.ini',
  '.log',
  '.csv',
  '.tsv',
  '.ipynb',
  '.json',
  '.html',
  '.css',
  '.xml',
  '.svg',
  '.dockerfile',
  '',
]);
const BINARY_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.pdf': 'application/pdf',
};

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

async function commitOf(ctx: ServerContext, projectId: string, commitRef: string): Promise<string> {
  const commitId = await ctx.git.resolveCommit(projectId, commitRef);
  if (!commitId) throw notFound(`Commit ${commitRef} not found in project ${projectId}`);
  return commitId;
}

function pathInProject(raw: string): string {
  const problem = repoPathProblem(raw);
  if (problem) throw badRequest(problem);
  return normaliseRepoPath(raw)!;
}

export interface FileContent {
  name: string;
  size: number;
  contentType: string;
  stream: Readable;
}

/** A file's bytes at a commit, streamed from git (nothing buffered whole). */
export async function fileContent(ctx: ServerContext, actor: KeyOwner, projectId: string, commitId: string, rawPath: string): Promise<FileContent> {
  const { project } = accessProject(ctx, actor, projectId, 'read');
  const repoPath = pathInProject(rawPath);
  await ensureRepository(ctx, project);
  const commit = await commitOf(ctx, project.id, commitId);
  const entry = await ctx.git.entryAt(project.id, commit, repoPath);
  if (!entry) throw notFound(`File ${repoPath} not found at commit ${commit}`);
  if (entry.type !== 'file') throw badRequest(`${repoPath} is a directory, not a file`);
  return { name: entry.name, size: entry.size ?? 0, contentType: contentTypeOf(repoPath), stream: ctx.git.streamBlob(project.id, entry.blobId) };
}

export async function directoryListing(
  ctx: ServerContext,
  actor: KeyOwner,
  projectId: string,
  commitRef: string,
  rawDir: string,
): Promise<{ commitId: string; path: string; entries: Array<Wire<typeof TreeEntrySchema>> }> {
  const { project } = accessProject(ctx, actor, projectId, 'read');
  const dir = rawDir === '' ? '' : pathInProject(rawDir);
  await ensureRepository(ctx, project);
  const commitId = await commitOf(ctx, project.id, commitRef);
  if (dir !== '') {
    const entry = await ctx.git.entryAt(project.id, commitId, dir);
    if (!entry || entry.type !== 'dir') throw notFound(`Directory ${dir} not found at commit ${commitId}`);
  }
  const entries = await ctx.git.listDirectory(project.id, commitId, dir);
  return { commitId, path: dir, entries: entries.map(({ name, path: p, type, size }) => ({ name, path: p, type, size })) };
}

export async function commitLog(
  ctx: ServerContext,
  actor: KeyOwner,
  projectId: string,
  query: { ref: string; offset: number; limit: number },
): Promise<{ commits: Array<Wire<typeof CommitSchema>>; hasMore: boolean }> {
  const { project } = accessProject(ctx, actor, projectId, 'read');
  await ensureRepository(ctx, project);
  const head = await commitOf(ctx, project.id, query.ref);
  return ctx.git.log(project.id, head, query.offset, clampLimit(query.limit));
}

/** Commits one file on main for a project editor; a path under a file or link, or git's own refusal, is a 400. */
export async function commitFile(ctx: ServerContext, actor: KeyOwner, projectId: string, upload: { path: string; message?: string; content: Buffer }) {
  const { project } = accessProject(ctx, actor, projectId, 'edit');
  const repoPath = pathInProject(upload.path);
  await ensureRepository(ctx, project);
  const existing = await ctx.git.entryAt(project.id, MAIN_BRANCH, repoPath);
  if (existing?.type === 'dir') throw badRequest(`${repoPath} is a directory`);
  const commitId = await ctx.git
    .commitFiles(project.id, {
      branch: MAIN_BRANCH,
      files: [{ path: repoPath, content: upload.content }],
      message: upload.message ?? `${existing ? 'Update' : 'Add'} ${repoPath}`,
      author: authorOf(ctx, actor.id),
    })
    .catch((error: unknown) => {
      throw error instanceof GitPathRefused ? badRequest(error.message) : error;
    });
  return { commitId, path: repoPath, size: upload.content.length };
}

/** What ProjectV1 does not carry: the project's status, whether it is archived, and the caller's role. */
export function projectStatusFor(ctx: ServerContext, actor: KeyOwner, projectId: string): Omit<Wire<typeof ProjectStatusEmbeddedEnvelopeSchema>, 'metadata'> {
  const { project, role } = accessProject(ctx, actor, projectId, 'find');
  return { status: statusOf(project), isArchived: project.isArchived, createdAt: project.createdAt, yourRole: role };
}
