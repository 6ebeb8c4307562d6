// Latency of the projects list, GET /api/projects/beta/projects, with 10,000 projects in the
// database, under 50 concurrent clients each reading pages of 100 anywhere in the list. The page
// query filters by what the caller may see (owner, collaborator, visibility), so it is measured
// as an ordinary user who sees part of the projects (gating) and as the administrator, who sees
// all of them (for information).
import os from 'node:os';
import autocannon, { type Request as CannonRequest, type Result } from 'autocannon';
import type { ServerContext } from '../server/context';
import { projectsRepository } from '../server/db/projects-repository';
import { newObjectId } from '../server/http/ids';
import { addApiKey, createUser } from '../server/services/users';
import {
  atMost,
  bootstrappedDataDir,
  info,
  MeasurementError,
  newApiKey,
  queryPlan,
  round1,
  runBenchmark,
  seededRandom,
  seedDataDir,
  sqlPreparedBy,
  startDomino,
  timeQuery,
  withDatabase,
  type Check,
} from './lib';

const PROJECTS = 10_000;
const USERS = 50;
const PAGE = 100;
const MAX_P99_MS = 30;
const CONNECTIONS = 50;
const WARM_UP_SECONDS = 2;
const DURATION_SECONDS = 10;
const ROLES = ['contributor', 'launcherUser', 'resultsConsumer', 'projectImporter'] as const;
const WORDS = ['churn', 'fraud', 'forecast', 'vision', 'nlp', 'pricing', 'risk', 'ranking', 'etl', 'genomics', 'demand', 'anomaly'];

interface Seeded {
  viewer: { userName: string; apiKey: string; visible: number };
  collaborators: number;
  visibility: Record<string, number>;
}

/** 50 users, 10,000 projects (35% public, 20% searchable, 45% private), a quarter with collaborators. */
function seed(ctx: ServerContext): Seeded {
  const random = seededRandom(1);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const users = Array.from({ length: USERS }, (_, i) =>
    createUser(ctx, { userName: `user${String(i).padStart(2, '0')}`, firstName: `User${i}`, lastName: 'Bench', email: `user${i}@example.com`, isAdmin: false }),
  );
  const viewer = users[7]!;
  const viewerKey = addApiKey(ctx, viewer.id, newApiKey());
  const visibility: Record<string, number> = { public: 0, searchable: 0, private: 0 };
  let collaborators = 0;
  let visible = 0;
  const start = Date.parse('2024-01-01T00:00:00Z');
  for (let i = 0; i < PROJECTS; i++) {
    const owner = pick(users);
    const r = random();
    const vis = r < 0.35 ? 'public' : r < 0.55 ? 'searchable' : 'private';
    visibility[vis]!++;
    const id = newObjectId(ctx.clock);
    ctx.projects.insert({
      id,
      name: `${pick(WORDS)}-${pick(WORDS)}-${i}`,
      description: random() < 0.5 ? '' : `Models for ${pick(WORDS)} (${i})`,
      visibility: vis,
      ownerId: owner.id,
      resultsBranch: 'main',
      defaultHardwareTierId: 'small-k8s',
      mainRepository:
        random() < 0.1
          ? { id: newObjectId(ctx.clock), uri: `https://github.com/acme/p${i}.git`, name: `p${i}`, serviceProvider: 'github', refType: 'head' }
          : null,
      createdAt: new Date(start + i * 60_000).toISOString(),
    });
    const members = new Set<string>();
    if (random() < 0.25) for (let n = 1 + Math.floor(random() * 3); n > 0; n--) members.add(pick(users).id);
    // The viewer collaborates on ~3% of projects on top of the random ones.
    if (random() < 0.03) members.add(viewer.id);
    members.delete(owner.id);
    for (const userId of members) ctx.projects.setCollaborator(id, userId, pick(ROLES), new Date(start + i * 60_000 + 1000).toISOString());
    collaborators += members.size;
    if (vis !== 'private' || owner.id === viewer.id || members.has(viewer.id)) visible++;
  }
  return { viewer: { userName: viewer.userName, apiKey: viewerKey, visible }, collaborators, visibility };
}

