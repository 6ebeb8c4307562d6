// Datasets with Domino's rules: permissions ordered List < Read < Reader's actions < Update
// (Editor) < EditSecurity = Delete = PermanentDelete (Owner), a project-role floor that grants
// only raise, organizations as Editor or Reader only, at least one Owner always; names per
// project; snapshots and deletes as durable background tasks (docs/decisions/0015-dataset-snapshots.md).
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { Wire } from '../../src/api/schemas/common';
import {
  DATASET_NAME_PATTERN,
  DATASET_NAME_RULE,
  DATASET_PERMISSION_LEVELS,
  DATASET_PERMISSIONS,
  type DatasetRwDetailsV1Schema,
  type DatasetRwPermissionV1,
  type DatasetRwRoleV1,
  type ListDatasetsV2QuerySchema,
  type NewDatasetRwV1Schema,
  type SearchDatasetsQuerySchema,
  type SnapshotDetailsV1Schema,
} from '../../src/api/schemas/datasets';
import type { DatasetMountV1Schema } from '../../src/api/schemas/jobs';
import type { BaseContext, ServerContext } from '../context';
import type { KeyOwner } from '../db/api-keys-repository';
import { datasetsRepository, type DatasetRow, type DatasetsRepository, type SnapshotRow } from '../db/datasets-repository';
import type { JobRow } from '../db/jobs-repository';
import { clampLimit } from '../http/envelopes';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import { newObjectId } from '../http/ids';
import { DATASETS_DIR_IN_SANDBOX } from '../jobs/runner';
import type { SandboxMount } from '../jobs/sandbox';
import { TaskFailure, type TaskKind } from '../tasks/task-queue';
import type { DatasetCatalog, NotCopiedDataset } from './dataset-catalog';
import { accessProject } from './project-access';
import {
  cleanPath,
  copyTree,
  datasetDirs,
  listLive,
  listManifest,
  liveDir,
  materialize,
  blobPath,
  openConfined,
  removeFromTree,
  resolveExisting,
  shown,
  SnapshotProblem,
  snapshotTree,
  treeStats,
  TooLarge,
  writeStreamed,
  type DatasetDirs,
  type TreeEntry,
} from './dataset-storage';

/** The largest upload the files extension takes (DOMINO_DATASET_UPLOAD_LIMIT overrides it). */
export const DEFAULT_UPLOAD_LIMIT = 10 * 1024 ** 3;

const LEVEL = { list: 1, read: 2, reader: 3, update: 4, owner: 5, admin: 6 } as const;

const LEVEL_WORDS: Record<number, string> = {
  1: 'List',
  2: 'Read',
  3: 'Reader',
  4: 'Editor (Update)',
  5: 'Owner',
  6: 'site administrator',
};

interface StorageTask {
  op: 'snapshot' | 'delete';
  id: string;
}

/** What the datasets family keeps on the server context. */
export interface DatasetsState {
  rows: DatasetsRepository;
  dirs: DatasetDirs;
  storage: TaskKind<StorageTask>;
  uploadLimit: number;
}

function stateOf(ctx: BaseContext): DatasetsState {
  if (!ctx.datasetState) throw new Error('the datasets family is not installed on this context');
  return ctx.datasetState;
}

// ——— access ———

function levelOf(ctx: BaseContext, user: KeyOwner, datasetId: string): number {
  return stateOf(ctx).rows.levelOf(datasetId, user);
}

/** The permissions a level holds, in the spec's names. */
export function permissionsAt(level: number): DatasetRwPermissionV1[] {
  return DATASET_PERMISSIONS.filter((permission) => DATASET_PERMISSION_LEVELS[permission] <= level);
}

/**
 * Loads a live dataset for an action, or throws: 404 when the user may not know it exists (or it
 * was deleted), 403 when they may see it but not do this.
 */
export function accessDataset(ctx: BaseContext, user: KeyOwner, datasetId: string, need: number): { dataset: DatasetRow; level: number } {
  const dataset = stateOf(ctx).rows.findLive(datasetId);
  const level = dataset ? levelOf(ctx, user, datasetId) : 0;
  if (!dataset || level === 0) throw notFound(`Dataset ${datasetId} not found`);
  if (level < need) throw forbidden(`You need ${LEVEL_WORDS[need]} access to dataset ${dataset.name} for this; you have ${LEVEL_WORDS[level]}`);
  return { dataset, level };
}

