// Model APIs (decision 0031): an API belongs to its first version's project — readers of the
// project see it, editors (owner, admin, contributor) manage it. A version is built when it is
// created: its source (a project file + function at a commit, or a registered model version's
// logged-model directory with a python_function flavour) is checked and checked out into the
// version's bundle, with a build log. The active version runs as `replicas` workers
// (server/jobs/model-workers.ts); async predictions go through them.
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { Wire } from '../../src/api/schemas/common';
import type { RegisteredModelVersionModelApiV1 } from '../../src/api/schemas/models';
import {
  DEFAULT_REQUEST_TIMEOUT_SECS,
  type ListModelApisQuerySchema,
  type ModelApiCreationRequestSchema,
  type ModelApiSchema,
  type ModelApiUpdateRequestSchema,
  type ModelApiVersionCreationRequestSchema,
  type ModelApiVersionLogLineSchema,
  type ModelApiVersionSchema,
  type ModelApiVersionStatus,
} from '../../src/api/schemas/model-apis';
import type { AsyncPredictionEnvelopeV1 } from '../../src/api/schemas/async-predictions';
import type { ServerContext } from '../context';
import type { KeyOwner } from '../db/api-keys-repository';
import type { LogKind, ModelApiRow, ModelApiVersionRow } from '../db/model-apis-repository';
import type { ProjectRow } from '../db/projects-repository';
import { COMMIT_ID_PATTERN, MAIN_BRANCH, normaliseRepoPath, repoPathProblem } from '../git/git-repositories';
import { ApiError, badRequest, conflict, forbidden, notFound, unauthorized } from '../http/errors';
import { hashSecret, newObjectId, newSecret } from '../http/ids';
import { bundleDir, versionDir } from '../jobs/model-workers';
import { revisionForJob } from './environments';
import { accessProject, allows, roleIn } from './project-access';
import { ensureRepository } from './projects';
import { modelVersionFiles, projectSummary } from './registry';

/** The data plane every version runs on: this machine. */
const LOCAL_DATA_PLANE = 'local';
const PYTHON_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const nowMs = (ctx: ServerContext) => ctx.clock.now().getTime();

interface ApiAccess {
  api: ModelApiRow;
  project: ProjectRow;
  canEdit: boolean;
}

/** An API for an action: unknown, or in a project the caller may not read: 404; readable but not editable: 403. */
function accessApi(ctx: ServerContext, user: KeyOwner, modelApiId: string, need: 'read' | 'edit'): ApiAccess {
  const api = ctx.modelApis.apiById(modelApiId);
  const project = api && ctx.projects.findById(api.projectId);
  if (!api || !project) throw notFound(`Model API ${modelApiId} not found`);
  const role = roleIn(ctx, project, user);
  if (!allows(project, role, 'read')) throw notFound(`Model API ${modelApiId} not found`);
  const canEdit = allows(project, role, 'edit');
  if (need === 'edit' && !canEdit) throw forbidden(`You may not change Model API ${api.name}: it takes an owner, admin or contributor of its project`);
  if (need === 'edit' && api.isArchived) throw badRequest(`Model API ${api.name} is archived`);
  return { api, project, canEdit };
}

// --- Wire ------------------------------------------------------------------------------------

export function versionStatus(ctx: ServerContext, api: ModelApiRow, version: ModelApiVersionRow): ModelApiVersionStatus {
  if (version.buildStatus === 'Failed') return 'Failed';
  if (api.activeVersionId !== version.id) return 'Inactive';
  if (api.isArchived || api.replicas === 0) return 'Stopped';
  return ctx.modelWorkers.stateOf(api.id, version.id) ?? 'Starting';
}

function deployment(ctx: ServerContext, api: ModelApiRow, version: ModelApiVersionRow) {
  const status = versionStatus(ctx, api, version);
  return { status, isPending: status === 'Starting' };
}

