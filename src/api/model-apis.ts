// Model APIs (Domino 6.2's /api/modelServing/v1/modelApis) and async predictions: fetchers over
// the contract, query keys, `modelApisQueries` and `modelApisMutations`. A prediction is polled
// until it ends (Succeeded or Failed; Domino's example client also polls for `queued`).
import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { request } from './http';
import { asyncPredictionsEndpoints, type AsyncPredictionEnvelopeV1 } from './schemas/async-predictions';
import { environmentsEndpoints } from './schemas/environments';
import {
  modelApisEndpoints,
  type ModelApi,
  type ModelApiCreationRequest,
  type ModelApiUpdateRequest,
  type ModelApiVersion,
  type ModelApiVersionCreationRequest,
} from './schemas/model-apis';

export type LogKind = 'instance' | 'build' | 'export';

const NANOS_PER_MS = 1_000_000n;

/**
 * A page of a version's log for the shared log viewer, which reads every log with a nanosecond
 * cursor it only compares. Domino answers each line's `timeNano` as a JSON number — past 2^53,
 * so not exact — but its `timestamp` in milliseconds is. The cursor handed back is therefore
 * `last line's millisecond × 10^6 + how many lines of that millisecond were read`: it grows with
 * every line, and the next request asks from the start of that millisecond and skips those read.
 * The build and export logs are complete once answered (a build runs when its version is
 * created); the instance log is followed while workers write.
 */
/** What to ask for after a cursor: lines from the start of its millisecond (sinceTimeNano is exclusive), of which `seenInMs` were read. */
export function versionLogRequest(latestTimeNano: string | undefined): { sinceTimeNano: string | undefined; seenInMs: number } {
  if (latestTimeNano === undefined) return { sinceTimeNano: undefined, seenInMs: 0 };
  const cursor = BigInt(latestTimeNano);
  return { sinceTimeNano: String((cursor / NANOS_PER_MS) * NANOS_PER_MS - 1n), seenInMs: Number(cursor % NANOS_PER_MS) };
}

/** The lines of an answer not read before the cursor, and the cursor after them. */
export function linesAfterCursor<L extends { timestamp: number }>(
  logs: readonly L[],
  latestTimeNano: string | undefined,
): { fresh: L[]; next: string | undefined } {
  let fresh = [...logs];
  if (latestTimeNano !== undefined) {
    const cursor = BigInt(latestTimeNano);
    const fromMs = Number(cursor / NANOS_PER_MS);
    const seenInMs = Number(cursor % NANOS_PER_MS);
    fresh = logs.filter((line, i) => !(line.timestamp === fromMs && i < seenInMs));
  }
  if (fresh.length === 0) return { fresh, next: latestTimeNano };
  const lastMs = fresh[fresh.length - 1]!.timestamp;
  const sameMs = logs.filter((line) => line.timestamp === lastMs).length;
  return { fresh, next: String(BigInt(lastMs) * NANOS_PER_MS + BigInt(sameMs)) };
}

export async function fetchVersionLogPage(
  { modelApiId, modelApiVersionId, kind }: { modelApiId: string; modelApiVersionId: string; kind: LogKind },
  { latestTimeNano, limit = 1000, signal }: { latestTimeNano: string | undefined; limit?: number; signal?: AbortSignal },
) {
  const { sinceTimeNano, seenInMs } = versionLogRequest(latestTimeNano);
  const params = { modelApiId, modelApiVersionId };
  const logs =
    kind === 'build'
      ? (await request(modelApisEndpoints.getModelApiVersionBuildLogs, { params, query: { sinceTimeNano }, signal })).logs
      : kind === 'export'
        ? (await request(modelApisEndpoints.getModelApiVersionExportLogs, { params, query: { sinceTimeNano }, signal })).logs
        : (await request(modelApisEndpoints.getModelApiVersionInstanceLogs, { params, query: { sinceTimeNano, maxResults: limit + seenInMs }, signal })).logs;
  const { fresh, next } = linesAfterCursor(logs, latestTimeNano);
  return {
    lines: fresh.map((line) => ({
      timestamp: new Date(line.timestamp).toISOString(),
      logType: line.streamType === 'stderr' ? ('stdErr' as const) : ('stdOut' as const),
      log: line.log,
      size: line.log.length,
    })),
    isComplete: kind !== 'instance',
    latestTimeNano: next,
    limit,
  };
}

export const modelApisKeys = {
  all: ['model-apis'] as const,
  lists: () => [...modelApisKeys.all, 'list'] as const,
  list: (page: { offset: number; limit: number; projectId?: string }) => [...modelApisKeys.lists(), page] as const,
  api: (modelApiId: string) => [...modelApisKeys.all, 'api', modelApiId] as const,
  detail: (modelApiId: string) => [...modelApisKeys.api(modelApiId), 'detail'] as const,
  versions: (modelApiId: string) => [...modelApisKeys.api(modelApiId), 'versions'] as const,
  version: (modelApiId: string, versionId: string) => [...modelApisKeys.versions(modelApiId), versionId] as const,
  prediction: (modelApiId: string, predictionId: string) => [...modelApisKeys.api(modelApiId), 'prediction', predictionId] as const,
  environments: () => [...modelApisKeys.all, 'environments'] as const,
};

/** Statuses after which a prediction does not change. */
export const TERMINAL_PREDICTION_STATUSES = ['Succeeded', 'Failed'];
const isPending = (status: string) => ['Starting'].includes(status);

