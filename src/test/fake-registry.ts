// The fake Domino's model registry (page tests, decision 14): one model in the churn project with
// versions, an open review where the world's admin is a reviewer, and the embedded extensions. It
// keeps the rules the pages rely on in short: a response replaces the reviewer's decision; when
// every reviewer approved, the review is Approved and the version moves (the one there before to
// Archived); an edit after changes were requested resets every decision.
import type { z } from 'zod';
import type * as mlflow from '../api/schemas/mlflow';
import type * as models from '../api/schemas/models';
import { json, metadata } from './fetch-mock';
import { admin, churn, maya, objectId } from './wire-fixtures';

type ReviewWire = z.input<typeof models.RegisteredModelReviewSummaryV1Schema>;
type UserInfo = z.input<typeof models.RegisteredModelReviewUserInfoV1Schema>;
type ReviewEventWire = z.input<typeof models.ReviewEventSchema>;
type StageChangeWire = z.input<typeof models.StageChangeSchema>;

export interface FakeVersion {
  version: number;
  stage: string;
  runId: string;
  params: { key: string; value: string }[];
  metrics: { key: string; value: number }[];
  review?: ReviewWire & { requestedBy: UserInfo; requestedAt: string };
}

export interface FakeModel {
  name: string;
  description: string;
  discoverable: boolean;
  projectId: string;
  versions: FakeVersion[];
  events: (ReviewEventWire & { version: number })[];
  stageChanges: StageChangeWire[];
}

export interface FakeRegistry {
  models: FakeModel[];
  runs: z.input<typeof mlflow.ProjectExperimentRunSchema>[];
  /** Every project's stages (one list is enough for the pages' tests). */
  stages: string[];
  /** What the registry's modelapis endpoints answer (for every model and version); none by default. */
  modelApis?: z.input<typeof models.RegisteredModelVersionModelApiV1Schema>[];
}

export const info = (user: { id: string; userName: string; firstName: string; lastName: string }): UserInfo => ({
  id: user.id,
  username: user.userName,
  firstName: user.firstName,
  lastName: user.lastName,
});

const at = '2026-11-20T10:00:00.000Z';
export const openReviewId = objectId('7e');

export function defaultRegistry(): FakeRegistry {
  return {
    models: [
      {
        name: 'churn-predictor',
        description: 'Gradient boosting on usage features',
        discoverable: false,
        projectId: churn.id,
        versions: [
          {
            version: 1,
            stage: 'Production',
            runId: 'a'.repeat(32),
            params: [
              { key: 'max_depth', value: '3' },
              { key: 'n_estimators', value: '100' },
            ],
            metrics: [{ key: 'auc', value: 0.81 }],
          },
          {
            version: 2,
            stage: 'None',
            runId: 'b'.repeat(32),
            params: [
              { key: 'max_depth', value: '5' },
              { key: 'n_estimators', value: '100' },
            ],
            metrics: [{ key: 'auc', value: 0.86 }],
            review: {
              modelReviewId: openReviewId,
              targetStage: 'Production',
              notes: 'Better AUC on the October data',
              status: 'Open',
              reviewerResponses: [{ reviewer: info(admin) }],
              requestedBy: info(maya),
              requestedAt: at,
            },
          },
        ],
        events: [
          {
            modelReviewId: openReviewId,
            kind: 'requested',
            at,
            by: info(maya),
            notes: 'Better AUC on the October data',
            targetStage: 'Production',
            version: 2,
          },
        ],
        stageChanges: [
          {
            modelName: 'churn-predictor',
            modelVersion: 1,
            fromStage: 'None',
            toStage: 'Production',
            at: '2026-11-01T09:00:00.000Z',
            by: info(maya),
            cause: 'direct',
          },
        ],
      },
    ],
    stages: ['None', 'Staging', 'Production', 'Archived'],
    runs: [
      {
        runId: 'c'.repeat(32),
        runName: 'nightly-train',
        experimentId: '0',
        experimentName: 'Default',
        status: 'FINISHED',
        startTime: at,
        endTime: at,
        userName: maya.userName,
        jobId: objectId('9f'),
        params: [{ key: 'max_depth', value: '4' }],
        metrics: [{ key: 'auc', value: 0.84 }],
        loggedModels: ['model'],
      },
    ],
  };
}

const projectSummary = { id: churn.id, name: churn.name, ownerUsername: churn.ownerUsername, isGitBasedProject: false };
const access = {
  canEditModel: true,
  canEditProjectAssets: true,
  canViewExperimentRuns: true,
  canViewModelApis: true,
  canViewProject: true,
  canViewProjectFiles: true,
};