export function toModelApi(ctx: ServerContext, api: ModelApiRow): Wire<typeof ModelApiSchema> {
  const active = api.activeVersionId ? ctx.modelApis.versionById(api.activeVersionId) : undefined;
  const token = api.accessToken;
  return {
    id: api.id,
    name: api.name,
    description: api.description,
    isArchived: api.isArchived,
    environmentId: api.environmentId,
    hardwareTierId: api.hardwareTierId,
    replicas: api.replicas,
    routingMode: 'SingleVersion',
    isAsync: api.isAsync,
    strictNodeAntiAffinity: api.strictNodeAntiAffinity,
    overrideRequestTimeoutSecs: api.timeoutSecs,
    resourceQuotaId: null,
    bundleId: null,
    access: {
      isPublic: false,
      accessTokens: token
        ? [
            {
              id: token.id,
              name: 'default',
              created: token.created,
              createdBy: token.createdBy,
              lastGenerated: token.generated,
              lastGeneratedBy: token.generatedBy,
            },
          ]
        : [],
    },
    healthCheck: { failureThreshold: 3, initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 5 },
    collaborators: [],
    volumes: [],
    metadata: { created: api.createdAt, createdBy: api.createdBy, lastModified: api.lastModified },
    ...(active ? { activeVersion: { id: active.id, dataPlaneId: LOCAL_DATA_PLANE, number: active.number, deployment: deployment(ctx, api, active) } } : {}),
    projectId: api.projectId,
  };
}

export function toModelApiVersion(ctx: ServerContext, api: ModelApiRow, version: ModelApiVersionRow): Wire<typeof ModelApiVersionSchema> {
  return {
    id: version.id,
    modelApiId: api.id,
    projectId: version.projectId,
    number: version.number,
    description: version.description,
    source:
      version.sourceType === 'File'
        ? { type: 'File', file: version.sourceFile!, function: version.sourceFunction }
        : {
            type: 'Registry',
            registeredModelName: version.registeredModelName!,
            registeredModelVersion: version.registeredModelVersion!,
            function: version.sourceFunction,
          },
    commitId: version.commitId,
    dataPlaneId: LOCAL_DATA_PLANE,
    environmentRevisionId: version.environmentRevisionId,
    logHttpRequestResponse: version.logHttp,
    monitoringEnabled: version.monitoringEnabled,
    recordInvocation: version.recordInvocation,
    labels: [],
    metadata: { created: version.createdAt, createdBy: version.createdBy, summary: version.buildFailure },
    deployment: deployment(ctx, api, version),
  };
}

// --- The build -------------------------------------------------------------------------------

/** What resolving a source finds: the version row's source columns, and the commit to build from. */
type BuiltSource = Pick<
  ModelApiVersionRow,
  'projectId' | 'commitId' | 'sourceType' | 'sourceFile' | 'sourceFunction' | 'registeredModelName' | 'registeredModelVersion' | 'entryPath'
> & { loader: { module: string; code: string | null; data: string | null } | null };

/**
 * The python_function flavour of an MLmodel file (YAML; read for the keys that matter, without a
 * YAML library): `flavors:` → `python_function:` → `loader_module`, `code`, `data`.
 */
