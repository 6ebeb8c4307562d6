// The demo's model registry: real training jobs log runs through MLflow's protocol, their models
// are registered with versions in different stages, and reviews are in every state — one waiting
// for the demo admin, one for another demo person, an approved and a canceled one in history.
// It fills in in the background (the jobs take seconds); a restart before it finished goes on.
import type { ServerContext } from '../context';
import { readSetting, writeSetting } from '../db/database';
import { MAIN_BRANCH } from '../git/git-repositories';
import { startJob } from '../services/jobs';
import { authorOf } from '../services/projects';
import { createModelFromRun, createReview, createVersion, respondToReview, updateReview, updateVersion } from '../services/registry';
import { createModelApi, generateAccessToken, requestPrediction } from '../services/model-apis';
import { asActor } from './demo-workspace';

const REGISTRY_SETTING = 'demo.registry';

/** A training script: logs params and an AUC curve, writes a small model with its MLmodel file. */
const TRAIN_AND_LOG_PY = String.raw`"""Trains a model and records the run with MLflow's tracking protocol (stdlib only)."""
import json, math, os, random, sys, time, urllib.parse, urllib.request

BASE = os.environ["MLFLOW_TRACKING_URI"].rstrip("/") + "/api/2.0/mlflow/"
HEADERS = {"Authorization": "Bearer " + os.environ["MLFLOW_TRACKING_TOKEN"], "Content-Type": "application/json"}

def call(endpoint, body):
    request = urllib.request.Request(BASE + endpoint, data=json.dumps(body).encode(), method="POST", headers=HEADERS)
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())

model, depth, target = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
random.seed(depth)
now = lambda: int(time.time() * 1000)
run = call("runs/create", {"experiment_id": "0", "run_name": f"{model}-depth{depth}", "start_time": now(),
                           "tags": [{"key": "mlflow.source.name", "value": "train_and_log.py"}]})["run"]["info"]
call("runs/log-batch", {"run_id": run["run_id"], "params": [{"key": "model", "value": model}, {"key": "max_depth", "value": str(depth)},
                        {"key": "learning_rate", "value": "0.05"}]})
metrics = []
for step in range(20):
    auc = target - (target - 0.5) * math.exp(-step / 4) + random.uniform(-0.004, 0.004)
    metrics.append({"key": "val_auc", "value": round(auc, 4), "timestamp": now(), "step": step})
    metrics.append({"key": "train_loss", "value": round(0.7 * math.exp(-step / 5) + 0.05, 4), "timestamp": now(), "step": step})
metrics.append({"key": "val_auc", "value": target, "timestamp": now(), "step": 20})
call("runs/log-batch", {"run_id": run["run_id"], "metrics": metrics})
root = os.path.join(urllib.parse.urlparse(run["artifact_uri"]).path, "model")
os.makedirs(root)
with open(os.path.join(root, "MLmodel"), "w") as f:
    f.write(f"artifact_path: model\nflavors:\n  python_function:\n    loader_module: predict\nrun_id: {run['run_id']}\n")
with open(os.path.join(root, "predict.py"), "w") as f:
    f.write(f"def predict(tenure_months, monthly_spend):\n    return {{'score': round(min(1.0, 0.02 * {depth} + 0.001 * monthly_spend / (1 + tenure_months)), 4)}}\n")
call("runs/log-model", {"run_id": run["run_id"], "model_json": json.dumps({"artifact_path": "model", "flavors": {"python_function": {}}})})
call("runs/update", {"run_id": run["run_id"], "status": "FINISHED", "end_time": now()})
print(f"logged run {run['run_id']} ({model}, val_auc={target})")
`;

interface Training {
  project: string;
  starter: string;
  args: string;
  title: string;
}

const TRAININGS: Training[] = [
  { project: 'customer-churn', starter: 'maya.chen', args: 'logreg 2 0.781', title: 'Train churn logistic regression' },
  { project: 'customer-churn', starter: 'omar.haddad', args: 'xgboost 4 0.823', title: 'Train churn XGBoost' },
  { project: 'customer-churn', starter: 'omar.haddad', args: 'xgboost 6 0.841', title: 'Train churn XGBoost (deeper)' },
  { project: 'credit-risk-scoring', starter: 'omar.haddad', args: 'gbm 3 0.744', title: 'Train PD model' },
  { project: 'credit-risk-scoring', starter: 'omar.haddad', args: 'gbm 5 0.768', title: 'Train PD model (monotonic)' },
];