function details(model: FakeModel, version: FakeVersion): z.input<typeof models.RegisteredModelVersionDetailsV1Schema> {
  return {
    modelName: model.name,
    modelVersion: version.version,
    modelVersionDescription: `version ${version.version}`,
    experimentRunId: version.runId,
    currentStage: version.stage,
    project: projectSummary,
    versionUiDetails: {
      experimentRunInfo: { params: version.params, metrics: version.metrics.map((m) => ({ ...m, timestamp: at })), runUrl: '' },
      modelVersionDataSources: [],
      modelVersionDatasets: [],
    },
    tags: {},
    ownerUsername: churn.ownerUsername,
    createdAt: at,
    updatedAt: at,
    ...(version.review ? { reviewSummary: stripReview(version.review) } : {}),
  };
}

function stripReview(review: NonNullable<FakeVersion['review']>): ReviewWire {
  const { requestedBy: _by, requestedAt: _at, ...summary } = review;
  return summary;
}

function basics(model: FakeModel) {
  const latest = model.versions.at(-1);
  return {
    name: model.name,
    description: model.description,
    project: projectSummary,
    tags: {},
    ownerUsername: maya.userName,
    createdAt: at,
    updatedAt: at,
    discoverable: model.discoverable,
    ...(latest ? { latestVersion: latest.version } : {}),
  };
}

function page<T>(items: readonly T[], query: URLSearchParams, fallback = 10) {
  const offset = Number(query.get('offset') ?? 0);
  const limit = Number(query.get('limit') ?? fallback);
  return { items: items.slice(offset, offset + limit), metadata: { ...metadata, offset, limit, totalCount: items.length } };
}

/** Moves a version, the previous occupant of Staging or Production to Archived, recording both. */
function move(model: FakeModel, version: FakeVersion, stage: string, by: UserInfo, cause: 'direct' | 'review', reviewId?: string) {
  const now = new Date().toISOString();
  if (['staging', 'production'].includes(stage.toLowerCase()))
    for (const other of model.versions.filter((v) => v !== version && v.stage === stage)) {
      model.stageChanges.push({
        modelName: model.name,
        modelVersion: other.version,
        fromStage: other.stage,
        toStage: 'Archived',
        at: now,
        by,
        cause: 'displaced',
      });
      other.stage = 'Archived';
    }
  model.stageChanges.push({
    modelName: model.name,
    modelVersion: version.version,
    fromStage: version.stage,
    toStage: stage,
    at: now,
    by,
    cause,
    ...(reviewId ? { modelReviewId: reviewId } : {}),
  });
  version.stage = stage;
}