interface Run {
  as: string;
  connections: number;
  visibleProjects: number;
  pages: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  totalRequests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function load(origin: string, as: string, apiKey: string, visibleProjects: number, connections = CONNECTIONS): Promise<Run> {
  // Every page that exists for this caller (offset a multiple of 100 below its total), at random.
  const pages = Math.ceil(visibleProjects / PAGE);
  const random = seededRandom(2);
  const options = {
    url: origin,
    headers: { 'X-Domino-Api-Key': apiKey },
    connections,
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        setupRequest: (request: CannonRequest) => ({
          ...request,
          path: `/api/projects/beta/projects?offset=${Math.floor(random() * pages) * PAGE}&limit=${PAGE}`,
        }),
      },
    ],
  };
  await autocannon({ ...options, duration: WARM_UP_SECONDS }); // V8 and SQLite's page cache warm up; discarded
  const result: Result = await autocannon({ ...options, duration: DURATION_SECONDS });
  const run: Run = {
    as,
    connections,
    visibleProjects,
    pages,
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    totalRequests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  console.log(
    `  as ${as} (${visibleProjects} visible, ${pages} pages), ${connections} connection${connections === 1 ? '' : 's'}: ${run.requestsPerSecond} req/s, p50 ${run.latencyP50Ms} ms, p99 ${run.latencyP99Ms} ms, ` +
      `max ${run.latencyMaxMs} ms, ${run.totalRequests} requests, ${run.non2xx} non-2xx, ${run.errors} errors, ${run.timeouts} timeouts`,
  );
  return run;
}

/** The list's SQL as the repository prepares it, with its plan and its time alone, at the first and the last page. */
async function diagnose(dataDir: string, who: Array<{ as: string; userId: string; isAdmin: boolean; visible: number }>) {
  return withDatabase(dataDir, (db) => {
    const sql = sqlPreparedBy(db, (recording) => void projectsRepository(recording));
    const page = sql.find((s) => s.includes('LIMIT @limit OFFSET @offset'))!;
    const count = sql.find((s) => s.includes('count(*)'))!;
    const collaborators = sql.find((s) => s.includes('json_each'))!;
    const repository = projectsRepository(db);
    return who.map(({ as, userId, isAdmin, visible }) => {
      const params = { userId, isAdmin: isAdmin ? 1 : 0 };
      const lastOffset = (Math.ceil(visible / PAGE) - 1) * PAGE;
      const ids = JSON.stringify(repository.listVisible({ id: userId, isAdmin }, lastOffset, PAGE).rows.map((p) => p.id));
      return {
        as,
        pageFirstMs: timeQuery(db, page, { ...params, limit: PAGE, offset: 0 }),
        pageLastMs: timeQuery(db, page, { ...params, limit: PAGE, offset: lastOffset }),
        countMs: timeQuery(db, count, params),
        collaboratorsOfManyMs: timeQuery(db, collaborators, [ids]),
        pagePlan: queryPlan(db, page, { ...params, limit: PAGE, offset: 0 }),
        countPlan: queryPlan(db, count, params),
        collaboratorsPlan: queryPlan(db, collaborators, [ids]),
      };
    });
  });
}