export function pythonFunctionFlavour(text: string): { flavours: string[]; loader?: { module?: string; code?: string; data?: string } } {
  const lines = text.split(/\r?\n/);
  const flavours: string[] = [];
  let inFlavours = false;
  let flavourIndent = -1;
  let current: string | undefined;
  const loader: Record<string, string> = {};
  for (const raw of lines) {
    if (!raw.trim() || raw.trim().startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    const match = /^([A-Za-z0-9_.-]+):\s*(.*)$/.exec(raw.trim());
    if (!match) continue;
    const [, key, value] = match as unknown as [string, string, string];
    if (indent === 0) {
      inFlavours = key === 'flavors';
      current = undefined;
      continue;
    }
    if (!inFlavours) continue;
    if (flavourIndent < 0) flavourIndent = indent;
    if (indent === flavourIndent) {
      current = key;
      flavours.push(key);
    } else if (current === 'python_function' && indent > flavourIndent) {
      loader[key] = value.replace(/^['"]|['"]$/g, '');
    }
  }
  return { flavours, ...(flavours.includes('python_function') ? { loader: { module: loader.loader_module, code: loader.code, data: loader.data } } : {}) };
}

async function resolveSource(
  ctx: ServerContext,
  user: KeyOwner,
  projectId: string,
  body: z.output<typeof ModelApiVersionCreationRequestSchema>,
): Promise<BuiltSource> {
  const source = body.source;
  if (source.type === 'File') {
    if (!source.file) throw badRequest('source.file is required for a File source');
    const problem = repoPathProblem(source.file);
    if (problem) throw badRequest(`source.file: ${problem.replace(/^path: /, '')}`);
    const file = normaliseRepoPath(source.file)!;
    if (!file.endsWith('.py')) throw badRequest(`source.file: ${file} is not a Python file (.py)`);
    const fn = source.function ?? '';
    if (!PYTHON_IDENTIFIER.test(fn)) throw badRequest(`source.function: "${fn}" is not a Python function name`);
    const project = ctx.projects.findById(projectId)!;
    await ensureRepository(ctx, project);
    const commitId = await commitOf(ctx, projectId, body.commitId);
    const entry = await ctx.git.entryAt(projectId, commitId, file);
    if (!entry || entry.type !== 'file') throw badRequest(`source.file: the project has no file ${file} at commit ${commitId.slice(0, 12)}`);
    return {
      projectId,
      commitId,
      sourceType: 'File',
      sourceFile: file,
      sourceFunction: fn,
      registeredModelName: null,
      registeredModelVersion: null,
      entryPath: file,
      loader: null,
    };
  }
  if (!source.registeredModelName || source.registeredModelVersion === undefined)
    throw badRequest('source.registeredModelName and source.registeredModelVersion are required for a Registry source');
  const fn = source.function ?? 'predict';
  if (!PYTHON_IDENTIFIER.test(fn)) throw badRequest(`source.function: "${fn}" is not a Python function name`);
  const files = modelVersionFiles(ctx, user, source.registeredModelName, source.registeredModelVersion);
  if (files.projectId !== projectId)
    throw badRequest(`projectId: registered model ${source.registeredModelName} belongs to another project; a Model API serving it belongs to that project`);
  const mlmodel = await ctx.git.entryAt(projectId, files.commitId, `${files.modelDir}/MLmodel`);
  if (!mlmodel) throw badRequest(`Version ${source.registeredModelVersion} of ${source.registeredModelName} has no MLmodel file at ${files.modelDir}`);
  const text = await streamText(ctx.git.streamBlob(projectId, mlmodel.blobId));
  const flavour = pythonFunctionFlavour(text);
  if (!flavour.loader)
    throw badRequest(
      `Version ${source.registeredModelVersion} of ${source.registeredModelName} cannot be served: its MLmodel has no python_function flavour (it has: ${flavour.flavours.join(', ') || 'none'})`,
    );
  if (!flavour.loader.module || !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(flavour.loader.module))
    throw badRequest(
      `Version ${source.registeredModelVersion} of ${source.registeredModelName} cannot be served: its python_function flavour names no loader_module this server can import`,
    );
  for (const [key, value] of [
    ['code', flavour.loader.code],
    ['data', flavour.loader.data],
  ] as const) {
    if (value && repoPathProblem(value)) throw badRequest(`The MLmodel's python_function ${key} path "${value}" leaves the model's directory`);
  }
  return {
    projectId,
    commitId: files.commitId,
    sourceType: 'Registry',
    sourceFile: null,
    sourceFunction: fn,
    registeredModelName: source.registeredModelName,
    registeredModelVersion: source.registeredModelVersion,
    entryPath: files.modelDir,
    loader: { module: flavour.loader.module, code: flavour.loader.code ?? null, data: flavour.loader.data ?? null },
  };
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    if (text.length > 1024 * 1024) break;
  }
  return text;
}

async function commitOf(ctx: ServerContext, projectId: string, commitId: string | undefined): Promise<string> {
  if (commitId !== undefined && !COMMIT_ID_PATTERN.test(commitId)) throw badRequest(`commitId: "${commitId}" is not a full commit id (40 hex digits)`);
  const resolved = await ctx.git.resolveCommit(projectId, commitId ?? MAIN_BRANCH);
  if (!resolved) throw badRequest(commitId ? `commitId: the project has no commit ${commitId}` : 'The project has no commit to build from');
  return resolved;
}

/** Checks out the source into the version's bundle, writing the build log; a failure is the version's (status Failed), not the request's. */
async function buildVersion(
  ctx: ServerContext,
  versionId: string,
  source: BuiltSource,
  excludeFiles: readonly string[],
  environmentLabel: string,
): Promise<{ status: 'Succeeded' | 'Failed'; failure: string | null; lines: string[] }> {
  const lines: string[] = [];
  lines.push(
    `Building version from ${source.sourceType === 'File' ? `${source.sourceFile}:${source.sourceFunction}` : `${source.registeredModelName} v${source.registeredModelVersion} (${source.entryPath})`}`,
  );
  lines.push(`Environment: ${environmentLabel}`);
  const dir = versionDir(ctx.dataDir, versionId);
  const files = bundleDir(ctx.dataDir, versionId);
  try {
    fs.mkdirSync(files, { recursive: true });
    const count = await ctx.git.checkout(source.projectId, source.commitId, files, path.join(dir, 'index'));
    lines.push(`Checked out commit ${source.commitId} (${count} files)`);
    for (const raw of excludeFiles) {
      const excluded = normaliseRepoPath(raw);
      if (!excluded) continue;
      fs.rmSync(path.join(files, excluded), { recursive: true, force: true });
      lines.push(`Excluded ${excluded}`);
    }
    if (source.loader) lines.push(`python_function flavour: loader_module ${source.loader.module}${source.loader.data ? `, data ${source.loader.data}` : ''}`);
    lines.push('Build succeeded');
    return { status: 'Succeeded', failure: null, lines };
  } catch (error) {
    const failure = `The build could not copy the source: ${(error as Error).message.split('\n')[0]}`;
    lines.push(failure);
    return { status: 'Failed', failure, lines };
  }
}

function writeLogLines(ctx: ServerContext, versionId: string, kind: LogKind, lines: readonly string[]): void {
  const base = BigInt(nowMs(ctx)) * 1_000_000n;
  lines.forEach((line, i) => ctx.modelApis.appendLog(versionId, kind, base + BigInt(i), 'stdout', line));
}

async function newVersion(
  ctx: ServerContext,
  user: KeyOwner,
  api: Pick<ModelApiRow, 'id' | 'projectId' | 'environmentId'>,
  body: z.output<typeof ModelApiVersionCreationRequestSchema>,
  numberOf: () => number,
): Promise<ModelApiVersionRow> {
  const { revision, env } = revisionForJob(ctx, user, body.environmentId ?? api.environmentId, undefined);
  const source = await resolveSource(ctx, user, api.projectId, body);
  const id = newObjectId(ctx.clock);
  const built = await buildVersion(ctx, id, source, body.source.excludeFiles ?? [], `${env.name} revision #${revision.number}`);
  const version: ModelApiVersionRow = {
    id,
    modelApiId: api.id,
    number: 0,
    projectId: api.projectId,
    description: body.description,
    sourceType: source.sourceType,
    sourceFile: source.sourceFile,
    sourceFunction: source.sourceFunction,
    registeredModelName: source.registeredModelName,
    registeredModelVersion: source.registeredModelVersion,
    entryPath: source.entryPath,
    loaderModule: source.loader?.module ?? null,
    loaderCode: source.loader?.code ?? null,
    loaderData: source.loader?.data ?? null,
    commitId: source.commitId,
    environmentRevisionId: revision.id,
    logHttp: body.logHttpRequestResponse,
    monitoringEnabled: body.monitoringEnabled,
    recordInvocation: body.recordInvocation,
    buildStatus: built.status,
    buildFailure: built.failure,
    createdAt: nowMs(ctx),
    createdBy: user.id,
  };
  // The number is taken when the row is written (one transaction with it): gapless under concurrency.
  ctx.db.transaction(() => {
    version.number = numberOf();
    ctx.modelApis.insertVersion(version);
    writeLogLines(ctx, id, 'build', built.lines);
  })();
  return version;
}

// --- The endpoints ---------------------------------------------------------------------------

function hardwareTierFor(ctx: ServerContext, id: string | null | undefined): string {
  if (id) {
    const tier = ctx.hardwareTiers.findById(id);
    if (!tier || tier.isArchived) throw badRequest(`hardwareTierId: no hardware tier ${id}`);
    return tier.id;
  }
  const tiers = ctx.hardwareTiers.list().filter((t) => !t.isArchived);
  return (tiers.find((t) => t.isDefault) ?? tiers[0])!.id;
}

function checkNameFree(ctx: ServerContext, name: string, exceptId?: string): void {
  const holder = ctx.modelApis.liveByName(name);
  if (holder && holder.id !== exceptId) throw conflict(`A Model API named ${name} already exists`);
}

export async function createModelApi(ctx: ServerContext, user: KeyOwner, body: z.output<typeof ModelApiCreationRequestSchema>) {
  const { project } = accessProject(ctx, user, body.version.projectId, 'edit');
  checkNameFree(ctx, body.name);
  const { env } = revisionForJob(ctx, user, body.environmentId, undefined);
  const hardwareTierId = hardwareTierFor(ctx, body.hardwareTierId);
  const at = nowMs(ctx);
  const api: ModelApiRow = {
    id: newObjectId(ctx.clock),
    name: body.name,
    description: body.description,
    projectId: project.id,
    environmentId: env.id,
    hardwareTierId,
    isAsync: body.isAsync,
    strictNodeAntiAffinity: body.strictNodeAntiAffinity,
    replicas: body.replicas,
    timeoutSecs: body.overrideRequestTimeoutSecs ?? DEFAULT_REQUEST_TIMEOUT_SECS,
    environmentVariables: body.environmentVariables,
    activeVersionId: null,
    isArchived: false,
    accessToken: null,
    createdAt: at,
    createdBy: user.id,
    lastModified: at,
  };
  // The first version is the API's: built before anything is written, then written with it.
  const version = await newVersion(ctx, user, api, { ...body.version, environmentId: body.version.environmentId ?? env.id }, () => {
    checkNameFree(ctx, body.name);
    ctx.modelApis.insertApi(api);
    return 1;
  });
  // A new API's first version is deployed when it built (6.2 deploys it whatever shouldDeploy says).
  if (version.buildStatus === 'Succeeded') ctx.modelApis.setActive(api.id, version.id, at);
  const stored = ctx.modelApis.apiById(api.id)!;
  ctx.modelWorkers.reconcile(stored);
  return toModelApi(ctx, stored);
}

export function getModelApi(ctx: ServerContext, user: KeyOwner, modelApiId: string) {
  return toModelApi(ctx, accessApi(ctx, user, modelApiId, 'read').api);
}

const ORDER_COLUMNS: Record<string, 'created_at' | 'name' | 'last_modified'> = {
  name: 'name',
  created: 'created_at',
  'metadata.created': 'created_at',
  lastmodified: 'last_modified',
  'metadata.lastmodified': 'last_modified',
};

export function listModelApis(ctx: ServerContext, user: KeyOwner, query: z.output<typeof ListModelApisQuerySchema>) {
  const [field = 'created', direction = 'ASC'] = (query.orderBy ?? '').trim().split(/\s+/).filter(Boolean);
  const column = ORDER_COLUMNS[field.toLowerCase()];
  if (!column) throw badRequest(`orderBy: "${field}" is not a field Model APIs are ordered by (name, created, lastModified)`);
  if (!/^(asc|desc)$/i.test(direction)) throw badRequest(`orderBy: "${direction}" is neither ASC nor DESC`);
  if (query.registeredModelVersion !== undefined && !query.registeredModelName) throw badRequest('registeredModelVersion: give registeredModelName with it');
  let pattern: RegExp | undefined;
  try {
    pattern = query.name ? new RegExp(query.name, 'i') : undefined;
  } catch {
    throw badRequest(`name: "${query.name}" is not a valid regular expression`);
  }
  const readable = new Map<string, boolean>();
  const canRead = (projectId: string) => {
    if (!readable.has(projectId)) {
      const project = ctx.projects.findById(projectId);
      readable.set(projectId, !!project && allows(project, roleIn(ctx, project, user), 'read'));
    }
    return readable.get(projectId)!;
  };
  const rows = ctx.modelApis
    .list(
      {
        projectIds: 'all',
        environmentId: query.environmentId,
        projectId: query.projectId,
        registeredModelName: query.registeredModelName,
        registeredModelVersion: query.registeredModelVersion,
      },
      { column, descending: /^desc$/i.test(direction) },
    )
    .filter((api) => canRead(api.projectId) && (!pattern || pattern.test(api.name)));
  const items = rows.slice(query.offset, query.offset + query.limit).map((api) => toModelApi(ctx, api));
  return { items, page: { offset: query.offset, limit: query.limit, totalCount: rows.length } };
}

export function updateModelApi(ctx: ServerContext, user: KeyOwner, modelApiId: string, body: z.output<typeof ModelApiUpdateRequestSchema>) {
  const { api } = accessApi(ctx, user, modelApiId, 'edit');
  checkNameFree(ctx, body.name, api.id);
  // The environment is the one new versions build on; a version keeps the revision it was built on.
  const environmentId = body.environmentId === api.environmentId ? api.environmentId : revisionForJob(ctx, user, body.environmentId, undefined).env.id;
  ctx.modelApis.updateApi(
    api.id,
    {
      name: body.name,
      description: body.description,
      environmentId,
      hardwareTierId: body.hardwareTierId ? hardwareTierFor(ctx, body.hardwareTierId) : api.hardwareTierId,
      replicas: body.replicas,
      timeoutSecs: body.overrideRequestTimeoutSecs ?? api.timeoutSecs,
      environmentVariables: body.environmentVariables ?? api.environmentVariables,
    },
    nowMs(ctx),
  );
  const stored = ctx.modelApis.apiById(api.id)!;
  ctx.modelWorkers.reconcile(stored);
  return toModelApi(ctx, stored);
}

/** Archives (Domino's DELETE): its workers stop, waiting predictions fail, the name is free again. Again: no change. */
export function archiveModelApi(ctx: ServerContext, user: KeyOwner, modelApiId: string): void {
  const { api } = accessApi(ctx, user, modelApiId, 'read');
  if (api.isArchived) return;
  accessApi(ctx, user, modelApiId, 'edit');
  ctx.modelApis.archive(api.id, nowMs(ctx));
  ctx.modelWorkers.reconcile(ctx.modelApis.apiById(api.id)!);
  ctx.modelWorkers.failWaiting(api.id, `Model API ${api.name} was archived before this prediction ran`);
}

export function listModelApiVersions(ctx: ServerContext, user: KeyOwner, modelApiId: string) {
  const { api } = accessApi(ctx, user, modelApiId, 'read');
  return ctx.modelApis.versionsOf(api.id).map((version) => toModelApiVersion(ctx, api, version));
}

function versionIn(ctx: ServerContext, api: ModelApiRow, versionId: string): ModelApiVersionRow {
  const version = ctx.modelApis.versionById(versionId);
  if (!version || version.modelApiId !== api.id) throw notFound(`Version ${versionId} of Model API ${api.name} not found`);
  return version;
}

export function getModelApiVersion(ctx: ServerContext, user: KeyOwner, modelApiId: string, versionId: string) {
  const { api } = accessApi(ctx, user, modelApiId, 'read');
  return toModelApiVersion(ctx, api, versionIn(ctx, api, versionId));
}

export async function createModelApiVersion(
  ctx: ServerContext,
  user: KeyOwner,
  modelApiId: string,
  body: z.output<typeof ModelApiVersionCreationRequestSchema>,
) {
  const { api } = accessApi(ctx, user, modelApiId, 'edit');
  if (body.projectId !== api.projectId) throw badRequest(`projectId: Model API ${api.name} belongs to project ${api.projectId}; its versions must too`);
  const version = await newVersion(ctx, user, api, body, () => ctx.modelApis.nextVersionNumber(api.id));
  if (body.shouldDeploy && version.buildStatus === 'Succeeded') {
    ctx.modelApis.setActive(api.id, version.id, nowMs(ctx));
    ctx.modelWorkers.reconcile(ctx.modelApis.apiById(api.id)!);
  }
  return toModelApiVersion(ctx, ctx.modelApis.apiById(api.id)!, version);
}

function toLogLines(
  rows: ReturnType<ServerContext['modelApis']['logs']>,
  tags: Array<{ key: string; value: string }>,
): Array<Wire<typeof ModelApiVersionLogLineSchema>> {
  return rows.map((row) => ({
    timestamp: Number(row.timeNano / 1_000_000n),
    timeNano: Number(row.timeNano),
    log: row.line,
    streamType: row.stream,
    tags,
  }));
}

export function versionLogs(
  ctx: ServerContext,
  user: KeyOwner,
  modelApiId: string,
  versionId: string,
  kind: LogKind,
  options: { sinceTimeNano?: string; maxResults?: number; tail?: boolean },
) {
  const { api } = accessApi(ctx, user, modelApiId, 'read');
  const version = versionIn(ctx, api, versionId);
  const since = BigInt(options.sinceTimeNano ?? '0');
  const limit = options.maxResults ?? 10_000;
  const logs = toLogLines(ctx.modelApis.logs(version.id, kind, since, limit, options.tail ?? false), [{ key: 'kind', value: kind }]);
  return { api, version, logs, sinceTimeNano: String(since) };
}

export function generateAccessToken(ctx: ServerContext, user: KeyOwner, modelApiId: string) {
  const { api } = accessApi(ctx, user, modelApiId, 'edit');
  const token = newSecret();
  ctx.modelApis.setToken(api.id, { id: api.accessToken?.id ?? newObjectId(ctx.clock), hash: hashSecret(token), at: nowMs(ctx), by: user.id });
  return { id: ctx.modelApis.apiById(api.id)!.accessToken!.id, token };
}

// --- Async predictions -------------------------------------------------------------------------

/**
 * Who may send or read an API's predictions: a user whose key reads the API's project, or the
 * holder of the API's access token (as a bearer token, X-Domino-Api-Key, or HTTP Basic's user or
 * password, as Domino's model clients send it).
 */
export function predictionCaller(ctx: ServerContext, user: KeyOwner | undefined, credentials: string[], modelApiId: string): { api: ModelApiRow; by: string } {
  const api = ctx.modelApis.apiById(modelApiId);
  if (user) {
    const { api: readable } = accessApi(ctx, user, modelApiId, 'read');
    return { api: readable, by: user.id };
  }
  if (credentials.length === 0) throw unauthorized();
  const token = api?.accessToken;
  if (!api || !token || !credentials.some((c) => hashSecret(c) === token.hash))
    throw unauthorized('The credential is neither an API key nor this Model API’s access token');
  return { api, by: `token:${token.id}` };
}

export async function requestPrediction(
  ctx: ServerContext,
  api: ModelApiRow,
  by: string,
  parameters: Record<string, unknown>,
  setRetryAfter: (secs: number) => void,
) {
  if (api.isArchived) throw badRequest(`Model API ${api.name} is archived`);
  if (!api.isAsync) throw badRequest(`Model API ${api.name} is not asynchronous: async predictions need a Model API created with isAsync true`);
  const outcome = await ctx.modelWorkers.submit(api, parameters, by);
  if (outcome.ok) return { asyncPredictionId: outcome.id };
  if (outcome.reason === 'unbound') throw new ApiError(422, [outcome.message]);
  if (outcome.reason === 'full') {
    setRetryAfter(outcome.retryAfterSecs);
    throw new ApiError(429, [outcome.message]);
  }
  throw badRequest(outcome.message);
}

export function predictionResult(ctx: ServerContext, api: ModelApiRow, predictionId: string): AsyncPredictionEnvelopeV1 {
  const prediction = ctx.modelApis.predictionById(predictionId);
  if (!prediction || prediction.modelApiId !== api.id) throw notFound(`Prediction ${predictionId} of Model API ${api.name} not found`);
  return {
    asyncPredictionId: prediction.id,
    status: prediction.status,
    ...(prediction.result !== null ? { result: JSON.parse(prediction.result) as Record<string, unknown> } : {}),
    ...(prediction.error !== null ? { errors: [prediction.error] } : {}),
  };
}

// --- The registry's view ------------------------------------------------------------------------

/** The registry's `modelapis` endpoints: the live APIs the caller can read with a version serving the model (or that version of it). */
export function modelApisServing(ctx: ServerContext, user: KeyOwner, modelName: string, version?: number): RegisteredModelVersionModelApiV1[] {
  const rows = ctx.modelApis.list(
    { projectIds: 'all', registeredModelName: modelName, registeredModelVersion: version },
    { column: 'created_at', descending: false },
  );
  return rows.flatMap((api) => {
    const project = ctx.projects.findById(api.projectId);
    if (!project || !allows(project, roleIn(ctx, project, user), 'read')) return [];
    const active = api.activeVersionId ? ctx.modelApis.versionById(api.activeVersionId) : undefined;
    return [
      {
        id: api.id,
        name: api.name,
        description: api.description,
        project: projectSummary(project),
        updatedAt: new Date(api.lastModified).toISOString(),
        ...(active ? { activeModelVersionId: active.id, activeVersionNumber: active.number, activeVersionStatus: versionStatus(ctx, api, active) } : {}),
      },
    ];
  });
}
