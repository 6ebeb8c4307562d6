// Helpers for the Model API tests: an environment that built, a project with model code, an API
// on it, and a prediction followed to its end.
import { expect } from 'vitest';
import { builtRevision, newEnvironment } from './environment-fixtures';
import { projectWithFiles, type TestProject } from './fixtures';
import type { TestServer, TestUser } from './helper';

export const MODEL_APIS = '/api/modelServing/v1/modelApis';
export const ASYNC = '/api/modelApis/async/v1';

/** A model file with functions that behave in each way the tests need. */
export const MODEL_PY = `import time

def predict(tenure_months, monthly_spend=0):
    return {"score": round(0.001 * monthly_spend / (1 + tenure_months), 4)}

def echo(**kwargs):
    return kwargs

def scalar(x):
    return x * 2

def boom(x):
    raise ValueError(f"cannot score {x}")

def hang(x):
    time.sleep(600)

def spin(x):
    while True:
        pass
`;

/** An environment whose revision has built (Model APIs run on one). */
export async function builtEnvironment(server: TestServer, as: TestUser): Promise<string> {
  const env = await newEnvironment(server, as, { visibility: 'global' });
  const revision = await builtRevision(server, as, env.id, env.latestRevision!.id);
  expect(revision.status, JSON.stringify(revision)).toBe('succeeded');
  return env.id;
}

export async function modelProject(server: TestServer, owner: TestUser): Promise<TestProject> {
  return projectWithFiles(server, owner, { 'model.py': MODEL_PY });
}

let apiCount = 0;

export async function newModelApi(
  server: TestServer,
  as: TestUser,
  projectId: string,
  environmentId: string,
  options: { function?: string; isAsync?: boolean; replicas?: number; timeoutSecs?: number; name?: string } = {},
): Promise<{ id: string; activeVersion?: { id: string } }> {
  const res = await server.call(as, {
    method: 'POST',
    url: MODEL_APIS,
    payload: {
      name: options.name ?? `api-${++apiCount}`,
      description: 'scores things',
      environmentId,
      isAsync: options.isAsync ?? true,
      strictNodeAntiAffinity: false,
      environmentVariables: [{ key: 'GREETING', value: 'hello' }],
      replicas: options.replicas ?? 1,
      ...(options.timeoutSecs ? { overrideRequestTimeoutSecs: options.timeoutSecs } : {}),
      version: {
        projectId,
        source: { type: 'File', file: 'model.py', function: options.function ?? 'predict' },
        logHttpRequestResponse: false,
        monitoringEnabled: false,
      },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export async function submit(server: TestServer, as: TestUser | string, apiId: string, parameters: unknown) {
  return server.call(as, { method: 'POST', url: `${ASYNC}/${apiId}`, payload: { parameters } });
}

/** Polls a prediction until it is Succeeded or Failed. */
export async function settled(server: TestServer, as: TestUser | string, apiId: string, predictionId: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await server.call(as, { method: 'GET', url: `${ASYNC}/${apiId}/${predictionId}` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    if (res.body.status === 'Succeeded' || res.body.status === 'Failed') return res.body;
    if (Date.now() > until) throw new Error(`prediction ${predictionId} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Submits, expecting it accepted, and follows it to its end. */
export async function predict(server: TestServer, as: TestUser | string, apiId: string, parameters: unknown, timeoutMs?: number) {
  const res = await submit(server, as, apiId, parameters);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return settled(server, as, apiId, res.body.asyncPredictionId, timeoutMs);
}