function accessSnapshot(ctx: BaseContext, user: KeyOwner, snapshotId: string, need: number): { snapshot: SnapshotRow; dataset: DatasetRow } {
  const snapshot = stateOf(ctx).rows.findSnapshot(snapshotId);
  if (!snapshot) throw notFound(`Snapshot ${snapshotId} not found`);
  try {
    return { snapshot, dataset: accessDataset(ctx, user, snapshot.datasetId, need).dataset };
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) throw notFound(`Snapshot ${snapshotId} not found`);
    throw error;
  }
}

// ——— mappers ———

export function toDatasetRwDetailsV1(ctx: BaseContext, dataset: DatasetRow): Wire<typeof DatasetRwDetailsV1Schema> {
  const { rows } = stateOf(ctx);
  return {
    id: dataset.id,
    name: dataset.name,
    createdAt: dataset.createdAt,
    snapshotIds: rows.snapshotIds(dataset.id),
    tags: rows.tags(dataset.id),
    ...(dataset.description !== null ? { description: dataset.description } : {}),
    projectId: dataset.projectId,
  };
}

export function toSnapshotDetailsV1(snapshot: SnapshotRow): Wire<typeof SnapshotDetailsV1Schema> {
  return {
    id: snapshot.id,
    datasetId: snapshot.datasetId,
    createdAt: snapshot.createdAt,
    status: snapshot.status,
    creatorId: snapshot.creatorId,
    ...(snapshot.lastMounted ? { lastMounted: snapshot.lastMounted } : {}),
  };
}

function projectInfo(ctx: BaseContext, projectId: string) {
  const project = ctx.projects.findById(projectId);
  return project ? { projectId: project.id, projectName: project.name, projectOwnerUsername: project.ownerUserName } : undefined;
}

// ——— lists ———

/** The deprecated v1 list: what the user may List, optionally of one project. */
export function listDatasetsV1(ctx: BaseContext, user: KeyOwner, query: { projectId?: string; offset: number; limit: number }) {
  const limit = clampLimit(query.limit);
  const { rows, totalCount } = stateOf(ctx).rows.list({
    userId: user.id,
    isAdmin: user.isAdmin,
    minLevel: LEVEL.list,
    ...(query.projectId ? { projectIdsToInclude: [query.projectId] } : {}),
    sortBy: 'name',
    descending: false,
    offset: query.offset,
    limit,
  });
  return { datasets: rows.map((row) => toDatasetRwDetailsV1(ctx, row)), page: { offset: query.offset, limit, totalCount } };
}

export function listDatasetsV2(ctx: BaseContext, user: KeyOwner, query: z.output<typeof ListDatasetsV2QuerySchema>) {
  const limit = clampLimit(query.limit);
  const { rows, totalCount } = stateOf(ctx).rows.list({
    userId: user.id,
    isAdmin: user.isAdmin,
    minLevel: DATASET_PERMISSION_LEVELS[query.minimumPermission ?? 'ListDatasetRwV2'],
    projectIdsToInclude: query.projectIdsToInclude,
    projectIdsToExclude: query.projectIdsToExclude,
    sortBy: 'name',
    descending: false,
    offset: query.offset,
    limit,
  });
  const datasets = rows.map((row) => {
    const info = query.includeProjectInfo ? projectInfo(ctx, row.projectId) : undefined;
    return { dataset: toDatasetRwDetailsV1(ctx, row), ...(info ? { projectInfo: info } : {}) };
  });
  return { datasets, page: { offset: query.offset, limit, totalCount } };
}

/** The embedded list: search, sort, size and file count. */
export function searchDatasets(ctx: BaseContext, user: KeyOwner, query: z.output<typeof SearchDatasetsQuerySchema>) {
  const limit = clampLimit(query.limit);
  const search = query.search?.trim();
  const { rows, totalCount } = stateOf(ctx).rows.list({
    userId: user.id,
    isAdmin: user.isAdmin,
    minLevel: DATASET_PERMISSION_LEVELS[query.minimumPermission ?? 'ListDatasetRwV2'],
    ...(query.projectId ? { projectIdsToInclude: [query.projectId] } : {}),
    ...(search ? { search } : {}),
    sortBy: query.sortBy,
    descending: query.sortOrder === 'desc',
    offset: query.offset,
    limit,
  });
  const datasets = rows.map((row) => {
    const info = projectInfo(ctx, row.projectId);
    return { dataset: toDatasetRwDetailsV1(ctx, row), ...(info ? { projectInfo: info } : {}), fileCount: row.fileCount, bytes: row.bytes };
  });
  return { datasets, page: { offset: query.offset, limit, totalCount } };
}

// ——— create, update, delete ———

