// Datasets: fetchers over the contract, query keys, `datasetsQueries` and `datasetsMutations`.
// The embedded extensions (search, sizes, files) are used only where /info lists them; against a
// real Domino the list comes from the v2 endpoint and the pages hide search and files.
import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { endpointUrl, request } from './http';
import {
  datasetsEndpoints,
  type DatasetFileEntry,
  type DatasetRwDetailsV1,
  type DatasetRwGrantDetailsV1,
  type DatasetRwPermissionV1,
  type DatasetRwRoleV1,
  type DatasetStats,
  type NewDatasetRwV1,
  type SnapshotDetailsV1,
  type SnapshotStats,
} from './schemas/datasets';

export interface DatasetListRequest {
  offset: number;
  limit: number;
  /** Only with the `dataset-search` extension. */
  search?: string;
  projectId?: string;
  minimumPermission?: DatasetRwPermissionV1;
  /** Whether the server has the `dataset-search` extension (the embedded list, with sizes). */
  embedded: boolean;
}

export interface DatasetListItem {
  dataset: DatasetRwDetailsV1;
  projectName?: string;
  projectOwner?: string;
  fileCount?: number;
  bytes?: number;
}

export const datasetsKeys = {
  all: ['datasets'] as const,
  lists: () => [...datasetsKeys.all, 'list'] as const,
  list: (page: DatasetListRequest) => [...datasetsKeys.lists(), page] as const,
  /** A project's own datasets, a page of the (deprecated, still served) v1 list with projectId. */
  ofProject: (projectId: string, page: { offset: number; limit: number }) => [...datasetsKeys.lists(), 'of-project', projectId, page] as const,
  detail: (datasetId: string) => [...datasetsKeys.all, 'detail', datasetId] as const,
  stats: (datasetId: string) => [...datasetsKeys.all, 'stats', datasetId] as const,
  grants: (datasetId: string) => [...datasetsKeys.all, 'grants', datasetId] as const,
  snapshots: (datasetId: string) => [...datasetsKeys.all, 'snapshots', datasetId] as const,
  snapshot: (snapshotId: string) => [...datasetsKeys.all, 'snapshot', snapshotId] as const,
  snapshotStats: (snapshotId: string) => [...datasetsKeys.all, 'snapshot-stats', snapshotId] as const,
  files: (datasetId: string) => [...datasetsKeys.all, 'files', datasetId] as const,
  liveFiles: (datasetId: string, path: string) => [...datasetsKeys.files(datasetId), 'live', path] as const,
  snapshotFiles: (snapshotId: string, path: string) => [...datasetsKeys.all, 'snapshot-files', snapshotId, path] as const,
};

export async function fetchDatasets(page: DatasetListRequest, signal?: AbortSignal) {
  if (page.embedded) {
    const envelope = await request(datasetsEndpoints.searchDatasets, {
      query: {
        offset: page.offset,
        limit: page.limit,
        search: page.search || undefined,
        projectId: page.projectId,
        minimumPermission: page.minimumPermission,
      },
      signal,
    });
    const items: DatasetListItem[] = envelope.datasets.map((row) => ({
      dataset: row.dataset,
      projectName: row.projectInfo?.projectName,
      projectOwner: row.projectInfo?.projectOwnerUsername,
      fileCount: row.fileCount,
      bytes: row.bytes,
    }));
    return { items, pagination: envelope.metadata.pagination };
  }
  const envelope = await request(datasetsEndpoints.getDatasetsV2, {
    query: {
      offset: page.offset,
      limit: page.limit,
      minimumPermission: page.minimumPermission,
      projectIdsToInclude: page.projectId,
      includeProjectInfo: true,
    },
    signal,
  });
  const items: DatasetListItem[] = envelope.datasets.map((row) => ({
    dataset: row.dataset,
    projectName: row.projectInfo?.projectName,
    projectOwner: row.projectInfo?.projectOwnerUsername,
  }));
  return { items, pagination: envelope.metadata.pagination };
}

