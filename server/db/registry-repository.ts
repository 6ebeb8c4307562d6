// The model registry's statements: models, versions, project stages, reviews with their
// reviewers and events, and the append-only stage history.
import type { Db } from './database';

export interface ModelRow {
  id: string;
  name: string;
  projectId: string;
  description: string;
  discoverable: boolean;
  ownerId: string;
  createdAt: string;
  updatedAt: string;
}

export interface VersionRow {
  modelId: string;
  version: number;
  runId: string;
  artifact: string;
  description: string;
  stage: string;
  ownerId: string;
  createdAt: string;
  updatedAt: string;
}

export type ReviewStatus = 'Open' | 'Approved' | 'Canceled';
export type Decision = 'Approved' | 'RequestChanges';

export interface ReviewRow {
  id: string;
  modelId: string;
  version: number;
  targetStage: string;
  notes: string;
  status: ReviewStatus;
  requesterId: string;
  createdAt: string;
  closedAt: string | null;
}

export interface ReviewerRow {
  userId: string;
  decision: Decision | null;
  notes: string | null;
  decidedAt: string | null;
}

export interface ReviewEventRow {
  reviewId: string;
  kind: string;
  actorId: string;
  at: string;
  decision: string | null;
  notes: string | null;
}

export interface StageChangeRow {
  modelId: string;
  version: number;
  fromStage: string;
  toStage: string;
  actorId: string;
  at: string;
  cause: 'direct' | 'review' | 'displaced';
  reviewId: string | null;
}

/** Who is asking, for the statements that list what they may see. */
export interface Viewer {
  userId: string;
  isAdmin: boolean;
}

type RawModel = {
  id: string;
  name: string;
  project_id: string;
  description: string;
  discoverable: number;
  owner_id: string;
  created_at: string;
  updated_at: string;
};
type RawVersion = {
  model_id: string;
  version: number;
  run_id: string;
  artifact: string;
  description: string;
  stage: string;
  owner_id: string;
  created_at: string;
  updated_at: string;
};
type RawReview = {
  id: string;
  model_id: string;
  version: number;
  target_stage: string;
  notes: string;
  status: ReviewStatus;
  requester_id: string;
  created_at: string;
  closed_at: string | null;
};

