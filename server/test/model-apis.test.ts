// Model APIs in 6.2's shape and async predictions, against the real server with real workers:
// every endpoint, the permission table, bad input, 413/422/429, a model that raises, one that
// hangs past its timeout, non-object returns, access tokens, and the registry's view.
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelApiSchema, ModelApiVersionSchema } from '../../src/api/schemas/model-apis';
import { AsyncPredictionEnvelopeV1Schema } from '../../src/api/schemas/async-predictions';
import { putFile, type TestProject } from './fixtures';
import { startTestServer, UNKNOWN_ID, type TestServer, type TestUser } from './helper';
import { ASYNC, builtEnvironment, MODEL_APIS, modelProject, newModelApi, predict, settled, submit } from './model-api-fixtures';

const V1_PROJECTS = '/api/projects/v1/projects';

describe('Model APIs', () => {
  let server: TestServer;
  let envId: string;
  let project: TestProject;
  let owner: TestUser;

  beforeAll(async () => {
    server = await startTestServer({ sharedByFile: true });
    owner = await server.newUser('mapi-owner');
    envId = await builtEnvironment(server, server.admin);
    project = await modelProject(server, owner);
  });

  it('creates (201) in 6.2’s shape, lists, gets, updates, and archives (204)', async () => {
    const api = await newModelApi(server, owner, project.id, envId, { name: 'churn-scorer' });
    expect(ModelApiSchema.strict().safeParse(api).success, JSON.stringify(api)).toBe(true);
    expect(api).toMatchObject({ name: 'churn-scorer', isAsync: true, replicas: 1, overrideRequestTimeoutSecs: 60, isArchived: false, projectId: project.id });
    expect(api.activeVersion).toMatchObject({ number: 1, dataPlaneId: 'local' });

    const list = await server.call(owner, { method: 'GET', url: `${MODEL_APIS}?projectId=${project.id}&name=^churn` });
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { name: string }) => a.name)).toEqual(['churn-scorer']);
    expect(list.body.metadata.pagination).toMatchObject({ offset: 0, limit: 25, totalCount: 1 });

    const got = await server.call(owner, { method: 'GET', url: `${MODEL_APIS}/${api.id}` });
    expect(got.status).toBe(200);
    expect(got.body.id).toBe(api.id);

    const put = await server.call(owner, {
      method: 'PUT',
      url: `${MODEL_APIS}/${api.id}`,
      payload: { name: 'churn-scorer-2', description: 'renamed', replicas: 0, environmentId: envId, overrideRequestTimeoutSecs: 5 },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ name: 'churn-scorer-2', description: 'renamed', replicas: 0, overrideRequestTimeoutSecs: 5 });
    expect(put.body.activeVersion.deployment).toEqual({ status: 'Stopped', isPending: false });
    // Stopped: predictions are refused, saying why.
    const stopped = await submit(server, owner, api.id, { tenure_months: 1 });
    expect(stopped.status).toBe(400);
    expect(stopped.body.errors[0]).toMatch(/stopped/);

    const del = await server.call(owner, { method: 'DELETE', url: `${MODEL_APIS}/${api.id}` });
    expect(del.status).toBe(204);
    const archived = await server.call(owner, { method: 'GET', url: `${MODEL_APIS}/${api.id}` });
    expect(archived.body.isArchived).toBe(true);
    expect((await server.call(owner, { method: 'DELETE', url: `${MODEL_APIS}/${api.id}` })).status).toBe(204);
    const after = await server.call(owner, { method: 'GET', url: `${MODEL_APIS}?projectId=${project.id}&name=^churn-scorer-2$` });
    expect(after.body.items).toEqual([]);
    // The archived API's name is free again.
    await newModelApi(server, owner, project.id, envId, { name: 'churn-scorer-2', replicas: 0 });
  });

  it('versions: list, create (201), get; shouldDeploy makes one active; build, instance and export logs', async () => {
    const api = await newModelApi(server, owner, project.id, envId, { function: 'echo' });
    const first = api.activeVersion!.id;
    const created = await server.call(owner, {
      method: 'POST',
      url: `${MODEL_APIS}/${api.id}/versions`,
      payload: {
        projectId: project.id,
        source: { type: 'File', file: 'model.py', function: 'scalar' },
        logHttpRequestResponse: false,
        monitoringEnabled: false,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(ModelApiVersionSchema.strict().safeParse(created.body).success).toBe(true);
    expect(created.body).toMatchObject({
      number: 2,
      modelApiId: api.id,
      projectId: project.id,
      source: { type: 'File', file: 'model.py', function: 'scalar' },
    });
    expect(created.body.deployment.status).toBe('Inactive');
    expect((await server.call(owner, { method: 'GET', url: `${MODEL_APIS}/${api.id}` })).body.activeVersion.id).toBe(first);

    const deployed = await server.call(owner, {
      method: 'POST',
      url: `${MODEL_APIS}/${api.id}/versions`,
      payload: {
        projectId: project.id,
        source: { type: 'File', file: 'model.py', function: 'scalar' },
        logHttpRequestResponse: false,
        monitoringEnabled: false,
        shouldDeploy: true,
        description: 'doubles',
      },
    });
    expect(deployed.status).toBe(201);
    expect(deployed.body.number).toBe(3);
    expect((await server.call(owner, { method: 'GET', url: `${MODEL_APIS}/${api.id}` })).body.activeVersion.id).toBe(deployed.body.id);
    // The new version serves: a scalar comes back as {"prediction": value}.
    expect((await predict(server, owner, api.id, { x: 21 })).result).toEqual({ prediction: 42 });

    const versions = await server.call(owner, { method: 'GET', url: `${MODEL_APIS}/${api.id}/versions` });
    expect(versions.body.map((v: { number: number }) => v.number)).toEqual([1, 2, 3]);
    expect(versions.body.map((v: { deployment: { status: string } }) => v.deployment.status)).toEqual(['Inactive', 'Inactive', 'Running']);
    const one = await server.call(owner, { method: 'GET', url: `${MODEL_APIS}/${api.id}/versions/${first}` });
    expect(one.body).toMatchObject({ id: first, number: 1 });
    expect((await server.call(owner, { method: 'GET', url: `${MODEL_APIS}/${api.id}/versions/${UNKNOWN_ID}` })).status).toBe(404);

    const build = await server.call(owner, { method: 'GET', url: `${MODEL_APIS}/${api.id}/versions/${deployed.body.id}/buildLogs` });
    expect(build.body).toMatchObject({ modelId: api.id, modelVersionId: deployed.body.id, status: 'Succeeded' });
    expect(build.body.logs.map((l: { log: string }) => l.log).join('\n')).toMatch(/Checked out commit [0-9a-f]{40}[\s\S]*Build succeeded/);
    const instance = await server.call(owner, { method: 'GET', url: `${MODEL_APIS}/${api.id}/versions/${deployed.body.id}/instanceLogs?maxResults=50` });
    expect(instance.body.maxResults).toBe(50);
    expect(instance.body.logs.map((l: { log: string }) => l.log)).toContain('Worker 1 ready: scalar(x)');
    const since = instance.body.logs.at(-1).timeNano;
    const later = await server.call(owner, {
      method: 'GET',
      url: `${MODEL_APIS}/${api.id}/versions/${deployed.body.id}/instanceLogs?sinceTimeNano=${BigInt(Math.round(since)) + 10_000_000n}`,
    });
    expect(later.body.logs).toEqual([]);
    const exported = await server.call(owner, { method: 'GET', url: `${MODEL_APIS}/${api.id}/versions/${deployed.body.id}/exportLogs` });
    expect(exported.body).toMatchObject({ status: 'NotExported', logs: [] });
  });

  it('refuses bad input with 400s that say what is wrong', async () => {
    const base = {
      name: 'bad',
      environmentId: envId,
      version: {
        projectId: project.id,
        source: { type: 'File', file: 'model.py', function: 'predict' },
        logHttpRequestResponse: false,
        monitoringEnabled: false,
      },
    };
    const cases: Array<[unknown, RegExp]> = [
      [{ ...base, name: '' }, /name must not be empty/],
      [{ ...base, replicas: 99 }, /replicas must be at most 8/],
      [{ ...base, replicas: -1 }, /replicas must be at least 0/],
      [{ ...base, overrideRequestTimeoutSecs: 0 }, /overrideRequestTimeoutSecs must be at least 1/],
      [{ ...base, environmentId: UNKNOWN_ID }, /environmentId: no environment/],
      [{ ...base, hardwareTierId: 'no-such-tier' }, /hardwareTierId: no hardware tier/],
      [{ ...base, environmentVariables: [{ key: '1BAD', value: 'x' }] }, /environmentVariables/],
      [{ ...base, version: { ...base.version, source: { type: 'File', file: 'missing.py', function: 'predict' } } }, /no file missing.py/],
      [{ ...base, version: { ...base.version, source: { type: 'File', file: '../etc/passwd.py', function: 'predict' } } }, /leaves the project/],
      [{ ...base, version: { ...base.version, source: { type: 'File', file: 'model.py', function: 'not a name' } } }, /not a Python function name/],
      [{ ...base, version: { ...base.version, source: { type: 'File', function: 'predict' } } }, /source.file is required/],
      [{ ...base, version: { ...base.version, source: { type: 'Docker' } } }, /source.type must be File or Registry/],
      [{ ...base, version: { ...base.version, source: { type: 'Registry' } } }, /registeredModelName and source.registeredModelVersion are required/],
      [{ ...base, version: { ...base.version, commitId: 'abc' } }, /not a full commit id/],
    ];
    for (const [payload, message] of cases) {
      const res = await server.call(owner, { method: 'POST', url: MODEL_APIS, payload: payload as object });
      expect(res.status, JSON.stringify(payload)).toBe(400);
      expect(res.body.errors.join(' '), JSON.stringify(payload)).toMatch(message);
    }
    await newModelApi(server, owner, project.id, envId, { name: 'taken', replicas: 0 });
    const dup = await server.call(owner, { method: 'POST', url: MODEL_APIS, payload: { ...base, name: 'TAKEN' } });
    expect(dup.status).toBe(400);
    expect(dup.body.errors[0]).toMatch(/already exists/);
    expect((await server.call(owner, { method: 'GET', url: `${MODEL_APIS}/not-an-id` })).body.errors).toEqual(['not-an-id is not a valid ID']);
    expect((await server.call(owner, { method: 'GET', url: `${MODEL_APIS}/${UNKNOWN_ID}` })).status).toBe(404);
    expect((await server.call(owner, { method: 'GET', url: `${MODEL_APIS}?orderBy=color` })).status).toBe(400);
    expect((await server.call(owner, { method: 'GET', url: `${MODEL_APIS}?name=(` })).body.errors[0]).toMatch(/not a valid regular expression/);
    expect((await server.call(null, { method: 'GET', url: MODEL_APIS })).status).toBe(401);
  });

  it('a model whose function is missing: the version fails to start, and says why in its instance log', async () => {
    const api = await newModelApi(server, owner, project.id, envId, { function: 'nowhere' });
    const versionId = api.activeVersion!.id;
    const until = Date.now() + 15_000;
    let status = '';
    while (Date.now() < until && status !== 'Failed') {
      status = (await server.call(owner, { method: 'GET', url: `${MODEL_APIS}/${api.id}/versions/${versionId}` })).body.deployment.status;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe('Failed');
    const logs = await server.call(owner, { method: 'GET', url: `${MODEL_APIS}/${api.id}/versions/${versionId}/instanceLogs` });
    expect(logs.body.logs.map((l: { log: string }) => l.log).join('\n')).toMatch(/AttributeError: model.py has no function 'nowhere'/);
    const refused = await submit(server, owner, api.id, { x: 1 });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatch(/cannot start/);
  });
});

describe('async predictions', () => {
  let server: TestServer;
  let envId: string;
  let project: TestProject;
  let owner: TestUser;

  beforeAll(async () => {
    server = await startTestServer({ sharedByFile: true, predictionQueueLimit: 3 });
    owner = await server.newUser('async-owner');
    envId = await builtEnvironment(server, server.admin);
    project = await modelProject(server, owner);
  });

  it('runs a prediction: Pending or Processing, then Succeeded with the model’s object', async () => {
    const api = await newModelApi(server, owner, project.id, envId);
    const res = await submit(server, owner, api.id, { tenure_months: 3, monthly_spend: 100 });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['asyncPredictionId']);
    const first = await server.call(owner, { method: 'GET', url: `${ASYNC}/${api.id}/${res.body.asyncPredictionId}` });
    expect(['Pending', 'Processing', 'Succeeded']).toContain(first.body.status);
    const done = await settled(server, owner, api.id, res.body.asyncPredictionId);
    expect(AsyncPredictionEnvelopeV1Schema.safeParse(done).success).toBe(true);
    expect(done).toEqual({ asyncPredictionId: res.body.asyncPredictionId, status: 'Succeeded', result: { score: 0.025 } });
    expect((await server.call(owner, { method: 'GET', url: `${ASYNC}/${api.id}/${UNKNOWN_ID}` })).status).toBe(404);
  });

  it('422 at submit when the parameters do not bind to the function’s signature', async () => {
    const api = await newModelApi(server, owner, project.id, envId);
    const missing = await submit(server, owner, api.id, { monthly_spend: 5 });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0]).toMatch(/missing a required argument: 'tenure_months'/);
    const extra = await submit(server, owner, api.id, { tenure_months: 1, colour: 'red' });
    expect(extra.status).toBe(422);
    expect(extra.body.errors[0]).toMatch(/unexpected keyword argument 'colour'/);
    // Not an object: the contract's 400.
    const notObject = await submit(server, owner, api.id, [1, 2]);
    expect(notObject.status).toBe(400);
  });

  it('a model that raises: Failed with its message; the worker goes on serving', async () => {
    const api = await newModelApi(server, owner, project.id, envId, { function: 'boom' });
    const failed = await predict(server, owner, api.id, { x: 7 });
    expect(failed).toMatchObject({ status: 'Failed', errors: ['ValueError: cannot score 7'] });
    expect(failed.result).toBeUndefined();
    expect((await predict(server, owner, api.id, { x: 8 })).errors).toEqual(['ValueError: cannot score 8']);
  });

  it('a model that hangs: Failed past the timeout, its worker killed and replaced', async () => {
    const api = await newModelApi(server, owner, project.id, envId, { function: 'spin', timeoutSecs: 1 });
    const started = Date.now();
    const failed = await predict(server, owner, api.id, { x: 1 });
    expect(failed.status).toBe('Failed');
    expect(failed.errors[0]).toMatch(/longer than the Model API's timeout of 1 s/);
    expect(Date.now() - started).toBeLessThan(5000);
    // The replacement serves the next one (and times out as well: the model still spins).
    const again = await predict(server, owner, api.id, { x: 2 });
    expect(again.errors[0]).toMatch(/timeout of 1 s/);
    // The killed worker's execution ends once its process has gone.
    const timedOut = () => server.app.ctx.modelApis.executionsOf(api.activeVersion!.id).filter((e) => e.endReason === 'timeout').length;
    for (let i = 0; i < 100 && timedOut() < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(timedOut()).toBe(2);
    const executions = server.app.ctx.modelApis.executionsOf(api.activeVersion!.id);
    expect(executions.every((e) => e.hardwareTierId === 'small-k8s')).toBe(true);
  });

  it('non-object returns come back as {"prediction": value}; objects as they are', async () => {
    const scalar = await newModelApi(server, owner, project.id, envId, { function: 'scalar' });
    expect((await predict(server, owner, scalar.id, { x: 'ab' })).result).toEqual({ prediction: 'abab' });
    const echo = await newModelApi(server, owner, project.id, envId, { function: 'echo' });
    expect((await predict(server, owner, echo.id, { a: [1, { b: null }], greeting: 'hi' })).result).toEqual({ a: [1, { b: null }], greeting: 'hi' });
  });

  it('413 over the body limit', async () => {
    const api = await newModelApi(server, owner, project.id, envId, { function: 'echo' });
    const res = await server.call(owner, {
      method: 'POST',
      url: `${ASYNC}/${api.id}`,
      payload: JSON.stringify({ parameters: { blob: 'x'.repeat(1024 * 1024 + 1) } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.body.errors[0]).toMatch(/too large/);
  });

  it('429 with Retry-After when the queue is full', async () => {
    const api = await newModelApi(server, owner, project.id, envId, { function: 'hang', timeoutSecs: 30 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await submit(server, owner, api.id, { x: i });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      ids.push(res.body.asyncPredictionId);
    }
    const full = await submit(server, owner, api.id, { x: 3 });
    expect(full.status).toBe(429);
    expect(Number(full.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(full.body.errors[0]).toMatch(/3 predictions waiting/);
    // Archiving fails what waits, each once.
    expect((await server.call(owner, { method: 'DELETE', url: `${MODEL_APIS}/${api.id}` })).status).toBe(204);
    for (const id of ids) {
      const res = await server.call(owner, { method: 'GET', url: `${ASYNC}/${api.id}/${id}` });
      expect(res.body.status).toBe('Failed');
    }
  });

  it('a non-async Model API: 400', async () => {
    const api = await newModelApi(server, owner, project.id, envId, { isAsync: false, replicas: 0 });
    const res = await submit(server, owner, api.id, { tenure_months: 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatch(/not asynchronous/);
  });

  it('accepted with the Model API’s access token (bearer or basic), and only for its own API', async () => {
    const api = await newModelApi(server, owner, project.id, envId);
    const other = await newModelApi(server, owner, project.id, envId, { replicas: 0 });
    const token = await server.call(owner, { method: 'POST', url: `/api/embedded/v1/modelApis/${api.id}/accessToken` });
    expect(token.status).toBe(200);
    const secret = token.body.token as string;
    const listed = await server.call(owner, { method: 'GET', url: `${MODEL_APIS}/${api.id}` });
    expect(listed.body.access.accessTokens).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const bearer = await server.app.inject({
      method: 'POST',
      url: `${ASYNC}/${api.id}`,
      headers: { authorization: `Bearer ${secret}` },
      payload: { parameters: { tenure_months: 1, monthly_spend: 10 } },
    });
    expect(bearer.statusCode, bearer.body).toBe(200);
    const basic = `Basic ${Buffer.from(`${secret}:${secret}`).toString('base64')}`;
    const result = await server.app.inject({ method: 'GET', url: `${ASYNC}/${api.id}/${bearer.json().asyncPredictionId}`, headers: { authorization: basic } });
    expect(result.statusCode).toBe(200);
    const elsewhere = await server.app.inject({
      method: 'POST',
      url: `${ASYNC}/${other.id}`,
      headers: { authorization: `Bearer ${secret}` },
      payload: { parameters: {} },
    });
    expect(elsewhere.statusCode).toBe(401);
    expect((await server.app.inject({ method: 'POST', url: `${ASYNC}/${api.id}`, payload: { parameters: {} } })).statusCode).toBe(401);
    // Regenerated: the old secret stops working.
    await server.call(owner, { method: 'POST', url: `/api/embedded/v1/modelApis/${api.id}/accessToken` });
    const stale = await server.app.inject({
      method: 'POST',
      url: `${ASYNC}/${api.id}`,
      headers: { authorization: `Bearer ${secret}` },
      payload: { parameters: {} },
    });
    expect(stale.statusCode).toBe(401);
  });
});

describe('Model API permissions', () => {
  it('project readers see; editors manage; others get 404', async () => {
    const server = await startTestServer();
    const owner = await server.newUser('perm-owner');
    const envId = await builtEnvironment(server, server.admin);
    const project = await modelProject(server, owner);
    const roles = ['contributor', 'launcherUser', 'resultsConsumer'] as const;
    const users: Record<string, TestUser> = { owner, admin: server.admin, stranger: await server.newUser('perm-stranger') };
    for (const role of roles) {
      users[role] = await server.newUser(`perm-${role.toLowerCase()}`);
      const res = await server.call(owner, { method: 'POST', url: `${V1_PROJECTS}/${project.id}/collaborators`, payload: { id: users[role]!.id, role } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const api = await newModelApi(server, owner, project.id, envId);
    const versionId = api.activeVersion!.id;
    const putBody = { name: 'renamed', description: '', replicas: 1, environmentId: envId };
    const versionBody = {
      projectId: project.id,
      source: { type: 'File', file: 'model.py', function: 'predict' },
      logHttpRequestResponse: false,
      monitoringEnabled: false,
    };
    const actions: Array<[string, () => { method: 'GET' | 'POST' | 'PUT'; url: string; payload?: object }, number[]]> = [
      // owner, admin, contributor, launcherUser, resultsConsumer, stranger
      ['get', () => ({ method: 'GET', url: `${MODEL_APIS}/${api.id}` }), [200, 200, 200, 200, 200, 404]],
      ['versions', () => ({ method: 'GET', url: `${MODEL_APIS}/${api.id}/versions` }), [200, 200, 200, 200, 200, 404]],
      ['version', () => ({ method: 'GET', url: `${MODEL_APIS}/${api.id}/versions/${versionId}` }), [200, 200, 200, 200, 200, 404]],
      ['build logs', () => ({ method: 'GET', url: `${MODEL_APIS}/${api.id}/versions/${versionId}/buildLogs` }), [200, 200, 200, 200, 200, 404]],
      ['instance logs', () => ({ method: 'GET', url: `${MODEL_APIS}/${api.id}/versions/${versionId}/instanceLogs` }), [200, 200, 200, 200, 200, 404]],
      ['export logs', () => ({ method: 'GET', url: `${MODEL_APIS}/${api.id}/versions/${versionId}/exportLogs` }), [200, 200, 200, 200, 200, 404]],
      ['predict', () => ({ method: 'POST', url: `${ASYNC}/${api.id}`, payload: { parameters: { tenure_months: 1 } } }), [200, 200, 200, 200, 200, 404]],
      ['update', () => ({ method: 'PUT', url: `${MODEL_APIS}/${api.id}`, payload: putBody }), [200, 200, 200, 403, 403, 404]],
      ['new version', () => ({ method: 'POST', url: `${MODEL_APIS}/${api.id}/versions`, payload: versionBody }), [201, 201, 201, 403, 403, 404]],
      ['access token', () => ({ method: 'POST', url: `/api/embedded/v1/modelApis/${api.id}/accessToken` }), [200, 200, 200, 403, 403, 404]],
      [
        'create in the project',
        () => ({ method: 'POST', url: MODEL_APIS, payload: { name: `p-${Math.random()}`, environmentId: envId, replicas: 0, version: versionBody } }),
        [201, 201, 201, 403, 403, 404],
      ],
    ];
    const actors = ['owner', 'admin', 'contributor', 'launcherUser', 'resultsConsumer', 'stranger'];
    for (const [name, request, expected] of actions) {
      const got: number[] = [];
      for (const actor of actors) got.push((await server.call(users[actor]!, request())).status);
      expect(got, name).toEqual(expected);
    }
    // Listing shows readers the API and strangers nothing.
    const listOf = async (actor: string) =>
      (await server.call(users[actor]!, { method: 'GET', url: `${MODEL_APIS}?projectId=${project.id}` })).body.items.map((a: { id: string }) => a.id);
    expect(await listOf('resultsConsumer')).toContain(api.id);
    expect(await listOf('stranger')).toEqual([]);
    const deleteBy = async (actor: string) => (await server.call(users[actor]!, { method: 'DELETE', url: `${MODEL_APIS}/${api.id}` })).status;
    expect([await deleteBy('stranger'), await deleteBy('resultsConsumer'), await deleteBy('launcherUser'), await deleteBy('contributor')]).toEqual([
      404, 403, 403, 204,
    ]);
  }, 60_000);
});

describe('Model APIs from project files at a commit', () => {
  it('serves the file as it was at the commit asked for', async () => {
    const server = await startTestServer();
    const owner = await server.newUser('commit-owner');
    const envId = await builtEnvironment(server, server.admin);
    const project = await modelProject(server, owner);
    const old = await putFile(server, owner, project.id, 'version.py', 'def which():\n    return "old"\n');
    await putFile(server, owner, project.id, 'version.py', 'def which():\n    return "new"\n');
    const res = await server.call(owner, {
      method: 'POST',
      url: MODEL_APIS,
      payload: {
        name: 'pinned',
        environmentId: envId,
        isAsync: true,
        version: {
          projectId: project.id,
          commitId: old,
          source: { type: 'File', file: 'version.py', function: 'which' },
          logHttpRequestResponse: false,
          monitoringEnabled: false,
        },
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await predict(server, owner, res.body.id, {})).result).toEqual({ prediction: 'old' });
    const versions = await server.call(owner, { method: 'GET', url: `${MODEL_APIS}/${res.body.id}/versions` });
    expect(versions.body[0].commitId).toBe(old);
  }, 60_000);
});
