// The embedded list of jobs across projects (jobs-across-projects): whose projects it reads (owner,
// collaborator, public, admin; never searchable-only, private or archived ones), "mine", every
// status filter, both directions and pages, against a plain-code reading of the rules; both of the
// repository's page plans (walking every job in time order, gathering the projects' own) answer the same.
import { describe, expect, it } from 'vitest';
import {
  CROSS_PROJECT_STATUS_FILTERS,
  JOB_OUTCOMES,
  JOB_STATUS_FILTER_STATES,
  type CrossProjectJobsQuery,
  type JobExecutionStatus,
} from '../../src/api/schemas/jobs';
import type { JobRow } from '../db/jobs-repository';
import { newObjectId } from '../http/ids';
import { seeded } from './fixtures';
import { startTestServer, type TestServer, type TestUser } from './helper';

const STATUSES: JobExecutionStatus[] = ['Queued', 'Preparing', 'Running', 'Finishing', 'Succeeded', 'Failed', 'Stopped', 'Error'];

interface World {
  server: TestServer;
  ana: TestUser;
  bo: TestUser;
  cy: TestUser;
  /** Which projects each of them may read jobs of. */
  readable: Map<string, Set<string>>;
  jobs: JobRow[];
}

/** Projects of every kind and 300 jobs among them, some archived, of three starters. */
async function world(): Promise<World> {
  const server = await startTestServer();
  const ctx = server.app.ctx;
  const [ana, bo, cy] = [await server.newUser('ana'), await server.newUser('bo'), await server.newUser('cy')];
  const random = seeded(11);
  const project = (name: string, owner: TestUser, visibility: 'public' | 'private' | 'searchable') => {
    const id = newObjectId(ctx.clock);
    ctx.projects.insert({
      id,
      name,
      description: '',
      visibility,
      ownerId: owner.id,
      resultsBranch: 'main',
      defaultHardwareTierId: 'small-k8s',
      mainRepository: null,
      createdAt: new Date(0).toISOString(),
    });
    return id;
  };
  const anaPrivate = project('ana-private', ana, 'private');
  const anaShared = project('ana-shared', ana, 'private');
  ctx.projects.setCollaborator(anaShared, bo.id, 'resultsConsumer', new Date(0).toISOString());
  const boPublic = project('bo-public', bo, 'public');
  const boSearchable = project('bo-searchable', bo, 'searchable');
  const cyPrivate = project('cy-private', cy, 'private');
  const anaArchived = project('ana-archived', ana, 'private');
  const projects = [anaPrivate, anaShared, boPublic, boSearchable, cyPrivate, anaArchived];
  const users = [ana, bo, cy];
  const jobs: JobRow[] = [];
  for (let i = 0; i < 300; i++) {
    const starter = random.pick(users);
    const job = ctx.jobs.insert({
      id: newObjectId(ctx.clock),
      projectId: random.pick(projects),
      title: null,
      command: 'python a.py',
      status: 'Queued',
      startedBy: starter.id,
      startedByName: starter.userName,
      hardwareTierId: 'small-k8s',
      environmentId: null,
      inputCommitId: '0'.repeat(40),
      resultsBranch: 'main',
      // Many share a minute: ties are broken by insertion, as the list does.
      submittedAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(random.next() * 200) * 60_000).toISOString(),
    });
    ctx.jobs.update(job.id, { status: random.pick(STATUSES), ...(random.next() < 0.1 ? { isArchived: true } : {}) });
    jobs.push(ctx.jobs.findById(job.id)!);
  }
  ctx.projects.archive(anaArchived, new Date(0).toISOString());
  const readable = new Map<string, Set<string>>([
    [ana.id, new Set([anaPrivate, anaShared, boPublic])],
    [bo.id, new Set([anaShared, boPublic, boSearchable])],
    [cy.id, new Set([boPublic, cyPrivate])],
    [server.admin.id, new Set([anaPrivate, anaShared, boPublic, boSearchable, cyPrivate])],
  ]);
  return { server, ana, bo, cy, readable, jobs };
}

function expected(world: World, userId: string, query: CrossProjectJobsQuery): string[] {
  const projects = world.readable.get(userId)!;
  const states = query.statusFilter === 'all' ? undefined : (JOB_STATUS_FILTER_STATES[query.statusFilter] as readonly string[]);
  const sign = query.ascending ? 1 : -1;
  const inserted = new Map(world.jobs.map((j, i) => [j.id, i]));
  return world.jobs
    .filter((j) => projects.has(j.projectId) && !j.isArchived)
    .filter((j) => query.startedBy === 'anyone' || j.startedBy === userId)
    .filter((j) => !states || states.includes(j.status))
    .filter((j) => !query.executionStatus || j.status === query.executionStatus)
    .sort((a, b) => sign * (a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : inserted.get(a.id)! - inserted.get(b.id)!))
    .map((j) => j.id);
}

