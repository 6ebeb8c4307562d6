// The model registry (decision 25): registering from runs that real jobs recorded, gapless
// versions, stages and direct moves, the review flow as a state machine, concurrent approvals,
// visibility, both prefixes' paging, and the registry's extensions.
import { beforeAll, describe, expect, it } from 'vitest';
import { newProject } from './fixtures';
import { startTestServer, type TestServer, type TestUser } from './helper';
import { runWithModels } from './mlflow-fixtures';

const V1 = '/api/registeredmodels/v1';
const BETA = '/api/registeredmodels/beta';

interface World {
  server: TestServer;
  owner: TestUser;
  contributor: TestUser;
  reviewerA: TestUser;
  reviewerB: TestUser;
  stranger: TestUser;
  projectId: string;
  oneModelRun: string;
  twoModelRun: string;
  noModelRun: string;
}

async function world(): Promise<World> {
  const server = await startTestServer({ sharedByFile: true });
  const owner = await server.newUser('olive');
  const contributor = await server.newUser('cora');
  const reviewerA = await server.newUser('rita');
  const reviewerB = await server.newUser('ravi');
  const stranger = await server.newUser('sam');
  const project = await newProject(server, owner);
  for (const [user, role] of [
    [contributor, 'contributor'],
    [reviewerA, 'resultsConsumer'],
    [reviewerB, 'contributor'],
  ] as const) {
    const res = await server.call(owner, { method: 'POST', url: `/api/projects/v1/projects/${project.id}/collaborators`, payload: { id: user.id, role } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  const oneModelRun = await runWithModels(server, owner, project.id, 1, 0.91);
  const twoModelRun = await runWithModels(server, owner, project.id, 2, 0.87);
  const noModelRun = await runWithModels(server, owner, project.id, 0);
  return { server, owner, contributor, reviewerA, reviewerB, stranger, projectId: project.id, oneModelRun, twoModelRun, noModelRun };
}

async function register(w: World, modelName: string, as: TestUser = w.owner, extra: Record<string, unknown> = {}) {
  return w.server.call(as, {
    method: 'POST',
    url: V1,
    payload: { modelName, experimentRunId: w.oneModelRun, discoverable: false, description: 'a model', ...extra },
  });
}

const versionUrl = (name: string, version: number, prefix = BETA) => `${prefix}/${encodeURIComponent(name)}/versions/${version}`;

describe('registering models from runs', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  }, 60_000);

  it('makes version 1 from the run’s one logged model, and refuses none, several, a taken or a reserved name', async () => {
    const created = await register(w, 'churn');
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({
      name: 'churn',
      latestVersion: 1,
      ownerUsername: 'olive',
      discoverable: false,
      requestingUserAccess: { canEditModel: true },
    });
    const version = await w.server.call(w.owner, { method: 'GET', url: versionUrl('churn', 1) });
    expect(version.body).toMatchObject({
      modelName: 'churn',
      modelVersion: 1,
      experimentRunId: w.oneModelRun,
      currentStage: 'None',
      versionUiDetails: { experimentRunInfo: { params: [{ key: 'max_depth', value: '3' }], metrics: [{ key: 'accuracy', value: 0.91 }] } },
    });
    expect(version.body.versionUiDetails.experimentRunInfo.runUrl).toMatch(/^\/jobs\/[0-9a-f]{24}$/);

    expect((await register(w, 'CHURN')).body.errors[0]).toContain('already exists');
    expect((await register(w, 'ui')).body.errors[0]).toContain('reserved');
    const none = await w.server.call(w.owner, { method: 'POST', url: V1, payload: { modelName: 'empty', experimentRunId: w.noModelRun, discoverable: false } });
    expect(none.status).toBe(400);
    expect(none.body.errors[0]).toContain('logged no model');
    const several = await w.server.call(w.owner, {
      method: 'POST',
      url: V1,
      payload: { modelName: 'several', experimentRunId: w.twoModelRun, discoverable: false },
    });
    expect(several.status).toBe(400);
    expect(several.body.errors[0]).toContain('logged 2 models (model, model-2)');
    const unknownRun = await w.server.call(w.owner, {
      method: 'POST',
      url: V1,
      payload: { modelName: 'x', experimentRunId: 'f'.repeat(32), discoverable: false },
    });
    expect(unknownRun.status).toBe(404);
    const asReader = await register(w, 'by-reader', w.reviewerA);
    expect(asReader.status).toBe(403);
  });

  it('adds versions by run and artifact, gapless when registered at once, and refuses unknown artifacts', async () => {
    await register(w, 'fraud');
    const added = await w.server.call(w.contributor, {
      method: 'POST',
      url: `${V1}/fraud/versions`,
      payload: { experimentRunId: w.twoModelRun, artifact: 'model-2', description: 'second' },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body).toMatchObject({ modelVersion: 2, modelVersionDescription: 'second', currentStage: 'None' });
    const notAModel = await w.server.call(w.owner, {
      method: 'POST',
      url: `${V1}/fraud/versions`,
      payload: { experimentRunId: w.twoModelRun, artifact: 'plots', description: '' },
    });
    expect(notAModel.status).toBe(404);
    expect(notAModel.body.errors[0]).toContain('it has: model, model-2');

    const burst = await Promise.all(
      Array.from({ length: 6 }, () =>
        w.server.call(w.owner, {
          method: 'POST',
          url: `${BETA}/fraud/versions`,
          payload: { experimentRunId: w.oneModelRun, artifact: 'model', description: '' },
        }),
      ),
    );
    expect(burst.map((res) => res.status)).toEqual(Array(6).fill(200));
    expect(burst.map((res) => res.body.modelVersion).sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8]);
    const list = await w.server.call(w.owner, { method: 'GET', url: `${BETA}/fraud/versions` });
    expect(list.body.items.map((v: { modelVersion: number }) => v.modelVersion)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(list.body.metadata.pagination).toMatchObject({ offset: 0, limit: 20, totalCount: 8 });
  });

  it('pages the list by offset on beta and by token on v1, searches, and orders', async () => {
    for (const name of ['list-a', 'list-b', 'list-c']) expect((await register(w, name)).status).toBe(200);
    const beta = await w.server.call(w.owner, { method: 'GET', url: `${BETA}?search=list-&limit=2&offset=1` });
    expect(beta.body.items.map((m: { name: string }) => m.name)).toEqual(['list-b', 'list-c']);
    expect(beta.body.metadata).toMatchObject({ offset: 1, limit: 2, totalCount: 3 });

    const first = await w.server.call(w.owner, { method: 'GET', url: `${V1}?searchPattern=LIST-&maxResults=2&orderBy=-name` });
    expect(first.body.items.map((m: { name: string }) => m.name)).toEqual(['list-c', 'list-b']);
    const token = first.body.metadata.pagination.nextPageToken;
    expect(token).toEqual(expect.any(String));
    const second = await w.server.call(w.owner, { method: 'GET', url: `${V1}?searchPattern=LIST-&maxResults=2&orderBy=-name&pageToken=${token}` });
    expect(second.body.items.map((m: { name: string }) => m.name)).toEqual(['list-a']);
    expect(second.body.metadata.pagination.nextPageToken).toBeUndefined();
    expect((await w.server.call(w.owner, { method: 'GET', url: `${V1}?orderBy=colour` })).status).toBe(400);

    const names = await w.server.call(w.owner, { method: 'GET', url: `${V1}/names?search=list-` });
    expect(names.body.items).toEqual(['list-a', 'list-b', 'list-c']);
    const ui = await w.server.call(w.owner, { method: 'GET', url: `${V1}/ui?searchPattern=list-a` });
    expect(ui.body.items[0]).toMatchObject({
      name: 'list-a',
      latestVersion: 1,
      latestVersionStage: 'None',
      latestVersionExperimentMetrics: { accuracy: 0.91 },
      modelApiCount: 0,
    });
  });

  it('lists the project’s experiment runs with params, metrics and logged-model directories (project-experiment-runs)', async () => {
    const url = `/api/embedded/v1/projects/${w.projectId}/experiment-runs`;
    const all = await w.server.call(w.reviewerA, { method: 'GET', url });
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    const byId = new Map(all.body.runs.map((run: { runId: string }) => [run.runId, run]));
    expect(byId.get(w.oneModelRun)).toMatchObject({
      experimentName: 'Default',
      status: 'FINISHED',
      params: [{ key: 'max_depth', value: '3' }],
      metrics: [{ key: 'accuracy', value: 0.91 }],
      loggedModels: ['model'],
      jobId: expect.stringMatching(/^[0-9a-f]{24}$/),
    });
    expect(byId.get(w.twoModelRun)).toMatchObject({ loggedModels: ['model', 'model-2'] });
    expect(byId.get(w.noModelRun)).toMatchObject({ loggedModels: [] });
    expect(all.body.metadata.pagination).toMatchObject({ offset: 0, limit: 25, totalCount: all.body.runs.length });
    // Newest first, a page at a time.
    const starts = all.body.runs.map((run: { startTime: string }) => run.startTime);
    expect([...starts].sort().reverse()).toEqual(starts);
    const second = await w.server.call(w.owner, { method: 'GET', url: `${url}?offset=1&limit=1` });
    expect(second.body.runs.map((run: { runId: string }) => run.runId)).toEqual([all.body.runs[1].runId]);
    // Only the project's readers; a bad id is a 400.
    expect((await w.server.call(w.stranger, { method: 'GET', url })).status).toBe(404);
    expect((await w.server.call(w.owner, { method: 'GET', url: '/api/embedded/v1/projects/nope/experiment-runs' })).status).toBe(400);
  });

  it('shows a private project’s models to its readers only, and a discoverable one’s basics to everyone', async () => {
    await register(w, 'secret');
    await register(w, 'open-book', w.owner, { discoverable: true });
    expect((await w.server.call(w.stranger, { method: 'GET', url: `${V1}/secret` })).status).toBe(404);
    const basics = await w.server.call(w.stranger, { method: 'GET', url: `${V1}/open-book` });
    expect(basics.status).toBe(200);
    expect(basics.body.requestingUserAccess).toEqual({
      canEditModel: false,
      canEditProjectAssets: false,
      canViewExperimentRuns: false,
      canViewModelApis: false,
      canViewProject: false,
      canViewProjectFiles: false,
    });
    const listed = await w.server.call(w.stranger, { method: 'GET', url: V1 });
    expect(listed.body.items.map((m: { name: string }) => m.name)).toEqual(['open-book']);
    expect((await w.server.call(w.stranger, { method: 'GET', url: `${V1}/open-book/versions` })).status).toBe(403);
    expect((await w.server.call(w.stranger, { method: 'POST', url: `${V1}/access/${w.projectId}` })).status).toBe(204);
    expect((await w.server.call(w.stranger, { method: 'PATCH', url: `${V1}/open-book`, payload: { description: 'mine now' } })).status).toBe(403);
    const patched = await w.server.call(w.contributor, { method: 'PATCH', url: `${V1}/open-book`, payload: { description: 'explained', discoverable: false } });
    expect(patched.body).toMatchObject({ description: 'explained', discoverable: false });
    expect((await w.server.call(w.stranger, { method: 'GET', url: `${V1}/open-book` })).status).toBe(404);
  });
});

describe('stages', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
    await register(w, 'stager');
    for (let i = 0; i < 2; i++)
      await w.server.call(w.owner, {
        method: 'POST',
        url: `${V1}/stager/versions`,
        payload: { experimentRunId: w.oneModelRun, artifact: 'model', description: '' },
      });
  }, 60_000);

  it('lets owners move versions directly, one version in Staging and Production, the one before archived; others need a review', async () => {
    const move = (as: TestUser, version: number, currentStage: string) =>
      w.server.call(as, { method: 'PATCH', url: versionUrl('stager', version), payload: { currentStage } });
    expect((await move(w.owner, 1, 'staging')).body.currentStage).toBe('Staging');
    expect((await move(w.owner, 2, 'Staging')).body.currentStage).toBe('Staging');
    expect((await w.server.call(w.owner, { method: 'GET', url: versionUrl('stager', 1) })).body.currentStage).toBe('Archived');

    const refused = await move(w.contributor, 3, 'Production');
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0]).toContain('needs a review');
    expect(
      (await w.server.call(w.contributor, { method: 'PUT', url: `${versionUrl('stager', 3, V1)}/stages/validation`, payload: { stage: 'Production' } })).status,
    ).toBe(403);
    expect(
      (await w.server.call(w.owner, { method: 'PUT', url: `${versionUrl('stager', 3, V1)}/stages/validation`, payload: { stage: 'Production' } })).status,
    ).toBe(200);
    const unknown = await move(w.owner, 3, 'Moon');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toContain('its stages: None, Staging, Production, Archived');

    const history = await w.server.call(w.owner, { method: 'GET', url: '/api/embedded/v1/registered-models/stager/stage-history' });
    expect(
      history.body.items.map((c: { modelVersion: number; fromStage: string; toStage: string; cause: string }) => [
        c.modelVersion,
        c.fromStage,
        c.toStage,
        c.cause,
      ]),
    ).toEqual([
      [1, 'None', 'Staging', 'direct'],
      [1, 'Staging', 'Archived', 'displaced'],
      [2, 'None', 'Staging', 'direct'],
    ]);
    const then = await w.server.call(w.owner, {
      method: 'GET',
      url: `/api/embedded/v1/registered-models/stager/stage-history?at=${encodeURIComponent(history.body.items[0].at)}`,
    });
    expect(then.body.occupants).toEqual(expect.arrayContaining([{ stage: 'Staging', modelVersion: 1 }]));

    const reviewStages = await w.server.call(w.owner, { method: 'GET', url: `${versionUrl('stager', 2, V1)}/reviewstages` });
    expect(reviewStages.body.items.map((s: { label: string }) => s.label)).toEqual(['Production', 'Archived']);
    // The spec's /v1-only endpoints answer on the reference's beta prefix too.
    expect((await w.server.call(w.owner, { method: 'GET', url: `${versionUrl('stager', 2, BETA)}/reviewstages` })).body.items).toEqual(reviewStages.body.items);
  });

  it('keeps a project’s own stages, set by its owner', async () => {
    const url = `${V1}/versions/stages/projects/${w.projectId}`;
    expect((await w.server.call(w.owner, { method: 'GET', url })).body.items.map((s: { label: string }) => s.label)).toEqual([
      'None',
      'Staging',
      'Production',
      'Archived',
    ]);
    expect((await w.server.call(w.owner, { method: 'GET', url: `${url}?includeDefaults=false` })).body.items).toEqual([]);
    expect((await w.server.call(w.contributor, { method: 'PUT', url, payload: { stages: [{ label: 'QA' }] } })).status).toBe(403);
    expect((await w.server.call(w.owner, { method: 'PUT', url, payload: { stages: [{ label: 'QA' }, { label: 'qa' }] } })).status).toBe(400);
    const set = await w.server.call(w.owner, { method: 'PUT', url, payload: { stages: [{ label: 'QA' }, { label: 'Production' }, { label: 'Archived' }] } });
    expect(set.body.items.map((s: { label: string }) => s.label)).toEqual(['QA', 'Production', 'Archived']);
    expect((await w.server.call(w.owner, { method: 'PATCH', url: versionUrl('stager', 3), payload: { currentStage: 'qa' } })).body.currentStage).toBe('QA');
    expect((await w.server.call(w.owner, { method: 'PATCH', url: versionUrl('stager', 3), payload: { currentStage: 'Staging' } })).status).toBe(400);
    expect((await w.server.call(w.owner, { method: 'GET', url: '/api/registeredmodelstages/v1' })).body.items.map((s: { label: string }) => s.label)).toEqual([
      'None',
      'Staging',
      'Production',
      'Archived',
    ]);
  });
});

