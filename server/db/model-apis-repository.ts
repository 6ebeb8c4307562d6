// Model APIs' statements: the APIs, their versions, their logs, the async prediction queue and
// the worker executions the cost engine reads.
import type { Db } from './database';

export interface ModelApiRow {
  id: string;
  name: string;
  description: string;
  projectId: string;
  environmentId: string;
  hardwareTierId: string;
  isAsync: boolean;
  strictNodeAntiAffinity: boolean;
  replicas: number;
  timeoutSecs: number;
  environmentVariables: Array<{ key: string; value: string }>;
  activeVersionId: string | null;
  isArchived: boolean;
  accessToken: { id: string; hash: string; created: number; createdBy: string; generated: number; generatedBy: string } | null;
  createdAt: number;
  createdBy: string;
  lastModified: number;
}

export interface ModelApiVersionRow {
  id: string;
  modelApiId: string;
  number: number;
  projectId: string;
  description: string;
  sourceType: 'File' | 'Registry';
  sourceFile: string | null;
  sourceFunction: string;
  registeredModelName: string | null;
  registeredModelVersion: number | null;
  entryPath: string;
  loaderModule: string | null;
  loaderCode: string | null;
  loaderData: string | null;
  commitId: string;
  environmentRevisionId: string;
  logHttp: boolean;
  monitoringEnabled: boolean;
  recordInvocation: boolean;
  buildStatus: 'Succeeded' | 'Failed';
  buildFailure: string | null;
  createdAt: number;
  createdBy: string;
}

export type LogKind = 'build' | 'instance' | 'export';
export interface ModelApiLogRow {
  timeNano: bigint;
  stream: string;
  line: string;
}

export type PredictionStatus = 'Pending' | 'Processing' | 'Succeeded' | 'Failed';
export interface PredictionRow {
  seq: number;
  id: string;
  modelApiId: string;
  versionId: string | null;
  parameters: string;
  status: PredictionStatus;
  result: string | null;
  error: string | null;
  attempts: number;
  submittedBy: string;
  submittedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface ExecutionRow {
  id: string;
  modelApiId: string;
  versionId: string;
  hardwareTierId: string;
  replica: number;
  pgid: number | null;
  startedAt: number;
  endedAt: number | null;
  endReason: string | null;
}

interface RawApi {
  id: string;
  name: string;
  description: string;
  project_id: string;
  environment_id: string;
  hardware_tier_id: string;
  is_async: number;
  strict_node_anti_affinity: number;
  replicas: number;
  timeout_secs: number;
  environment_variables: string;
  active_version_id: string | null;
  is_archived: number;
  access_token_id: string | null;
  access_token_hash: string | null;
  access_token_created: number | null;
  access_token_created_by: string | null;
  access_token_generated: number | null;
  access_token_generated_by: string | null;
  created_at: number;
  created_by: string;
  last_modified: number;
}

function toApi(r: RawApi): ModelApiRow {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    projectId: r.project_id,
    environmentId: r.environment_id,
    hardwareTierId: r.hardware_tier_id,
    isAsync: r.is_async === 1,
    strictNodeAntiAffinity: r.strict_node_anti_affinity === 1,
    replicas: r.replicas,
    timeoutSecs: r.timeout_secs,
    environmentVariables: JSON.parse(r.environment_variables) as ModelApiRow['environmentVariables'],
    activeVersionId: r.active_version_id,
    isArchived: r.is_archived === 1,
    accessToken:
      r.access_token_id && r.access_token_hash
        ? {
            id: r.access_token_id,
            hash: r.access_token_hash,
            created: r.access_token_created!,
            createdBy: r.access_token_created_by!,
            generated: r.access_token_generated!,
            generatedBy: r.access_token_generated_by!,
          }
        : null,
    createdAt: r.created_at,
    createdBy: r.created_by,
    lastModified: r.last_modified,
  };
}

interface RawVersion {
  id: string;
  model_api_id: string;
  number: number;
  project_id: string;
  description: string;
  source_type: 'File' | 'Registry';
  source_file: string | null;
  source_function: string;
  registered_model_name: string | null;
  registered_model_version: number | null;
  entry_path: string;
  loader_module: string | null;
  loader_code: string | null;
  loader_data: string | null;
  commit_id: string;
  environment_revision_id: string;
  log_http: number;
  monitoring_enabled: number;
  record_invocation: number;
  build_status: 'Succeeded' | 'Failed';
  build_failure: string | null;
  created_at: number;
  created_by: string;
}

