// Versioned schema migrations. Each runs once, in order, inside a transaction; the database's
// user_version records the last one applied. Append new migrations; never edit an applied one.
import type Database from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'users, api keys, git credentials, organizations, settings',
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        user_name TEXT NOT NULL,
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        email TEXT NOT NULL,
        is_admin INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX users_user_name ON users (user_name COLLATE NOCASE);

      CREATE TABLE api_keys (
        key_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX api_keys_user ON api_keys (user_id);

      CREATE TABLE git_credentials (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        git_service_provider TEXT NOT NULL,
        domain TEXT NOT NULL,
        protocol TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX git_credentials_user ON git_credentials (user_id, created_at);

      CREATE TABLE organizations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        default_environment_id TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX organizations_name ON organizations (name COLLATE NOCASE);

      CREATE TABLE organization_members (
        organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('member', 'admin')),
        added_at TEXT NOT NULL,
        PRIMARY KEY (organization_id, user_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX organization_members_user ON organization_members (user_id);
    `,
  },
  {
    version: 2,
    description: 'projects, collaborators, goals, imported repositories, shared datasets, workspaces, executions',
    sql: `
      CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        visibility TEXT NOT NULL CHECK (visibility IN ('public', 'searchable', 'private')),
        owner_id TEXT NOT NULL REFERENCES users (id),
        is_archived INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'complete')),
        is_blocked INTEGER NOT NULL DEFAULT 0,
        blocked_reason TEXT,
        completed_message TEXT,
        results_branch TEXT NOT NULL DEFAULT 'main' CHECK (results_branch IN ('main', 'isolated')),
        default_hardware_tier_id TEXT NOT NULL DEFAULT 'small-k8s',
        main_repository TEXT,
        created_at TEXT NOT NULL,
        archived_at TEXT
      ) STRICT;
      -- Names are unique per owner among live projects; an archived name may be reused.
      CREATE UNIQUE INDEX projects_owner_name ON projects (owner_id, name COLLATE NOCASE) WHERE is_archived = 0;
      -- The list's order, covering its visibility test (visibility, owner_id): a deep OFFSET walks
      -- index entries only. projects_visibility and projects_owner count what a user may see.
      CREATE INDEX projects_live_name ON projects (is_archived, name COLLATE NOCASE, id, visibility, owner_id);
      CREATE INDEX projects_visibility ON projects (visibility, is_archived);
      CREATE INDEX projects_owner ON projects (owner_id, is_archived, visibility);

      CREATE TABLE project_collaborators (
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('contributor', 'launcherUser', 'resultsConsumer', 'projectImporter')),
        added_at TEXT NOT NULL,
        PRIMARY KEY (project_id, user_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX project_collaborators_user ON project_collaborators (user_id, project_id);

      CREATE TABLE project_goals (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        description TEXT,
        is_complete INTEGER NOT NULL DEFAULT 0,
        creator_id TEXT NOT NULL REFERENCES users (id),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX project_goals_project ON project_goals (project_id, created_at);

      CREATE TABLE project_repositories (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        uri TEXT NOT NULL,
        name TEXT NOT NULL,
        service_provider TEXT NOT NULL,
        ref_type TEXT NOT NULL,
        ref_value TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX project_repositories_project ON project_repositories (project_id, created_at);

      CREATE TABLE project_shared_datasets (
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        dataset_id TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (project_id, dataset_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE workspaces (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX workspaces_project ON workspaces (project_id);

      -- Every compute execution (workspace sessions now, jobs later): what cost aggregates.
      CREATE TABLE executions (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id),
        kind TEXT NOT NULL CHECK (kind IN ('workspace', 'job')),
        workspace_id TEXT REFERENCES workspaces (id),
        session_id TEXT UNIQUE,
        hardware_tier_id TEXT NOT NULL,
        started_by TEXT NOT NULL REFERENCES users (id),
        status TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT
      ) STRICT;
      CREATE INDEX executions_project ON executions (project_id, started_at);
      CREATE INDEX executions_workspace ON executions (workspace_id, started_at);
    `,
  },
  {
    version: 3,
    description: 'hardware tiers, jobs, job tags, job goal links, job log lines',
    sql: `
      CREATE TABLE hardware_tiers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        cores REAL NOT NULL,
        memory_gib REAL NOT NULL,
        gpu_count INTEGER NOT NULL DEFAULT 0,
        gpu_type TEXT,
        cents_per_minute REAL NOT NULL,
        max_simultaneous_executions INTEGER NOT NULL,
        max_run_minutes REAL NOT NULL,
        is_default INTEGER NOT NULL DEFAULT 0,
        is_archived INTEGER NOT NULL DEFAULT 0,
        sort_order INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id),
        number INTEGER NOT NULL,
        title TEXT,
        command TEXT NOT NULL,
        status TEXT NOT NULL,
        is_archived INTEGER NOT NULL DEFAULT 0,
        started_by TEXT NOT NULL REFERENCES users (id),
        started_by_name TEXT NOT NULL,
        hardware_tier_id TEXT NOT NULL REFERENCES hardware_tiers (id),
        environment_id TEXT,
        input_commit_id TEXT NOT NULL,
        output_commit_id TEXT,
        results_branch TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        preparing_at TEXT,
        running_at TEXT,
        finishing_at TEXT,
        completed_at TEXT,
        duration_ms INTEGER,
        exit_code INTEGER,
        problem TEXT,
        max_cpu_percent REAL,
        max_memory_gib REAL,
        domino_stats TEXT NOT NULL DEFAULT '{}',
        pgid INTEGER,
        comment_count INTEGER NOT NULL DEFAULT 0,
        UNIQUE (project_id, number)
      ) STRICT;
      -- One index per sort of the job list, in the list's order (the column, then number), so a
      -- page is an index walk that stops at offset + limit instead of a sort of every job.
      -- jobs_project_number also holds status and id: a status filter, and the tag filter's probe
      -- by job id, are then tested on the index entry, without reading the row.
      CREATE INDEX jobs_project_number ON jobs (project_id, is_archived, number, status, id);
      CREATE INDEX jobs_project_status ON jobs (project_id, is_archived, status, number);
      CREATE INDEX jobs_project_submitted ON jobs (project_id, is_archived, submitted_at, number);
      CREATE INDEX jobs_project_title ON jobs (project_id, is_archived, title, number);
      CREATE INDEX jobs_project_command ON jobs (project_id, is_archived, command, number);
      CREATE INDEX jobs_project_duration ON jobs (project_id, is_archived, duration_ms, number);
      CREATE INDEX jobs_project_user ON jobs (project_id, is_archived, started_by_name, number);
      CREATE INDEX jobs_project_comments ON jobs (project_id, is_archived, comment_count, number);
      CREATE INDEX jobs_live ON jobs (status) WHERE status IN ('Queued', 'Pending', 'Preparing', 'Running', 'Finishing');

      CREATE TABLE job_tags (
        id TEXT PRIMARY KEY,
        job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        project_id TEXT NOT NULL,
        name TEXT NOT NULL,
        creator_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (job_id, name)
      ) STRICT;
      CREATE INDEX job_tags_project_name ON job_tags (project_id, name, job_id);

      CREATE TABLE job_goals (
        job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        goal_id TEXT NOT NULL REFERENCES project_goals (id) ON DELETE CASCADE,
        linked_at TEXT NOT NULL,
        PRIMARY KEY (job_id, goal_id)
      ) STRICT, WITHOUT ROWID;

      -- Every line of a job's logs, keyed by its unique, strictly increasing nanosecond time.
      CREATE TABLE job_log_lines (
        job_id TEXT NOT NULL,
        time_nano INTEGER NOT NULL,
        log_type TEXT NOT NULL,
        line TEXT NOT NULL,
        PRIMARY KEY (job_id, time_nano)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    description:
      'job list indexes with archived shown or not; tag rows carry the job fields the list sorts and filters on; job_stats; triggers keep the copies',
    sql: `
      -- Every way of listing a project's jobs is a walk of one index in list order that stops at
      -- offset + limit, the job rows read only for the page. Each sort index has the sort column,
      -- then number (pages are stable), then is_archived and status, tested on the index entry:
      -- not in front of the sort column, so that showing archived jobs too is still one walk.
      DROP INDEX jobs_project_number;
      DROP INDEX jobs_project_status;
      DROP INDEX jobs_project_submitted;
      DROP INDEX jobs_project_title;
      DROP INDEX jobs_project_command;
      DROP INDEX jobs_project_duration;
      DROP INDEX jobs_project_user;
      DROP INDEX jobs_project_comments;
      -- id too: the probes for a job's stat are then made from the entry.
      CREATE INDEX jobs_project_number ON jobs (project_id, number, is_archived, status, id);
      -- The status sort, and the lookup of the few unfinished jobs a live-state filter wants.
      CREATE INDEX jobs_project_status ON jobs (project_id, status, number, is_archived);
      CREATE INDEX jobs_project_submitted ON jobs (project_id, submitted_at, number, is_archived, status);
      CREATE INDEX jobs_project_title ON jobs (project_id, title, number, is_archived, status);
      CREATE INDEX jobs_project_command ON jobs (project_id, command, number, is_archived, status);
      CREATE INDEX jobs_project_duration ON jobs (project_id, duration_ms, number, is_archived, status);
      CREATE INDEX jobs_project_user ON jobs (project_id, started_by_name, number, is_archived, status);
      CREATE INDEX jobs_project_comments ON jobs (project_id, comment_count, number, is_archived, status);

      -- A list filtered by a tag walks the tag's rows instead, in the same orders: each tag row
      -- carries copies of what the list sorts and filters on, kept by the triggers below whatever
      -- code path changes a job.
      ALTER TABLE job_tags ADD COLUMN job_number INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE job_tags ADD COLUMN job_is_archived INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE job_tags ADD COLUMN job_status TEXT NOT NULL DEFAULT '';
      ALTER TABLE job_tags ADD COLUMN job_title TEXT;
      ALTER TABLE job_tags ADD COLUMN job_command TEXT NOT NULL DEFAULT '';
      ALTER TABLE job_tags ADD COLUMN job_submitted_at TEXT NOT NULL DEFAULT '';
      ALTER TABLE job_tags ADD COLUMN job_duration_ms INTEGER;
      ALTER TABLE job_tags ADD COLUMN job_started_by_name TEXT NOT NULL DEFAULT '';
      ALTER TABLE job_tags ADD COLUMN job_comment_count INTEGER NOT NULL DEFAULT 0;
      UPDATE job_tags SET (job_number, job_is_archived, job_status, job_title, job_command, job_submitted_at, job_duration_ms, job_started_by_name, job_comment_count) =
        (SELECT number, is_archived, status, title, command, submitted_at, duration_ms, started_by_name, comment_count FROM jobs WHERE jobs.id = job_tags.job_id);
      DROP INDEX job_tags_project_name;
      CREATE INDEX job_tags_number ON job_tags (project_id, name, job_number, job_is_archived, job_status, job_id);
      CREATE INDEX job_tags_status ON job_tags (project_id, name, job_status, job_number, job_is_archived, job_id);
      CREATE INDEX job_tags_submitted ON job_tags (project_id, name, job_submitted_at, job_number, job_is_archived, job_status, job_id);
      CREATE INDEX job_tags_title ON job_tags (project_id, name, job_title, job_number, job_is_archived, job_status, job_id);
      CREATE INDEX job_tags_command ON job_tags (project_id, name, job_command, job_number, job_is_archived, job_status, job_id);
      CREATE INDEX job_tags_duration ON job_tags (project_id, name, job_duration_ms, job_number, job_is_archived, job_status, job_id);
      CREATE INDEX job_tags_user ON job_tags (project_id, name, job_started_by_name, job_number, job_is_archived, job_status, job_id);
      CREATE INDEX job_tags_comments ON job_tags (project_id, name, job_comment_count, job_number, job_is_archived, job_status, job_id);
      CREATE TRIGGER job_tags_copy_job AFTER INSERT ON job_tags BEGIN
        UPDATE job_tags SET (job_number, job_is_archived, job_status, job_title, job_command, job_submitted_at, job_duration_ms, job_started_by_name, job_comment_count) =
          (SELECT number, is_archived, status, title, command, submitted_at, duration_ms, started_by_name, comment_count FROM jobs WHERE id = NEW.job_id)
        WHERE id = NEW.id;
      END;

      -- A list sorted by a dominoStats field walks this table: one row per (job, field), with
      -- copies of the job's number, archived flag and status. A JSON null is no value, as
      -- json_extract saw it.
      CREATE TABLE job_stats (
        job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        value ANY NOT NULL,
        project_id TEXT NOT NULL,
        number INTEGER NOT NULL,
        is_archived INTEGER NOT NULL,
        status TEXT NOT NULL,
        PRIMARY KEY (job_id, name)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX job_stats_list ON job_stats (project_id, name, value, number, is_archived, status);
      INSERT INTO job_stats (job_id, name, value, project_id, number, is_archived, status)
        SELECT j.id, s.key, s.value, j.project_id, j.number, j.is_archived, j.status FROM jobs j, json_each(j.domino_stats) s WHERE s.type <> 'null';

      CREATE TRIGGER jobs_copy_stats AFTER UPDATE OF domino_stats ON jobs BEGIN
        DELETE FROM job_stats WHERE job_id = NEW.id;
        INSERT INTO job_stats (job_id, name, value, project_id, number, is_archived, status)
          SELECT NEW.id, s.key, s.value, NEW.project_id, NEW.number, NEW.is_archived, NEW.status FROM json_each(NEW.domino_stats) s WHERE s.type <> 'null';
      END;
      CREATE TRIGGER jobs_copy_list_fields AFTER UPDATE OF status, is_archived, title, command, submitted_at, duration_ms, started_by_name, comment_count ON jobs BEGIN
        UPDATE job_tags SET job_is_archived = NEW.is_archived, job_status = NEW.status, job_title = NEW.title, job_command = NEW.command, job_submitted_at = NEW.submitted_at,
          job_duration_ms = NEW.duration_ms, job_started_by_name = NEW.started_by_name, job_comment_count = NEW.comment_count
        WHERE job_id = NEW.id;
        UPDATE job_stats SET is_archived = NEW.is_archived, status = NEW.status WHERE job_id = NEW.id;
      END;
    `,
  },
  {
    version: 5,
    description: 'durable background tasks',
    sql: `
      -- Work that outlives a request (snapshots, builds, predictions, rollups): picked up again at start.
      CREATE TABLE tasks (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        progress_done REAL NOT NULL DEFAULT 0,
        progress_total REAL,
        progress_note TEXT,
        error TEXT,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX tasks_pending ON tasks (kind, created_at, id) WHERE status IN ('queued', 'running');
    `,
  },
  {
    version: 6,
    description: 'api keys that expire and can be revoked by id; single-use sign-in links',
    sql: `
      -- Keys minted for a console session expire, and are revoked by id when the session ends.
      ALTER TABLE api_keys ADD COLUMN id TEXT;
      ALTER TABLE api_keys ADD COLUMN expires_at TEXT;
      CREATE UNIQUE INDEX api_keys_id ON api_keys (id) WHERE id IS NOT NULL;
      CREATE INDEX api_keys_expiry ON api_keys (expires_at) WHERE expires_at IS NOT NULL;

      -- An admin's link for a user to sign in with: kept by the SHA-256 of its token, used once.
      CREATE TABLE sign_in_links (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 7,
    description: 'datasets: grants, snapshots with their manifests, tags, job mounts',
    sql: `
      -- A dataset belongs to a project. A deleted one keeps its row (its snapshots record how the
      -- delete went) but frees its name: the unique index covers live datasets only.
      CREATE TABLE datasets (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects (id),
        name TEXT NOT NULL,
        description TEXT,
        creator_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        file_count INTEGER NOT NULL DEFAULT 0,
        bytes INTEGER NOT NULL DEFAULT 0,
        last_mounted TEXT,
        deleted_at TEXT,
        purged_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX datasets_live_name ON datasets (project_id, name COLLATE NOCASE) WHERE deleted_at IS NULL;
      CREATE INDEX datasets_live_order ON datasets (name COLLATE NOCASE, id) WHERE deleted_at IS NULL;

      CREATE TABLE dataset_grants (
        dataset_id TEXT NOT NULL REFERENCES datasets (id),
        target_id TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('DatasetRwOwner', 'DatasetRwEditor', 'DatasetRwReader')),
        is_organization INTEGER NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (dataset_id, target_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX dataset_grants_target ON dataset_grants (target_id, dataset_id);

      CREATE TABLE dataset_snapshots (
        id TEXT PRIMARY KEY,
        dataset_id TEXT NOT NULL REFERENCES datasets (id),
        creator_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'copying', 'active', 'failed', 'markForDeletion', 'deletionInProgress', 'deleted')),
        relative_paths TEXT NOT NULL,
        file_count INTEGER NOT NULL DEFAULT 0,
        bytes INTEGER NOT NULL DEFAULT 0,
        failure_reason TEXT,
        last_mounted TEXT
      ) STRICT;
      CREATE INDEX dataset_snapshots_dataset ON dataset_snapshots (dataset_id, created_at, id);

      -- A snapshot's manifest: each file's content by SHA-256 (in the blob store), and what the
      -- file looked like when read (nanosecond times and inode as text: beyond 2^53), so the next
      -- snapshot knows an unchanged file without reading it.
      CREATE TABLE snapshot_files (
        snapshot_id TEXT NOT NULL REFERENCES dataset_snapshots (id),
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        mtime_ns TEXT NOT NULL,
        ctime_ns TEXT NOT NULL,
        inode TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, path)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX snapshot_files_blob ON snapshot_files (sha256);

      CREATE TABLE dataset_tags (
        dataset_id TEXT NOT NULL REFERENCES datasets (id),
        name TEXT NOT NULL,
        snapshot_id TEXT NOT NULL REFERENCES dataset_snapshots (id),
        PRIMARY KEY (dataset_id, name)
      ) STRICT, WITHOUT ROWID;

      -- What a job had mounted (JobV1.datasetMounts), and whether it snapshots them when it ends.
      CREATE TABLE job_dataset_mounts (
        job_id TEXT NOT NULL,
        dataset_id TEXT NOT NULL,
        dataset_name TEXT NOT NULL,
        project_id TEXT NOT NULL,
        container_path TEXT NOT NULL,
        read_only INTEGER NOT NULL,
        PRIMARY KEY (job_id, dataset_id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE job_dataset_options (
        job_id TEXT PRIMARY KEY,
        snapshot_on_completion INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    // Environments (docs/decisions/0021-environment-builds.md): an environment and its numbered
    // revisions; a revision's definition is the NewEnvironmentRevisionV1 it was made from (JSON,
    // read only whole); its build log lives in job_log_lines under the revision's id. A job
    // records the revision it ran on.
    version: 8,
    description: 'environments and their revisions; the revision a job ran on',
    sql: `
      CREATE TABLE environments (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        visibility TEXT NOT NULL CHECK (visibility IN ('global', 'private', 'organization')),
        owner_user_id TEXT,
        owner_org_id TEXT,
        is_curated INTEGER NOT NULL DEFAULT 0,
        add_base_dependencies INTEGER NOT NULL DEFAULT 0,
        archived INTEGER NOT NULL DEFAULT 0,
        restricted_revision_id TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX environments_name ON environments (archived, name COLLATE NOCASE, id);

      CREATE TABLE environment_revisions (
        id TEXT PRIMARY KEY,
        environment_id TEXT NOT NULL REFERENCES environments (id),
        number INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'starting', 'pulling', 'building', 'pushing', 'succeeded', 'failed', 'killed')),
        definition TEXT NOT NULL,
        failure TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        finished_at TEXT,
        UNIQUE (environment_id, number)
      ) STRICT;

      ALTER TABLE jobs ADD COLUMN environment_revision_id TEXT;
      CREATE INDEX jobs_environment_revision ON jobs (environment_revision_id, submitted_at) WHERE environment_revision_id IS NOT NULL;
    `,
  },
  {
    // Model monitoring (docs/decisions/0022-metric-storage.md): one series per model and metric
    // (with its configured range), values by series and time in ms (duplicates kept, in the order
    // logged), tags as JSON only when there are some; alerts with whether the value was in range.
    version: 9,
    description: 'model monitoring: metric series, values, configured ranges, alerts',
    sql: `
      CREATE TABLE metric_series (
        id INTEGER PRIMARY KEY,
        model_id TEXT NOT NULL,
        metric TEXT NOT NULL,
        range_condition TEXT,
        range_lower REAL,
        range_upper REAL,
        UNIQUE (model_id, metric)
      ) STRICT;
      CREATE TABLE metric_values (
        series_id INTEGER NOT NULL REFERENCES metric_series (id),
        ts_ms INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        value REAL NOT NULL,
        tags TEXT,
        PRIMARY KEY (series_id, ts_ms, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE metric_alerts (
        id TEXT PRIMARY KEY,
        series_id INTEGER NOT NULL REFERENCES metric_series (id),
        value REAL NOT NULL,
        condition TEXT NOT NULL,
        lower_limit REAL,
        upper_limit REAL,
        in_range INTEGER NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('request', 'loggedValue')),
        description TEXT,
        reference_ts_ms INTEGER,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX metric_alerts_series ON metric_alerts (series_id, created_at);
      CREATE INDEX metric_alerts_time ON metric_alerts (created_at);
    `,
  },
  {
    version: 10,
    description: 'indexes of the jobs list across projects',
    // The jobs list across projects (jobs-across-projects), newest first: everyone's jobs in time
    // order, and one person's. Each carries what the list filters on (project, archived flag,
    // status) and, as every index does, the rowid that breaks ties: a page walks index entries
    // until it has its rows and reads only those jobs.
    sql: `
      CREATE INDEX jobs_submitted ON jobs (submitted_at, project_id, is_archived, status, started_by);
      CREATE INDEX jobs_starter ON jobs (started_by, submitted_at, project_id, is_archived, status);
    `,
  },
  {
    version: 12,
    description: 'experiment tracking: MLflow experiments and runs with their metrics, params, tags, models and inputs',
    sql: `
      -- Experiments belong to a project; each project has one Default (answered as id "0"), made
      -- when first used. Names are unique in a project, as in one MLflow tracking server.
      CREATE TABLE mlflow_experiments (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        project_id TEXT NOT NULL REFERENCES projects (id),
        name TEXT NOT NULL,
        is_default INTEGER NOT NULL DEFAULT 0,
        lifecycle_stage TEXT NOT NULL DEFAULT 'active',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX mlflow_experiments_name ON mlflow_experiments (project_id, name);
      CREATE UNIQUE INDEX mlflow_experiments_default ON mlflow_experiments (project_id) WHERE is_default = 1;
      CREATE TABLE mlflow_experiment_tags (
        experiment_id INTEGER NOT NULL REFERENCES mlflow_experiments (id),
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (experiment_id, key)
      ) STRICT, WITHOUT ROWID;

      -- A run; job_id is the job that recorded it (its output commit holds the run's artifacts).
      CREATE TABLE mlflow_runs (
        id TEXT PRIMARY KEY,
        experiment_id INTEGER NOT NULL REFERENCES mlflow_experiments (id),
        project_id TEXT NOT NULL REFERENCES projects (id),
        job_id TEXT,
        user_id TEXT NOT NULL,
        user_name TEXT NOT NULL,
        name TEXT NOT NULL,
        status TEXT NOT NULL,
        start_time INTEGER NOT NULL,
        end_time INTEGER,
        artifact_uri TEXT NOT NULL,
        lifecycle_stage TEXT NOT NULL DEFAULT 'active'
      ) STRICT;
      CREATE INDEX mlflow_runs_experiment ON mlflow_runs (experiment_id, start_time DESC, id);
      CREATE INDEX mlflow_runs_project ON mlflow_runs (project_id, start_time DESC, id);
      CREATE INDEX mlflow_runs_job ON mlflow_runs (job_id) WHERE job_id IS NOT NULL;
      CREATE TABLE mlflow_params (
        run_id TEXT NOT NULL REFERENCES mlflow_runs (id),
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (run_id, key)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE mlflow_tags (
        run_id TEXT NOT NULL REFERENCES mlflow_runs (id),
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (run_id, key)
      ) STRICT, WITHOUT ROWID;
      -- Every logged value (the history); value is NULL for NaN, which SQLite cannot hold.
      CREATE TABLE mlflow_metrics (
        seq INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES mlflow_runs (id),
        key TEXT NOT NULL,
        value REAL,
        timestamp INTEGER NOT NULL,
        step INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX mlflow_metrics_history ON mlflow_metrics (run_id, key, step, timestamp, seq);
      -- The value a run's data shows for each key: MLflow's latest (highest step, then timestamp).
      CREATE TABLE mlflow_latest_metrics (
        run_id TEXT NOT NULL REFERENCES mlflow_runs (id),
        key TEXT NOT NULL,
        value REAL,
        timestamp INTEGER NOT NULL,
        step INTEGER NOT NULL,
        PRIMARY KEY (run_id, key)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE mlflow_logged_models (
        seq INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES mlflow_runs (id),
        artifact_path TEXT,
        model_json TEXT NOT NULL
      ) STRICT;
      CREATE INDEX mlflow_logged_models_run ON mlflow_logged_models (run_id, seq);
      CREATE TABLE mlflow_inputs (
        run_id TEXT NOT NULL REFERENCES mlflow_runs (id),
        digest TEXT NOT NULL,
        name TEXT NOT NULL,
        dataset_json TEXT NOT NULL,
        tags_json TEXT NOT NULL,
        PRIMARY KEY (run_id, name, digest)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 13,
    description: 'model registry: models, versions, stages per project, reviews with their responses and events, stage history',
    sql: `
      CREATE TABLE registered_models (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        project_id TEXT NOT NULL REFERENCES projects (id),
        description TEXT NOT NULL,
        discoverable INTEGER NOT NULL,
        owner_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- Names are global (they are the API's path), compared ignoring case.
      CREATE UNIQUE INDEX registered_models_name ON registered_models (name COLLATE NOCASE);
      CREATE INDEX registered_models_project ON registered_models (project_id, name COLLATE NOCASE);
      CREATE INDEX registered_models_created ON registered_models (created_at, id);
      CREATE INDEX registered_models_updated ON registered_models (updated_at, id);
      CREATE TABLE registered_model_tags (
        model_id TEXT NOT NULL REFERENCES registered_models (id),
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (model_id, key)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE model_versions (
        model_id TEXT NOT NULL REFERENCES registered_models (id),
        version INTEGER NOT NULL,
        run_id TEXT NOT NULL,
        artifact TEXT NOT NULL,
        description TEXT NOT NULL,
        stage TEXT NOT NULL,
        owner_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (model_id, version)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX model_versions_stage ON model_versions (model_id, stage);

      -- A project's own stage labels, in order; none: the defaults.
      CREATE TABLE project_model_stages (
        project_id TEXT NOT NULL REFERENCES projects (id),
        position INTEGER NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY (project_id, position)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE model_reviews (
        id TEXT PRIMARY KEY,
        model_id TEXT NOT NULL REFERENCES registered_models (id),
        version INTEGER NOT NULL,
        target_stage TEXT NOT NULL,
        notes TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('Open', 'Approved', 'Canceled')),
        requester_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        closed_at TEXT
      ) STRICT;
      -- One open review per version, enforced by the database too.
      CREATE UNIQUE INDEX model_reviews_open ON model_reviews (model_id, version) WHERE status = 'Open';
      CREATE INDEX model_reviews_version ON model_reviews (model_id, version, created_at);
      CREATE TABLE model_review_reviewers (
        review_id TEXT NOT NULL REFERENCES model_reviews (id),
        user_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        decision TEXT CHECK (decision IN ('Approved', 'RequestChanges')),
        notes TEXT,
        decided_at TEXT,
        PRIMARY KEY (review_id, user_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX model_review_reviewers_user ON model_review_reviewers (user_id, review_id);
      -- Append-only: what happened to a review, for the version's activity timeline.
      CREATE TABLE model_review_events (
        seq INTEGER PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES model_reviews (id),
        kind TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        at TEXT NOT NULL,
        decision TEXT,
        notes TEXT
      ) STRICT;
      CREATE INDEX model_review_events_review ON model_review_events (review_id, seq);
      -- Append-only: every stage change, direct, by approval, or of a version displaced by one.
      CREATE TABLE model_stage_changes (
        seq INTEGER PRIMARY KEY,
        model_id TEXT NOT NULL REFERENCES registered_models (id),
        version INTEGER NOT NULL,
        from_stage TEXT NOT NULL,
        to_stage TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        at TEXT NOT NULL,
        cause TEXT NOT NULL CHECK (cause IN ('direct', 'review', 'displaced')),
        review_id TEXT
      ) STRICT;
      CREATE INDEX model_stage_changes_model ON model_stage_changes (model_id, seq);
      CREATE TABLE project_access_requests (
        project_id TEXT NOT NULL REFERENCES projects (id),
        user_id TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        PRIMARY KEY (project_id, user_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 14,
    description: 'Model APIs: the APIs, their versions (built from a project file or a registered model version), their logs',
    sql: `
      -- Times are epoch milliseconds, as the 6.2 wire has them. access_token_hash: the one token
      -- (regenerated in place), hashed as API keys are.
      CREATE TABLE model_apis (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        project_id TEXT NOT NULL REFERENCES projects (id),
        environment_id TEXT NOT NULL,
        hardware_tier_id TEXT NOT NULL,
        is_async INTEGER NOT NULL,
        strict_node_anti_affinity INTEGER NOT NULL,
        replicas INTEGER NOT NULL,
        timeout_secs INTEGER NOT NULL,
        environment_variables TEXT NOT NULL,
        active_version_id TEXT,
        is_archived INTEGER NOT NULL DEFAULT 0,
        access_token_id TEXT,
        access_token_hash TEXT,
        access_token_created INTEGER,
        access_token_created_by TEXT,
        access_token_generated INTEGER,
        access_token_generated_by TEXT,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        last_modified INTEGER NOT NULL
      ) STRICT;
      -- Live names are unique, ignoring case; an archived API frees its name.
      CREATE UNIQUE INDEX model_apis_name ON model_apis (name COLLATE NOCASE) WHERE is_archived = 0;
      CREATE INDEX model_apis_project ON model_apis (project_id, created_at);
      CREATE INDEX model_apis_created ON model_apis (created_at, id);

      CREATE TABLE model_api_versions (
        id TEXT PRIMARY KEY,
        model_api_id TEXT NOT NULL REFERENCES model_apis (id),
        number INTEGER NOT NULL,
        project_id TEXT NOT NULL,
        description TEXT NOT NULL,
        source_type TEXT NOT NULL CHECK (source_type IN ('File', 'Registry')),
        source_file TEXT,
        source_function TEXT NOT NULL,
        registered_model_name TEXT,
        registered_model_version INTEGER,
        -- Where the code is in the version's bundle (the file, or the MLmodel directory) and, for a
        -- registered model, its python_function flavour's loader module and data path.
        entry_path TEXT NOT NULL,
        loader_module TEXT,
        loader_code TEXT,
        loader_data TEXT,
        commit_id TEXT NOT NULL,
        environment_revision_id TEXT NOT NULL,
        log_http INTEGER NOT NULL,
        monitoring_enabled INTEGER NOT NULL,
        record_invocation INTEGER NOT NULL,
        build_status TEXT NOT NULL CHECK (build_status IN ('Succeeded', 'Failed')),
        build_failure TEXT,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        UNIQUE (model_api_id, number)
      ) STRICT;
      CREATE INDEX model_api_versions_registered ON model_api_versions (registered_model_name COLLATE NOCASE, registered_model_version);

      -- A version's build, instance (its workers' stderr and lifecycle) and export lines.
      CREATE TABLE model_api_logs (
        seq INTEGER PRIMARY KEY,
        version_id TEXT NOT NULL REFERENCES model_api_versions (id),
        kind TEXT NOT NULL CHECK (kind IN ('build', 'instance', 'export')),
        time_nano INTEGER NOT NULL,
        stream TEXT NOT NULL,
        line TEXT NOT NULL
      ) STRICT;
      CREATE INDEX model_api_logs_version ON model_api_logs (version_id, kind, seq);
    `,
  },
  {
    version: 15,
    description: 'async predictions: the durable queue, and worker executions for cost',
    sql: `
      -- The queue: seq orders it; a prediction is Pending, Processing (attempts counts each
      -- dispatch, a restart's re-run among them), then Succeeded or Failed exactly once.
      CREATE TABLE async_predictions (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        model_api_id TEXT NOT NULL REFERENCES model_apis (id),
        version_id TEXT,
        parameters TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('Pending', 'Processing', 'Succeeded', 'Failed')),
        result TEXT,
        error TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        submitted_by TEXT NOT NULL,
        submitted_at INTEGER NOT NULL,
        started_at INTEGER,
        finished_at INTEGER
      ) STRICT;
      -- What a start must pick up again (anything not yet terminal), in order.
      CREATE INDEX async_predictions_open ON async_predictions (model_api_id, seq) WHERE status IN ('Pending', 'Processing');
      CREATE INDEX async_predictions_api ON async_predictions (model_api_id, seq);

      -- One row per worker process of a version: when it ran, on which tier. The cost engine
      -- reads these; pgid lets the next start kill a worker the last server left behind.
      CREATE TABLE model_api_executions (
        id TEXT PRIMARY KEY,
        model_api_id TEXT NOT NULL,
        version_id TEXT NOT NULL,
        hardware_tier_id TEXT NOT NULL,
        replica INTEGER NOT NULL,
        pgid INTEGER,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        end_reason TEXT
      ) STRICT;
      CREATE INDEX model_api_executions_open ON model_api_executions (started_at) WHERE ended_at IS NULL;
      CREATE INDEX model_api_executions_version ON model_api_executions (version_id, started_at);
    `,
  },
  {
    version: 19,
    description: 'metric values keep their answer as JSON text, so a retrieve concatenates instead of formatting',
    // The text is what retrieveMetricValues answers for the value: {"value", "referenceTimestamp"
    // (UTC, milliseconds), "tags"}. The tags column it replaces is in it (decision 22).
    sql: `
      ALTER TABLE metric_values ADD COLUMN answer TEXT NOT NULL DEFAULT '';
      UPDATE metric_values SET answer = json_object(
        'value', value,
        'referenceTimestamp', strftime('%Y-%m-%dT%H:%M:%S', (ts_ms - ((ts_ms % 1000 + 1000) % 1000)) / 1000, 'unixepoch')
          || '.' || printf('%03d', (ts_ms % 1000 + 1000) % 1000) || 'Z',
        'tags', json(coalesce(tags, '[]'))
      );
      ALTER TABLE metric_values DROP COLUMN tags;
    `,
  },
  {
    version: 20,
    description: 'billing tags (Domino 6.2): the tags, their settings, and the tag a project carries',
    // A tag is never deleted, only deactivated: projects and past executions keep naming it. The
    // name is unique ignoring case so "Finance" and "finance" cannot both be offered. The settings
    // are one row. A project's tag is the tag's id; the cost engine copies the tag onto each
    // execution as it starts, so retagging a project does not rewrite what already ran.
    sql: `
      CREATE TABLE billing_tags (
        id TEXT PRIMARY KEY,
        tag TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX billing_tags_tag ON billing_tags (tag COLLATE NOCASE);

      CREATE TABLE billing_tag_settings (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        mode TEXT NOT NULL CHECK (mode IN ('required', 'optional', 'disabled')),
        notifications INTEGER NOT NULL CHECK (notifications IN (0, 1))
      ) STRICT;
      INSERT INTO billing_tag_settings (singleton, mode, notifications) VALUES (1, 'optional', 0);

      ALTER TABLE projects ADD COLUMN billing_tag_id TEXT REFERENCES billing_tags (id);
      CREATE INDEX projects_billing_tag ON projects (billing_tag_id) WHERE billing_tag_id IS NOT NULL;
    `,
  },
  {
    version: 21,
    description: 'cost engine: every execution as it ran (labels, tier, rate), its label sets, daily and hourly rollups',
    // Capture is in SQL triggers on the three execution tables, so an execution's cost row is
    // written in the same transaction as its start and end, by every code path (runner, workspace
    // sessions, Model API workers, recovery). Rollups are folded in from ended rows by the engine
    // (server/services/cost/engine.ts, decision 35). The trigger SQL is built by costCaptureSql,
    // frozen with this migration: change it only in a new one.
    sql: `
      -- How much CPU a job's processes used, in core-seconds (utime + stime), as sampled.
      ALTER TABLE jobs ADD COLUMN cpu_seconds REAL;

      -- One row per distinct label set of an execution, as it was when it started. '' = none.
      CREATE TABLE cost_dims (
        id INTEGER PRIMARY KEY,
        project_id TEXT NOT NULL,
        project_name TEXT NOT NULL,
        owner_id TEXT NOT NULL,
        owner_name TEXT NOT NULL,
        user_id TEXT NOT NULL,
        user_name TEXT NOT NULL,
        organization_id TEXT NOT NULL,
        organization_name TEXT NOT NULL,
        billing_tag TEXT NOT NULL,
        tier_id TEXT NOT NULL,
        tier_name TEXT NOT NULL,
        workload_type TEXT NOT NULL CHECK (workload_type IN ('job', 'workspace', 'model_api')),
        UNIQUE (project_id, user_id, tier_id, workload_type, organization_id, billing_tag, project_name, owner_id, owner_name, user_name, organization_name, tier_name)
      ) STRICT;

      -- One row per execution: its tier's resources and rate (micro-cents per minute) as of its
      -- start, start and end in epoch ms (end NULL while it runs), CPU used. rolled: its cost is in
      -- the rollups. is_long: it ran over a day (the edge scans read those separately).
      CREATE TABLE cost_executions (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('job', 'workspace', 'model_api')),
        source_id TEXT NOT NULL,
        dim_id INTEGER NOT NULL REFERENCES cost_dims (id),
        cores REAL NOT NULL,
        memory_gib REAL NOT NULL,
        gpus INTEGER NOT NULL,
        rate_ucpm INTEGER NOT NULL,
        started_ms INTEGER NOT NULL,
        ended_ms INTEGER,
        cpu_seconds REAL NOT NULL DEFAULT 0,
        is_long INTEGER NOT NULL DEFAULT 0,
        rolled INTEGER NOT NULL DEFAULT 0,
        UNIQUE (source, source_id)
      ) STRICT;
      CREATE INDEX cost_executions_open ON cost_executions (started_ms) WHERE ended_ms IS NULL;
      CREATE INDEX cost_executions_unrolled ON cost_executions (id) WHERE rolled = 0 AND ended_ms IS NOT NULL;
      CREATE INDEX cost_executions_span ON cost_executions (is_long, started_ms, ended_ms) WHERE ended_ms IS NOT NULL;

      -- Rollups of ended executions: money in integer micro-cents, quantities in unit-milliseconds.
      -- Daily and hourly per label set; daily per key (level 1 project, 2 user, 3 project + user,
      -- 4 tier) for the common aggregations without a filter.
      CREATE TABLE cost_daily (
        day INTEGER NOT NULL,
        dim_id INTEGER NOT NULL,
        cpu_uc INTEGER NOT NULL, gpu_uc INTEGER NOT NULL, ram_uc INTEGER NOT NULL,
        run_ms INTEGER NOT NULL, core_ms REAL NOT NULL, usage_core_ms REAL NOT NULL, gpu_ms REAL NOT NULL, ram_gib_ms REAL NOT NULL,
        PRIMARY KEY (day, dim_id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE cost_hourly (
        hour INTEGER NOT NULL,
        dim_id INTEGER NOT NULL,
        cpu_uc INTEGER NOT NULL, gpu_uc INTEGER NOT NULL, ram_uc INTEGER NOT NULL,
        run_ms INTEGER NOT NULL, core_ms REAL NOT NULL, usage_core_ms REAL NOT NULL, gpu_ms REAL NOT NULL, ram_gib_ms REAL NOT NULL,
        PRIMARY KEY (hour, dim_id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE cost_daily_key (
        level INTEGER NOT NULL,
        day INTEGER NOT NULL,
        key TEXT NOT NULL,
        cpu_uc INTEGER NOT NULL, gpu_uc INTEGER NOT NULL, ram_uc INTEGER NOT NULL,
        run_ms INTEGER NOT NULL, core_ms REAL NOT NULL, usage_core_ms REAL NOT NULL, gpu_ms REAL NOT NULL, ram_gib_ms REAL NOT NULL,
        PRIMARY KEY (level, day, key)
      ) STRICT, WITHOUT ROWID;

      -- The labels an execution starting now gets: the project and its owner, the owner's
      -- organization (the first by name), the project's billing tag, the starting user, the tier.
      CREATE VIEW cost_capture AS
        SELECT p.id AS project_id, p.name AS project_name, p.owner_id AS owner_id, o.user_name AS owner_name,
          u.id AS user_id, u.user_name AS user_name,
          coalesce(g.id, '') AS organization_id, coalesce(g.name, '') AS organization_name,
          coalesce(b.tag, '') AS billing_tag,
          t.id AS tier_id, t.name AS tier_name, t.cores AS cores, t.memory_gib AS memory_gib, t.gpu_count AS gpus,
          CAST(round(t.cents_per_minute * 1000000) AS INTEGER) AS rate_ucpm
        FROM projects p
        JOIN users o ON o.id = p.owner_id
        LEFT JOIN organizations g ON g.id = (
          SELECT m.organization_id FROM organization_members m JOIN organizations x ON x.id = m.organization_id
          WHERE m.user_id = p.owner_id ORDER BY x.name COLLATE NOCASE, x.id LIMIT 1)
        LEFT JOIN billing_tags b ON b.id = p.billing_tag_id
        CROSS JOIN users u
        CROSS JOIN hardware_tiers t;

      ${costCaptureSql(`SELECT 'job' AS source, j.id AS source_id, j.project_id, j.started_by AS user_id, j.hardware_tier_id AS tier_id, 'job' AS workload_type,
          ${isoMs('j.preparing_at')} AS started_ms, ${isoMs('j.completed_at')} AS ended_ms, coalesce(j.cpu_seconds, 0) AS cpu_seconds
        FROM jobs j WHERE j.preparing_at IS NOT NULL`)}
      ${costCaptureSql(`SELECT 'workspace' AS source, e.id AS source_id, e.project_id, e.started_by AS user_id, e.hardware_tier_id AS tier_id, 'workspace' AS workload_type,
          ${isoMs('e.started_at')} AS started_ms, ${isoMs('e.ended_at')} AS ended_ms, 0 AS cpu_seconds
        FROM executions e WHERE e.kind = 'workspace'`)}
      ${costCaptureSql(`SELECT 'model_api' AS source, x.id AS source_id, a.project_id, a.created_by AS user_id, x.hardware_tier_id AS tier_id, 'model_api' AS workload_type,
          x.started_at AS started_ms, x.ended_at AS ended_ms, 0 AS cpu_seconds
        FROM model_api_executions x JOIN model_apis a ON a.id = x.model_api_id`)}
      UPDATE cost_executions SET is_long = (ended_ms - started_ms > 86400000) WHERE ended_ms IS NOT NULL;

      CREATE TRIGGER cost_job_start AFTER UPDATE OF preparing_at ON jobs
      WHEN OLD.preparing_at IS NULL AND NEW.preparing_at IS NOT NULL BEGIN
        ${costCaptureSql(`SELECT 'job' AS source, NEW.id AS source_id, NEW.project_id AS project_id, NEW.started_by AS user_id, NEW.hardware_tier_id AS tier_id,
          'job' AS workload_type, ${isoMs('NEW.preparing_at')} AS started_ms, NULL AS ended_ms, 0 AS cpu_seconds`)}
      END;
      CREATE TRIGGER cost_job_usage AFTER UPDATE OF cpu_seconds ON jobs WHEN NEW.cpu_seconds IS NOT NULL BEGIN
        UPDATE cost_executions SET cpu_seconds = NEW.cpu_seconds WHERE source = 'job' AND source_id = NEW.id AND ended_ms IS NULL;
      END;
      CREATE TRIGGER cost_job_end AFTER UPDATE OF completed_at ON jobs
      WHEN OLD.completed_at IS NULL AND NEW.completed_at IS NOT NULL BEGIN
        ${costEndSql('job', 'NEW.id', isoMs('NEW.completed_at'))}
      END;
      CREATE TRIGGER cost_workspace_start AFTER INSERT ON executions WHEN NEW.kind = 'workspace' BEGIN
        ${costCaptureSql(`SELECT 'workspace' AS source, NEW.id AS source_id, NEW.project_id AS project_id, NEW.started_by AS user_id, NEW.hardware_tier_id AS tier_id,
          'workspace' AS workload_type, ${isoMs('NEW.started_at')} AS started_ms, ${isoMs('NEW.ended_at')} AS ended_ms, 0 AS cpu_seconds`)}
        UPDATE cost_executions SET is_long = (ended_ms - started_ms > 86400000) WHERE source = 'workspace' AND source_id = NEW.id AND ended_ms IS NOT NULL;
      END;
      CREATE TRIGGER cost_workspace_end AFTER UPDATE OF ended_at ON executions
      WHEN OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL BEGIN
        ${costEndSql('workspace', 'NEW.id', isoMs('NEW.ended_at'))}
      END;
      CREATE TRIGGER cost_model_api_start AFTER INSERT ON model_api_executions BEGIN
        ${costCaptureSql(`SELECT 'model_api' AS source, NEW.id AS source_id, a.project_id AS project_id, a.created_by AS user_id, NEW.hardware_tier_id AS tier_id,
          'model_api' AS workload_type, NEW.started_at AS started_ms, NEW.ended_at AS ended_ms, 0 AS cpu_seconds FROM model_apis a WHERE a.id = NEW.model_api_id`)}
        UPDATE cost_executions SET is_long = (ended_ms - started_ms > 86400000) WHERE source = 'model_api' AND source_id = NEW.id AND ended_ms IS NOT NULL;
      END;
      CREATE TRIGGER cost_model_api_end AFTER UPDATE OF ended_at ON model_api_executions
      WHEN OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL BEGIN
        ${costEndSql('model_api', 'NEW.id', 'NEW.ended_at')}
      END;
    `,
  },
];

/** Epoch milliseconds of an RFC 3339 text column (NULL stays NULL). */
function isoMs(column: string): string {
  return `CAST(round(unixepoch(${column}, 'subsec') * 1000) AS INTEGER)`;
}

/**
 * Migration 21's capture: the label set of each execution `source` selects (source, source_id,
 * project_id, user_id, tier_id, workload_type, started_ms, ended_ms, cpu_seconds), made once in
 * cost_dims, then the execution's row. Frozen with migration 21.
 */
function costCaptureSql(source: string): string {
  const dimColumns = 'project_id, project_name, owner_id, owner_name, user_id, user_name, organization_id, organization_name, billing_tag, tier_id, tier_name';
  const joinCapture = 'JOIN cost_capture c ON c.project_id = s.project_id AND c.user_id = s.user_id AND c.tier_id = s.tier_id';
  const sameDim = dimColumns
    .split(', ')
    .map((column) => `d.${column} = c.${column}`)
    .join(' AND ');
  return `
    INSERT OR IGNORE INTO cost_dims (${dimColumns}, workload_type)
      SELECT ${dimColumns
        .split(', ')
        .map((column) => `c.${column}`)
        .join(', ')}, s.workload_type FROM (${source}) s ${joinCapture};
    INSERT OR IGNORE INTO cost_executions (source, source_id, dim_id, cores, memory_gib, gpus, rate_ucpm, started_ms, ended_ms, cpu_seconds)
      SELECT s.source, s.source_id, d.id, c.cores, c.memory_gib, c.gpus, c.rate_ucpm, s.started_ms,
        CASE WHEN s.ended_ms IS NULL THEN NULL ELSE max(s.started_ms, s.ended_ms) END, s.cpu_seconds
      FROM (${source}) s ${joinCapture}
      JOIN cost_dims d ON ${sameDim} AND d.workload_type = s.workload_type;`;
}

/** Migration 21's end of an execution: its end (never before its start), whether it ran over a day. */
function costEndSql(source: string, idExpression: string, endedMs: string): string {
  return `
    UPDATE cost_executions SET ended_ms = max(started_ms, ${endedMs}), is_long = (max(started_ms, ${endedMs}) - started_ms > 86400000)
      WHERE source = '${source}' AND source_id = ${idExpression} AND ended_ms IS NULL;`;
}

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