function checkName(ctx: BaseContext, projectId: string, name: string, exceptId?: string): void {
  if (!DATASET_NAME_PATTERN.test(name)) throw badRequest(`${DATASET_NAME_RULE} (got ${shown(name)})`);
  const existing = stateOf(ctx).rows.findLiveByName(projectId, name);
  if (existing && existing.id !== exceptId) throw conflict(`The project already has a dataset named "${existing.name}" (names ignore case)`);
}

function checkGrantTarget(ctx: BaseContext, grant: { targetId: string; targetRole: DatasetRwRoleV1 }): { isOrganization: boolean } {
  if (ctx.users.findById(grant.targetId)) return { isOrganization: false };
  if (ctx.organizations.findById(grant.targetId)) {
    if (grant.targetRole === 'DatasetRwOwner') throw badRequest('An organization can be an Editor or a Reader of a dataset, never its Owner');
    return { isOrganization: true };
  }
  throw badRequest(`targetId: ${grant.targetId} is neither a user nor an organization`);
}

export async function createDataset(ctx: BaseContext, user: KeyOwner, input: z.output<typeof NewDatasetRwV1Schema>): Promise<DatasetRow> {
  const state = stateOf(ctx);
  let source: { snapshot: SnapshotRow; dataset: DatasetRow } | undefined;
  if (input.snapshotId) {
    // Reading a snapshot's files to start another dataset from them needs Read on its dataset.
    source = accessSnapshot(ctx, user, input.snapshotId, LEVEL.read);
    if (source.snapshot.status !== 'active')
      throw badRequest(`Snapshot ${input.snapshotId} is ${source.snapshot.status}; only an active snapshot can start a dataset`);
  }
  const projectId = input.projectId ?? source!.dataset.projectId;
  accessProject(ctx as ServerContext, user, projectId, 'edit');
  checkName(ctx, projectId, input.name);
  // From a snapshot the reference ignores grants: the caller is the only Owner.
  const grants = source ? [] : (input.grants ?? []);
  const targets = grants.map((grant) => ({ ...grant, ...checkGrantTarget(ctx, grant) }));
  const id = newObjectId(ctx.clock);
  if (source) {
    // Files first, row second: a crash in between leaves a directory without a row, which the
    // next start removes (sweepOrphans); never a dataset missing its files.
    const staging = path.join(state.dirs.tmp, `new-${id}`);
    fs.mkdirSync(state.dirs.tmp, { recursive: true });
    try {
      await materialize(state.dirs, state.rows.manifest(source.snapshot.id), staging);
    } catch (error) {
      await fs.promises.rm(staging, { recursive: true, force: true });
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw badRequest(`Snapshot ${source.snapshot.id} was deleted meanwhile`);
      throw error;
    }
    fs.mkdirSync(state.dirs.live, { recursive: true });
    fs.renameSync(staging, path.join(state.dirs.live, id));
  }
  const now = ctx.clock.now().toISOString();
  ctx.db.transaction(() => {
    checkName(ctx, projectId, input.name);
    state.rows.insert({ id, projectId, name: input.name, description: input.description ?? null, creatorId: user.id, createdAt: now });
    state.rows.setGrant(id, user.id, 'DatasetRwOwner', false, now);
    for (const grant of targets) if (grant.targetId !== user.id) state.rows.setGrant(id, grant.targetId, grant.targetRole, grant.isOrganization, now);
    if (source) state.rows.setStats(id, source.snapshot.fileCount, source.snapshot.bytes);
  })();
  return state.rows.findLive(id)!;
}

export function updateDataset(ctx: BaseContext, user: KeyOwner, datasetId: string, input: { name?: string; description?: string }): DatasetRow {
  const { dataset } = accessDataset(ctx, user, datasetId, LEVEL.update);
  const name = input.name ?? dataset.name;
  if (name !== dataset.name) checkName(ctx, dataset.projectId, name, dataset.id);
  stateOf(ctx).rows.update(dataset.id, name, input.description ?? dataset.description);
  return stateOf(ctx).rows.findLive(dataset.id)!;
}

/**
 * Deletes a dataset: at once it is gone from every answer (and its name free); its snapshots are
 * marked for deletion and a background task removes the files, resuming after a crash.
 */
export function deleteDataset(ctx: BaseContext, user: KeyOwner, datasetId: string): Wire<typeof DatasetRwDetailsV1Schema> {
  const { dataset } = accessDataset(ctx, user, datasetId, LEVEL.owner);
  const state = stateOf(ctx);
  const answer = toDatasetRwDetailsV1(ctx, dataset);
  ctx.db.transaction(() => {
    state.rows.markDeleted(dataset.id, ctx.clock.now().toISOString());
    state.rows.detach(dataset.id);
    state.rows.setSnapshotStatusOfDataset(dataset.id, 'markForDeletion');
    state.storage.enqueue({ op: 'delete', id: dataset.id });
  })();
  return answer;
}