/**
 * A project's own datasets: the v1 list with `projectId`, which answers exactly those (the v2
 * list's projectIdsToInclude would do too, but v1 is what Domino's own project page asks, and it
 * works against every Domino version the console talks to).
 */
export async function fetchProjectDatasets(projectId: string, page: { offset: number; limit: number }, signal?: AbortSignal) {
  const envelope = await request(datasetsEndpoints.getDatasets, { query: { projectId, offset: page.offset, limit: page.limit }, signal });
  return { datasets: envelope.datasets, pagination: envelope.metadata.pagination };
}

export async function fetchSnapshot(snapshotId: string, signal?: AbortSignal): Promise<SnapshotDetailsV1> {
  return (await request(datasetsEndpoints.getSnapshot, { params: { snapshotId }, signal })).snapshot;
}

export async function fetchDataset(datasetId: string, signal?: AbortSignal): Promise<DatasetRwDetailsV1> {
  return (await request(datasetsEndpoints.getDataset, { params: { datasetId }, signal })).dataset;
}

export async function fetchDatasetStats(datasetId: string, signal?: AbortSignal): Promise<DatasetStats> {
  return (await request(datasetsEndpoints.getDatasetStats, { params: { datasetId }, signal })).stats;
}

export async function fetchGrants(datasetId: string, signal?: AbortSignal): Promise<DatasetRwGrantDetailsV1[]> {
  return (await request(datasetsEndpoints.getDatasetGrants, { params: { datasetId }, signal })).grantDetails;
}

/** Every snapshot of a dataset (a dataset has tens, not thousands: pages of 100 are walked). */
export async function fetchSnapshots(datasetId: string, signal?: AbortSignal): Promise<SnapshotDetailsV1[]> {
  const all: SnapshotDetailsV1[] = [];
  for (let offset = 0; ; offset += 100) {
    const envelope = await request(datasetsEndpoints.getDatasetSnapshots, { params: { datasetId }, query: { offset, limit: 100 }, signal });
    all.push(...envelope.snapshots);
    const total = envelope.metadata.pagination.totalCount ?? all.length;
    if (envelope.snapshots.length === 0 || all.length >= total) return all;
  }
}

export async function fetchSnapshotStats(snapshotId: string, signal?: AbortSignal): Promise<SnapshotStats> {
  return (await request(datasetsEndpoints.getSnapshotStats, { params: { snapshotId }, signal })).stats;
}

export async function fetchLiveFiles(datasetId: string, path: string, signal?: AbortSignal): Promise<DatasetFileEntry[]> {
  return (await request(datasetsEndpoints.listDatasetFiles, { params: { datasetId }, query: { path }, signal })).entries;
}

export async function fetchSnapshotFiles(snapshotId: string, path: string, signal?: AbortSignal): Promise<DatasetFileEntry[]> {
  return (await request(datasetsEndpoints.listSnapshotFiles, { params: { snapshotId }, query: { path }, signal })).entries;
}

export function liveFileUrl(datasetId: string, path: string): string {
  return endpointUrl(datasetsEndpoints.getDatasetFile, { params: { datasetId }, query: { path } });
}

export function snapshotFileUrl(snapshotId: string, path: string): string {
  return endpointUrl(datasetsEndpoints.getSnapshotFile, { params: { snapshotId }, query: { path } });
}

/** Whose files a browser shows: the live dataset's, or a snapshot's. */
export type FileSource = { kind: 'live'; datasetId: string } | { kind: 'snapshot'; snapshotId: string };

/** A snapshot still being taken: its status is polled until it settles. */
export function isSettling(snapshot: SnapshotDetailsV1): boolean {
  return snapshot.status === 'pending' || snapshot.status === 'copying' || snapshot.status === 'markForDeletion' || snapshot.status === 'deletionInProgress';
}

