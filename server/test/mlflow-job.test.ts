// A real job records a run the way MLflow 2.x's fluent client does (set_experiment, start_run,
// log_params / log_metric, log_model, end_run), with a standard-library Python client over the
// protocol: MLflow itself cannot be installed here. Its artifacts are files the job wrote.
import { describe, expect, it } from 'vitest';
import { MLFLOW_PREFIX } from '../../src/api/schemas/mlflow';
import { finishedJob, projectWithFiles, startJob, stdOut } from './fixtures';
import { startTestServer } from './helper';
import { PYTHON_MLFLOW_CLIENT } from './mlflow-fixtures';

const CLIENT = String.raw`${PYTHON_MLFLOW_CLIENT}
# mlflow.set_experiment("iris"): get-by-name, then create on RESOURCE_DOES_NOT_EXIST
status, body = call("GET", "experiments/get-by-name", query={"experiment_name": "iris"})
if status == 404 and body["error_code"] == "RESOURCE_DOES_NOT_EXIST":
    status, body = call("POST", "experiments/create", {"name": "iris"})
    experiment_id = body["experiment_id"]
else:
    experiment_id = body["experiment"]["experiment_id"]

now = int(time.time() * 1000)
status, body = call("POST", "runs/create", {"experiment_id": experiment_id, "start_time": now,
                    "tags": [{"key": "mlflow.source.name", "value": "train.py"}, {"key": "mlflow.source.type", "value": "LOCAL"}]})
run = body["run"]["info"]
run_id = run["run_id"]

call("POST", "runs/log-batch", {"run_id": run_id, "params": [{"key": "max_depth", "value": "3"}, {"key": "criterion", "value": "gini"}]})
for step, accuracy in enumerate([0.71, 0.84, 0.93]):
    call("POST", "runs/log-metric", {"run_id": run_id, "key": "accuracy", "value": accuracy, "timestamp": now + step, "step": step})

# mlflow.sklearn.log_model(model, "model"): the files go to the run's artifact directory, then log-model
model_dir = os.path.join(urllib.parse.urlparse(run["artifact_uri"]).path, "model")
os.makedirs(model_dir)
with open(os.path.join(model_dir, "MLmodel"), "w") as f:
    f.write("artifact_path: model\nflavors:\n  python_function:\n    loader_module: model\nrun_id: %s\n" % run_id)
with open(os.path.join(model_dir, "model.py"), "w") as f:
    f.write("def predict(x):\n    return x\n")
status, body = call("POST", "runs/log-model", {"run_id": run_id, "model_json": json.dumps({"artifact_path": "model", "run_id": run_id, "flavors": {"python_function": {}}})})
print("log-model", status)

status, body = call("POST", "runs/update", {"run_id": run_id, "status": "FINISHED", "end_time": int(time.time() * 1000)})
print("update", status, body["run_info"]["status"])
status, body = call("GET", "runs/get", query={"run_id": "f" * 32})
print("missing", status, body["error_code"])
print("run", run_id, experiment_id)
`;

describe('MLflow from a job', () => {
  it('tracks into the job’s project through its relay, links the run to the job, and keeps the artifacts in its output commit', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, { 'train.py': CLIENT });

    const job = await finishedJob(server, maya, await startJob(server, maya, project.id, 'train.py'));
    const out = await stdOut(server, maya, job.id);
    expect(job.status.executionStatus, out.join('\n')).toBe('Succeeded');
    expect(out.slice(0, 3)).toEqual(['log-model 200', 'update 200 FINISHED', 'missing 404 RESOURCE_DOES_NOT_EXIST']);
    const [, runId, experimentId] = out[3]!.split(' ');

    const got = await server.call(maya, { method: 'GET', url: `${MLFLOW_PREFIX}/projects/${project.id}/api/2.0/mlflow/runs/get?run_id=${runId}` });
    expect(got.status).toBe(200);
    expect(got.body.run.info).toMatchObject({ status: 'FINISHED', experiment_id: experimentId, user_id: 'maya' });
    expect(got.body.run.data.metrics).toEqual([{ key: 'accuracy', value: 0.93, timestamp: expect.any(Number), step: 2 }]);
    expect(got.body.run.data.params).toEqual([
      { key: 'criterion', value: 'gini' },
      { key: 'max_depth', value: '3' },
    ]);
    expect(got.body.run.data.tags).toEqual(expect.arrayContaining([{ key: 'domino.job_id', value: job.id }]));

    const artifact = `mlruns/${experimentId}/${runId}/artifacts/model/MLmodel`;
    const file = await server.call(maya, {
      method: 'GET',
      url: `/api/projects/beta/projects/${project.id}/files/${job.commitDetails.outputCommitId}/${artifact}/content`,
    });
    expect(file.status).toBe(200);
    expect(String(file.body)).toContain(`run_id: ${runId}`);
  });
});