async function measure() {
  const { dataDir, adminKey } = await bootstrappedDataDir('projects-list');
  let startedAt = performance.now();
  const seeded = await seedDataDir(dataDir, seed);
  const seedMs = Math.round(performance.now() - startedAt);
  console.log(`Seeded ${PROJECTS} projects (${JSON.stringify(seeded.visibility)}), ${seeded.collaborators} collaborators, ${USERS} users in ${seedMs} ms`);

  const server = await startDomino(dataDir, adminKey);
  // Other work on the machine takes cores from the server: recorded next to the figures.
  const loadAverage = os.loadavg()[0]!;
  const runs: Run[] = [];
  let who: Array<{ as: string; userId: string; isAdmin: boolean; visible: number }>;
  try {
    const self = await server.api<{ id: string }>('GET', '/api/users/v1/self', { apiKey: seeded.viewer.apiKey });
    const admin = await server.api<{ id: string }>('GET', '/api/users/v1/self');
    // The server must agree with the seed about what each caller sees, and pages must be full.
    for (const [as, apiKey, expected] of [
      [seeded.viewer.userName, seeded.viewer.apiKey, seeded.viewer.visible],
      ['admin', adminKey, PROJECTS],
    ] as const) {
      const probe = await server.api<{ projects: unknown[]; metadata: { totalCount: number } }>('GET', `/api/projects/beta/projects?offset=0&limit=${PAGE}`, {
        apiKey,
      });
      if (probe.metadata.totalCount !== expected || probe.projects.length !== PAGE) {
        throw new MeasurementError(
          `as ${as}: expected ${expected} projects and a full page, got totalCount ${probe.metadata.totalCount} and ${probe.projects.length} on the page`,
        );
      }
    }
    who = [
      { as: seeded.viewer.userName, userId: self.id, isAdmin: false, visible: seeded.viewer.visible },
      { as: 'admin', userId: admin.id, isAdmin: true, visible: PROJECTS },
    ];

    console.log(
      `GET /api/projects/beta/projects?offset=<random page>&limit=${PAGE}, ${CONNECTIONS} connections, ${DURATION_SECONDS} s after ${WARM_UP_SECONDS} s of warm-up:`,
    );
    runs.push(await load(server.origin, seeded.viewer.userName, seeded.viewer.apiKey, seeded.viewer.visible));
    runs.push(await load(server.origin, 'admin', adminKey, PROJECTS));
    // One client alone: the time a page takes to serve, without waiting behind 49 others.
    runs.push(await load(server.origin, seeded.viewer.userName, seeded.viewer.apiKey, seeded.viewer.visible, 1));
    if (server.process.hasExited()) throw new MeasurementError(`the server exited during the run:\n${server.process.output()}`);
  } finally {
    await server.process.stop();
  }

  startedAt = performance.now();
  const sql = await diagnose(dataDir, who);
  for (const d of sql) {
    console.log(
      `\nSQL alone as ${d.as}: page at offset 0 ${d.pageFirstMs} ms, last page ${d.pageLastMs} ms, count ${d.countMs} ms, collaboratorsOfMany (100 ids) ${d.collaboratorsOfManyMs} ms`,
    );
  }
  console.log(
    `page plan:\n    ${sql[0]!.pagePlan.join('\n    ')}\ncount plan:\n    ${sql[0]!.countPlan.join('\n    ')}\ncollaboratorsOfMany plan:\n    ${sql[0]!.collaboratorsPlan.join('\n    ')}`,
  );

  const checks: Check[] = [];
  for (const [i, run] of runs.entries()) {
    const gating = i === 0; // the ordinary user at 50 clients gates; the others are for information
    const name = (what: string) =>
      `${what}, as ${run.as === 'admin' ? 'admin' : 'a user'} (${run.visibleProjects} visible), ${run.connections} client${run.connections === 1 ? '' : 's'}`;
    if (run.connections === 1) {
      checks.push(info(name('page latency p99'), run.latencyP99Ms, 'ms'), info(name('page latency p50'), run.latencyP50Ms, 'ms'));
      continue;
    }
    checks.push(
      atMost(name('page latency p99'), run.latencyP99Ms, 'ms', MAX_P99_MS, gating),
      info(name('page latency p50'), run.latencyP50Ms, 'ms'),
      info(name('requests/s'), run.requestsPerSecond, 'req/s'),
      atMost(name('non-2xx responses'), run.non2xx, 'count', 0, gating),
      atMost(name('errors + timeouts'), run.errors + run.timeouts, 'count', 0, gating),
    );
  }
  return {
    checks,
    details: {
      loadAverage1m: loadAverage,
      projects: PROJECTS,
      users: USERS,
      pageSize: PAGE,
      connections: CONNECTIONS,
      durationSeconds: DURATION_SECONDS,
      seed: { ...seeded, viewer: { userName: seeded.viewer.userName, visible: seeded.viewer.visible }, seedMs },
      runs,
      sql,
      diagnoseMs: round1(performance.now() - startedAt),
    },
  };
}

await runBenchmark('projects-list', measure);