export const datasetsQueries = {
  list: (page: DatasetListRequest) => queryOptions({ queryKey: datasetsKeys.list(page), queryFn: ({ signal }) => fetchDatasets(page, signal) }),
  detail: (datasetId: string) => queryOptions({ queryKey: datasetsKeys.detail(datasetId), queryFn: ({ signal }) => fetchDataset(datasetId, signal) }),
  stats: (datasetId: string) => queryOptions({ queryKey: datasetsKeys.stats(datasetId), queryFn: ({ signal }) => fetchDatasetStats(datasetId, signal) }),
  grants: (datasetId: string) => queryOptions({ queryKey: datasetsKeys.grants(datasetId), queryFn: ({ signal }) => fetchGrants(datasetId, signal) }),
  ofProject: (projectId: string, page: { offset: number; limit: number }) =>
    queryOptions({ queryKey: datasetsKeys.ofProject(projectId, page), queryFn: ({ signal }) => fetchProjectDatasets(projectId, page, signal) }),
  snapshots: (datasetId: string) => queryOptions({ queryKey: datasetsKeys.snapshots(datasetId), queryFn: ({ signal }) => fetchSnapshots(datasetId, signal) }),
  /**
   * One snapshot, for its live status: while it is being taken it is asked again every second
   * (one small request per settling snapshot, not the whole list), and no more once it settled.
   */
  snapshot: (snapshotId: string) =>
    queryOptions({
      queryKey: datasetsKeys.snapshot(snapshotId),
      queryFn: ({ signal }) => fetchSnapshot(snapshotId, signal),
      refetchInterval: (query) => (query.state.data && !isSettling(query.state.data) ? false : 1000),
    }),
  snapshotStats: (snapshotId: string) =>
    queryOptions({ queryKey: datasetsKeys.snapshotStats(snapshotId), queryFn: ({ signal }) => fetchSnapshotStats(snapshotId, signal) }),
  /** A directory of the live files or of a snapshot's. */
  tree: (source: FileSource, path: string) =>
    queryOptions({
      queryKey: (source.kind === 'live'
        ? datasetsKeys.liveFiles(source.datasetId, path)
        : datasetsKeys.snapshotFiles(source.snapshotId, path)) as readonly unknown[],
      queryFn: ({ signal }) => (source.kind === 'live' ? fetchLiveFiles(source.datasetId, path, signal) : fetchSnapshotFiles(source.snapshotId, path, signal)),
    }),
};

export async function createDataset(input: NewDatasetRwV1): Promise<DatasetRwDetailsV1> {
  return (await request(datasetsEndpoints.createDataset, { body: input })).dataset;
}

export interface UpdateDatasetInput {
  datasetId: string;
  name?: string;
  description?: string;
}

export async function updateDataset({ datasetId, ...change }: UpdateDatasetInput): Promise<DatasetRwDetailsV1> {
  return (await request(datasetsEndpoints.updateDataset, { params: { datasetId }, body: change })).dataset;
}

export async function deleteDataset(datasetId: string): Promise<void> {
  await request(datasetsEndpoints.deleteDataset, { params: { datasetId } });
}

export interface GrantInput {
  datasetId: string;
  targetId: string;
  targetRole: DatasetRwRoleV1;
}

export async function addGrant({ datasetId, targetId, targetRole }: GrantInput): Promise<void> {
  await request(datasetsEndpoints.addDatasetGrant, { params: { datasetId }, body: { targetId, targetRole } });
}

export async function removeGrant({ datasetId, targetId, targetRole }: GrantInput): Promise<void> {
  await request(datasetsEndpoints.removeDatasetGrant, { params: { datasetId }, body: { targetId, targetRole } });
}

export async function createSnapshot({ datasetId, relativeFilePaths }: { datasetId: string; relativeFilePaths: string[] }): Promise<SnapshotDetailsV1> {
  return (await request(datasetsEndpoints.createSnapshot, { params: { datasetId }, body: { relativeFilePaths } })).snapshot;
}

export async function addTag({ datasetId, tagName, snapshotId }: { datasetId: string; tagName: string; snapshotId: string }): Promise<void> {
  await request(datasetsEndpoints.addDatasetTag, { params: { datasetId }, body: { tagName, snapshotId } });
}

