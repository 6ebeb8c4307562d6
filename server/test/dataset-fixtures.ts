// Datasets made through the API, for the datasets tests.
import { expect } from 'vitest';
import { storageDrained } from '../services/datasets';
import type { TestServer, TestUser } from './helper';

export const DATASETS = '/api/datasetrw/v1/datasets';
export const EMBEDDED_DATASETS = '/api/embedded/v1/datasets';

export interface TestDataset {
  id: string;
  name: string;
  projectId: string;
  createdAt: string;
}

let datasetCount = 0;

export async function newDataset(
  server: TestServer,
  as: TestUser,
  projectId: string,
  options: { name?: string; description?: string; grants?: Array<{ targetId: string; targetRole: string }> } = {},
): Promise<TestDataset> {
  const res = await server.call(as, {
    method: 'POST',
    url: DATASETS,
    payload: { name: options.name ?? `dataset-${++datasetCount}`, projectId, description: options.description, grants: options.grants },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.dataset;
}

export async function putDatasetFile(server: TestServer, as: TestUser, datasetId: string, filePath: string, content: string | Buffer) {
  const res = await server.call(as, {
    method: 'PUT',
    url: `${EMBEDDED_DATASETS}/${datasetId}/files?path=${encodeURIComponent(filePath)}`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: Buffer.from(content),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

export async function readDatasetFile(server: TestServer, as: TestUser, datasetId: string, filePath: string) {
  return server.call(as, { method: 'GET', url: `${EMBEDDED_DATASETS}/${datasetId}/files/content?path=${encodeURIComponent(filePath)}` });
}

/** Takes a snapshot and waits for it to settle; answers its final details. */
export async function snapshotOf(server: TestServer, as: TestUser, datasetId: string, relativeFilePaths: string[] = []) {
  const res = await server.call(as, { method: 'POST', url: `${DATASETS}/${datasetId}/snapshots`, payload: { relativeFilePaths } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  await storageDrained(server.app.ctx);
  return (await server.call(as, { method: 'GET', url: `/api/datasetrw/v1/snapshots/${res.body.snapshot.id}` })).body.snapshot as {
    id: string;
    status: string;
    datasetId: string;
  };
}