/** The registry's answer to a request, or undefined when it is not the registry's. */
export function serveRegistry(
  registry: FakeRegistry,
  self: { id: string; userName: string; firstName: string; lastName: string },
  { method, path, query, body }: { method: string; path: string; query: URLSearchParams; body: unknown },
): Response | undefined {
  const get = method === 'GET';
  const me = info(self);
  if (get && path === '/api/registeredmodelstages/beta')
    return json({ items: ['None', 'Staging', 'Production', 'Archived'].map((label) => ({ label })), metadata } satisfies z.input<
      typeof models.RegisteredModelStageEnvelopeV1Schema
    >);
  if (get && path === '/api/registeredmodels/v1/ui') {
    const text = (query.get('searchPattern') ?? '').toLowerCase();
    const projectId = query.get('projectId');
    const matching = registry.models.filter((m) => m.name.toLowerCase().includes(text) && (!projectId || m.projectId === projectId));
    const offset = query.get('pageToken') ? Number(query.get('pageToken')) : 0;
    const limit = Number(query.get('maxResults') ?? 25);
    const items = matching.slice(offset, offset + limit).map((model) => {
      const latest = model.versions.at(-1);
      return {
        ...basics(model),
        ...(latest
          ? { latestVersionStage: latest.stage, latestVersionExperimentMetrics: Object.fromEntries(latest.metrics.map((m) => [m.key, m.value])) }
          : {}),
        modelApiCount: 0,
      };
    });
    const next = offset + limit < matching.length ? String(offset + limit) : undefined;
    return json({ items, metadata: { ...metadata, totalCount: matching.length, ...(next ? { nextPageToken: next } : {}) } } satisfies z.input<
      typeof models.PaginatedRegisteredModelsForUIEnvelopeV1Schema
    >);
  }
  if (get && path === '/api/registeredmodels/beta') {
    const projectId = query.get('projectId');
    const chosen = registry.models.filter((m) => !projectId || m.projectId === projectId).map((model) => ({ ...basics(model), requestingUserAccess: access }));
    return json(page(chosen, query) satisfies z.input<typeof models.PaginatedRegisteredModelsEnvelopeV1Schema>);
  }
  if (get && path === '/api/registeredmodels/beta/names') {
    const text = (query.get('search') ?? '').toLowerCase();
    return json(
      page(
        registry.models.map((m) => m.name).filter((n) => n.toLowerCase().includes(text)),
        query,
      ) satisfies z.input<typeof models.PaginatedRegisteredModelNamesV1Schema>,
    );
  }
  if (method === 'POST' && path === '/api/registeredmodels/v1') {
    const request = body as { modelName: string; experimentRunId: string; description?: string; discoverable: boolean };
    const run = registry.runs.find((candidate) => candidate.runId === request.experimentRunId);
    const model: FakeModel = {
      name: request.modelName,
      description: request.description ?? '',
      discoverable: request.discoverable,
      projectId: churn.id,
      versions: [{ version: 1, stage: 'None', runId: request.experimentRunId, params: run?.params ?? [], metrics: run?.metrics ?? [] }],
      events: [],
      stageChanges: [],
    };
    registry.models.push(model);
    return json({ ...basics(model), requestingUserAccess: access } satisfies z.input<typeof models.RegisteredModelV1Schema>);
  }
  if (get && path === '/api/embedded/v1/model-reviews') {
    const items = registry.models.flatMap((model) =>
      model.versions.flatMap((version) => {
        const review = version.review;
        if (!review || review.status !== 'Open') return [];
        const mine = review.reviewerResponses.find((r) => r.reviewer.id === self.id);
        if (!mine) return [];
        return [
          {
            modelName: model.name,
            modelVersion: version.version,
            project: projectSummary,
            requestedBy: review.requestedBy,
            requestedAt: review.requestedAt,
            currentStage: version.stage,
            review: stripReview(review),
            ...(mine.decision ? { myDecision: String(mine.decision) } : {}),
          },
        ];
      }),
    );
    return json(page(items, query, 20) satisfies z.input<typeof models.ReviewInboxEnvelopeSchema>);
  }
  const runsMatch = /^\/api\/embedded\/v1\/projects\/([0-9a-f]{24})\/experiment-runs$/.exec(path);
  if (get && runsMatch) {
    const { items, metadata: pageMetadata } = page(runsMatch[1] === churn.id ? registry.runs : [], query, 25);
    return json({ runs: items, metadata: pageMetadata } satisfies z.input<typeof mlflow.ProjectExperimentRunsEnvelopeSchema>);
  }
  if (/^\/api\/registeredmodels\/v1\/versions\/stages\/projects\/[0-9a-f]{24}$/.test(path)) {
    if (method === 'PUT') registry.stages = (body as { stages: { label: string }[] }).stages.map((stage) => stage.label);
    return json({ items: registry.stages.map((label) => ({ label })), metadata } satisfies z.input<typeof models.RegisteredModelVersionStagesResponseV1Schema>);
  }

  const embedded = /^\/api\/embedded\/v1\/registered-models\/([^/]+)\/(stage-history|versions\/(\d+)\/activity)$/.exec(path);
  const reference = /^\/api\/registeredmodels\/(?:beta|v1)\/([^/]+)(\/.*)?$/.exec(path);
  const name = decodeURIComponent(embedded?.[1] ?? reference?.[1] ?? '');
  if (!embedded && !reference) return undefined;
  const model = registry.models.find((candidate) => candidate.name === name);
  if (!model) return json({ requestId: 'req-404', errors: [`Registered model ${name} not found`] }, { status: 404 });

  if (embedded && get) {
    if (embedded[2] === 'stage-history') return json({ items: model.stageChanges, metadata } satisfies z.input<typeof models.StageHistoryEnvelopeSchema>);
    const number = Number(embedded[3]);
    return json({
      reviews: model.events.filter((e) => e.version === number).map(({ version: _v, ...event }) => event),
      stageChanges: model.stageChanges.filter((c) => c.modelVersion === number),
      artifact: 'model',
      metadata,
    } satisfies z.input<typeof models.VersionActivityEnvelopeSchema>);
  }
  const rest = reference?.[2] ?? '';
  if (get && rest === '') return json({ ...basics(model), requestingUserAccess: access } satisfies z.input<typeof models.RegisteredModelV1Schema>);
  if (get && (rest === '/modelapis' || /^\/versions\/\d+\/modelapis$/.test(rest)))
    return json({
      items: registry.modelApis ?? [],
      metadata: { ...metadata, offset: 0, limit: 10, totalCount: registry.modelApis?.length ?? 0 },
    } satisfies z.input<typeof models.PaginatedRegisteredModelVersionModelApiEnvelopeV1Schema>);
  if (get && rest === '/versions') {
    const overviews = model.versions.map((v) => ({
      modelName: model.name,
      modelVersion: v.version,
      experimentRunId: v.runId,
      project: projectSummary,
      ownerUsername: maya.userName,
      createdAt: at,
      updatedAt: at,
    }));
    return json(page(overviews, query, 20) satisfies z.input<typeof models.PaginatedRegisteredModelVersionOverviewEnvelopeV1Schema>);
  }
  const versionMatch = /^\/versions\/(\d+)(\/.*)?$/.exec(rest);
  const version = versionMatch && model.versions.find((v) => v.version === Number(versionMatch[1]));
  if (versionMatch && !version) return json({ requestId: 'req-404', errors: ['Version not found'] }, { status: 404 });
  if (!version) return undefined;
  const tail = versionMatch[2] ?? '';
  if (get && tail === '') return json(details(model, version));
  if (get && tail === '/reviewstages')
    return json({
      items: ['Staging', 'Production', 'Archived'].filter((s) => s !== version.stage).map((label) => ({ label })),
      metadata,
    } satisfies z.input<typeof models.RegisteredModelVersionStagesResponseV1Schema>);
  if (method === 'POST' && tail === '/reviews') {
    const request = body as { targetStage: string; reviewers: { userId: string }[]; notes?: string };
    version.review = {
      modelReviewId: objectId('8e'),
      targetStage: request.targetStage,
      notes: request.notes ?? '',
      status: 'Open',
      reviewerResponses: request.reviewers.map((r) => ({ reviewer: { id: r.userId, username: r.userId, firstName: '', lastName: '' } })),
      requestedBy: me,
      requestedAt: new Date().toISOString(),
    };
    model.events.push({
      modelReviewId: version.review.modelReviewId,
      kind: 'requested',
      at: new Date().toISOString(),
      by: me,
      targetStage: request.targetStage,
      version: version.version,
    });
    return json(stripReview(version.review), { status: 201 });
  }
  const review = version.review;
  const reviewMatch = /^\/reviews\/([0-9a-f]{24})(\/responses)?$/.exec(tail);
  if (reviewMatch && review && review.modelReviewId === reviewMatch[1]) {
    if (review.status !== 'Open')
      return json({ requestId: 'req-400', errors: [`The review is already ${String(review.status).toLowerCase()}`] }, { status: 400 });
    const now = new Date().toISOString();
    if (method === 'POST' && reviewMatch[2]) {
      const answer = body as { decision: string; notes?: string };
      const mine = review.reviewerResponses.find((r) => r.reviewer.id === self.id);
      if (!mine) return json({ requestId: 'req-403', errors: ['Only the review’s reviewers may respond to it'] }, { status: 403 });
      mine.decision = answer.decision;
      model.events.push({
        modelReviewId: review.modelReviewId,
        kind: 'responded',
        at: now,
        by: me,
        decision: answer.decision,
        notes: answer.notes,
        targetStage: review.targetStage,
        version: version.version,
      });
      if (review.reviewerResponses.every((r) => r.decision === 'Approved')) {
        review.status = 'Approved';
        model.events.push({
          modelReviewId: review.modelReviewId,
          kind: 'approved',
          at: now,
          by: me,
          targetStage: review.targetStage,
          version: version.version,
        });
        move(model, version, review.targetStage, me, 'review', review.modelReviewId);
      }
      return json({ reviewer: me, decision: answer.decision }, { status: 201 });
    }
    if (method === 'PATCH') {
      const change = body as { notes?: string; reviewers?: { userId: string }[]; status?: string };
      if (change.status) {
        review.status = 'Canceled';
        model.events.push({
          modelReviewId: review.modelReviewId,
          kind: 'canceled',
          at: now,
          by: me,
          targetStage: review.targetStage,
          version: version.version,
        });
        return new Response(null, { status: 204 });
      }
      const rerequest = review.reviewerResponses.some((r) => r.decision === 'RequestChanges');
      if (change.notes !== undefined) review.notes = change.notes;
      if (rerequest) for (const r of review.reviewerResponses) delete r.decision;
      model.events.push({
        modelReviewId: review.modelReviewId,
        kind: rerequest ? 'rerequested' : 'edited',
        at: now,
        by: me,
        targetStage: review.targetStage,
        version: version.version,
      });
      return new Response(null, { status: 204 });
    }
  }
  if (method === 'PATCH' && tail === '') {
    move(model, version, (body as { currentStage: string }).currentStage, me, 'direct');
    return json(details(model, version));
  }
  if (method === 'PUT' && tail === '/stages/validation') return new Response(null, { status: 200 });
  return undefined;
}
