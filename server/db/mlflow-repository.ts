// Experiment tracking's statements: experiments, runs and what runs log. Searches are built from
// the parsed filter (services/mlflow-search.ts) with every value bound, never spliced.
import type { Comparison, Ordering } from '../services/mlflow-search';
import type { Db } from './database';

export interface ExperimentRow {
  id: number;
  projectId: string;
  name: string;
  isDefault: boolean;
  lifecycleStage: 'active' | 'deleted';
  createdAt: number;
  updatedAt: number;
}

export interface RunRow {
  id: string;
  experimentId: number;
  projectId: string;
  jobId: string | null;
  userId: string;
  userName: string;
  name: string;
  status: string;
  startTime: number;
  endTime: number | null;
  artifactUri: string;
  lifecycleStage: 'active' | 'deleted';
}

export interface MetricRow {
  key: string;
  value: number | null;
  timestamp: number;
  step: number;
}
export interface KeyValueRow {
  key: string;
  value: string;
}
export interface InputRow {
  digest: string;
  name: string;
  datasetJson: string;
  tagsJson: string;
}
export interface RunData {
  metrics: MetricRow[];
  params: KeyValueRow[];
  tags: KeyValueRow[];
  inputs: InputRow[];
}

type ExperimentDbRow = { id: number; project_id: string; name: string; is_default: number; lifecycle_stage: string; created_at: number; updated_at: number };
type RunDbRow = {
  id: string;
  experiment_id: number;
  project_id: string;
  job_id: string | null;
  user_id: string;
  user_name: string;
  name: string;
  status: string;
  start_time: number;
  end_time: number | null;
  artifact_uri: string;
  lifecycle_stage: string;
};

const toExperiment = (row: ExperimentDbRow): ExperimentRow => ({
  id: row.id,
  projectId: row.project_id,
  name: row.name,
  isDefault: row.is_default === 1,
  lifecycleStage: row.lifecycle_stage as ExperimentRow['lifecycleStage'],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});
const toRun = (row: RunDbRow): RunRow => ({
  id: row.id,
  experimentId: row.experiment_id,
  projectId: row.project_id,
  jobId: row.job_id,
  userId: row.user_id,
  userName: row.user_name,
  name: row.name,
  status: row.status,
  startTime: row.start_time,
  endTime: row.end_time,
  artifactUri: row.artifact_uri,
  lifecycleStage: row.lifecycle_stage as RunRow['lifecycleStage'],
});

const RUN_COLUMNS: Record<string, string> = {
  run_id: 'r.id',
  run_name: 'r.name',
  status: 'r.status',
  user_id: 'r.user_name',
  artifact_uri: 'r.artifact_uri',
  start_time: 'r.start_time',
  end_time: 'r.end_time',
};
const EXPERIMENT_COLUMNS: Record<string, string> = {
  name: 'e.name',
  experiment_id: 'e.id',
  creation_time: 'e.created_at',
  last_update_time: 'e.updated_at',
};
const LIFECYCLE: Record<'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL', string[]> = {
  ACTIVE_ONLY: ['active'],
  DELETED_ONLY: ['deleted'],
  ALL: ['active', 'deleted'],
};

/**
 * SQL for one comparison against a column. MLflow's LIKE is case-sensitive and SQLite's is not,
 * so LIKE runs as the equivalent GLOB; ILIKE is SQLite's LIKE.
 */
function compare(column: string, comparison: Comparison, args: unknown[]): string {
  const { comparator, value } = comparison;
  if (comparator === 'IN' || comparator === 'NOT IN') {
    const list = value as string[];
    args.push(...list);
    return `${column} ${comparator} (${list.map(() => '?').join(', ')})`;
  }
  if (comparator === 'LIKE') {
    args.push(likeToGlob(String(value)));
    return `${column} GLOB ?`;
  }
  args.push(value);
  return comparator === 'ILIKE' ? `${column} LIKE ?` : `${column} ${comparator} ?`;
}

/** A LIKE pattern (`%` any run, `_` one character) as a GLOB, the GLOB's own wildcards escaped. */
function likeToGlob(pattern: string): string {
  return [...pattern].map((c) => (c === '%' ? '*' : c === '_' ? '?' : c === '*' || c === '?' || c === '[' ? `[${c}]` : c)).join('');
}

export type MlflowRepository = ReturnType<typeof mlflowRepository>;