export const modelApisQueries = {
  list: (page: { offset: number; limit: number; projectId?: string }) =>
    queryOptions({
      queryKey: modelApisKeys.list(page),
      queryFn: ({ signal }) => request(modelApisEndpoints.listModelAPIs, { query: { ...page, orderBy: 'created DESC' }, signal }),
    }),
  detail: (modelApiId: string) =>
    queryOptions({
      queryKey: modelApisKeys.detail(modelApiId),
      queryFn: ({ signal }) => request(modelApisEndpoints.getModelApi, { params: { modelApiId }, signal }),
      // A starting version turns Running within seconds: look again until it has.
      refetchInterval: (query) => (query.state.data?.activeVersion?.deployment?.isPending ? 1000 : false),
    }),
  versions: (modelApiId: string) =>
    queryOptions({
      queryKey: modelApisKeys.versions(modelApiId),
      queryFn: ({ signal }) => request(modelApisEndpoints.listModelApiVersions, { params: { modelApiId }, signal }),
      refetchInterval: (query) => (query.state.data?.some((v: ModelApiVersion) => isPending(v.deployment?.status ?? '')) ? 1000 : false),
    }),
  /** One version as Domino answers it: followed while its deployment is pending. */
  version: (modelApiId: string, modelApiVersionId: string) =>
    queryOptions({
      queryKey: modelApisKeys.version(modelApiId, modelApiVersionId),
      queryFn: ({ signal }) => request(modelApisEndpoints.getModelApiVersion, { params: { modelApiId, modelApiVersionId }, signal }),
      refetchInterval: (query) => (isPending(query.state.data?.deployment?.status ?? '') ? 1000 : false),
    }),
  prediction: (modelApiId: string, predictionId: string) =>
    queryOptions({
      queryKey: modelApisKeys.prediction(modelApiId, predictionId),
      queryFn: ({ signal }) =>
        request(asyncPredictionsEndpoints.retrieveAsyncPredictionResult, { params: { asyncModelId: modelApiId, asyncPredictionId: predictionId }, signal }),
      refetchInterval: (query) => (query.state.data && TERMINAL_PREDICTION_STATUSES.includes(query.state.data.status) ? false : 250),
    }),
  /** The environments a version can run on (the first page of those the caller sees). */
  environments: () =>
    queryOptions({
      queryKey: modelApisKeys.environments(),
      queryFn: async ({ signal }) => (await request(environmentsEndpoints.getEnvironments, { query: { offset: 0, limit: 100 }, signal })).environments,
      staleTime: 60_000,
    }),
};

export function createModelApi(body: ModelApiCreationRequest): Promise<ModelApi> {
  return request(modelApisEndpoints.createModelApi, { body });
}

export function updateModelApi({ modelApiId, body }: { modelApiId: string; body: ModelApiUpdateRequest }): Promise<ModelApi> {
  return request(modelApisEndpoints.updateModelApi, { params: { modelApiId }, body });
}

/** Start (1 replica, or the count given) or stop (0): the rest of the API as it is. */
export function setReplicas({ api, replicas }: { api: ModelApi; replicas: number }): Promise<ModelApi> {
  return updateModelApi({ modelApiId: api.id, body: { name: api.name, description: api.description, environmentId: api.environmentId, replicas } });
}

export function archiveModelApi(modelApiId: string): Promise<void> {
  return request(modelApisEndpoints.deleteModelApi, { params: { modelApiId } });
}

export function createVersion({ modelApiId, body }: { modelApiId: string; body: ModelApiVersionCreationRequest }): Promise<ModelApiVersion> {
  return request(modelApisEndpoints.createModelApiVersion, { params: { modelApiId }, body });
}

export function requestPrediction({ modelApiId, parameters }: { modelApiId: string; parameters: Record<string, unknown> }) {
  return request(asyncPredictionsEndpoints.requestAsyncPrediction, { params: { asyncModelId: modelApiId }, body: { parameters } });
}

export type { AsyncPredictionEnvelopeV1 };

/** Embedded (`model-api-access-tokens`): a new access token; its secret is in this answer only. */
export function generateAccessToken(modelApiId: string) {
  return request(modelApisEndpoints.generateModelApiAccessToken, { params: { modelApiId } });
}

export const modelApisMutations = {
  create: () => mutationOptions({ mutationKey: [...modelApisKeys.all, 'create'], mutationFn: createModelApi, meta: { invalidates: [modelApisKeys.lists()] } }),
  setReplicas: (modelApiId: string) =>
    mutationOptions({
      mutationKey: [...modelApisKeys.all, 'replicas'],
      mutationFn: setReplicas,
      meta: { invalidates: [modelApisKeys.api(modelApiId), modelApisKeys.lists()] },
    }),
  archive: () => mutationOptions({ mutationKey: [...modelApisKeys.all, 'archive'], mutationFn: archiveModelApi, meta: { invalidates: [modelApisKeys.all] } }),
  createVersion: (modelApiId: string) =>
    mutationOptions({
      mutationKey: [...modelApisKeys.all, 'create-version'],
      mutationFn: createVersion,
      meta: { invalidates: [modelApisKeys.api(modelApiId)] },
    }),
  predict: () => mutationOptions({ mutationKey: [...modelApisKeys.all, 'predict'], mutationFn: requestPrediction }),
  accessToken: (modelApiId: string) =>
    mutationOptions({
      mutationKey: [...modelApisKeys.all, 'access-token'],
      mutationFn: generateAccessToken,
      meta: { invalidates: [modelApisKeys.detail(modelApiId)] },
    }),
};
