// The demo's model registry: models trained by real jobs that logged runs, versions in different
// stages, an open review waiting for the demo admin and one for another person, and an approved
// and a canceled review in the history; a Model API serving churn-predictor v1 with predictions.
import { describe, expect, it } from 'vitest';
import { readSetting } from '../db/database';
import { startTestServer } from './helper';

async function registrySeeded(server: Awaited<ReturnType<typeof startTestServer>>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (readSetting(server.app.ctx.db, 'demo.registry') !== 'done') {
    if (Date.now() > deadline) throw new Error('the demo registry did not finish');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('the demo registry', () => {
  it('registers trained models with versions in each stage, reviews in every state, and a Model API with predictions', { timeout: 120_000 }, async () => {
    const server = await startTestServer({ demo: true });
    await registrySeeded(server);
    const stages = async (name: string) =>
      (await server.call(server.admin, { method: 'GET', url: `/api/registeredmodels/beta/${name}/versions` })).body.items.map(
        (v: { modelVersion: number }) => v.modelVersion,
      );
    expect(await stages('churn-predictor')).toEqual([3, 2, 1]);
    const version = async (name: string, n: number) =>
      (await server.call(server.admin, { method: 'GET', url: `/api/registeredmodels/v1/${name}/versions/${n}` })).body;
    expect((await version('churn-predictor', 1)).currentStage).toBe('Production');
    expect((await version('churn-predictor', 2)).reviewSummary).toMatchObject({ status: 'Approved', targetStage: 'Staging' });
    expect((await version('churn-predictor', 2)).currentStage).toBe('Staging');
    const v3 = await version('churn-predictor', 3);
    expect(v3.reviewSummary.status).toBe('Open');
    expect(v3.versionUiDetails.experimentRunInfo.metrics).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'val_auc', value: 0.841 })]));
    expect((await version('credit-pd-model', 1)).currentStage).toBe('Production');

    const inbox = await server.call(server.admin, { method: 'GET', url: '/api/embedded/v1/model-reviews' });
    expect(inbox.body.items.map((i: { modelName: string; modelVersion: number }) => `${i.modelName} v${i.modelVersion}`)).toEqual(['credit-pd-model v2']);
    const lena = server.app.ctx.users.findByUserName('lena.fischer')!;
    expect(server.app.ctx.registry.inbox(lena.id, 'Open', 10, 0).rows).toHaveLength(1);

    const creditActivity = await server.call(server.admin, { method: 'GET', url: '/api/embedded/v1/registered-models/credit-pd-model/versions/1/activity' });
    expect(creditActivity.body.reviews.map((e: { kind: string }) => e.kind)).toEqual(['requested', 'canceled']);

    // A Model API serves churn-predictor v1, and the predictions sent to it are answered.
    const apis = await server.call(server.admin, { method: 'GET', url: '/api/registeredmodels/v1/churn-predictor/versions/1/modelapis' });
    expect(apis.body.items).toMatchObject([{ name: 'churn-scoring', activeVersionNumber: 1 }]);
    const apiId = apis.body.items[0].id as string;
    for (let i = 0; i < 200 && server.app.ctx.modelApis.openPredictions(apiId).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(server.app.ctx.modelApis.openPredictions(apiId)).toEqual([]);
    expect(server.app.ctx.modelApis.predictionCount(apiId)).toBe(5);
    const scored = await server.call(server.admin, {
      method: 'POST',
      url: `/api/modelApis/async/v1/${apiId}`,
      payload: { parameters: { tenure_months: 10, monthly_spend: 50 } },
    });
    expect(scored.status, JSON.stringify(scored.body)).toBe(200);
  });
});