const toModel = (r: RawModel): ModelRow => ({
  id: r.id,
  name: r.name,
  projectId: r.project_id,
  description: r.description,
  discoverable: r.discoverable === 1,
  ownerId: r.owner_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const toVersion = (r: RawVersion): VersionRow => ({
  modelId: r.model_id,
  version: r.version,
  runId: r.run_id,
  artifact: r.artifact,
  description: r.description,
  stage: r.stage,
  ownerId: r.owner_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const toReview = (r: RawReview): ReviewRow => ({
  id: r.id,
  modelId: r.model_id,
  version: r.version,
  targetStage: r.target_stage,
  notes: r.notes,
  status: r.status,
  requesterId: r.requester_id,
  createdAt: r.created_at,
  closedAt: r.closed_at,
});

// Models a viewer sees: those of live projects they may read (admins: all), and discoverable
// ones. Written as membership tests on small sets (not a join and an OR over every row), so a page
// walks the ordering index and stops at its LIMIT (bench/registry-list.ts).
const NOT_ARCHIVED = 'm.project_id NOT IN (SELECT id FROM projects WHERE is_archived = 1)';
const READABLE_PROJECT = `m.project_id IN (
  SELECT id FROM projects WHERE visibility = 'public' AND is_archived = 0
  UNION SELECT id FROM projects WHERE owner_id = @userId AND is_archived = 0
  UNION SELECT c.project_id FROM project_collaborators c WHERE c.user_id = @userId)`;

// Names are unique (ignoring case): the name index alone orders a page.
const MODEL_ORDER: Record<string, (direction: string) => string> = {
  name: (d) => `m.name COLLATE NOCASE ${d}`,
  createdAt: (d) => `m.created_at ${d}, m.id ${d}`,
  updatedAt: (d) => `m.updated_at ${d}, m.id ${d}`,
};

export type RegistryRepository = ReturnType<typeof registryRepository>;

export function registryRepository(db: Db) {
  const modelByName = db.prepare<[string], RawModel>('SELECT * FROM registered_models WHERE name = ? COLLATE NOCASE');
  const modelById = db.prepare<[string], RawModel>('SELECT * FROM registered_models WHERE id = ?');
  const discoverableIn = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM registered_models WHERE project_id = ? AND discoverable = 1 LIMIT 1');
  const insertModel = db.prepare(
    `INSERT INTO registered_models (id, name, project_id, description, discoverable, owner_id, created_at, updated_at)
     VALUES (@id, @name, @projectId, @description, @discoverable, @ownerId, @createdAt, @updatedAt)`,
  );
  const patchModel = db.prepare<{ id: string; description: string | null; discoverable: number | null; updatedAt: string }>(
    `UPDATE registered_models SET description = coalesce(@description, description), discoverable = coalesce(@discoverable, discoverable), updated_at = @updatedAt WHERE id = @id`,
  );
  const touchModel = db.prepare<[string, string]>('UPDATE registered_models SET updated_at = ? WHERE id = ?');
  const setTag = db.prepare<[string, string, string]>(
    'INSERT INTO registered_model_tags (model_id, key, value) VALUES (?, ?, ?) ON CONFLICT (model_id, key) DO UPDATE SET value = excluded.value',
  );
  const tags = db.prepare<[string], { key: string; value: string }>('SELECT key, value FROM registered_model_tags WHERE model_id = ? ORDER BY key');

  const latestVersion = db.prepare<[string], RawVersion>('SELECT * FROM model_versions WHERE model_id = ? ORDER BY version DESC LIMIT 1');
  const version = db.prepare<[string, number], RawVersion>('SELECT * FROM model_versions WHERE model_id = ? AND version = ?');
  const versionsPage = db.prepare<[string, number, number], RawVersion>(
    'SELECT * FROM model_versions WHERE model_id = ? ORDER BY version DESC LIMIT ? OFFSET ?',
  );
  const versionCount = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM model_versions WHERE model_id = ?');
  const insertVersion = db.prepare(
    `INSERT INTO model_versions (model_id, version, run_id, artifact, description, stage, owner_id, created_at, updated_at)
     VALUES (@modelId, (SELECT coalesce(max(version), 0) + 1 FROM model_versions WHERE model_id = @modelId), @runId, @artifact, @description, @stage, @ownerId, @createdAt, @createdAt)
     RETURNING version`,
  );
  const occupants = db.prepare<[string, string], RawVersion>('SELECT * FROM model_versions WHERE model_id = ? AND stage = ? COLLATE NOCASE');
  const setStage = db.prepare<[string, string, string, number]>('UPDATE model_versions SET stage = ?, updated_at = ? WHERE model_id = ? AND version = ?');
  const insertStageChange = db.prepare(
    `INSERT INTO model_stage_changes (model_id, version, from_stage, to_stage, actor_id, at, cause, review_id)
     VALUES (@modelId, @version, @fromStage, @toStage, @actorId, @at, @cause, @reviewId)`,
  );
  const stageChanges = db.prepare<
    [string],
    {
      model_id: string;
      version: number;
      from_stage: string;
      to_stage: string;
      actor_id: string;
      at: string;
      cause: StageChangeRow['cause'];
      review_id: string | null;
    }
  >('SELECT * FROM model_stage_changes WHERE model_id = ? ORDER BY seq');

  const projectStages = db.prepare<[string], { label: string }>('SELECT label FROM project_model_stages WHERE project_id = ? ORDER BY position');
  const clearProjectStages = db.prepare<[string]>('DELETE FROM project_model_stages WHERE project_id = ?');
  const insertProjectStage = db.prepare<[string, number, string]>('INSERT INTO project_model_stages (project_id, position, label) VALUES (?, ?, ?)');

  const reviewById = db.prepare<[string], RawReview>('SELECT * FROM model_reviews WHERE id = ?');
  const openReview = db.prepare<[string, number], RawReview>("SELECT * FROM model_reviews WHERE model_id = ? AND version = ? AND status = 'Open'");
  const latestReview = db.prepare<[string, number], RawReview>(
    'SELECT * FROM model_reviews WHERE model_id = ? AND version = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
  );
  const reviewsOfVersion = db.prepare<[string, number], RawReview>('SELECT * FROM model_reviews WHERE model_id = ? AND version = ? ORDER BY created_at, rowid');
  const insertReview = db.prepare(
    `INSERT INTO model_reviews (id, model_id, version, target_stage, notes, status, requester_id, created_at)
     VALUES (@id, @modelId, @version, @targetStage, @notes, 'Open', @requesterId, @createdAt)`,
  );
  const updateReview = db.prepare<{ id: string; notes: string | null; status: ReviewStatus | null; closedAt: string | null }>(
    'UPDATE model_reviews SET notes = coalesce(@notes, notes), status = coalesce(@status, status), closed_at = coalesce(@closedAt, closed_at) WHERE id = @id',
  );
  const reviewers = db.prepare<[string], { user_id: string; decision: Decision | null; notes: string | null; decided_at: string | null }>(
    'SELECT user_id, decision, notes, decided_at FROM model_review_reviewers WHERE review_id = ? ORDER BY position',
  );
  const insertReviewer = db.prepare<[string, string, number]>('INSERT INTO model_review_reviewers (review_id, user_id, position) VALUES (?, ?, ?)');
  const deleteReviewers = db.prepare<[string]>('DELETE FROM model_review_reviewers WHERE review_id = ?');
  const decide = db.prepare<[Decision, string | null, string, string, string]>(
    'UPDATE model_review_reviewers SET decision = ?, notes = ?, decided_at = ? WHERE review_id = ? AND user_id = ?',
  );
  const resetDecisions = db.prepare<[string]>('UPDATE model_review_reviewers SET decision = NULL, notes = NULL, decided_at = NULL WHERE review_id = ?');
  const insertEvent = db.prepare(
    'INSERT INTO model_review_events (review_id, kind, actor_id, at, decision, notes) VALUES (@reviewId, @kind, @actorId, @at, @decision, @notes)',
  );
  const eventsOfVersion = db.prepare<
    [string, number],
    { review_id: string; kind: string; actor_id: string; at: string; decision: string | null; notes: string | null }
  >(`SELECT e.* FROM model_review_events e JOIN model_reviews r ON r.id = e.review_id WHERE r.model_id = ? AND r.version = ? ORDER BY e.seq`);
  const inbox = db.prepare<{ userId: string; status: ReviewStatus; limit: number; offset: number }, RawReview>(
    `SELECT r.* FROM model_reviews r JOIN model_review_reviewers x ON x.review_id = r.id
     WHERE x.user_id = @userId AND r.status = @status ORDER BY r.created_at DESC, r.id LIMIT @limit OFFSET @offset`,
  );
  const inboxCount = db.prepare<{ userId: string; status: ReviewStatus }, { n: number }>(
    `SELECT count(*) AS n FROM model_reviews r JOIN model_review_reviewers x ON x.review_id = r.id WHERE x.user_id = @userId AND r.status = @status`,
  );
  const recordAccessRequest = db.prepare<[string, string, string]>(
    'INSERT INTO project_access_requests (project_id, user_id, requested_at) VALUES (?, ?, ?) ON CONFLICT (project_id, user_id) DO UPDATE SET requested_at = excluded.requested_at',
  );

  function listWhere(options: { viewer: Viewer; projectId?: string; search?: string; discoverableOthers: boolean }) {
    const where = [NOT_ARCHIVED];
    const args: Record<string, unknown> = {};
    if (!options.viewer.isAdmin) {
      where.push(options.discoverableOthers ? `(${READABLE_PROJECT} OR m.discoverable = 1)` : READABLE_PROJECT);
      args.userId = options.viewer.userId;
    }
    if (options.projectId !== undefined) {
      where.push('m.project_id = @projectId');
      args.projectId = options.projectId;
    }
    if (options.search) {
      // A case-insensitive substring of the name, with LIKE's wildcards taken literally.
      where.push("m.name LIKE @search ESCAPE '\\'");
      args.search = `%${options.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    return { where: where.join(' AND '), args };
  }

  return {
    modelByName(name: string): ModelRow | undefined {
      const row = modelByName.get(name);
      return row && toModel(row);
    },
    modelById(id: string): ModelRow | undefined {
      const row = modelById.get(id);
      return row && toModel(row);
    },
    hasDiscoverableModel(projectId: string): boolean {
      return discoverableIn.get(projectId) !== undefined;
    },
    insertModel(model: ModelRow, tagList: Record<string, string>): void {
      db.transaction(() => {
        insertModel.run({ ...model, discoverable: model.discoverable ? 1 : 0 });
        for (const [key, value] of Object.entries(tagList)) setTag.run(model.id, key, value);
      })();
    },
    patchModel(id: string, patch: { description?: string; discoverable?: boolean }, updatedAt: string): void {
      patchModel.run({
        id,
        description: patch.description ?? null,
        discoverable: patch.discoverable === undefined ? null : patch.discoverable ? 1 : 0,
        updatedAt,
      });
    },
    tags(modelId: string): Record<string, string> {
      return Object.fromEntries(tags.all(modelId).map((t) => [t.key, t.value]));
    },
    listModels(options: {
      viewer: Viewer;
      projectId?: string;
      search?: string;
      discoverableOthers: boolean;
      orderBy: { field: string; descending: boolean };
      limit: number;
      offset: number;
    }) {
      const { where, args } = listWhere(options);
      const order = (MODEL_ORDER[options.orderBy.field] ?? MODEL_ORDER.name!)(options.orderBy.descending ? 'DESC' : 'ASC');
      const rows = db
        .prepare<Record<string, unknown>, RawModel>(`SELECT m.* FROM registered_models m WHERE ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
        .all({ ...args, limit: options.limit, offset: options.offset })
        .map(toModel);
      const total = db.prepare<Record<string, unknown>, { n: number }>(`SELECT count(*) AS n FROM registered_models m WHERE ${where}`).get(args)!.n;
      return { rows, total };
    },

    latestVersion(modelId: string): VersionRow | undefined {
      const row = latestVersion.get(modelId);
      return row && toVersion(row);
    },
    version(modelId: string, number: number): VersionRow | undefined {
      const row = version.get(modelId, number);
      return row && toVersion(row);
    },
    versions(modelId: string, limit: number, offset: number): { rows: VersionRow[]; total: number } {
      return { rows: versionsPage.all(modelId, limit, offset).map(toVersion), total: versionCount.get(modelId)!.n };
    },
    /** The next number, taken in the insert itself: no gap and no duplicate, however many register at once. */
    insertVersion(row: Omit<VersionRow, 'version' | 'updatedAt'>): number {
      return db.transaction(() => {
        const { version: number } = insertVersion.get(row) as { version: number };
        touchModel.run(row.createdAt, row.modelId);
        return number;
      })();
    },
    occupants(modelId: string, stage: string): VersionRow[] {
      return occupants.all(modelId, stage).map(toVersion);
    },
    setStage(modelId: string, number: number, stage: string, at: string): void {
      setStage.run(stage, at, modelId, number);
      touchModel.run(at, modelId);
    },
    recordStageChange(change: StageChangeRow): void {
      insertStageChange.run(change);
    },
    stageChanges(modelId: string): StageChangeRow[] {
      return stageChanges.all(modelId).map((r) => ({
        modelId: r.model_id,
        version: r.version,
        fromStage: r.from_stage,
        toStage: r.to_stage,
        actorId: r.actor_id,
        at: r.at,
        cause: r.cause,
        reviewId: r.review_id,
      }));
    },

    projectStages(projectId: string): string[] {
      return projectStages.all(projectId).map((row) => row.label);
    },
    setProjectStages(projectId: string, labels: readonly string[]): void {
      db.transaction(() => {
        clearProjectStages.run(projectId);
        labels.forEach((label, i) => insertProjectStage.run(projectId, i, label));
      })();
    },

    review(id: string): ReviewRow | undefined {
      const row = reviewById.get(id);
      return row && toReview(row);
    },
    openReview(modelId: string, number: number): ReviewRow | undefined {
      const row = openReview.get(modelId, number);
      return row && toReview(row);
    },
    latestReview(modelId: string, number: number): ReviewRow | undefined {
      const row = latestReview.get(modelId, number);
      return row && toReview(row);
    },
    reviewsOfVersion(modelId: string, number: number): ReviewRow[] {
      return reviewsOfVersion.all(modelId, number).map(toReview);
    },
    insertReview(review: Omit<ReviewRow, 'status' | 'closedAt'>, reviewerIds: readonly string[]): void {
      insertReview.run(review);
      reviewerIds.forEach((userId, i) => insertReviewer.run(review.id, userId, i));
    },
    updateReview(id: string, change: { notes?: string; status?: ReviewStatus; closedAt?: string }): void {
      updateReview.run({ id, notes: change.notes ?? null, status: change.status ?? null, closedAt: change.closedAt ?? null });
    },
    reviewers(reviewId: string): ReviewerRow[] {
      return reviewers.all(reviewId).map((r) => ({ userId: r.user_id, decision: r.decision, notes: r.notes, decidedAt: r.decided_at }));
    },
    /** Replaces the reviewer list, keeping each remaining reviewer's decision. */
    replaceReviewers(reviewId: string, userIds: readonly string[]): void {
      const kept = new Map(this.reviewers(reviewId).map((r) => [r.userId, r]));
      deleteReviewers.run(reviewId);
      userIds.forEach((userId, i) => {
        insertReviewer.run(reviewId, userId, i);
        const before = kept.get(userId);
        if (before?.decision) decide.run(before.decision, before.notes, before.decidedAt!, reviewId, userId);
      });
    },
    decide(reviewId: string, userId: string, decision: Decision, notes: string | null, at: string): void {
      decide.run(decision, notes, at, reviewId, userId);
    },
    resetDecisions(reviewId: string): void {
      resetDecisions.run(reviewId);
    },
    recordEvent(event: ReviewEventRow): void {
      insertEvent.run(event);
    },
    eventsOfVersion(modelId: string, number: number): ReviewEventRow[] {
      return eventsOfVersion
        .all(modelId, number)
        .map((r) => ({ reviewId: r.review_id, kind: r.kind, actorId: r.actor_id, at: r.at, decision: r.decision, notes: r.notes }));
    },
    inbox(userId: string, status: ReviewStatus, limit: number, offset: number): { rows: ReviewRow[]; total: number } {
      return { rows: inbox.all({ userId, status, limit, offset }).map(toReview), total: inboxCount.get({ userId, status })!.n };
    },
    recordAccessRequest(projectId: string, userId: string, at: string): void {
      recordAccessRequest.run(projectId, userId, at);
    },
    /** Runs `work` in one transaction: a review's decision and the stage move it causes land together. */
    transaction<T>(work: () => T): T {
      return db.transaction(work)();
    },
  };
}