function toVersion(r: RawVersion): ModelApiVersionRow {
  return {
    id: r.id,
    modelApiId: r.model_api_id,
    number: r.number,
    projectId: r.project_id,
    description: r.description,
    sourceType: r.source_type,
    sourceFile: r.source_file,
    sourceFunction: r.source_function,
    registeredModelName: r.registered_model_name,
    registeredModelVersion: r.registered_model_version,
    entryPath: r.entry_path,
    loaderModule: r.loader_module,
    loaderCode: r.loader_code,
    loaderData: r.loader_data,
    commitId: r.commit_id,
    environmentRevisionId: r.environment_revision_id,
    logHttp: r.log_http === 1,
    monitoringEnabled: r.monitoring_enabled === 1,
    recordInvocation: r.record_invocation === 1,
    buildStatus: r.build_status,
    buildFailure: r.build_failure,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

interface RawPrediction {
  seq: number;
  id: string;
  model_api_id: string;
  version_id: string | null;
  parameters: string;
  status: PredictionStatus;
  result: string | null;
  error: string | null;
  attempts: number;
  submitted_by: string;
  submitted_at: number;
  started_at: number | null;
  finished_at: number | null;
}

function toPrediction(r: RawPrediction): PredictionRow {
  return {
    seq: r.seq,
    id: r.id,
    modelApiId: r.model_api_id,
    versionId: r.version_id,
    parameters: r.parameters,
    status: r.status,
    result: r.result,
    error: r.error,
    attempts: r.attempts,
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

export interface ModelApiFilter {
  projectIds: readonly string[] | 'all';
  environmentId?: string;
  projectId?: string;
  registeredModelName?: string;
  registeredModelVersion?: number;
  includeArchived?: boolean;
}

export type ModelApisRepository = ReturnType<typeof modelApisRepository>;

export function modelApisRepository(db: Db) {
  const s = {
    insertApi: db.prepare(`
      INSERT INTO model_apis (id, name, description, project_id, environment_id, hardware_tier_id, is_async, strict_node_anti_affinity,
        replicas, timeout_secs, environment_variables, created_at, created_by, last_modified)
      VALUES (@id, @name, @description, @projectId, @environmentId, @hardwareTierId, @isAsync, @strictNodeAntiAffinity,
        @replicas, @timeoutSecs, @environmentVariables, @createdAt, @createdBy, @createdAt)`),
    apiById: db.prepare('SELECT * FROM model_apis WHERE id = ?'),
    liveByName: db.prepare('SELECT * FROM model_apis WHERE name = ? COLLATE NOCASE AND is_archived = 0'),
    updateApi: db.prepare(`
      UPDATE model_apis SET name = @name, description = @description, environment_id = @environmentId, hardware_tier_id = @hardwareTierId,
        replicas = @replicas, timeout_secs = @timeoutSecs, environment_variables = @environmentVariables, last_modified = @lastModified
      WHERE id = @id`),
    setActive: db.prepare('UPDATE model_apis SET active_version_id = ?, last_modified = ? WHERE id = ?'),
    archive: db.prepare('UPDATE model_apis SET is_archived = 1, replicas = 0, last_modified = ? WHERE id = ?'),
    setToken: db.prepare(`
      UPDATE model_apis SET access_token_id = COALESCE(access_token_id, @id), access_token_hash = @hash,
        access_token_created = COALESCE(access_token_created, @at), access_token_created_by = COALESCE(access_token_created_by, @by),
        access_token_generated = @at, access_token_generated_by = @by
      WHERE id = @modelApiId`),
    deployed: db.prepare('SELECT * FROM model_apis WHERE is_archived = 0 AND active_version_id IS NOT NULL AND replicas > 0'),
    nextNumber: db.prepare('SELECT COALESCE(MAX(number), 0) + 1 AS n FROM model_api_versions WHERE model_api_id = ?'),
    insertVersion: db.prepare(`
      INSERT INTO model_api_versions (id, model_api_id, number, project_id, description, source_type, source_file, source_function,
        registered_model_name, registered_model_version, entry_path, loader_module, loader_code, loader_data, commit_id,
        environment_revision_id, log_http, monitoring_enabled, record_invocation, build_status, build_failure, created_at, created_by)
      VALUES (@id, @modelApiId, @number, @projectId, @description, @sourceType, @sourceFile, @sourceFunction,
        @registeredModelName, @registeredModelVersion, @entryPath, @loaderModule, @loaderCode, @loaderData, @commitId,
        @environmentRevisionId, @logHttp, @monitoringEnabled, @recordInvocation, @buildStatus, @buildFailure, @createdAt, @createdBy)`),
    versionById: db.prepare('SELECT * FROM model_api_versions WHERE id = ?'),
    versionsOf: db.prepare('SELECT * FROM model_api_versions WHERE model_api_id = ? ORDER BY number'),
    insertLog: db.prepare('INSERT INTO model_api_logs (version_id, kind, time_nano, stream, line) VALUES (?, ?, ?, ?, ?)'),
    logsSince: db.prepare('SELECT time_nano, stream, line FROM model_api_logs WHERE version_id = ? AND kind = ? AND time_nano > ? ORDER BY seq LIMIT ?'),
    logsTail: db.prepare(
      'SELECT * FROM (SELECT seq, time_nano, stream, line FROM model_api_logs WHERE version_id = ? AND kind = ? AND time_nano > ? ORDER BY seq DESC LIMIT ?) ORDER BY seq',
    ),
    insertPrediction: db.prepare(`
      INSERT INTO async_predictions (id, model_api_id, parameters, status, submitted_by, submitted_at)
      VALUES (?, ?, ?, 'Pending', ?, ?)`),
    predictionById: db.prepare('SELECT * FROM async_predictions WHERE id = ?'),
    openPredictions: db.prepare("SELECT * FROM async_predictions WHERE model_api_id = ? AND status IN ('Pending', 'Processing') ORDER BY seq"),
    openApis: db.prepare("SELECT DISTINCT model_api_id AS id FROM async_predictions WHERE status IN ('Pending', 'Processing')"),
    claim: db.prepare(`
      UPDATE async_predictions SET status = 'Processing', attempts = attempts + 1, started_at = ?, version_id = ?
      WHERE id = ? AND status = 'Pending' RETURNING attempts, parameters`),
    finish: db.prepare(`
      UPDATE async_predictions SET status = @status, result = @result, error = @error, finished_at = @at
      WHERE id = @id AND status = 'Processing' AND attempts = @attempts`),
    failOpen: db.prepare(`
      UPDATE async_predictions SET status = 'Failed', error = ?, finished_at = ?
      WHERE model_api_id = ? AND status IN ('Pending', 'Processing')`),
    requeueProcessing: db.prepare("UPDATE async_predictions SET status = 'Pending' WHERE status = 'Processing'"),
    failExhausted: db.prepare("UPDATE async_predictions SET status = 'Failed', error = ?, finished_at = ? WHERE status = 'Pending' AND attempts >= ?"),
    predictionCount: db.prepare('SELECT COUNT(*) AS n FROM async_predictions WHERE model_api_id = ?'),
    lastFinished: db.prepare('SELECT MAX(finished_at) AS at FROM async_predictions WHERE version_id = ?'),
    insertExecution: db.prepare(`
      INSERT INTO model_api_executions (id, model_api_id, version_id, hardware_tier_id, replica, pgid, started_at)
      VALUES (@id, @modelApiId, @versionId, @hardwareTierId, @replica, @pgid, @startedAt)`),
    endExecution: db.prepare('UPDATE model_api_executions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL'),
    openExecutions: db.prepare('SELECT * FROM model_api_executions WHERE ended_at IS NULL'),
    executionsOf: db.prepare('SELECT * FROM model_api_executions WHERE version_id = ? ORDER BY started_at'),
    countServing: db.prepare(`
      SELECT COUNT(DISTINCT a.id) AS n FROM model_apis a JOIN model_api_versions v ON v.model_api_id = a.id
      WHERE a.is_archived = 0 AND v.registered_model_name = ? COLLATE NOCASE`),
    predictionsServing: db.prepare(`
      SELECT COUNT(*) AS n FROM async_predictions WHERE version_id IN
        (SELECT id FROM model_api_versions WHERE registered_model_name = ? COLLATE NOCASE)`),
  };

  const toExecution = (r: Record<string, unknown>): ExecutionRow => ({
    id: r.id as string,
    modelApiId: r.model_api_id as string,
    versionId: r.version_id as string,
    hardwareTierId: r.hardware_tier_id as string,
    replica: r.replica as number,
    pgid: r.pgid as number | null,
    startedAt: r.started_at as number,
    endedAt: r.ended_at as number | null,
    endReason: r.end_reason as string | null,
  });

  return {
    insertApi(row: Omit<ModelApiRow, 'activeVersionId' | 'isArchived' | 'accessToken' | 'lastModified'>): void {
      s.insertApi.run({
        ...row,
        isAsync: row.isAsync ? 1 : 0,
        strictNodeAntiAffinity: row.strictNodeAntiAffinity ? 1 : 0,
        environmentVariables: JSON.stringify(row.environmentVariables),
      });
    },
    apiById(id: string): ModelApiRow | undefined {
      const r = s.apiById.get(id) as RawApi | undefined;
      return r && toApi(r);
    },
    liveByName(name: string): ModelApiRow | undefined {
      const r = s.liveByName.get(name) as RawApi | undefined;
      return r && toApi(r);
    },
    updateApi(
      id: string,
      patch: Pick<ModelApiRow, 'name' | 'description' | 'environmentId' | 'hardwareTierId' | 'replicas' | 'timeoutSecs' | 'environmentVariables'>,
      at: number,
    ): void {
      s.updateApi.run({ id, ...patch, environmentVariables: JSON.stringify(patch.environmentVariables), lastModified: at });
    },
    setActive(id: string, versionId: string, at: number): void {
      s.setActive.run(versionId, at, id);
    },
    archive(id: string, at: number): void {
      s.archive.run(at, id);
    },
    setToken(modelApiId: string, token: { id: string; hash: string; at: number; by: string }): void {
      s.setToken.run({ modelApiId, ...token });
    },
    /** Live APIs with an active version and replicas to run: what a start brings up. */
    deployed(): ModelApiRow[] {
      return (s.deployed.all() as RawApi[]).map(toApi);
    },
    /**
     * A page of Model APIs, newest first unless ordered otherwise. Filters are few and the
     * numbers small (tens to thousands), so the page is cut in SQL and the name pattern, a
     * regular expression, applied by the caller.
     */
    list(filter: ModelApiFilter, orderBy: { column: 'created_at' | 'name' | 'last_modified'; descending: boolean }): ModelApiRow[] {
      const where: string[] = [];
      const args: unknown[] = [];
      if (!filter.includeArchived) where.push('a.is_archived = 0');
      if (filter.projectIds !== 'all') {
        if (filter.projectIds.length === 0) return [];
        where.push(`a.project_id IN (${filter.projectIds.map(() => '?').join(', ')})`);
        args.push(...filter.projectIds);
      }
      if (filter.projectId) {
        where.push('a.project_id = ?');
        args.push(filter.projectId);
      }
      if (filter.environmentId) {
        where.push('a.environment_id = ?');
        args.push(filter.environmentId);
      }
      if (filter.registeredModelName) {
        where.push(
          `EXISTS (SELECT 1 FROM model_api_versions v WHERE v.model_api_id = a.id AND v.registered_model_name = ? COLLATE NOCASE${
            filter.registeredModelVersion !== undefined ? ' AND v.registered_model_version = ?' : ''
          })`,
        );
        args.push(filter.registeredModelName);
        if (filter.registeredModelVersion !== undefined) args.push(filter.registeredModelVersion);
      }
      const order = `${orderBy.column === 'name' ? 'a.name COLLATE NOCASE' : `a.${orderBy.column}`} ${orderBy.descending ? 'DESC' : 'ASC'}, a.id`;
      const sql = `SELECT a.* FROM model_apis a ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}`;
      return (db.prepare(sql).all(...args) as RawApi[]).map(toApi);
    },
    nextVersionNumber(modelApiId: string): number {
      return (s.nextNumber.get(modelApiId) as { n: number }).n;
    },
    insertVersion(row: ModelApiVersionRow): void {
      s.insertVersion.run({
        ...row,
        logHttp: row.logHttp ? 1 : 0,
        monitoringEnabled: row.monitoringEnabled ? 1 : 0,
        recordInvocation: row.recordInvocation ? 1 : 0,
      });
    },
    versionById(id: string): ModelApiVersionRow | undefined {
      const r = s.versionById.get(id) as RawVersion | undefined;
      return r && toVersion(r);
    },
    versionsOf(modelApiId: string): ModelApiVersionRow[] {
      return (s.versionsOf.all(modelApiId) as RawVersion[]).map(toVersion);
    },
    appendLog(versionId: string, kind: LogKind, timeNano: bigint, stream: string, line: string): void {
      s.insertLog.run(versionId, kind, timeNano, stream, line);
    },
    logs(versionId: string, kind: LogKind, sinceNano: bigint, limit: number, tail: boolean): ModelApiLogRow[] {
      const stmt = (tail ? s.logsTail : s.logsSince).safeIntegers(true);
      return (stmt.all(versionId, kind, sinceNano, limit) as Array<{ time_nano: bigint; stream: string; line: string }>).map((r) => ({
        timeNano: r.time_nano,
        stream: r.stream,
        line: r.line,
      }));
    },
    insertPrediction(id: string, modelApiId: string, parameters: string, submittedBy: string, at: number): void {
      s.insertPrediction.run(id, modelApiId, parameters, submittedBy, at);
    },
    predictionById(id: string): PredictionRow | undefined {
      const r = s.predictionById.get(id) as RawPrediction | undefined;
      return r && toPrediction(r);
    },
    openPredictions(modelApiId: string): PredictionRow[] {
      return (s.openPredictions.all(modelApiId) as RawPrediction[]).map(toPrediction);
    },
    apisWithOpenPredictions(): string[] {
      return (s.openApis.all() as Array<{ id: string }>).map((r) => r.id);
    },
    /** Pending → Processing, counting the attempt; undefined when it is no longer pending. */
    claim(id: string, versionId: string, at: number): { attempts: number; parameters: string } | undefined {
      return s.claim.get(at, versionId, id) as { attempts: number; parameters: string } | undefined;
    },
    /** Processing → terminal, only for the attempt that is running: a late answer of an earlier attempt changes nothing. */
    finish(id: string, attempts: number, outcome: { status: 'Succeeded' | 'Failed'; result?: string; error?: string }, at: number): boolean {
      return s.finish.run({ id, attempts, status: outcome.status, result: outcome.result ?? null, error: outcome.error ?? null, at }).changes === 1;
    },
    failOpen(modelApiId: string, error: string, at: number): number {
      return s.failOpen.run(error, at, modelApiId).changes;
    },
    /** After a restart: what was running when the last server stopped runs again (attempts keep count); what ran too often fails. */
    recoverQueue(maxAttempts: number, error: string, at: number): void {
      db.transaction(() => {
        s.requeueProcessing.run();
        s.failExhausted.run(error, at, maxAttempts);
      })();
    },
    predictionCount(modelApiId: string): number {
      return (s.predictionCount.get(modelApiId) as { n: number }).n;
    },
    lastFinished(versionId: string): number | null {
      return (s.lastFinished.get(versionId) as { at: number | null }).at;
    },
    insertExecution(row: Omit<ExecutionRow, 'endedAt' | 'endReason'>): void {
      s.insertExecution.run(row);
    },
    endExecution(id: string, at: number, reason: string): void {
      s.endExecution.run(at, reason, id);
    },
    openExecutions(): ExecutionRow[] {
      return (s.openExecutions.all() as Array<Record<string, unknown>>).map(toExecution);
    },
    /** Live Model APIs with a version serving a registered model (the registry's modelApiCount). */
    countServing(registeredModelName: string): number {
      return (s.countServing.get(registeredModelName) as { n: number }).n;
    },
    predictionsServing(registeredModelName: string): number {
      return (s.predictionsServing.get(registeredModelName) as { n: number }).n;
    },
    executionsOf(versionId: string): ExecutionRow[] {
      return (s.executionsOf.all(versionId) as Array<Record<string, unknown>>).map(toExecution);
    },
  };
}