// ——— grants ———

export function grantDetails(ctx: BaseContext, user: KeyOwner, datasetId: string) {
  const { dataset } = accessDataset(ctx, user, datasetId, LEVEL.list);
  return stateOf(ctx)
    .rows.grants(dataset.id)
    .map((grant) => ({ targetId: grant.targetId, targetName: grant.targetName, targetRole: grant.role, isOrganization: grant.isOrganization }));
}

function grantsOf(ctx: BaseContext, datasetId: string) {
  return stateOf(ctx)
    .rows.grants(datasetId)
    .map((grant) => ({ targetId: grant.targetId, targetRole: grant.role }));
}

function ownersAfter(ctx: BaseContext, datasetId: string, targetId: string, role: DatasetRwRoleV1 | null): number {
  const others = stateOf(ctx)
    .rows.grants(datasetId)
    .filter((grant) => grant.targetId !== targetId && grant.role === 'DatasetRwOwner').length;
  return others + (role === 'DatasetRwOwner' ? 1 : 0);
}

export function addGrant(ctx: BaseContext, user: KeyOwner, datasetId: string, grant: { targetId: string; targetRole: DatasetRwRoleV1 }) {
  const { dataset } = accessDataset(ctx, user, datasetId, LEVEL.owner);
  const { isOrganization } = checkGrantTarget(ctx, grant);
  if (ownersAfter(ctx, dataset.id, grant.targetId, grant.targetRole) === 0)
    throw badRequest(`Dataset ${dataset.name} must keep at least one Owner: make someone else Owner before changing the last one`);
  stateOf(ctx).rows.setGrant(dataset.id, grant.targetId, grant.targetRole, isOrganization, ctx.clock.now().toISOString());
  return grantsOf(ctx, dataset.id);
}

export function removeGrant(ctx: BaseContext, user: KeyOwner, datasetId: string, grant: { targetId: string; targetRole: DatasetRwRoleV1 }) {
  const { dataset } = accessDataset(ctx, user, datasetId, LEVEL.owner);
  const existing = stateOf(ctx)
    .rows.grants(dataset.id)
    .find((g) => g.targetId === grant.targetId);
  if (!existing || existing.role !== grant.targetRole) throw notFound(`Dataset ${dataset.name} has no grant of ${grant.targetRole} to ${grant.targetId}`);
  if (ownersAfter(ctx, dataset.id, grant.targetId, null) === 0)
    throw badRequest(`Dataset ${dataset.name} must keep at least one Owner: this is the last one; make someone else Owner first`);
  stateOf(ctx).rows.removeGrant(dataset.id, grant.targetId);
  return grantsOf(ctx, dataset.id);
}

// ——— snapshots and tags ———

export function listSnapshots(ctx: BaseContext, user: KeyOwner, datasetId: string, query: { offset: number; limit: number }) {
  const { dataset } = accessDataset(ctx, user, datasetId, LEVEL.list);
  const limit = clampLimit(query.limit);
  const { rows, totalCount } = stateOf(ctx).rows.snapshots(dataset.id, query.offset, limit);
  return { snapshots: rows.map(toSnapshotDetailsV1), page: { offset: query.offset, limit, totalCount } };
}

export function getSnapshot(ctx: BaseContext, user: KeyOwner, snapshotId: string): SnapshotRow {
  return accessSnapshot(ctx, user, snapshotId, LEVEL.list).snapshot;
}

/** `[]` or `["."]` is everything; each other path must name something inside the dataset. */
async function chosenPaths(root: string, relativeFilePaths: string[]): Promise<string[]> {
  const cleaned = [...new Set(relativeFilePaths.map(cleanPath))];
  if (cleaned.length === 0 || cleaned.includes('')) return [''];
  for (const relative of cleaned) await resolveExisting(root, relative);
  return cleaned;
}

/**
 * Queues a snapshot (pending → copying → active | failed). Needs Editor, stricter than the
 * reference's Read: a snapshot freezes a version others come to depend on (decision 15).
 */
export async function createSnapshot(ctx: BaseContext, user: KeyOwner, datasetId: string, relativeFilePaths: string[]): Promise<SnapshotRow> {
  const { dataset } = accessDataset(ctx, user, datasetId, LEVEL.update);
  const chosen = await chosenPaths(liveDir(stateOf(ctx).dirs, dataset.id), relativeFilePaths);
  return queueSnapshot(ctx, dataset, user.id, chosen);
}

