// The model registry: fetchers over the contract, query keys, `modelsQueries` and
// `modelsMutations`. The list is Domino's `/v1/ui` (each model with its latest version's stage and
// metrics), paged by the page tokens it hands out; the embedded extensions (the review inbox, stage
// history, a version's activity, a project's experiment runs) are asked for only where /info lists
// them.
import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { request } from './http';
import { mlflowEndpoints } from './schemas/mlflow';
import {
  modelsEndpoints,
  type NewRegisteredModelReviewResponseV1,
  type NewRegisteredModelReviewV1,
  type NewRegisteredModelV1,
  type NewRegisteredModelVersionV1,
  type RegisteredModelForUIV1,
  type UpdatedRegisteredModelReviewV1,
} from './schemas/models';

export interface ModelListRequest {
  /** 1-based. */
  page: number;
  pageSize: number;
  search?: string;
  projectId?: string;
  /** The latest version's stage (case-insensitive). */
  stage?: string;
}

export interface ModelListPage {
  items: RegisteredModelForUIV1[];
  totalCount: number | undefined;
}

export const modelsKeys = {
  all: ['models'] as const,
  lists: () => [...modelsKeys.all, 'list'] as const,
  list: (page: ModelListRequest) => [...modelsKeys.lists(), page] as const,
  names: (projectId: string | undefined, search: string) => [...modelsKeys.lists(), 'names', projectId ?? '', search] as const,
  ofProject: (projectId: string) => [...modelsKeys.lists(), 'of-project', projectId] as const,
  stages: () => [...modelsKeys.all, 'stages'] as const,
  inbox: () => [...modelsKeys.all, 'inbox'] as const,
  /** Prefix of everything about one model (its versions, reviews, history). */
  model: (name: string) => [...modelsKeys.all, 'model', name] as const,
  detail: (name: string) => [...modelsKeys.model(name), 'detail'] as const,
  modelApis: (name: string) => [...modelsKeys.model(name), 'model-apis'] as const,
  versions: (name: string, page: { offset: number; limit: number }) => [...modelsKeys.model(name), 'versions', page] as const,
  everyVersion: (name: string) => [...modelsKeys.model(name), 'every-version'] as const,
  version: (name: string, version: number) => [...modelsKeys.model(name), 'version', version] as const,
  versionModelApis: (name: string, version: number) => [...modelsKeys.version(name, version), 'model-apis'] as const,
  reviewStages: (name: string, version: number) => [...modelsKeys.version(name, version), 'review-stages'] as const,
  activity: (name: string, version: number) => [...modelsKeys.version(name, version), 'activity'] as const,
  stageHistory: (name: string, at: string | undefined) => [...modelsKeys.model(name), 'stage-history', at ?? 'now'] as const,
  projectStages: (projectId: string) => [...modelsKeys.all, 'project-stages', projectId] as const,
  projectRuns: (projectId: string, page: { offset: number; limit: number }) => [...modelsKeys.all, 'project-runs', projectId, page] as const,
};

// The /v1/ui list pages by opaque tokens: the token that starts each page is remembered as pages
// arrive, so "next" is one request and only a jump to a page not yet reached walks from there.
const pageTokens = new Map<string, string>();
const tokenKey = (request: ModelListRequest, page: number) => JSON.stringify([request.search ?? '', request.projectId ?? '', request.pageSize, page]);

async function fetchUiPage(request_: { search?: string; projectId?: string; maxResults: number; pageToken?: string }, signal?: AbortSignal) {
  const envelope = await request(modelsEndpoints.getRegisteredModelsForUI, {
    query: {
      searchPattern: request_.search || undefined,
      projectId: request_.projectId,
      maxResults: request_.maxResults,
      pageToken: request_.pageToken,
    },
    signal,
  });
  return { items: envelope.items, pagination: envelope.metadata.pagination };
}

/** Without a stage filter: the requested page, walking tokens from the nearest page already reached. */
async function fetchModelsPage(page: ModelListRequest, signal?: AbortSignal): Promise<ModelListPage> {
  let start = page.page;
  while (start > 1 && !pageTokens.has(tokenKey(page, start))) start--;
  for (let current = start; ; current++) {
    const pageToken = current === 1 ? undefined : pageTokens.get(tokenKey(page, current));
    const { items, pagination } = await fetchUiPage({ search: page.search, projectId: page.projectId, maxResults: page.pageSize, pageToken }, signal);
    if (pagination.nextPageToken) pageTokens.set(tokenKey(page, current + 1), pagination.nextPageToken);
    if (current === page.page || !pagination.nextPageToken) {
      return { items: current === page.page ? items : [], totalCount: pagination.totalCount };
    }
  }
}