export function mlflowRepository(db: Db) {
  const experimentById = db.prepare<[number], ExperimentDbRow>('SELECT * FROM mlflow_experiments WHERE id = ?');
  const defaultExperiment = db.prepare<[string], ExperimentDbRow>('SELECT * FROM mlflow_experiments WHERE project_id = ? AND is_default = 1');
  const experimentByName = db.prepare<[string, string], ExperimentDbRow>('SELECT * FROM mlflow_experiments WHERE project_id = ? AND name = ?');
  const insertExperiment = db.prepare<[string, string, number, number, number]>(
    'INSERT INTO mlflow_experiments (project_id, name, is_default, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  );
  const touchExperiment = db.prepare<[number, number]>('UPDATE mlflow_experiments SET updated_at = max(updated_at, ?) WHERE id = ?');
  const setExperimentTag = db.prepare<[number, string, string]>(
    'INSERT INTO mlflow_experiment_tags (experiment_id, key, value) VALUES (?, ?, ?) ON CONFLICT (experiment_id, key) DO UPDATE SET value = excluded.value',
  );
  const experimentTags = db.prepare<[number], KeyValueRow>('SELECT key, value FROM mlflow_experiment_tags WHERE experiment_id = ? ORDER BY key');

  const runById = db.prepare<[string], RunDbRow>('SELECT * FROM mlflow_runs WHERE id = ?');
  const runsOfJob = db.prepare<[string], RunDbRow>('SELECT * FROM mlflow_runs WHERE job_id = ? ORDER BY start_time, id');
  // A project's active runs across its experiments, newest first (the project-experiment-runs extension).
  const runsOfProject = db.prepare<[string, number, number], RunDbRow & { experiment_name: string }>(
    `SELECT r.*, e.name AS experiment_name FROM mlflow_runs r JOIN mlflow_experiments e ON e.id = r.experiment_id
     WHERE r.project_id = ? AND r.lifecycle_stage = 'active' ORDER BY r.start_time DESC, r.id LIMIT ? OFFSET ?`,
  );
  const countRunsOfProject = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM mlflow_runs WHERE project_id = ? AND lifecycle_stage = 'active'");
  const insertRun = db.prepare(
    `INSERT INTO mlflow_runs (id, experiment_id, project_id, job_id, user_id, user_name, name, status, start_time, artifact_uri)
     VALUES (@id, @experimentId, @projectId, @jobId, @userId, @userName, @name, @status, @startTime, @artifactUri)`,
  );
  const updateRun = db.prepare<{ id: string; status: string | null; endTime: number | null; name: string | null }>(
    `UPDATE mlflow_runs SET status = coalesce(@status, status), end_time = coalesce(@endTime, end_time), name = coalesce(@name, name) WHERE id = @id`,
  );
  const param = db.prepare<[string, string], { value: string }>('SELECT value FROM mlflow_params WHERE run_id = ? AND key = ?');
  const insertParam = db.prepare<[string, string, string]>('INSERT INTO mlflow_params (run_id, key, value) VALUES (?, ?, ?)');
  const setTag = db.prepare<[string, string, string]>(
    'INSERT INTO mlflow_tags (run_id, key, value) VALUES (?, ?, ?) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value',
  );
  const insertMetric = db.prepare<[string, string, number | null, number, number]>(
    'INSERT INTO mlflow_metrics (run_id, key, value, timestamp, step) VALUES (?, ?, ?, ?, ?)',
  );
  // MLflow's "latest" value of a key: the highest step, then the latest timestamp, then the largest value.
  const upsertLatest = db.prepare<[string, string, number | null, number, number]>(
    `INSERT INTO mlflow_latest_metrics (run_id, key, value, timestamp, step) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value, timestamp = excluded.timestamp, step = excluded.step
     WHERE (excluded.step, excluded.timestamp, coalesce(excluded.value, -1e308)) >= (step, timestamp, coalesce(value, -1e308))`,
  );
  const insertModel = db.prepare<[string, string | null, string]>('INSERT INTO mlflow_logged_models (run_id, artifact_path, model_json) VALUES (?, ?, ?)');
  const upsertInput = db.prepare<[string, string, string, string, string]>(
    `INSERT INTO mlflow_inputs (run_id, digest, name, dataset_json, tags_json) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (run_id, name, digest) DO UPDATE SET dataset_json = excluded.dataset_json, tags_json = excluded.tags_json`,
  );
  const latestMetrics = db.prepare<[string], MetricRow>('SELECT key, value, timestamp, step FROM mlflow_latest_metrics WHERE run_id = ? ORDER BY key');
  const params = db.prepare<[string], KeyValueRow>('SELECT key, value FROM mlflow_params WHERE run_id = ? ORDER BY key');
  const tags = db.prepare<[string], KeyValueRow>('SELECT key, value FROM mlflow_tags WHERE run_id = ? ORDER BY key');
  const inputs = db.prepare<[string], { digest: string; name: string; dataset_json: string; tags_json: string }>(
    'SELECT digest, name, dataset_json, tags_json FROM mlflow_inputs WHERE run_id = ? ORDER BY name, digest',
  );
  const history = db.prepare<[string, string, number, number], MetricRow>(
    'SELECT key, value, timestamp, step FROM mlflow_metrics WHERE run_id = ? AND key = ? ORDER BY step, timestamp, seq LIMIT ? OFFSET ?',
  );
  const models = db.prepare<[string], { artifact_path: string | null; model_json: string }>(
    'SELECT artifact_path, model_json FROM mlflow_logged_models WHERE run_id = ? ORDER BY seq',
  );

  return {
    experiment(id: number): ExperimentRow | undefined {
      const row = experimentById.get(id);
      return row && toExperiment(row);
    },
    experimentByName(projectId: string, name: string): ExperimentRow | undefined {
      const row = experimentByName.get(projectId, name);
      return row && toExperiment(row);
    },
    /** The project's Default experiment, made the first time it is needed. */
    defaultExperiment(projectId: string, now: number): ExperimentRow {
      const existing = defaultExperiment.get(projectId);
      if (existing) return toExperiment(existing);
      insertExperiment.run(projectId, 'Default', 1, now, now);
      return toExperiment(defaultExperiment.get(projectId)!);
    },
    insertExperiment(projectId: string, name: string, now: number, tagList: readonly KeyValueRow[]): number {
      return db.transaction(() => {
        const id = Number(insertExperiment.run(projectId, name, 0, now, now).lastInsertRowid);
        for (const tag of tagList) setExperimentTag.run(id, tag.key, tag.value);
        return id;
      })();
    },
    experimentTags(id: number): KeyValueRow[] {
      return experimentTags.all(id);
    },
    touchExperiment(id: number, now: number): void {
      touchExperiment.run(now, id);
    },
    searchExperiments(options: {
      projectId: string;
      comparisons: readonly Comparison[];
      orderBy: readonly Ordering[];
      viewType: keyof typeof LIFECYCLE;
      limit: number;
      offset: number;
    }): ExperimentRow[] {
      const args: unknown[] = [options.projectId, ...LIFECYCLE[options.viewType]];
      const where = [`e.project_id = ?`, `e.lifecycle_stage IN (${LIFECYCLE[options.viewType].map(() => '?').join(', ')})`];
      for (const comparison of options.comparisons) {
        if (comparison.entity === 'tag') {
          const inner: unknown[] = [comparison.key];
          const condition = compare('t.value', comparison, inner);
          where.push(`EXISTS (SELECT 1 FROM mlflow_experiment_tags t WHERE t.experiment_id = e.id AND t.key = ? AND ${condition})`);
          args.push(...inner);
        } else where.push(compare(EXPERIMENT_COLUMNS[comparison.key]!, comparison, args));
      }
      const order = options.orderBy.map((o) => `${EXPERIMENT_COLUMNS[o.key]} ${o.descending ? 'DESC' : 'ASC'}`);
      if (order.length === 0) order.push('e.updated_at DESC');
      order.push('e.id ASC');
      args.push(options.limit, options.offset);
      const sql = `SELECT e.* FROM mlflow_experiments e WHERE ${where.join(' AND ')} ORDER BY ${order.join(', ')} LIMIT ? OFFSET ?`;
      return db
        .prepare<unknown[], ExperimentDbRow>(sql)
        .all(...args)
        .map(toExperiment);
    },

    run(id: string): RunRow | undefined {
      const row = runById.get(id);
      return row && toRun(row);
    },
    /** The runs a job recorded, oldest first. */
    runsOfJob(jobId: string): RunRow[] {
      return runsOfJob.all(jobId).map(toRun);
    },
    /** A page of the project's active runs, newest first, each with its experiment's name. */
    runsOfProject(projectId: string, limit: number, offset: number): { rows: Array<RunRow & { experimentName: string }>; total: number } {
      const rows = runsOfProject.all(projectId, limit, offset).map((row) => ({ ...toRun(row), experimentName: row.experiment_name }));
      return { rows, total: countRunsOfProject.get(projectId)!.n };
    },
    insertRun(run: Omit<RunRow, 'endTime' | 'lifecycleStage'>, tagList: readonly KeyValueRow[]): void {
      db.transaction(() => {
        insertRun.run(run);
        for (const tag of tagList) setTag.run(run.id, tag.key, tag.value);
        touchExperiment.run(run.startTime, run.experimentId);
      })();
    },
    updateRun(id: string, change: { status?: string; endTime?: number; name?: string }): void {
      updateRun.run({ id, status: change.status ?? null, endTime: change.endTime ?? null, name: change.name ?? null });
    },
    param(runId: string, key: string): string | undefined {
      return param.get(runId, key)?.value;
    },
    /** One batch, all or nothing: params (new keys only; the caller checked), tags, metrics. */
    logBatch(runId: string, batch: { params: readonly KeyValueRow[]; tags: readonly KeyValueRow[]; metrics: readonly MetricRow[] }): void {
      db.transaction(() => {
        for (const p of batch.params) if (param.get(runId, p.key) === undefined) insertParam.run(runId, p.key, p.value);
        for (const t of batch.tags) setTag.run(runId, t.key, t.value);
        for (const m of batch.metrics) {
          insertMetric.run(runId, m.key, m.value, m.timestamp, m.step);
          upsertLatest.run(runId, m.key, m.value, m.timestamp, m.step);
        }
      })();
    },
    logModel(runId: string, artifactPath: string | null, modelJson: string): void {
      insertModel.run(runId, artifactPath, modelJson);
    },
    loggedModels(runId: string): Array<{ artifactPath: string | null; modelJson: string }> {
      return models.all(runId).map((row) => ({ artifactPath: row.artifact_path, modelJson: row.model_json }));
    },
    logInputs(runId: string, list: readonly InputRow[]): void {
      db.transaction(() => {
        for (const input of list) upsertInput.run(runId, input.digest, input.name, input.datasetJson, input.tagsJson);
      })();
    },
    runData(runId: string): RunData {
      return {
        metrics: latestMetrics.all(runId),
        params: params.all(runId),
        tags: tags.all(runId),
        inputs: inputs.all(runId).map((row) => ({ digest: row.digest, name: row.name, datasetJson: row.dataset_json, tagsJson: row.tags_json })),
      };
    },
    metricHistory(runId: string, key: string, limit: number, offset: number): MetricRow[] {
      return history.all(runId, key, limit, offset);
    },
    searchRuns(options: {
      experimentIds: readonly number[];
      comparisons: readonly Comparison[];
      orderBy: readonly Ordering[];
      viewType: keyof typeof LIFECYCLE;
      limit: number;
      offset: number;
    }): RunRow[] {
      const args: unknown[] = [...options.experimentIds, ...LIFECYCLE[options.viewType]];
      const where = [
        `r.experiment_id IN (${options.experimentIds.map(() => '?').join(', ')})`,
        `r.lifecycle_stage IN (${LIFECYCLE[options.viewType].map(() => '?').join(', ')})`,
      ];
      const table = { metric: 'mlflow_latest_metrics', param: 'mlflow_params', tag: 'mlflow_tags' } as const;
      for (const comparison of options.comparisons) {
        if (comparison.entity === 'attribute') {
          where.push(compare(RUN_COLUMNS[comparison.key]!, comparison, args));
          continue;
        }
        const inner: unknown[] = [comparison.key];
        const condition = compare('x.value', comparison, inner);
        where.push(`EXISTS (SELECT 1 FROM ${table[comparison.entity]} x WHERE x.run_id = r.id AND x.key = ? AND ${condition})`);
        args.push(...inner);
      }
      // Sorting by a logged value: runs without it come last, whichever the direction (as MLflow).
      const order: string[] = [];
      const orderArgs: unknown[] = [];
      for (const o of options.orderBy) {
        const direction = o.descending ? 'DESC' : 'ASC';
        if (o.entity === 'attribute') order.push(`${RUN_COLUMNS[o.key]} IS NULL, ${RUN_COLUMNS[o.key]} ${direction}`);
        else {
          const value = `(SELECT x.value FROM ${table[o.entity]} x WHERE x.run_id = r.id AND x.key = ?)`;
          order.push(`${value} IS NULL, ${value} ${direction}`);
          orderArgs.push(o.key, o.key);
        }
      }
      if (order.length === 0) order.push('r.start_time DESC');
      order.push('r.id ASC');
      const sql = `SELECT r.* FROM mlflow_runs r WHERE ${where.join(' AND ')} ORDER BY ${order.join(', ')} LIMIT ? OFFSET ?`;
      return db
        .prepare<unknown[], RunDbRow>(sql)
        .all(...args, ...orderArgs, options.limit, options.offset)
        .map(toRun);
    },
  };
}