function queueSnapshot(ctx: BaseContext, dataset: DatasetRow, creatorId: string, chosen: string[]): SnapshotRow {
  const state = stateOf(ctx);
  const id = newObjectId(ctx.clock);
  ctx.db.transaction(() => {
    state.rows.insertSnapshot({ id, datasetId: dataset.id, creatorId, createdAt: ctx.clock.now().toISOString(), status: 'pending', relativePaths: chosen });
    state.storage.enqueue({ op: 'snapshot', id });
  })();
  return state.rows.findSnapshot(id)!;
}

export function addTag(ctx: BaseContext, user: KeyOwner, datasetId: string, tag: { tagName: string; snapshotId: string }): DatasetRow {
  const { dataset } = accessDataset(ctx, user, datasetId, LEVEL.update);
  const snapshot = stateOf(ctx).rows.findSnapshot(tag.snapshotId);
  if (!snapshot || snapshot.datasetId !== dataset.id) throw badRequest(`snapshotId: ${tag.snapshotId} is not a snapshot of dataset ${dataset.name}`);
  if (snapshot.status !== 'active' && snapshot.status !== 'pending' && snapshot.status !== 'copying')
    throw badRequest(`snapshotId: snapshot ${tag.snapshotId} is ${snapshot.status}`);
  stateOf(ctx).rows.setTag(dataset.id, tag.tagName, snapshot.id);
  return dataset;
}

export function removeTag(ctx: BaseContext, user: KeyOwner, datasetId: string, tagName: string): DatasetRow {
  const { dataset } = accessDataset(ctx, user, datasetId, LEVEL.update);
  if (!stateOf(ctx).rows.removeTag(dataset.id, tagName)) throw notFound(`Dataset ${dataset.name} has no tag ${shown(tagName)}`);
  return dataset;
}

// ——— the embedded extensions: stats and files ———

export function datasetStats(ctx: BaseContext, user: KeyOwner, datasetId: string) {
  const { dataset, level } = accessDataset(ctx, user, datasetId, LEVEL.list);
  return {
    fileCount: dataset.fileCount,
    bytes: dataset.bytes,
    ...(dataset.lastMounted ? { lastMounted: dataset.lastMounted } : {}),
    yourPermissions: permissionsAt(level),
  };
}

export function snapshotStats(ctx: BaseContext, user: KeyOwner, snapshotId: string) {
  const { snapshot } = accessSnapshot(ctx, user, snapshotId, LEVEL.list);
  return { fileCount: snapshot.fileCount, bytes: snapshot.bytes, ...(snapshot.failureReason ? { failureReason: snapshot.failureReason } : {}) };
}

export async function listLiveFiles(ctx: BaseContext, user: KeyOwner, datasetId: string, rawPath: string): Promise<{ path: string; entries: TreeEntry[] }> {
  const { dataset } = accessDataset(ctx, user, datasetId, LEVEL.read);
  const relative = cleanPath(rawPath);
  return { path: relative, entries: await listLive(liveDir(stateOf(ctx).dirs, dataset.id), relative) };
}

export interface FileDownload {
  name: string;
  size: number;
  stream(range?: { start: number; end: number }): Readable;
  close(): Promise<void>;
}

export async function liveFile(ctx: BaseContext, user: KeyOwner, datasetId: string, rawPath: string): Promise<FileDownload> {
  const { dataset } = accessDataset(ctx, user, datasetId, LEVEL.read);
  const relative = cleanPath(rawPath);
  const { handle, size } = await openConfined(liveDir(stateOf(ctx).dirs, dataset.id), relative);
  return {
    name: path.basename(relative),
    size,
    stream: (range) => handle.createReadStream(range ? { start: range.start, end: range.end } : {}),
    close: () => handle.close(),
  };
}

function usableSnapshot(snapshot: SnapshotRow): void {
  if (snapshot.status !== 'active') throw badRequest(`Snapshot ${snapshot.id} is ${snapshot.status}: its files can be read once it is active`);
}

export function listSnapshotFiles(ctx: BaseContext, user: KeyOwner, snapshotId: string, rawPath: string): { path: string; entries: TreeEntry[] } {
  const { snapshot } = accessSnapshot(ctx, user, snapshotId, LEVEL.read);
  usableSnapshot(snapshot);
  const relative = cleanPath(rawPath);
  const files = stateOf(ctx).rows.manifestUnder(snapshot.id, relative);
  if (relative !== '' && files.length === 0) {
    if (stateOf(ctx).rows.manifestEntry(snapshot.id, relative)) throw badRequest(`path ${shown(relative)} is a file, not a directory`);
    throw notFound(`No directory ${shown(relative)} in snapshot ${snapshot.id}`);
  }
  return { path: relative, entries: listManifest(files, relative) };
}

