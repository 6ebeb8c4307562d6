// The smaller things a project holds: goals, imported repositories, shared-dataset links,
// workspaces and their executions.
import type { Db } from './database';

export interface GoalRow {
  id: string;
  projectId: string;
  title: string;
  description: string | null;
  isComplete: boolean;
  creatorId: string;
  createdAt: string;
}

export interface ImportedRepositoryRow {
  id: string;
  projectId: string;
  uri: string;
  name: string;
  serviceProvider: string;
  refType: string;
  refValue: string | null;
  createdAt: string;
}

export interface WorkspaceRow {
  id: string;
  projectId: string;
  name: string;
  createdAt: string;
}

export interface ExecutionRow {
  id: string;
  projectId: string;
  kind: 'workspace' | 'job';
  workspaceId: string | null;
  sessionId: string | null;
  hardwareTierId: string;
  startedBy: string;
  status: string;
  startedAt: string;
  endedAt: string | null;
}

type Raw<T> = Record<string, unknown> & T;
const goal = (
  r: Raw<{ id: string; project_id: string; title: string; description: string | null; is_complete: number; creator_id: string; created_at: string }>,
): GoalRow => ({
  id: r.id,
  projectId: r.project_id,
  title: r.title,
  description: r.description,
  isComplete: r.is_complete === 1,
  creatorId: r.creator_id,
  createdAt: r.created_at,
});
const repository = (
  r: Raw<{
    id: string;
    project_id: string;
    uri: string;
    name: string;
    service_provider: string;
    ref_type: string;
    ref_value: string | null;
    created_at: string;
  }>,
): ImportedRepositoryRow => ({
  id: r.id,
  projectId: r.project_id,
  uri: r.uri,
  name: r.name,
  serviceProvider: r.service_provider,
  refType: r.ref_type,
  refValue: r.ref_value,
  createdAt: r.created_at,
});
const execution = (
  r: Raw<{
    id: string;
    project_id: string;
    kind: 'workspace' | 'job';
    workspace_id: string | null;
    session_id: string | null;
    hardware_tier_id: string;
    started_by: string;
    status: string;
    started_at: string;
    ended_at: string | null;
  }>,
): ExecutionRow => ({
  id: r.id,
  projectId: r.project_id,
  kind: r.kind,
  workspaceId: r.workspace_id,
  sessionId: r.session_id,
  hardwareTierId: r.hardware_tier_id,
  startedBy: r.started_by,
  status: r.status,
  startedAt: r.started_at,
  endedAt: r.ended_at,
});

export type ProjectPartsRepository = ReturnType<typeof projectPartsRepository>;