export async function removeTag({ datasetId, tagName }: { datasetId: string; tagName: string }): Promise<void> {
  await request(datasetsEndpoints.removeDatasetTag, { params: { datasetId, tagName } });
}

export async function deleteFile({ datasetId, path }: { datasetId: string; path: string }): Promise<void> {
  await request(datasetsEndpoints.deleteDatasetFile, { params: { datasetId }, query: { path } });
}

export interface UploadHandle {
  /** Resolves when the file is stored; rejects with the server's words (413, a refused path) or on cancel. */
  done: Promise<void>;
  cancel(): void;
}

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Uploads one file with XMLHttpRequest, whose upload progress events fetch does not have: the
 * body is the File itself (streamed by the browser), the answer's errors are the server's own.
 */
export function uploadFile(datasetId: string, path: string, file: Blob, onProgress: (loaded: number, total: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<void>((resolve, reject) => {
    xhr.open('PUT', endpointUrl(datasetsEndpoints.uploadDatasetFile, { params: { datasetId }, query: { path } }));
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let message = `The upload failed (${xhr.status})`;
      try {
        const body = JSON.parse(xhr.responseText) as { errors?: string[] };
        if (body.errors?.length) message = body.errors.join(' ');
      } catch {
        // not the envelope: keep the status
      }
      if (xhr.status === 413) message = `Too large: ${message}`;
      reject(new UploadError(message, xhr.status));
    };
    xhr.onerror = () => reject(new UploadError('The connection failed during the upload', 0));
    xhr.onabort = () => reject(new UploadError('Cancelled', -1));
    xhr.send(file);
  });
  return { done, cancel: () => xhr.abort() };
}

const everything = [datasetsKeys.all];

export const datasetsMutations = {
  create: () => mutationOptions({ mutationKey: [...datasetsKeys.all, 'create'], mutationFn: createDataset, meta: { invalidates: everything } }),
  update: () => mutationOptions({ mutationKey: [...datasetsKeys.all, 'update'], mutationFn: updateDataset, meta: { invalidates: everything } }),
  remove: () => mutationOptions({ mutationKey: [...datasetsKeys.all, 'delete'], mutationFn: deleteDataset, meta: { invalidates: [datasetsKeys.lists()] } }),
  addGrant: (datasetId: string) =>
    mutationOptions({
      mutationKey: [...datasetsKeys.all, 'add-grant'],
      mutationFn: addGrant,
      meta: { invalidates: [datasetsKeys.grants(datasetId), datasetsKeys.stats(datasetId)] },
    }),
  removeGrant: (datasetId: string) =>
    mutationOptions({
      mutationKey: [...datasetsKeys.all, 'remove-grant'],
      mutationFn: removeGrant,
      meta: { invalidates: [datasetsKeys.grants(datasetId), datasetsKeys.stats(datasetId)] },
    }),
  snapshot: (datasetId: string) =>
    mutationOptions({
      mutationKey: [...datasetsKeys.all, 'snapshot'],
      mutationFn: createSnapshot,
      meta: { invalidates: [datasetsKeys.snapshots(datasetId), datasetsKeys.detail(datasetId)] },
    }),
  addTag: (datasetId: string) =>
    mutationOptions({ mutationKey: [...datasetsKeys.all, 'add-tag'], mutationFn: addTag, meta: { invalidates: [datasetsKeys.detail(datasetId)] } }),
  removeTag: (datasetId: string) =>
    mutationOptions({ mutationKey: [...datasetsKeys.all, 'remove-tag'], mutationFn: removeTag, meta: { invalidates: [datasetsKeys.detail(datasetId)] } }),
  deleteFile: (datasetId: string) =>
    mutationOptions({
      mutationKey: [...datasetsKeys.all, 'delete-file'],
      mutationFn: deleteFile,
      meta: { invalidates: [datasetsKeys.files(datasetId), datasetsKeys.stats(datasetId)] },
    }),
};