export async function snapshotFile(ctx: BaseContext, user: KeyOwner, snapshotId: string, rawPath: string): Promise<FileDownload> {
  const { snapshot } = accessSnapshot(ctx, user, snapshotId, LEVEL.read);
  usableSnapshot(snapshot);
  const relative = cleanPath(rawPath);
  const entry = stateOf(ctx).rows.manifestEntry(snapshot.id, relative);
  if (!entry) throw notFound(`No file ${shown(relative)} in snapshot ${snapshot.id}`);
  const handle = await fs.promises.open(blobPath(stateOf(ctx).dirs, entry.sha256), 'r');
  return {
    name: path.basename(relative),
    size: entry.size,
    stream: (range) => handle.createReadStream(range ? { start: range.start, end: range.end } : {}),
    close: () => handle.close(),
  };
}

async function refreshStats(ctx: BaseContext, datasetId: string): Promise<void> {
  const state = stateOf(ctx);
  const { fileCount, bytes } = await treeStats(path.join(state.dirs.live, datasetId));
  state.rows.setStats(datasetId, fileCount, bytes);
}

export async function uploadFile(
  ctx: BaseContext,
  user: KeyOwner,
  datasetId: string,
  rawPath: string,
  body: Readable,
  declaredLength: number | undefined,
): Promise<{ path: string; size: number }> {
  const state = stateOf(ctx);
  const { dataset } = accessDataset(ctx, user, datasetId, LEVEL.update);
  const relative = cleanPath(rawPath);
  if (relative === '') throw badRequest('path must name a file inside the dataset');
  // Refused before a byte of the body is read.
  if (declaredLength !== undefined && declaredLength > state.uploadLimit) throw new TooLarge(state.uploadLimit);
  const size = await writeStreamed(state.dirs, liveDir(state.dirs, dataset.id), relative, body, state.uploadLimit);
  await refreshStats(ctx, dataset.id);
  return { path: relative, size };
}

export async function deleteFile(ctx: BaseContext, user: KeyOwner, datasetId: string, rawPath: string): Promise<void> {
  const state = stateOf(ctx);
  const { dataset } = accessDataset(ctx, user, datasetId, LEVEL.update);
  await removeFromTree(liveDir(state.dirs, dataset.id), cleanPath(rawPath));
  await refreshStats(ctx, dataset.id);
}

// ——— background work: snapshots and deletes ———

async function runSnapshot(ctx: BaseContext, snapshotId: string, signal: AbortSignal, progress: (done: number, total: number) => void): Promise<void> {
  const state = stateOf(ctx);
  const snapshot = state.rows.findSnapshot(snapshotId);
  // Deleted (or already finished) meanwhile: nothing to do.
  if (!snapshot || (snapshot.status !== 'pending' && snapshot.status !== 'copying')) return;
  state.rows.setSnapshotStatus(snapshot.id, 'copying');
  const previous = state.rows.latestActiveSnapshot(snapshot.datasetId);
  let manifest;
  try {
    manifest = await snapshotTree(
      state.dirs,
      liveDir(state.dirs, snapshot.datasetId),
      snapshot.relativePaths,
      previous ? state.rows.manifest(previous.id) : [],
      {
        signal,
        progress,
      },
    );
  } catch (error) {
    if (error instanceof SnapshotProblem) throw new TaskFailure(error.message);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new TaskFailure('a chosen path was removed before it could be read');
    throw error;
  }
  if (signal.aborted) return;
  // Only a snapshot still being copied becomes active (a delete meanwhile wins).
  if (state.rows.findSnapshot(snapshot.id)?.status === 'copying') state.rows.commitSnapshot(snapshot.id, manifest);
  await refreshStats(ctx, snapshot.datasetId);
}

/** Removes a deleted dataset's files; safe to rerun at any point (a restart resumes it). */
async function runDelete(ctx: BaseContext, datasetId: string): Promise<void> {
  const state = stateOf(ctx);
  state.rows.setSnapshotStatusOfDataset(datasetId, 'deletionInProgress');
  await fs.promises.rm(path.join(state.dirs.live, datasetId), { recursive: true, force: true });
  const snapshotIds = state.rows.snapshotIds(datasetId);
  // Blobs first, rows second: until the rows go, a rerun finds the same blobs to remove, so none
  // is ever orphaned; blobs another snapshot still uses are kept.
  for (const sha256 of state.rows.blobsOnlyIn(snapshotIds)) await fs.promises.rm(blobPath(state.dirs, sha256), { force: true });
  ctx.db.transaction(() => {
    for (const id of snapshotIds) state.rows.deleteManifest(id);
    state.rows.setSnapshotStatusOfDataset(datasetId, 'deleted');
    state.rows.markPurged(datasetId, ctx.clock.now().toISOString());
  })();
}