function everyQuery(): CrossProjectJobsQuery[] {
  const queries: CrossProjectJobsQuery[] = [];
  for (const startedBy of ['me', 'anyone'] as const)
    for (const ascending of [false, true])
      for (const filter of [...CROSS_PROJECT_STATUS_FILTERS, ...JOB_OUTCOMES])
        for (const [offset, limit] of [
          [0, 7],
          [15, 40],
          [290, 10],
        ] as const) {
          const outcome = (JOB_OUTCOMES as readonly string[]).includes(filter);
          queries.push({
            startedBy,
            ascending,
            offset,
            limit,
            statusFilter: outcome ? 'completed' : (filter as CrossProjectJobsQuery['statusFilter']),
            ...(outcome ? { executionStatus: filter as (typeof JOB_OUTCOMES)[number] } : {}),
          });
        }
  return queries;
}

describe('jobs across projects', () => {
  it('lists the jobs of the projects each caller may read, filtered, sorted and paged as the rules say, by either plan', async () => {
    const w = await world();
    const ctx = w.server.app.ctx;
    for (const user of [w.ana, w.bo, w.cy, { id: w.server.admin.id }]) {
      const projectIds = [...w.readable.get(user.id)!];
      // The service's set is the rules' set.
      expect(new Set(ctx.projects.readableIds({ id: user.id, isAdmin: user.id === w.server.admin.id }).ids)).toEqual(w.readable.get(user.id));
      for (const query of everyQuery()) {
        const want = expected(w, user.id, query);
        // A share of 1 always walks, of 0 always gathers.
        for (const share of [1, 0]) {
          const label = JSON.stringify({ user: user.id, share, ...query });
          const got = ctx.jobs.listAcrossProjects(query, { projectIds, startedBy: query.startedBy === 'me' ? user.id : undefined, share });
          expect(
            got.rows.map((j) => j.id),
            label,
          ).toEqual(want.slice(query.offset, query.offset + query.limit));
          expect(got.totalCount, label).toBe(want.length);
        }
      }
    }
  });

  it('answers a page through the API with the projects it names, and follows a job that changes', async () => {
    const w = await world();
    const res = await w.server.call(w.bo, { method: 'GET', url: '/api/embedded/v1/jobs?startedBy=anyone&limit=50' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const want = expected(w, w.bo.id, { startedBy: 'anyone', statusFilter: 'all', ascending: false, offset: 0, limit: 50 });
    expect(res.body.jobs.map((j: { id: string }) => j.id)).toEqual(want.slice(0, 50));
    expect(res.body.metadata.pagination).toEqual({ offset: 0, limit: 50, totalCount: want.length });
    const named = new Set(res.body.jobs.map((j: { projectId: string }) => j.projectId));
    expect(new Set(res.body.projects.map((p: { id: string }) => p.id))).toEqual(named);
    expect(res.body.projects.find((p: { name: string }) => p.name === 'ana-shared')).toMatchObject({ ownerUsername: 'ana' });

    // A running job of bo's that finishes leaves the active list at once (the count is not stale).
    const active = await w.server.call(w.bo, { method: 'GET', url: '/api/embedded/v1/jobs?statusFilter=active&limit=100' });
    const running = active.body.jobs[0] as { id: string } | undefined;
    expect(running).toBeDefined();
    w.server.app.ctx.jobs.update(running!.id, { status: 'Succeeded' });
    const after = await w.server.call(w.bo, { method: 'GET', url: '/api/embedded/v1/jobs?statusFilter=active&limit=100' });
    expect(after.body.metadata.pagination.totalCount).toBe(active.body.metadata.pagination.totalCount - 1);
    expect(after.body.jobs.map((j: { id: string }) => j.id)).not.toContain(running!.id);
  });

  it('refuses a bad parameter with a 400 naming it, and a caller without a key', async () => {
    const w = await world();
    for (const [query, field] of [
      ['statusFilter=archived', 'statusFilter'],
      ['startedBy=someone', 'startedBy'],
      ['executionStatus=Running', 'executionStatus'],
      ['limit=0', 'limit'],
      ['ascending=maybe', 'ascending'],
    ] as const) {
      const res = await w.server.call(w.ana, { method: 'GET', url: `/api/embedded/v1/jobs?${query}` });
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.body), query).toContain(field);
    }
    expect((await w.server.call(null, { method: 'GET', url: '/api/embedded/v1/jobs' })).status).toBe(401);
  });

  it('is listed in /info', async () => {
    const w = await world();
    const res = await w.server.call(w.ana, { method: 'GET', url: '/api/embedded/v1/info' });
    expect(res.body.extensions).toContain('jobs-across-projects');
  });
});