function userNamed(ctx: ServerContext, userName: string) {
  const user = ctx.users.findByUserName(userName);
  if (!user) throw new Error(`the demo has no user ${userName}`);
  return user;
}

function projectNamed(ctx: ServerContext, name: string) {
  const row = ctx.db.prepare<[string], { id: string }>('SELECT id FROM projects WHERE name = ? AND is_archived = 0').get(name);
  if (!row) throw new Error(`the demo has no project ${name}`);
  return ctx.projects.findById(row.id)!;
}

/** Runs the trainings as real jobs (in order: each its own run), and answers their run ids. */
async function train(ctx: ServerContext): Promise<string[]> {
  const runIds: string[] = [];
  const committed = new Set<string>();
  for (const training of TRAININGS) {
    const project = projectNamed(ctx, training.project);
    const starter = asActor(userNamed(ctx, training.starter));
    if (!committed.has(project.id)) {
      await ctx.git.commitFiles(project.id, {
        branch: MAIN_BRANCH,
        files: [{ path: 'train_and_log.py', content: Buffer.from(TRAIN_AND_LOG_PY) }],
        message: 'Add train_and_log.py',
        author: authorOf(ctx, starter.id),
      });
      committed.add(project.id);
    }
    // Run at once, not behind the demo's hour-long live jobs in the queue.
    const job = await startJob(
      ctx,
      starter,
      { projectId: project.id, runCommand: `python3 train_and_log.py ${training.args}`, title: training.title },
      { runNowWith: ctx.runner },
    );
    await ctx.runner.settled(job.id);
    const run = ctx.mlflow.runsOfJob(job.id)[0];
    if (!run) throw new Error(`the demo training "${training.title}" recorded no run (job ${job.id} ended ${ctx.jobs.findById(job.id)?.status})`);
    runIds.push(run.id);
  }
  return runIds;
}

async function register(ctx: ServerContext, runIds: string[]): Promise<void> {
  const as = (userName: string) => asActor(userNamed(ctx, userName));
  const admin = ctx.users.firstAdmin()!;
  const [churn1, churn2, churn3, credit1, credit2] = runIds as [string, string, string, string, string];

  // Churn: v1 in Production (moved directly by the owner), v2 approved into Staging, v3 waiting for Lena.
  await createModelFromRun(ctx, as('maya.chen'), {
    modelName: 'churn-predictor',
    experimentRunId: churn1,
    discoverable: true,
    description: 'Scores each subscriber’s risk of cancelling in the next 30 days.',
    tags: { team: 'growth', target: 'churn_30d' },
  });
  await createVersion(ctx, as('omar.haddad'), 'churn-predictor', {
    experimentRunId: churn2,
    artifact: 'model',
    description: 'XGBoost, depth 4: +4 AUC points',
  });
  await createVersion(ctx, as('omar.haddad'), 'churn-predictor', { experimentRunId: churn3, artifact: 'model', description: 'XGBoost, depth 6' });
  updateVersion(ctx, as('maya.chen'), 'churn-predictor', 1, 'Production');
  const approved = createReview(ctx, as('omar.haddad'), 'churn-predictor', 2, {
    targetStage: 'Staging',
    reviewers: [{ userId: userNamed(ctx, 'maya.chen').id }],
    notes: 'Beats the baseline on every segment; calibration plot in the run.',
  });
  respondToReview(ctx, as('maya.chen'), 'churn-predictor', 2, approved.modelReviewId, { decision: 'Approved', notes: 'Looks good for staging.' });
  createReview(ctx, as('omar.haddad'), 'churn-predictor', 3, {
    targetStage: 'Production',
    reviewers: [{ userId: userNamed(ctx, 'lena.fischer').id }, { userId: userNamed(ctx, 'maya.chen').id }],
    notes: 'Deeper trees: +1.8 AUC points over v2. Please check the holdout report.',
  });

  // Credit: v1 in Production after a canceled review; v2 waits for the demo admin and Omar.
  await createModelFromRun(ctx, as('omar.haddad'), {
    modelName: 'credit-pd-model',
    experimentRunId: credit1,
    discoverable: false,
    description: 'Probability of default for small-business loans. Regulated: every version is reviewed.',
    tags: { regulated: 'yes' },
  });
  const canceled = createReview(ctx, as('maya.chen'), 'credit-pd-model', 1, {
    targetStage: 'Staging',
    reviewers: [{ userId: userNamed(ctx, 'omar.haddad').id }],
    notes: 'First cut.',
  });
  updateReview(ctx, as('maya.chen'), 'credit-pd-model', 1, canceled.modelReviewId, {
    status: 'Canceled',
    notes: 'Withdrawn: the fairness analysis is not done yet.',
  });
  updateVersion(ctx, as('omar.haddad'), 'credit-pd-model', 1, 'Production');
  await createVersion(ctx, as('omar.haddad'), 'credit-pd-model', {
    experimentRunId: credit2,
    artifact: 'model',
    description: 'Monotonic constraint on income',
  });
  createReview(ctx, as('maya.chen'), 'credit-pd-model', 2, {
    targetStage: 'Production',
    reviewers: [{ userId: admin.id }, { userId: userNamed(ctx, 'omar.haddad').id }],
    notes: 'Monotonic in income as the regulator asked; AUC 0.768 vs 0.744.',
  });
}