export function projectPartsRepository(db: Db) {
  const s = {
    insertGoal: db.prepare(
      'INSERT INTO project_goals (id, project_id, title, description, is_complete, creator_id, created_at) VALUES (@id, @projectId, @title, @description, @isComplete, @creatorId, @createdAt)',
    ),
    goalsOf: db.prepare<[string], Parameters<typeof goal>[0]>('SELECT * FROM project_goals WHERE project_id = ? ORDER BY created_at, id'),
    goal: db.prepare<[string, string], Parameters<typeof goal>[0]>('SELECT * FROM project_goals WHERE project_id = ? AND id = ?'),
    setGoalComplete: db.prepare('UPDATE project_goals SET is_complete = ? WHERE project_id = ? AND id = ?'),
    deleteGoal: db.prepare('DELETE FROM project_goals WHERE project_id = ? AND id = ?'),
    insertRepository: db.prepare(
      'INSERT INTO project_repositories (id, project_id, uri, name, service_provider, ref_type, ref_value, created_at) VALUES (@id, @projectId, @uri, @name, @serviceProvider, @refType, @refValue, @createdAt)',
    ),
    repositoriesPage: db.prepare<[string, number, number], Parameters<typeof repository>[0]>(
      'SELECT * FROM project_repositories WHERE project_id = ? ORDER BY created_at, id LIMIT ? OFFSET ?',
    ),
    repositoriesCount: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM project_repositories WHERE project_id = ?'),
    repositoriesOf: db.prepare<[string], Parameters<typeof repository>[0]>('SELECT * FROM project_repositories WHERE project_id = ? ORDER BY created_at, id'),
    deleteRepository: db.prepare('DELETE FROM project_repositories WHERE project_id = ? AND id = ?'),
    linkDataset: db.prepare('INSERT OR IGNORE INTO project_shared_datasets (project_id, dataset_id, added_at) VALUES (?, ?, ?)'),
    unlinkDataset: db.prepare('DELETE FROM project_shared_datasets WHERE project_id = ? AND dataset_id = ?'),
    datasetsOf: db.prepare<[string], { dataset_id: string }>(
      'SELECT dataset_id FROM project_shared_datasets WHERE project_id = ? ORDER BY added_at, dataset_id',
    ),
    insertWorkspace: db.prepare('INSERT INTO workspaces (id, project_id, name, created_at) VALUES (@id, @projectId, @name, @createdAt)'),
    workspacesOf: db.prepare<[string], { id: string; project_id: string; name: string; created_at: string }>(
      'SELECT * FROM workspaces WHERE project_id = ? ORDER BY created_at, id',
    ),
    insertExecution: db.prepare(
      'INSERT INTO executions (id, project_id, kind, workspace_id, session_id, hardware_tier_id, started_by, status, started_at, ended_at) VALUES (@id, @projectId, @kind, @workspaceId, @sessionId, @hardwareTierId, @startedBy, @status, @startedAt, @endedAt)',
    ),
    session: db.prepare<[string], Parameters<typeof execution>[0]>('SELECT * FROM executions WHERE session_id = ?'),
    executionsOfWorkspace: db.prepare<[string], Parameters<typeof execution>[0]>(
      'SELECT * FROM executions WHERE workspace_id = ? ORDER BY started_at DESC, id DESC',
    ),
    finishExecution: db.prepare('UPDATE executions SET status = ?, ended_at = ? WHERE id = ? AND ended_at IS NULL'),
  };

  return {
    insertGoal: (row: GoalRow) => void s.insertGoal.run({ ...row, isComplete: row.isComplete ? 1 : 0 }),
    goals: (projectId: string) => s.goalsOf.all(projectId).map(goal),
    goal: (projectId: string, goalId: string) => {
      const raw = s.goal.get(projectId, goalId);
      return raw && goal(raw);
    },
    setGoalComplete: (projectId: string, goalId: string, isComplete: boolean) => s.setGoalComplete.run(isComplete ? 1 : 0, projectId, goalId).changes > 0,
    deleteGoal: (projectId: string, goalId: string) => s.deleteGoal.run(projectId, goalId).changes > 0,

    insertRepository: (row: ImportedRepositoryRow) => void s.insertRepository.run(row),
    repositories: (projectId: string, offset: number, limit: number) => ({
      rows: s.repositoriesPage.all(projectId, limit, offset).map(repository),
      totalCount: s.repositoriesCount.get(projectId)!.n,
    }),
    allRepositories: (projectId: string) => s.repositoriesOf.all(projectId).map(repository),
    deleteRepository: (projectId: string, repositoryId: string) => s.deleteRepository.run(projectId, repositoryId).changes > 0,

    linkDataset: (projectId: string, datasetId: string, addedAt: string) => void s.linkDataset.run(projectId, datasetId, addedAt),
    unlinkDataset: (projectId: string, datasetId: string) => s.unlinkDataset.run(projectId, datasetId).changes > 0,
    sharedDatasetIds: (projectId: string) => s.datasetsOf.all(projectId).map((r) => r.dataset_id),

    insertWorkspace: (row: WorkspaceRow) => void s.insertWorkspace.run(row),
    workspaces: (projectId: string): WorkspaceRow[] =>
      s.workspacesOf.all(projectId).map((r) => ({ id: r.id, projectId: r.project_id, name: r.name, createdAt: r.created_at })),

    insertExecution: (row: ExecutionRow) => void s.insertExecution.run(row),
    sessionExecution: (sessionId: string) => {
      const raw = s.session.get(sessionId);
      return raw && execution(raw);
    },
    executionsOfWorkspace: (workspaceId: string) => s.executionsOfWorkspace.all(workspaceId).map(execution),
    finishExecution: (id: string, status: string, endedAt: string) => s.finishExecution.run(status, endedAt, id).changes > 0,
  };
}