// The UI list has no stage parameter: with a stage filter the matching models are collected from
// every page (a registry has hundreds of models, not millions; decision 29) and paged here.
const STAGE_WALK_PAGE = 1000;
async function fetchModelsInStage(page: ModelListRequest & { stage: string }, signal?: AbortSignal): Promise<ModelListPage> {
  const stage = page.stage.toLowerCase();
  const matching: RegisteredModelForUIV1[] = [];
  let pageToken: string | undefined;
  do {
    const { items, pagination } = await fetchUiPage({ search: page.search, projectId: page.projectId, maxResults: STAGE_WALK_PAGE, pageToken }, signal);
    matching.push(...items.filter((model) => (model.latestVersionStage ?? '').toLowerCase() === stage));
    pageToken = pagination.nextPageToken;
  } while (pageToken);
  const offset = (page.page - 1) * page.pageSize;
  return { items: matching.slice(offset, offset + page.pageSize), totalCount: matching.length };
}

export function fetchModels(page: ModelListRequest, signal?: AbortSignal): Promise<ModelListPage> {
  return page.stage ? fetchModelsInStage({ ...page, stage: page.stage }, signal) : fetchModelsPage(page, signal);
}

/** The global default stages (the stage filter's choices). */
export async function fetchStages(signal?: AbortSignal): Promise<string[]> {
  return (await request(modelsEndpoints.getRegisteredModelStages, { signal })).items.map((stage) => stage.label);
}

/** A project's stages (its own list, or the defaults). */
export async function fetchProjectStages(projectId: string, signal?: AbortSignal): Promise<string[]> {
  const envelope = await request(modelsEndpoints.getRegisteredModelVersionStages, { params: { projectId }, query: { includeDefaults: true }, signal });
  return envelope.items.map((stage) => stage.label);
}

/** A project's models (the beta list, filtered by project): the register dialog's "new version of" choices. */
export async function fetchProjectModels(projectId: string, signal?: AbortSignal): Promise<string[]> {
  const names: string[] = [];
  for (let offset = 0; ; offset += 100) {
    const envelope = await request(modelsEndpoints.getRegisteredModels, { query: { projectId, offset, limit: 100 }, signal });
    names.push(...envelope.items.map((model) => model.name));
    const total = envelope.metadata.pagination.totalCount ?? names.length;
    if (envelope.items.length === 0 || names.length >= total) return names;
  }
}

/** Whether a model name is taken (names are unique ignoring case, across the registry). */
export async function fetchNameTaken(name: string, signal?: AbortSignal): Promise<boolean> {
  const envelope = await request(modelsEndpoints.getRegisteredModelNames, { query: { search: name, limit: 100 }, signal });
  return envelope.items.some((candidate) => candidate.toLowerCase() === name.toLowerCase());
}

export async function fetchModel(name: string, signal?: AbortSignal) {
  return request(modelsEndpoints.getRegisteredModelByName, { params: { modelName: name }, signal });
}

export async function fetchVersions(name: string, page: { offset: number; limit: number }, signal?: AbortSignal) {
  const envelope = await request(modelsEndpoints.getRegisteredModelVersions, { params: { modelName: name }, query: page, signal });
  return { items: envelope.items, pagination: envelope.metadata.pagination };
}

export async function fetchVersion(name: string, version: number, signal?: AbortSignal) {
  return request(modelsEndpoints.getRegisteredModelVersion, { params: { modelName: name, version: String(version) }, signal });
}

/**
 * Every version's details (a model has tens of versions): where a version is in each stage, for a
 * Domino without the stage-history extension.
 */
export async function fetchEveryVersion(name: string, signal?: AbortSignal) {
  const all = [];
  for (let offset = 0; ; offset += 100) {
    const { items, pagination } = await fetchVersions(name, { offset, limit: 100 }, signal);
    all.push(...(await Promise.all(items.map((item) => fetchVersion(name, item.modelVersion, signal)))));
    if (items.length === 0 || all.length >= (pagination.totalCount ?? all.length)) return all;
  }
}

export async function fetchModelApis(name: string, signal?: AbortSignal) {
  return (await request(modelsEndpoints.getModelApisFromRegisteredModel, { params: { modelName: name }, signal })).items;
}

export async function fetchVersionModelApis(name: string, version: number, signal?: AbortSignal) {
  return (await request(modelsEndpoints.getModelApisFromRegisteredModelVersion, { params: { modelName: name, version: String(version) }, signal })).items;
}