describe('reviews', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
    await register(w, 'reviewed');
    for (let i = 0; i < 3; i++)
      await w.server.call(w.owner, {
        method: 'POST',
        url: `${V1}/reviewed/versions`,
        payload: { experimentRunId: w.oneModelRun, artifact: 'model', description: '' },
      });
  }, 60_000);

  const reviews = (version: number) => `${versionUrl('reviewed', version)}/reviews`;
  const request = (as: TestUser, version: number, targetStage: string, reviewerIds: string[], notes = 'please look') =>
    w.server.call(as, { method: 'POST', url: reviews(version), payload: { targetStage, reviewers: reviewerIds.map((userId) => ({ userId })), notes } });
  const respond = (as: TestUser, version: number, reviewId: string, decision: string, notes?: string) =>
    w.server.call(as, { method: 'POST', url: `${reviews(version)}/${reviewId}/responses`, payload: { decision, ...(notes ? { notes } : {}) } });
  const edit = (as: TestUser, version: number, reviewId: string, payload: object) =>
    w.server.call(as, { method: 'PATCH', url: `${reviews(version)}/${reviewId}`, payload });
  const stageOf = async (version: number) => (await w.server.call(w.owner, { method: 'GET', url: versionUrl('reviewed', version) })).body;

  it('walks request → changes requested → re-request → approvals → the stage moves, and refuses what the rules forbid', async () => {
    expect((await request(w.reviewerA, 1, 'Production', [w.reviewerB.id])).status).toBe(403); // a reader may not request
    expect((await request(w.contributor, 1, 'Production', [w.contributor.id])).body.errors[0]).toContain('cannot review it');
    expect((await request(w.contributor, 1, 'Production', [w.stranger.id])).body.errors[0]).toContain('is not a member');
    expect((await request(w.contributor, 1, 'None', [w.reviewerA.id])).body.errors[0]).toContain('already in None');

    const opened = await request(w.contributor, 1, 'Production', [w.reviewerA.id, w.reviewerB.id]);
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ targetStage: 'Production', status: 'Open', notes: 'please look' });
    expect(opened.body.reviewerResponses.map((r: { reviewer: { username: string }; decision?: string }) => [r.reviewer.username, r.decision])).toEqual([
      ['rita', undefined],
      ['ravi', undefined],
    ]);
    const id = opened.body.modelReviewId;
    expect((await request(w.contributor, 1, 'Staging', [w.reviewerA.id])).body.errors[0]).toContain('already has an open review');
    expect((await w.server.call(w.owner, { method: 'PATCH', url: versionUrl('reviewed', 1), payload: { currentStage: 'Staging' } })).body.errors[0]).toContain(
      'open review',
    );
    expect((await respond(w.stranger, 1, id, 'Approved')).status).toBe(404);
    expect((await respond(w.contributor, 1, id, 'Approved')).status).toBe(403);
    expect((await respond(w.reviewerA, 1, id, 'RequestChanges')).body.errors[0]).toContain('notes must give a reason');
    expect((await edit(w.contributor, 1, id, { reviewers: [{ userId: w.reviewerA.id }], status: 'Canceled' })).status).toBe(400);

    const changes = await respond(w.reviewerA, 1, id, 'RequestChanges', 'add the AUC');
    expect(changes.status).toBe(201);
    expect(changes.body).toMatchObject({ reviewer: { username: 'rita' }, decision: 'RequestChanges' });
    expect((await respond(w.reviewerB, 1, id, 'Approved')).status).toBe(201);
    expect((await edit(w.contributor, 1, id, { notes: 'AUC added' })).status).toBe(204);
    const reset = (await stageOf(1)).reviewSummary;
    expect(reset.notes).toBe('AUC added');
    expect(reset.reviewerResponses.every((r: { decision?: string }) => r.decision === undefined)).toBe(true);

    expect((await respond(w.reviewerA, 1, id, 'Approved')).status).toBe(201);
    expect((await stageOf(1)).currentStage).toBe('None');
    expect((await respond(w.reviewerB, 1, id, 'Approved')).status).toBe(201);
    const approved = await stageOf(1);
    expect(approved.currentStage).toBe('Production');
    expect(approved.reviewSummary.status).toBe('Approved');
    expect((await respond(w.reviewerA, 1, id, 'RequestChanges', 'too late')).body.errors[0]).toContain('already approved');
    expect((await edit(w.contributor, 1, id, { notes: 'x' })).body.errors[0]).toContain('already approved');

    const activity = await w.server.call(w.owner, { method: 'GET', url: `/api/embedded/v1/registered-models/reviewed/versions/1/activity` });
    expect(activity.body.reviews.map((e: { kind: string; by: { username: string } }) => `${e.kind}:${e.by.username}`)).toEqual([
      'requested:cora',
      'responded:rita',
      'responded:ravi',
      'rerequested:cora',
      'responded:rita',
      'responded:ravi',
      'approved:ravi',
    ]);
    expect(activity.body.stageChanges).toEqual([expect.objectContaining({ fromStage: 'None', toStage: 'Production', cause: 'review', modelReviewId: id })]);
    expect(activity.body.artifact).toBe('model');
  });

  it('cancels, and approves when the last reviewer who had not approved is removed; the inbox lists what waits for me', async () => {
    const opened = await request(w.contributor, 2, 'Staging', [w.reviewerA.id, w.reviewerB.id]);
    const id = opened.body.modelReviewId;
    const inbox = await w.server.call(w.reviewerA, { method: 'GET', url: '/api/embedded/v1/model-reviews?reviewer=me&status=Open' });
    expect(inbox.body.items).toEqual([
      expect.objectContaining({ modelName: 'reviewed', modelVersion: 2, requestedBy: expect.objectContaining({ username: 'cora' }), currentStage: 'None' }),
    ]);
    expect((await respond(w.reviewerA, 2, id, 'Approved')).status).toBe(201);
    expect((await edit(w.reviewerB, 2, id, { reviewers: [{ userId: w.reviewerA.id }] })).status).toBe(204);
    expect((await stageOf(2)).currentStage).toBe('Staging');
    expect((await w.server.call(w.reviewerA, { method: 'GET', url: '/api/embedded/v1/model-reviews' })).body.items).toEqual([]);

    const second = await request(w.contributor, 3, 'Staging', [w.reviewerA.id]);
    expect((await edit(w.contributor, 3, second.body.modelReviewId, { status: 'canceled', notes: 'not yet' })).status).toBe(204);
    const canceled = await stageOf(3);
    expect(canceled.reviewSummary).toMatchObject({ status: 'Canceled', notes: 'not yet' });
    expect(canceled.currentStage).toBe('None');
    expect((await respond(w.reviewerA, 3, second.body.modelReviewId, 'Approved')).body.errors[0]).toContain('already canceled');
  });

  it('applies two approvals that arrive at once exactly once', async () => {
    const opened = await request(w.contributor, 4, 'Staging', [w.reviewerA.id, w.reviewerB.id]);
    const id = opened.body.modelReviewId;
    const answers = await Promise.all([respond(w.reviewerA, 4, id, 'Approved'), respond(w.reviewerB, 4, id, 'Approved')]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    const version = await stageOf(4);
    expect(version.currentStage).toBe('Staging');
    expect(version.reviewSummary.reviewerResponses.map((r: { decision: string }) => r.decision)).toEqual(['Approved', 'Approved']);
    const activity = await w.server.call(w.owner, { method: 'GET', url: `/api/embedded/v1/registered-models/reviewed/versions/4/activity` });
    expect(activity.body.reviews.filter((e: { kind: string }) => e.kind === 'approved')).toHaveLength(1);
    expect(activity.body.stageChanges).toHaveLength(1);
    // Version 2 was in Staging; the approval moved it to Archived, recorded as caused by this review.
    expect((await stageOf(2)).currentStage).toBe('Archived');
  });
});
