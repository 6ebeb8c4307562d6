// Experiment tracking through MLflow's protocol (decision 24): every endpoint of the subset, its
// rules (params never change, the latest metric, atomic batches, search), who may do what, and
// MLflow's error shape.
import { describe, expect, it } from 'vitest';
import { MLFLOW_PREFIX } from '../../src/api/schemas/mlflow';
import { newProject } from './fixtures';
import { startTestServer, type TestServer, type TestUser } from './helper';

const api = (projectId: string, endpoint: string) => `${MLFLOW_PREFIX}/projects/${projectId}/api/2.0/mlflow/${endpoint}`;

async function tracking(server: TestServer, as: TestUser | null, projectId: string) {
  return {
    post: (endpoint: string, payload: unknown) => server.call(as, { method: 'POST', url: api(projectId, endpoint), payload: payload as object }),
    get: (endpoint: string, query: Record<string, string>) =>
      server.call(as, { method: 'GET', url: `${api(projectId, endpoint)}?${new URLSearchParams(query)}` }),
  };
}

async function setUp() {
  const server = await startTestServer();
  const maya = await server.newUser('maya');
  const project = await newProject(server, maya);
  return { server, maya, project, mlflow: await tracking(server, maya, project.id) };
}

describe('MLflow experiments', () => {
  it('answers RESOURCE_DOES_NOT_EXIST for an unknown name, creates it, refuses it twice, and finds it by id and name', async () => {
    const { mlflow } = await setUp();
    const missing = await mlflow.get('experiments/get-by-name', { experiment_name: 'churn' });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: "Could not find experiment with name 'churn'" });

    const created = await mlflow.post('experiments/create', { name: 'churn', tags: [{ key: 'team', value: 'risk' }] });
    expect(created.status).toBe(200);
    expect(created.body.experiment_id).toMatch(/^\d+$/);
    const again = await mlflow.post('experiments/create', { name: 'churn' });
    expect(again.status).toBe(400);
    expect(again.body.error_code).toBe('RESOURCE_ALREADY_EXISTS');

    const byId = await mlflow.get('experiments/get', { experiment_id: created.body.experiment_id });
    expect(byId.body.experiment).toMatchObject({
      experiment_id: created.body.experiment_id,
      name: 'churn',
      lifecycle_stage: 'active',
      artifact_location: `file:///mnt/mlruns/${created.body.experiment_id}`,
      tags: [{ key: 'team', value: 'risk' }],
    });
    const byName = await mlflow.get('experiments/get-by-name', { experiment_name: 'churn' });
    expect(byName.body.experiment.experiment_id).toBe(created.body.experiment_id);
  });

  it('has a Default experiment with id "0" in every project, and experiments of one project are not found from another', async () => {
    const { server, maya, mlflow } = await setUp();
    const defaults = await mlflow.get('experiments/get', { experiment_id: '0' });
    expect(defaults.body.experiment).toMatchObject({ experiment_id: '0', name: 'Default' });
    expect((await mlflow.get('experiments/get-by-name', { experiment_name: 'Default' })).body.experiment.experiment_id).toBe('0');
    const created = await mlflow.post('experiments/create', { name: 'only-here' });

    const other = await tracking(server, maya, (await newProject(server, maya)).id);
    expect((await other.get('experiments/get', { experiment_id: created.body.experiment_id })).body.error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    const search = await other.post('experiments/search', {});
    expect(search.body.experiments.map((e: { name: string }) => e.name)).toEqual(['Default']);
  });

  it('searches experiments by name and tag, with pages', async () => {
    const { mlflow } = await setUp();
    for (const name of ['alpha', 'beta', 'gamma', 'Alphabet'])
      await mlflow.post('experiments/create', { name, tags: [{ key: 'kind', value: name.length > 4 ? 'long' : 'short' }] });
    const like = await mlflow.post('experiments/search', { filter: "name LIKE 'alpha%'", order_by: ['name ASC'] });
    expect(like.body.experiments.map((e: { name: string }) => e.name)).toEqual(['alpha']);
    const ilike = await mlflow.post('experiments/search', { filter: "name ILIKE 'alpha%'", order_by: ['name ASC'] });
    expect(ilike.body.experiments.map((e: { name: string }) => e.name)).toEqual(['Alphabet', 'alpha']);
    const tagged = await mlflow.post('experiments/search', { filter: "tags.kind = 'short'", order_by: ['name'] });
    expect(tagged.body.experiments.map((e: { name: string }) => e.name)).toEqual(['beta']);

    const first = await mlflow.post('experiments/search', { max_results: 2, order_by: ['name ASC'] });
    expect(first.body.experiments.map((e: { name: string }) => e.name)).toEqual(['Alphabet', 'Default']);
    const second = await mlflow.post('experiments/search', { max_results: 2, order_by: ['name ASC'], page_token: first.body.next_page_token });
    const third = await mlflow.post('experiments/search', { max_results: 2, order_by: ['name ASC'], page_token: second.body.next_page_token });
    expect([...second.body.experiments, ...third.body.experiments].map((e: { name: string }) => e.name)).toEqual(['alpha', 'beta', 'gamma']);
    expect(third.body.next_page_token).toBeUndefined();

    const bad = await mlflow.post('experiments/search', { filter: 'metrics.x > 1' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE' });
    expect(bad.body.message).toContain('cannot be searched here');
  });
});

describe('MLflow runs', () => {
  async function newRun(mlflow: Awaited<ReturnType<typeof tracking>>, body: Record<string, unknown> = {}) {
    const res = await mlflow.post('runs/create', { experiment_id: '0', start_time: 1_700_000_000_000, ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.run as { info: { run_id: string; artifact_uri: string; run_name: string; status: string } };
  }

  it('creates a run, logs a batch, keeps the latest metric by step, and answers the history in order', async () => {
    const { mlflow, maya } = await setUp();
    const run = await newRun(mlflow, { run_name: 'first', user_id: 'someone-else', tags: [{ key: 'mlflow.source.name', value: 'train.py' }] });
    expect(run.info).toMatchObject({ run_name: 'first', status: 'RUNNING', experiment_id: '0', user_id: maya.userName, lifecycle_stage: 'active' });
    expect(run.info.run_id).toMatch(/^[0-9a-f]{32}$/);
    expect(run.info.artifact_uri).toBe(`file:///mnt/mlruns/0/${run.info.run_id}/artifacts`);

    const batch = await mlflow.post('runs/log-batch', {
      run_id: run.info.run_id,
      params: [{ key: 'lr', value: '0.01' }],
      tags: [{ key: 'stage', value: 'train' }],
      metrics: [
        { key: 'loss', value: 0.9, timestamp: 10, step: 0 },
        { key: 'loss', value: 0.4, timestamp: 30, step: 2 },
        { key: 'loss', value: 0.6, timestamp: 40, step: 1 },
        { key: 'odd', value: 'NaN', timestamp: 10, step: 0 },
      ],
    });
    expect(batch.status).toBe(200);
    expect(batch.body).toEqual({});
    await mlflow.post('runs/log-metric', { run_uuid: run.info.run_id, key: 'acc', value: 0.75, timestamp: 50 });
    await mlflow.post('runs/log-parameter', { run_id: run.info.run_id, key: 'depth', value: '4' });
    await mlflow.post('runs/set-tag', { run_id: run.info.run_id, key: 'stage', value: 'eval' });

    const got = await mlflow.get('runs/get', { run_id: run.info.run_id });
    expect(got.body.run.data.metrics).toEqual([
      { key: 'acc', value: 0.75, timestamp: 50, step: 0 },
      { key: 'loss', value: 0.4, timestamp: 30, step: 2 },
      { key: 'odd', value: 'NaN', timestamp: 10, step: 0 },
    ]);
    expect(got.body.run.data.params).toEqual([
      { key: 'depth', value: '4' },
      { key: 'lr', value: '0.01' },
    ]);
    expect(got.body.run.data.tags).toEqual(
      expect.arrayContaining([
        { key: 'stage', value: 'eval' },
        { key: 'mlflow.runName', value: 'first' },
        { key: 'mlflow.user', value: maya.userName },
        { key: 'mlflow.source.name', value: 'train.py' },
      ]),
    );

    const history = await mlflow.get('metrics/get-history', { run_id: run.info.run_id, metric_key: 'loss' });
    expect(history.body.metrics.map((m: { value: number }) => m.value)).toEqual([0.9, 0.6, 0.4]);
    const paged = await mlflow.get('metrics/get-history', { run_id: run.info.run_id, metric_key: 'loss', max_results: '2' });
    expect(paged.body.metrics).toHaveLength(2);
    const rest = await mlflow.get('metrics/get-history', {
      run_id: run.info.run_id,
      metric_key: 'loss',
      max_results: '2',
      page_token: paged.body.next_page_token,
    });
    expect(rest.body.metrics.map((m: { value: number }) => m.value)).toEqual([0.4]);
  });

  it('refuses changing a param, and a refused batch stores nothing of itself', async () => {
    const { mlflow } = await setUp();
    const run = await newRun(mlflow);
    await mlflow.post('runs/log-parameter', { run_id: run.info.run_id, key: 'lr', value: '0.01' });
    expect((await mlflow.post('runs/log-parameter', { run_id: run.info.run_id, key: 'lr', value: '0.01' })).status).toBe(200);
    const changed = await mlflow.post('runs/log-batch', {
      run_id: run.info.run_id,
      metrics: [{ key: 'loss', value: 1, timestamp: 1, step: 0 }],
      params: [
        { key: 'depth', value: '3' },
        { key: 'lr', value: '0.1' },
      ],
    });
    expect(changed.status).toBe(400);
    expect(changed.body.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(changed.body.message).toContain("Param with key='lr' was already logged with value='0.01'");
    const got = await mlflow.get('runs/get', { run_id: run.info.run_id });
    expect(got.body.run.data.params).toEqual([{ key: 'lr', value: '0.01' }]);
    expect(got.body.run.data.metrics).toEqual([]);

    const badKey = await mlflow.post('runs/log-metric', { run_id: run.info.run_id, key: 'a\nb', value: 1, timestamp: 1 });
    expect(badKey.status).toBe(400);
    expect(badKey.body.message).toContain('metric key may contain only');
    const tooMany = await mlflow.post('runs/log-batch', {
      run_id: run.info.run_id,
      params: Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: 'v' })),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toContain('at most 100 params');
  });

  it('ends a run, renames it, logs a model and inputs', async () => {
    const { mlflow } = await setUp();
    const run = await newRun(mlflow);
    const ended = await mlflow.post('runs/update', { run_id: run.info.run_id, status: 'FINISHED', end_time: 1_700_000_100_000, run_name: 'renamed' });
    expect(ended.body.run_info).toMatchObject({ status: 'FINISHED', end_time: 1_700_000_100_000, run_name: 'renamed' });
    const model = { artifact_path: 'model', run_id: run.info.run_id, flavors: { python_function: { loader_module: 'mlflow.sklearn' } } };
    expect((await mlflow.post('runs/log-model', { run_id: run.info.run_id, model_json: JSON.stringify(model) })).status).toBe(200);
    expect((await mlflow.post('runs/log-model', { run_id: run.info.run_id, model_json: '[1]' })).body.message).toContain('model_json must be a JSON object');
    const inputs = await mlflow.post('runs/log-inputs', {
      run_id: run.info.run_id,
      datasets: [
        {
          tags: [{ key: 'mlflow.data.context', value: 'training' }],
          dataset: { name: 'iris', digest: 'abc123', source_type: 'local', source: '{"uri": "iris.csv"}' },
        },
      ],
    });
    expect(inputs.status).toBe(200);
    const got = await mlflow.get('runs/get', { run_id: run.info.run_id });
    expect(got.body.run.data.tags).toEqual(expect.arrayContaining([{ key: 'mlflow.runName', value: 'renamed' }]));
    expect(JSON.parse(got.body.run.data.tags.find((t: { key: string }) => t.key === 'mlflow.log-model.history').value)).toEqual([model]);
    expect(got.body.run.inputs.dataset_inputs).toEqual([
      {
        tags: [{ key: 'mlflow.data.context', value: 'training' }],
        dataset: { name: 'iris', digest: 'abc123', source_type: 'local', source: '{"uri": "iris.csv"}' },
      },
    ]);
  });

  it('searches runs by metrics, params, tags and attributes, ordered, with missing values last, in pages', async () => {
    const { mlflow } = await setUp();
    const runs = [];
    for (const [i, [rmse, model]] of (
      [
        [0.5, 'tree'],
        [0.2, 'tree'],
        [0.9, 'linear'],
        [undefined, 'tree'],
      ] as const
    ).entries()) {
      const run = await newRun(mlflow, { run_name: `run-${i}`, start_time: 1_000 + i });
      await mlflow.post('runs/log-batch', {
        run_id: run.info.run_id,
        params: [{ key: 'model', value: model }],
        metrics: rmse === undefined ? [] : [{ key: 'rmse', value: rmse, timestamp: 1, step: 0 }],
      });
      runs.push(run);
    }
    const names = (res: { body: { runs: Array<{ info: { run_name: string } }> } }) => res.body.runs.map((r) => r.info.run_name);
    expect(
      names(
        await mlflow.post('runs/search', { experiment_ids: ['0'], filter: "metrics.rmse < 0.6 and params.model = 'tree'", order_by: ['metrics.rmse ASC'] }),
      ),
    ).toEqual(['run-1', 'run-0']);
    expect(names(await mlflow.post('runs/search', { experiment_ids: ['0'], order_by: ['metrics.rmse DESC'] }))).toEqual(['run-2', 'run-0', 'run-1', 'run-3']);
    expect(names(await mlflow.post('runs/search', { experiment_ids: ['0'] }))).toEqual(['run-3', 'run-2', 'run-1', 'run-0']);
    expect(
      names(await mlflow.post('runs/search', { experiment_ids: ['0'], filter: "tags.`mlflow.runName` LIKE 'run-_'", order_by: ['attributes.start_time'] })),
    ).toEqual(['run-0', 'run-1', 'run-2', 'run-3']);
    expect(names(await mlflow.post('runs/search', { experiment_ids: ['0'], filter: `attributes.run_id IN ('${runs[2]!.info.run_id}')` }))).toEqual(['run-2']);
    expect(names(await mlflow.post('runs/search', { experiment_ids: ['0'], filter: "attributes.status = 'RUNNING' AND start_time >= 1002" }))).toEqual([
      'run-3',
      'run-2',
    ]);

    const first = await mlflow.post('runs/search', { experiment_ids: ['0'], max_results: 3 });
    const second = await mlflow.post('runs/search', { experiment_ids: ['0'], max_results: 3, page_token: first.body.next_page_token });
    expect([...names(first), ...names(second)]).toEqual(['run-3', 'run-2', 'run-1', 'run-0']);
    expect(second.body.next_page_token).toBeUndefined();

    for (const [filter, message] of [
      ["metrics.rmse = 'x'", 'compared with a number'],
      ['params.model > 1', 'compares strings'],
      ['metrics.rmse < 1 or params.model = "x"', 'only AND'],
      ['colour = 1', 'unknown attribute'],
      ["params.model = 'unterminated", 'unterminated'],
    ] as const) {
      const refused = await mlflow.post('runs/search', { experiment_ids: ['0'], filter });
      expect(refused.status, filter).toBe(400);
      expect(refused.body.message, filter).toContain(message);
    }
    // A filter is data, never SQL.
    const injected = await mlflow.post('runs/search', { experiment_ids: ['0'], filter: "params.model = 'x'' OR 1=1 --'" });
    expect(injected.status === 400 || injected.body.runs.length === 0).toBe(true);
  });

  it('finds no run of another project, and answers an unknown run and an unknown endpoint in MLflow’s words', async () => {
    const { server, maya, mlflow } = await setUp();
    const run = await newRun(mlflow);
    const other = await tracking(server, maya, (await newProject(server, maya)).id);
    expect((await other.get('runs/get', { run_id: run.info.run_id })).body.error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect((await other.post('runs/log-metric', { run_id: run.info.run_id, key: 'x', value: 1, timestamp: 1 })).status).toBe(404);
    expect((await mlflow.get('runs/get', { run_id: '0'.repeat(32) })).body).toEqual({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: `Run '${'0'.repeat(32)}' not found`,
    });
    expect((await mlflow.get('runs/get', { run_id: 'nope' })).body.message).toContain('32-character hex');
    const unknown = await server.call(maya, { method: 'POST', url: `${MLFLOW_PREFIX}/api/2.0/mlflow/model-versions/create`, payload: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error_code).toBe('ENDPOINT_NOT_FOUND');
  });
});

describe('MLflow access', () => {
  it('needs a key, a project, read access to read and launch access to record', async () => {
    const { server, maya, project, mlflow } = await setUp();
    const run = (await mlflow.post('runs/create', {})).body.run;

    const anonymous = await (await tracking(server, null, project.id)).get('runs/get', { run_id: run.info.run_id });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error_code).toBe('UNAUTHENTICATED');

    const noProject = await server.call(maya, { method: 'POST', url: `${MLFLOW_PREFIX}/api/2.0/mlflow/runs/create`, payload: {} });
    expect(noProject.status).toBe(400);
    expect(noProject.body.message).toContain('names no project');

    const stranger = await server.newUser('stranger');
    expect((await (await tracking(server, stranger, project.id)).get('runs/get', { run_id: run.info.run_id })).body.error_code).toBe('RESOURCE_DOES_NOT_EXIST');

    const reader = await server.newUser('reader');
    await server.call(maya, {
      method: 'POST',
      url: `/api/projects/v1/projects/${project.id}/collaborators`,
      payload: { id: reader.id, role: 'resultsConsumer' },
    });
    const asReader = await tracking(server, reader, project.id);
    expect((await asReader.get('runs/get', { run_id: run.info.run_id })).status).toBe(200);
    const refused = await asReader.post('runs/log-metric', { run_id: run.info.run_id, key: 'x', value: 1, timestamp: 1 });
    expect(refused.status).toBe(403);
    expect(refused.body.error_code).toBe('PERMISSION_DENIED');

    const launcher = await server.newUser('launcher');
    await server.call(maya, {
      method: 'POST',
      url: `/api/projects/v1/projects/${project.id}/collaborators`,
      payload: { id: launcher.id, role: 'launcherUser' },
    });
    expect(
      (await (await tracking(server, launcher, project.id)).post('runs/log-metric', { run_id: run.info.run_id, key: 'x', value: 1, timestamp: 1 })).status,
    ).toBe(200);
  });
});
