// What the registry tests need from experiment tracking: runs recorded by real jobs through
// MLflow's protocol, with the logged models they ask for (a standard-library Python client: MLflow
// cannot be installed here).
import { expect } from 'vitest';
import { finishedJob, putFile, startJob, stdOut } from './fixtures';
import type { TestServer, TestUser } from './helper';

/** A Python prelude: `call(method, endpoint, body, query)` against the job's MLFLOW_TRACKING_URI. */
export const PYTHON_MLFLOW_CLIENT = String.raw`
import json, os, sys, time, urllib.error, urllib.parse, urllib.request

BASE = os.environ["MLFLOW_TRACKING_URI"].rstrip("/") + "/api/2.0/mlflow/"
HEADERS = {"Authorization": "Bearer " + os.environ["MLFLOW_TRACKING_TOKEN"], "Content-Type": "application/json"}

def call(method, endpoint, body=None, query=None):
    url = BASE + endpoint + ("?" + urllib.parse.urlencode(query) if query else "")
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=HEADERS)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
`;

/** Logs one run with `argv[1]` models (model, model-2, ...), an accuracy metric and params; prints its id. */
const LOG_MODELS = `${PYTHON_MLFLOW_CLIENT}
count = int(sys.argv[1])
accuracy = float(sys.argv[2]) if len(sys.argv) > 2 else 0.9
status, body = call("POST", "runs/create", {"experiment_id": "0", "start_time": int(time.time() * 1000)})
run = body["run"]["info"]
call("POST", "runs/log-batch", {"run_id": run["run_id"], "params": [{"key": "max_depth", "value": "3"}],
     "metrics": [{"key": "accuracy", "value": accuracy, "timestamp": int(time.time() * 1000), "step": 0}]})
root = urllib.parse.urlparse(run["artifact_uri"]).path
for i in range(count):
    name = "model" if i == 0 else "model-%d" % (i + 1)
    os.makedirs(os.path.join(root, name))
    with open(os.path.join(root, name, "MLmodel"), "w") as f:
        f.write("artifact_path: %s\\nflavors:\\n  python_function: {}\\n" % name)
    call("POST", "runs/log-model", {"run_id": run["run_id"], "model_json": json.dumps({"artifact_path": name})})
os.makedirs(os.path.join(root, "plots"), exist_ok=True)
with open(os.path.join(root, "plots", "roc.txt"), "w") as f:
    f.write("not a model")
call("POST", "runs/update", {"run_id": run["run_id"], "status": "FINISHED", "end_time": int(time.time() * 1000)})
print(run["run_id"])
`;

const installed = new WeakMap<TestServer, Set<string>>();

/** A finished job's run that logged `models` models; its id. */
export async function runWithModels(server: TestServer, as: TestUser, projectId: string, models: number, accuracy = 0.9): Promise<string> {
  const seen = installed.get(server) ?? new Set<string>();
  installed.set(server, seen);
  if (!seen.has(projectId)) {
    await putFile(server, as, projectId, 'log_models.py', LOG_MODELS);
    seen.add(projectId);
  }
  const job = await finishedJob(server, as, await startJob(server, as, projectId, `log_models.py ${models} ${accuracy}`));
  const out = await stdOut(server, as, job.id);
  expect(job.status.executionStatus, out.join('\n')).toBe('Succeeded');
  return out.at(-1)!;
}