export async function fetchReviewStages(name: string, version: number, signal?: AbortSignal): Promise<string[]> {
  return (await request(modelsEndpoints.getModelVersionReviewStages, { params: { modelName: name, version: String(version) }, signal })).items.map(
    (stage) => stage.label,
  );
}

export async function fetchActivity(name: string, version: number, signal?: AbortSignal) {
  return request(modelsEndpoints.getModelVersionActivity, { params: { modelName: name, version: String(version) }, signal });
}

export async function fetchStageHistory(name: string, at: string | undefined, signal?: AbortSignal) {
  return request(modelsEndpoints.getModelStageHistory, { params: { modelName: name }, query: { at }, signal });
}

export async function fetchInbox(signal?: AbortSignal) {
  const envelope = await request(modelsEndpoints.getReviewInbox, { query: { reviewer: 'me', status: 'Open', offset: 0, limit: 50 }, signal });
  return { items: envelope.items, totalCount: envelope.metadata.pagination.totalCount ?? envelope.items.length };
}

export async function fetchProjectRuns(projectId: string, page: { offset: number; limit: number }, signal?: AbortSignal) {
  const envelope = await request(mlflowEndpoints.getProjectExperimentRuns, { params: { projectId }, query: page, signal });
  return { runs: envelope.runs, pagination: envelope.metadata.pagination };
}

export const modelsQueries = {
  list: (page: ModelListRequest) => queryOptions({ queryKey: modelsKeys.list(page), queryFn: ({ signal }) => fetchModels(page, signal) }),
  stages: () => queryOptions({ queryKey: modelsKeys.stages(), queryFn: ({ signal }) => fetchStages(signal), staleTime: Infinity }),
  projectStages: (projectId: string) =>
    queryOptions({ queryKey: modelsKeys.projectStages(projectId), queryFn: ({ signal }) => fetchProjectStages(projectId, signal) }),
  ofProject: (projectId: string) => queryOptions({ queryKey: modelsKeys.ofProject(projectId), queryFn: ({ signal }) => fetchProjectModels(projectId, signal) }),
  nameTaken: (name: string) => queryOptions({ queryKey: modelsKeys.names(undefined, name), queryFn: ({ signal }) => fetchNameTaken(name, signal) }),
  detail: (name: string) => queryOptions({ queryKey: modelsKeys.detail(name), queryFn: ({ signal }) => fetchModel(name, signal) }),
  modelApis: (name: string) => queryOptions({ queryKey: modelsKeys.modelApis(name), queryFn: ({ signal }) => fetchModelApis(name, signal) }),
  versions: (name: string, page: { offset: number; limit: number }) =>
    queryOptions({ queryKey: modelsKeys.versions(name, page), queryFn: ({ signal }) => fetchVersions(name, page, signal) }),
  everyVersion: (name: string) => queryOptions({ queryKey: modelsKeys.everyVersion(name), queryFn: ({ signal }) => fetchEveryVersion(name, signal) }),
  version: (name: string, version: number) =>
    queryOptions({ queryKey: modelsKeys.version(name, version), queryFn: ({ signal }) => fetchVersion(name, version, signal) }),
  versionModelApis: (name: string, version: number) =>
    queryOptions({ queryKey: modelsKeys.versionModelApis(name, version), queryFn: ({ signal }) => fetchVersionModelApis(name, version, signal) }),
  reviewStages: (name: string, version: number) =>
    queryOptions({ queryKey: modelsKeys.reviewStages(name, version), queryFn: ({ signal }) => fetchReviewStages(name, version, signal) }),
  activity: (name: string, version: number) =>
    queryOptions({ queryKey: modelsKeys.activity(name, version), queryFn: ({ signal }) => fetchActivity(name, version, signal) }),
  stageHistory: (name: string, at?: string) =>
    queryOptions({ queryKey: modelsKeys.stageHistory(name, at), queryFn: ({ signal }) => fetchStageHistory(name, at, signal) }),
  /** The reviews waiting for me: asked again every minute, so the sidebar's count does not go stale. */
  inbox: () => queryOptions({ queryKey: modelsKeys.inbox(), queryFn: ({ signal }) => fetchInbox(signal), refetchInterval: 60_000 }),
  projectRuns: (projectId: string, page: { offset: number; limit: number }) =>
    queryOptions({ queryKey: modelsKeys.projectRuns(projectId, page), queryFn: ({ signal }) => fetchProjectRuns(projectId, page, signal) }),
};

export function createModel(input: NewRegisteredModelV1) {
  return request(modelsEndpoints.createRegisteredModelFromRun, { body: input });
}