/** Left by a crash: staged datasets without a row, and tmp files. Only at start, before any task runs. */
function sweepOrphans(state: DatasetsState): void {
  fs.rmSync(state.dirs.tmp, { recursive: true, force: true });
  let names: string[] = [];
  try {
    names = fs.readdirSync(state.dirs.live);
  } catch {
    return;
  }
  for (const name of names) if (!state.rows.findById(name)) fs.rmSync(path.join(state.dirs.live, name), { recursive: true, force: true });
}

// ——— what other families ask of datasets ———

/** The `NotCopied` reasons and copies of a project's own datasets into its copy (copy-project with copyDatasets). */
/**
 * Which of a project's shared-dataset links a copy made by `actor` keeps: those the actor may Read
 * (linking needs Read, and a copy must not link what its maker could not link by hand). The
 * others are reported by id only (datasetsNotCopied): the caller may see the project's list of
 * linked ids, not the name or description of a dataset they may not read (decision 0015).
 */
function sharedLinksToCopy(ctx: BaseContext, actor: KeyOwner, sourceProjectId: string): { readable: string[]; notCopied: NotCopiedDataset[] } {
  const state = stateOf(ctx);
  const readable: string[] = [];
  const notCopied: NotCopiedDataset[] = [];
  for (const datasetId of ctx.projectParts.sharedDatasetIds(sourceProjectId)) {
    const dataset = state.rows.findLive(datasetId);
    if (!dataset) continue;
    if (levelOf(ctx, actor, dataset.id) >= LEVEL.read) {
      readable.push(dataset.id);
      continue;
    }
    notCopied.push({
      datasetInfo: { id: dataset.id, name: dataset.id, createdAt: dataset.createdAt },
      errorMessage: `You may not read shared dataset ${dataset.id}, so the copy does not link it`,
    });
  }
  return { readable, notCopied };
}

async function copyProjectDatasets(ctx: BaseContext, actor: KeyOwner, sourceProjectId: string, targetProjectId: string): Promise<NotCopiedDataset[]> {
  const state = stateOf(ctx);
  const notCopied: NotCopiedDataset[] = [];
  for (const dataset of state.rows.liveOfProject(sourceProjectId)) {
    const info = {
      id: dataset.id,
      name: dataset.name,
      createdAt: dataset.createdAt,
      ...(dataset.description ? { description: dataset.description } : {}),
      projectId: dataset.projectId,
    };
    // Unreachable by today's rules (whoever may read the project, which copying needs, has at
    // least Reader on its own datasets, and grants only raise: decision 0015); kept so that a
    // rule that ever lowers cannot turn a copy into a way around it.
    if (levelOf(ctx, actor, dataset.id) < LEVEL.read) {
      notCopied.push({ datasetInfo: info, errorMessage: `You may not read dataset ${dataset.name}, so it was not copied` });
      continue;
    }
    const id = newObjectId(ctx.clock);
    const staging = path.join(state.dirs.tmp, `copy-${id}`);
    fs.mkdirSync(state.dirs.tmp, { recursive: true });
    await copyTree(path.join(state.dirs.live, dataset.id), staging);
    fs.mkdirSync(state.dirs.live, { recursive: true });
    fs.renameSync(staging, path.join(state.dirs.live, id));
    const now = ctx.clock.now().toISOString();
    ctx.db.transaction(() => {
      state.rows.insert({ id, projectId: targetProjectId, name: dataset.name, description: dataset.description, creatorId: actor.id, createdAt: now });
      state.rows.setGrant(id, actor.id, 'DatasetRwOwner', false, now);
      state.rows.setStats(id, dataset.fileCount, dataset.bytes);
    })();
  }
  return notCopied;
}

/**
 * What a job mounts (own datasets under local/, shared ones at the top, as in Domino), decided when it starts (so a rename applies to jobs started afterwards):
 * its project's own datasets at local/<name>, writable for Editors and Owners; datasets shared
 * with the project at <name>, read-only, where the starter may read them.
 */
