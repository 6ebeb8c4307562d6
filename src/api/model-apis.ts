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

export const modelApisKeys = {
  all: ['model-apis'] as const,
  lists: () => [...modelApisKeys.all, 'list'] as const,
  list: (page: { offset: number; limit: number; projectId?: string }) => [...modelApisKeys.lists(), page] as const,
  api: (modelApiId: string) => [...modelApisKeys.all, 'api', modelApiId] as const,
  detail: (modelApiId: string) => [...modelApisKeys.api(modelApiId), 'detail'] as const,
  versions: (modelApiId: string) => [...modelApisKeys.api(modelApiId), 'versions'] as const,
  version: (modelApiId: string, versionId: string) => [...modelApisKeys.versions(modelApiId), versionId] as const,
  logs: (modelApiId: string, versionId: string, kind: LogKind) => [...modelApisKeys.api(modelApiId), 'logs', versionId, kind] as const,
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
  logs: (modelApiId: string, modelApiVersionId: string, kind: LogKind) =>
    queryOptions({
      queryKey: modelApisKeys.logs(modelApiId, modelApiVersionId, kind),
      queryFn: async ({ signal }) => {
        const params = { modelApiId, modelApiVersionId };
        if (kind === 'build') return (await request(modelApisEndpoints.getModelApiVersionBuildLogs, { params, signal })).logs;
        if (kind === 'export') return (await request(modelApisEndpoints.getModelApiVersionExportLogs, { params, signal })).logs;
        return (await request(modelApisEndpoints.getModelApiVersionInstanceLogs, { params, query: { tail: true, maxResults: 500 }, signal })).logs;
      },
      // Workers keep writing (starts, ends, the model's own output): the instance log is followed.
      refetchInterval: kind === 'instance' ? 3000 : false,
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