/** The demo's customers, scored by the churn model's Model API. */
const DEMO_CUSTOMERS = [
  { tenure_months: 2, monthly_spend: 89 },
  { tenure_months: 14, monthly_spend: 45 },
  { tenure_months: 36, monthly_spend: 120 },
  { tenure_months: 1, monthly_spend: 300 },
  { tenure_months: 7, monthly_spend: 15 },
];

/**
 * An async Model API serving churn-predictor v1 (in Production) on the standard environment, an
 * access token, and a few predictions, which its worker then runs.
 */
async function serveChurn(ctx: ServerContext): Promise<void> {
  const maya = asActor(userNamed(ctx, 'maya.chen'));
  const project = ctx.registry.modelByName('churn-predictor')!.projectId;
  const env = ctx.environments!.rows.page({ search: 'Domino Standard Environment' }, 0, 1).rows[0];
  if (!env) return;
  const api = await createModelApi(ctx, maya, {
    name: 'churn-scoring',
    description: 'Scores a subscriber’s 30-day churn risk from tenure and monthly spend (churn-predictor v1, in Production).',
    environmentId: env.id,
    isAsync: true,
    strictNodeAntiAffinity: false,
    environmentVariables: [{ key: 'SCORE_THRESHOLD', value: '0.5' }],
    replicas: 1,
    overrideRequestTimeoutSecs: 30,
    version: {
      projectId: project,
      source: { type: 'Registry', registeredModelName: 'churn-predictor', registeredModelVersion: 1 },
      description: 'churn-predictor v1',
      logHttpRequestResponse: false,
      monitoringEnabled: false,
      recordInvocation: false,
      shouldDeploy: true,
    },
  });
  generateAccessToken(ctx, maya, api.id);
  const row = ctx.modelApis.apiById(api.id)!;
  for (const parameters of DEMO_CUSTOMERS) await requestPrediction(ctx, row, maya.id, parameters, () => undefined);
}

/** Whether the demo registry was begun and not finished (a restart then goes on with it). */
export function demoRegistryUnfinished(ctx: ServerContext): boolean {
  return readSetting(ctx.db, REGISTRY_SETTING) === 'started';
}

/**
 * Trains and registers in the background. A restart part-way trains again from the start: runs
 * are cheap, and a model already registered by the earlier attempt is left as it is.
 */
export function seedDemoRegistry(ctx: ServerContext): Promise<void> {
  writeSetting(ctx.db, REGISTRY_SETTING, 'started');
  return (async () => {
    if (ctx.runner.sandbox().mode === 'unavailable') return;
    if (ctx.registry.modelByName('churn-predictor') || ctx.registry.modelByName('credit-pd-model')) {
      // A restart between the registrations and the Model API: the API is what is left to make.
      if (ctx.registry.modelByName('churn-predictor') && !ctx.modelApis.liveByName('churn-scoring')) await serveChurn(ctx);
      writeSetting(ctx.db, REGISTRY_SETTING, 'done');
      return;
    }
    const runIds = await train(ctx);
    await register(ctx, runIds);
    await serveChurn(ctx);
    writeSetting(ctx.db, REGISTRY_SETTING, 'done');
  })();
}
