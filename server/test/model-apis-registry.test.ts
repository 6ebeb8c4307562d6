// Model APIs serving registered model versions: the version's logged-model directory (in its
// run's output commit) loaded through its MLmodel's python_function flavour, and the registry's
// modelapis endpoints answering from the Model APIs.
import { beforeAll, describe, expect, it } from 'vitest';
import { finishedJob, newProject, putFile, startJob, stdOut, type TestProject } from './fixtures';
import { startTestServer, type TestServer, type TestUser } from './helper';
import { PYTHON_MLFLOW_CLIENT, runWithModels } from './mlflow-fixtures';
import { builtEnvironment, MODEL_APIS, predict } from './model-api-fixtures';

/** Logs a run whose model/ has an MLmodel naming loader.py, whose _load_pyfunc reads the data file. */
const LOG_PYFUNC_MODEL = `${PYTHON_MLFLOW_CLIENT}
status, body = call("POST", "runs/create", {"experiment_id": "0", "start_time": int(time.time() * 1000)})
run = body["run"]["info"]
root = os.path.join(urllib.parse.urlparse(run["artifact_uri"]).path, "model")
os.makedirs(os.path.join(root, "code"))
with open(os.path.join(root, "MLmodel"), "w") as f:
    f.write("artifact_path: model\\nflavors:\\n  python_function:\\n    loader_module: loader\\n    code: code\\n    data: weights.json\\n    env: conda.yaml\\n  sklearn:\\n    pickled_model: model.pkl\\n")
with open(os.path.join(root, "weights.json"), "w") as f:
    json.dump({"slope": 3}, f)
with open(os.path.join(root, "code", "loader.py"), "w") as f:
    f.write("import json\\nclass Model:\\n    def __init__(self, slope):\\n        self.slope = slope\\n    def predict(self, x):\\n        return {'y': self.slope * x}\\ndef _load_pyfunc(path):\\n    return Model(json.load(open(path))['slope'])\\n")
call("POST", "runs/log-model", {"run_id": run["run_id"], "model_json": json.dumps({"artifact_path": "model"})})
call("POST", "runs/update", {"run_id": run["run_id"], "status": "FINISHED", "end_time": int(time.time() * 1000)})
print(run["run_id"])
`;

async function pyfuncRun(server: TestServer, as: TestUser, projectId: string): Promise<string> {
  await putFile(server, as, projectId, 'log_pyfunc.py', LOG_PYFUNC_MODEL);
  const job = await finishedJob(server, as, await startJob(server, as, projectId, 'log_pyfunc.py'));
  const out = await stdOut(server, as, job.id);
  expect(job.status.executionStatus, out.join('\n')).toBe('Succeeded');
  return out.at(-1)!;
}

async function register(server: TestServer, as: TestUser, modelName: string, runId: string) {
  const res = await server.call(as, { method: 'POST', url: '/api/registeredmodels/v1', payload: { modelName, experimentRunId: runId, discoverable: false } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

function registryBody(projectId: string, envId: string, name: string, modelName: string, version = 1) {
  return {
    name,
    environmentId: envId,
    isAsync: true,
    version: {
      projectId,
      source: { type: 'Registry', registeredModelName: modelName, registeredModelVersion: version },
      logHttpRequestResponse: false,
      monitoringEnabled: false,
    },
  };
}

describe('Model APIs from the registry', () => {
  let server: TestServer;
  let owner: TestUser;
  let envId: string;
  let project: TestProject;

  beforeAll(async () => {
    server = await startTestServer({ sharedByFile: true });
    owner = await server.newUser('registry-owner');
    envId = await builtEnvironment(server, server.admin);
    project = await newProject(server, owner);
    await register(server, owner, 'slope-model', await pyfuncRun(server, owner, project.id));
  }, 60_000);

  it('serves a python_function model through its loader module’s _load_pyfunc (code and data paths)', async () => {
    const res = await server.call(owner, { method: 'POST', url: MODEL_APIS, payload: registryBody(project.id, envId, 'slope-api', 'slope-model') });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await predict(server, owner, res.body.id, { x: 5 })).result).toEqual({ y: 15 });
    const versions = await server.call(owner, { method: 'GET', url: `${MODEL_APIS}/${res.body.id}/versions` });
    expect(versions.body[0].source).toEqual({ type: 'Registry', registeredModelName: 'slope-model', registeredModelVersion: 1, function: 'predict' });
    const build = await server.call(owner, { method: 'GET', url: `${MODEL_APIS}/${res.body.id}/versions/${versions.body[0].id}/buildLogs` });
    expect(build.body.logs.map((l: { log: string }) => l.log).join('\n')).toMatch(/loader_module loader, data weights.json/);

    // The registry answers from the Model APIs: by model, by version, and the list filter.
    const byModel = await server.call(owner, { method: 'GET', url: '/api/registeredmodels/v1/slope-model/modelapis' });
    expect(byModel.body.items).toMatchObject([{ id: res.body.id, name: 'slope-api', activeVersionNumber: 1, activeVersionStatus: 'Running' }]);
    const byVersion = await server.call(owner, { method: 'GET', url: '/api/registeredmodels/beta/slope-model/versions/1/modelapis' });
    expect(byVersion.body.items.map((a: { id: string }) => a.id)).toEqual([res.body.id]);
    expect((await server.call(owner, { method: 'GET', url: '/api/registeredmodels/beta/slope-model/versions/2/modelapis' })).status).toBe(404);
    const filtered = await server.call(owner, { method: 'GET', url: `${MODEL_APIS}?registeredModelName=slope-model&registeredModelVersion=1` });
    expect(filtered.body.items.map((a: { id: string }) => a.id)).toEqual([res.body.id]);
    expect((await server.call(owner, { method: 'GET', url: `${MODEL_APIS}?registeredModelName=slope-model&registeredModelVersion=2` })).body.items).toEqual([]);
    const ui = await server.call(owner, { method: 'GET', url: '/api/registeredmodels/v1/ui' });
    expect(ui.body.items.find((m: { name: string }) => m.name === 'slope-model')).toMatchObject({ modelApiCount: 1, predictionCount: 1 });
    // Others see nothing of it.
    const stranger = await server.newUser('registry-stranger');
    expect((await server.call(stranger, { method: 'GET', url: `${MODEL_APIS}?registeredModelName=slope-model` })).body.items).toEqual([]);
  });

  it('refuses what it cannot serve: no loader module, an unknown model or version, another project’s model', async () => {
    await register(server, owner, 'flow-style', await runWithModels(server, owner, project.id, 1));
    const noLoader = await server.call(owner, { method: 'POST', url: MODEL_APIS, payload: registryBody(project.id, envId, 'no-loader', 'flow-style') });
    expect(noLoader.status).toBe(400);
    expect(noLoader.body.errors[0]).toMatch(/python_function flavour names no loader_module/);
    expect((await server.call(owner, { method: 'POST', url: MODEL_APIS, payload: registryBody(project.id, envId, 'x', 'no-such-model') })).status).toBe(404);
    expect((await server.call(owner, { method: 'POST', url: MODEL_APIS, payload: registryBody(project.id, envId, 'x', 'slope-model', 9) })).status).toBe(404);
    const elsewhere = await newProject(server, owner);
    const wrongProject = await server.call(owner, { method: 'POST', url: MODEL_APIS, payload: registryBody(elsewhere.id, envId, 'x', 'slope-model') });
    expect(wrongProject.status).toBe(400);
    expect(wrongProject.body.errors[0]).toMatch(/belongs to another project/);
  });
});
