// Datasets: the reference's /api/datasetrw endpoints and the embedded extensions (search, stats,
// files). Each handler: one service call, the envelope.
import { datasetsEndpoints } from '../../src/api/schemas/datasets';
import { metadata, paginatedMetadata } from '../http/envelopes';
import { badRequest } from '../http/errors';
import { closeByLingering } from '../http/lingering-close';
import { TooLarge } from '../services/dataset-storage';
import { defineRoute, type RawBody, type RouteRegistrar } from '../http/route';
import {
  addGrant,
  addTag,
  createDataset,
  createSnapshot,
  datasetStats,
  deleteDataset,
  deleteFile,
  getSnapshot,
  grantDetails,
  listDatasetsV1,
  listDatasetsV2,
  listLiveFiles,
  listSnapshotFiles,
  listSnapshots,
  liveFile,
  removeGrant,
  removeTag,
  searchDatasets,
  snapshotFile,
  snapshotStats,
  toDatasetRwDetailsV1,
  toSnapshotDetailsV1,
  updateDataset,
  uploadFile,
  accessDataset,
  type FileDownload,
} from '../services/datasets';

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` of a file of `size` bytes: the inclusive range, or 'unsatisfiable'. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined; // not one range we serve: the whole file, as RFC 9110 allows
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

/** A file as the answer: streamed, with its length, a range when asked, and never run as a page. */
function download(file: FileDownload, rangeHeader: string | undefined, requestId: string): RawBody {
  const headers: Record<string, string> = {
    'accept-ranges': 'bytes',
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': 'sandbox',
  };
  const range = parseRange(rangeHeader, file.size);
  if (range === 'unsatisfiable') {
    void file.close();
    // In the envelope every error has, with the size a client needs to ask again.
    return {
      body: JSON.stringify({ requestId, errors: [`The range ${rangeHeader} is outside the file (${file.size} bytes)`] }),
      contentType: 'application/json; charset=utf-8',
      status: 416,
      headers: { 'content-range': `bytes */${file.size}` },
    };
  }
  const stream = file.stream(range);
  stream.on('close', () => void file.close().catch(() => undefined));
  if (range) {
    return {
      body: stream,
      contentType: 'application/octet-stream',
      status: 206,
      headers: { ...headers, 'content-length': String(range.end - range.start + 1), 'content-range': `bytes ${range.start}-${range.end}/${file.size}` },
    };
  }
  return { body: stream, contentType: 'application/octet-stream', headers: { ...headers, 'content-length': String(file.size) } };
}

export const registerDatasetRoutes: RouteRegistrar = (app, ctx, options) => {
  const e = datasetsEndpoints;
  defineRoute(app, options, e.getDatasets, {
    access: 'user',
    handler: ({ query, user, requestId }) => {
      const { datasets, page } = listDatasetsV1(ctx, user, query);
      return { datasets, metadata: paginatedMetadata(requestId, page) };
    },
  });

  defineRoute(app, options, e.createDataset, {
    access: 'user',
    handler: async ({ body, user, requestId }) => ({ dataset: toDatasetRwDetailsV1(ctx, await createDataset(ctx, user, body)), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, e.getDataset, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({
      dataset: toDatasetRwDetailsV1(ctx, accessDataset(ctx, user, params.datasetId, 1).dataset),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, e.updateDataset, {
    access: 'user',
    handler: ({ params, body, user, requestId }) => ({
      dataset: toDatasetRwDetailsV1(ctx, updateDataset(ctx, user, params.datasetId, body)),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, e.deleteDataset, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({ dataset: deleteDataset(ctx, user, params.datasetId), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, e.getDatasetGrants, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({ grantDetails: grantDetails(ctx, user, params.datasetId), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, e.addDatasetGrant, {
    access: 'user',
    handler: ({ params, body, user, requestId }) => ({ grants: addGrant(ctx, user, params.datasetId, body), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, e.removeDatasetGrant, {
    access: 'user',
    handler: ({ params, body, user, requestId }) => ({ grants: removeGrant(ctx, user, params.datasetId, body), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, e.getDatasetSnapshots, {
    access: 'user',
    handler: ({ params, query, user, requestId }) => {
      const { snapshots, page } = listSnapshots(ctx, user, params.datasetId, query);
      return { snapshots, metadata: paginatedMetadata(requestId, page) };
    },
  });

  defineRoute(app, options, e.createSnapshot, {
    access: 'user',
    handler: async ({ params, body, user, requestId }) => ({
      snapshot: toSnapshotDetailsV1(await createSnapshot(ctx, user, params.datasetId, body.relativeFilePaths)),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, e.addDatasetTag, {
    access: 'user',
    handler: ({ params, body, user, requestId }) => ({
      dataset: toDatasetRwDetailsV1(ctx, addTag(ctx, user, params.datasetId, body)),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, e.removeDatasetTag, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({
      dataset: toDatasetRwDetailsV1(ctx, removeTag(ctx, user, params.datasetId, params.tagName)),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, e.getSnapshot, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({ snapshot: toSnapshotDetailsV1(getSnapshot(ctx, user, params.snapshotId)), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, e.getDatasetsV2, {
    access: 'user',
    handler: ({ query, user, requestId }) => {
      const { datasets, page } = listDatasetsV2(ctx, user, query);
      return { datasets, metadata: paginatedMetadata(requestId, page) };
    },
  });

  // Embedded extensions.
  defineRoute(app, options, e.searchDatasets, {
    access: 'user',
    handler: ({ query, user, requestId }) => {
      const { datasets, page } = searchDatasets(ctx, user, query);
      return { datasets, metadata: paginatedMetadata(requestId, page) };
    },
  });

  defineRoute(app, options, e.getDatasetStats, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({ stats: datasetStats(ctx, user, params.datasetId), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, e.getSnapshotStats, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({ stats: snapshotStats(ctx, user, params.snapshotId), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, e.listDatasetFiles, {
    access: 'user',
    handler: async ({ params, query, user, requestId }) => ({
      ...(await listLiveFiles(ctx, user, params.datasetId, query.path)),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, e.getDatasetFile, {
    access: 'user',
    handler: async ({ params, query, user, request, requestId }) =>
      download(await liveFile(ctx, user, params.datasetId, query.path), request.headers.range, requestId),
  });

  defineRoute(app, options, e.uploadDatasetFile, {
    access: 'user',
    streamBody: true,
    handler: async ({ params, query, user, request, reply, requestId }) => {
      const declared = request.headers['content-length'];
      const length = declared === undefined ? undefined : Number(declared);
      if (length !== undefined && !Number.isSafeInteger(length)) throw badRequest('Content-Length is not a number of bytes');
      try {
        return { ...(await uploadFile(ctx, user, params.datasetId, query.path, request.raw, length)), metadata: metadata(requestId) };
      } catch (error) {
        // The rest of a refused body is not worth reading: the connection ends with the answer.
        if (error instanceof TooLarge) {
          reply.header('connection', 'close');
          closeByLingering(request.raw);
        }
        throw error;
      }
    },
  });

  defineRoute(app, options, e.deleteDatasetFile, {
    access: 'user',
    handler: async ({ params, query, user }) => deleteFile(ctx, user, params.datasetId, query.path),
  });

  defineRoute(app, options, e.listSnapshotFiles, {
    access: 'user',
    handler: ({ params, query, user, requestId }) => ({ ...listSnapshotFiles(ctx, user, params.snapshotId, query.path), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, e.getSnapshotFile, {
    access: 'user',
    handler: async ({ params, query, user, request, requestId }) =>
      download(await snapshotFile(ctx, user, params.snapshotId, query.path), request.headers.range, requestId),
  });
};