function mountsFor(ctx: BaseContext, job: JobRow): SandboxMount[] {
  const state = stateOf(ctx);
  const starter = ctx.users.findById(job.startedBy);
  if (!starter) return [];
  const user = { id: starter.id, isAdmin: starter.isAdmin } as KeyOwner;
  const now = ctx.clock.now().toISOString();
  const mounts: SandboxMount[] = [];
  const seen = new Set<string>();
  const add = (dataset: DatasetRow, sandboxPath: string, readOnly: boolean) => {
    if (seen.has(sandboxPath)) return;
    seen.add(sandboxPath);
    mounts.push({ hostPath: liveDir(state.dirs, dataset.id), sandboxPath, readOnly });
    state.rows.recordMount({
      jobId: job.id,
      datasetId: dataset.id,
      datasetName: dataset.name,
      projectId: dataset.projectId,
      containerPath: sandboxPath,
      readOnly,
    });
    state.rows.setLastMounted(dataset.id, now);
  };
  for (const dataset of state.rows.liveOfProject(job.projectId)) {
    const level = levelOf(ctx, user, dataset.id);
    if (level < LEVEL.read) continue;
    add(dataset, `${DATASETS_DIR_IN_SANDBOX}/local/${dataset.name}`, level < LEVEL.update);
  }
  for (const datasetId of ctx.projectParts.sharedDatasetIds(job.projectId)) {
    const dataset = state.rows.findLive(datasetId);
    if (!dataset || levelOf(ctx, user, dataset.id) < LEVEL.read) continue;
    add(dataset, `${DATASETS_DIR_IN_SANDBOX}/${dataset.name}`, true);
  }
  return mounts;
}

/** JobV1.datasetMounts of each job of a page (or of one job's detail), in one query. */
function mountsOfMany(ctx: BaseContext, jobIds: string[]): Map<string, Array<Wire<typeof DatasetMountV1Schema>>> {
  const byJob = stateOf(ctx).rows.mountsOfMany(jobIds);
  return new Map(
    [...byJob].map(([jobId, mounts]) => [
      jobId,
      mounts.map((m) => ({ id: m.datasetId, datasetName: m.datasetName, projectId: m.projectId, isInput: m.readOnly, containerPath: m.containerPath })),
    ]),
  );
}

/** After a run: writable mounts get their size again, and a snapshot when the job asked for one. */
async function jobFinished(ctx: BaseContext, job: JobRow): Promise<void> {
  const state = stateOf(ctx);
  const snapshot = state.rows.snapshotOnCompletion(job.id);
  for (const mount of state.rows.mountsOf(job.id)) {
    if (mount.readOnly) continue;
    const dataset = state.rows.findLive(mount.datasetId);
    if (!dataset) continue;
    await refreshStats(ctx, dataset.id);
    if (snapshot) queueSnapshot(ctx, dataset, job.startedBy, ['']);
  }
}

/** Builds the datasets family on a context: its repository, its files, its background task, and the catalog others use. */
export function installDatasets(ctx: BaseContext, options: { uploadLimit?: number } = {}): DatasetCatalog {
  const rows = datasetsRepository(ctx.db);
  const dirs = datasetDirs(ctx.dataDir);
  const state: DatasetsState = {
    rows,
    dirs,
    uploadLimit: options.uploadLimit ?? DEFAULT_UPLOAD_LIMIT,
    // One kind, one at a time: a delete's blob removal never races a snapshot's reuse of a blob.
    storage: ctx.tasks.define<StorageTask>('dataset-storage', {
      run: (task, context) =>
        task.op === 'snapshot' ? runSnapshot(ctx, task.id, context.signal, (done, total) => context.progress(done, total)) : runDelete(ctx, task.id),
      onFailed: (task, reason) => {
        if (task.op === 'snapshot') rows.failSnapshot(task.id, reason);
      },
    }),
  };
  ctx.datasetState = state;
  sweepOrphans(state);
  return {
    exists: (datasetId) => rows.findLive(datasetId) !== undefined,
    levelOf: (user, datasetId) => (rows.findLive(datasetId) ? rows.levelOf(datasetId, user) : 0),
    ownDatasetIds: (projectId) => rows.liveOfProject(projectId).map((d) => d.id),
    copyProjectDatasets: (actor, sourceProjectId, targetProjectId) => copyProjectDatasets(ctx, actor, sourceProjectId, targetProjectId),
    sharedLinksToCopy: (actor, sourceProjectId) => sharedLinksToCopy(ctx, actor, sourceProjectId),
    mountsFor: (job) => mountsFor(ctx, job),
    mountsOfMany: (jobIds) => mountsOfMany(ctx, jobIds),
    jobOptions: (jobId, snapshotOnCompletion) => rows.setSnapshotOnCompletion(jobId, snapshotOnCompletion),
    jobFinished: (job) => jobFinished(ctx, job),
  };
}

/** For tests and benchmarks: wait until no snapshot or delete is queued or running. */
export function storageDrained(ctx: BaseContext): Promise<void> {
  return ctx.tasks.drained('dataset-storage');
}