export function createVersion({ modelName, ...body }: NewRegisteredModelVersionV1 & { modelName: string }) {
  return request(modelsEndpoints.createRegisteredModelVersionFromRun, { params: { modelName }, body });
}

export function patchModel({ modelName, ...body }: { modelName: string; description?: string; discoverable?: boolean }) {
  return request(modelsEndpoints.patchRegisteredModelByName, { params: { modelName }, body });
}

export interface StageMove {
  modelName: string;
  version: number;
  stage: string;
}

/** Whether the caller may move the version there directly: resolves, or rejects with why not (a review is needed, a review is open). */
export async function validateStageMove({ modelName, version, stage }: StageMove): Promise<void> {
  await request(modelsEndpoints.validateRegisteredModelVersionStage, { params: { modelName, version: String(version) }, body: { stage } });
}

export function moveStage({ modelName, version, stage }: StageMove) {
  return request(modelsEndpoints.updateRegisteredModelVersion, { params: { modelName, version: String(version) }, body: { currentStage: stage } });
}

export function requestReview({ modelName, version, ...body }: NewRegisteredModelReviewV1 & { modelName: string; version: number }) {
  return request(modelsEndpoints.createRegisteredModelReview, { params: { modelName, version: String(version) }, body });
}

export async function updateReview({
  modelName,
  version,
  modelReviewId,
  ...body
}: UpdatedRegisteredModelReviewV1 & { modelName: string; version: number; modelReviewId: string }): Promise<void> {
  await request(modelsEndpoints.updateRegisteredModelReview, { params: { modelName, version: String(version), modelReviewId }, body });
}

export function respondToReview({
  modelName,
  version,
  modelReviewId,
  ...body
}: NewRegisteredModelReviewResponseV1 & { modelName: string; version: number; modelReviewId: string }) {
  return request(modelsEndpoints.createRegisteredModelReviewResponse, { params: { modelName, version: String(version), modelReviewId }, body });
}

export async function requestProjectAccess(projectId: string): Promise<void> {
  await request(modelsEndpoints.requestProjectAccess, { params: { projectId } });
}

export async function setProjectStages({ projectId, stages }: { projectId: string; stages: string[] }): Promise<string[]> {
  const envelope = await request(modelsEndpoints.setRegisteredModelVersionStages, {
    params: { projectId },
    body: { stages: stages.map((label) => ({ label })) },
  });
  return envelope.items.map((stage) => stage.label);
}

/** What a change to one version makes stale: the version, its model (versions table, history), the lists and the inbox. */
const aboutModel = (name: string) => [modelsKeys.model(name), modelsKeys.lists(), modelsKeys.inbox()];

export const modelsMutations = {
  createModel: () => mutationOptions({ mutationKey: [...modelsKeys.all, 'create'], mutationFn: createModel, meta: { invalidates: [modelsKeys.lists()] } }),
  createVersion: (name: string) =>
    mutationOptions({ mutationKey: [...modelsKeys.model(name), 'create-version'], mutationFn: createVersion, meta: { invalidates: aboutModel(name) } }),
  patchModel: (name: string) =>
    mutationOptions({
      mutationKey: [...modelsKeys.model(name), 'patch'],
      mutationFn: patchModel,
      meta: { invalidates: [modelsKeys.detail(name), modelsKeys.lists()] },
    }),
  moveStage: (name: string) =>
    mutationOptions({ mutationKey: [...modelsKeys.model(name), 'move-stage'], mutationFn: moveStage, meta: { invalidates: aboutModel(name) } }),
  requestReview: (name: string) =>
    mutationOptions({ mutationKey: [...modelsKeys.model(name), 'request-review'], mutationFn: requestReview, meta: { invalidates: aboutModel(name) } }),
  updateReview: (name: string) =>
    mutationOptions({ mutationKey: [...modelsKeys.model(name), 'update-review'], mutationFn: updateReview, meta: { invalidates: aboutModel(name) } }),
  respond: (name: string) =>
    mutationOptions({ mutationKey: [...modelsKeys.model(name), 'respond'], mutationFn: respondToReview, meta: { invalidates: aboutModel(name) } }),
  requestAccess: () => mutationOptions({ mutationKey: [...modelsKeys.all, 'request-access'], mutationFn: requestProjectAccess }),
  setProjectStages: (projectId: string) =>
    mutationOptions({
      mutationKey: [...modelsKeys.all, 'set-project-stages', projectId],
      mutationFn: setProjectStages,
      meta: { invalidates: [modelsKeys.projectStages(projectId)] },
    }),
};
