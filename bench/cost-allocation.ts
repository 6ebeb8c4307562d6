// The cost engine at scale (issue 14's budgets): 1,000,000 executions over 90 days across 50
// projects × 300 users × 6 tiers × 3 workload types, written in bulk straight into the cost tables
// and folded into the rollups (as the demo does), plus 100 still running. Each user works in 3
// projects, as people do, so there are about 900 project × user pairs. p99 of sequential requests
// against the embedded Domino as a process, each the full answer over HTTP on loopback (an upper
// bound of the server's time); the same queries' time inside the server (service + engine + JSON)
// as info.
import { newObjectId } from '../server/http/ids';
import { systemClock } from '../server/clock';
import type { CostExecutionRow } from '../server/db/cost-repository';
import { addApiKey, createUser } from '../server/services/users';
import {
  atMost,
  bootstrappedDataDir,
  info,
  percentile,
  round1,
  runBenchmark,
  seededRandom,
  seedDataDir,
  sequentialLatencies,
  startDomino,
  withDatabase,
  type Check,
} from './lib';

// BENCH_COST_EXECUTIONS: a smaller population, to try the benchmark out (the budgets are for 1,000,000).
const EXECUTIONS = Number(process.env.BENCH_COST_EXECUTIONS ?? 1_000_000);
const RUNNING = 100;
const PROJECTS = 50;
const USERS = 300;
const DAYS = 90;
const SAMPLES = 50;
const DAY_MS = 86_400_000;
const WORKLOADS = ['job', 'workspace', 'model_api'] as const;
const TIERS = [
  { id: 'cpu-small', name: 'CPU small', cores: 1, memoryGiB: 4, gpuCount: 0, centsPerMinute: 0.8 },
  { id: 'cpu-medium', name: 'CPU medium', cores: 2, memoryGiB: 8, gpuCount: 0, centsPerMinute: 1.6 },
  { id: 'cpu-large', name: 'CPU large', cores: 8, memoryGiB: 32, gpuCount: 0, centsPerMinute: 6.4 },
  { id: 'mem-large', name: 'Memory large', cores: 4, memoryGiB: 64, gpuCount: 0, centsPerMinute: 5 },
  { id: 'gpu-small', name: 'GPU small', cores: 4, memoryGiB: 16, gpuCount: 1, centsPerMinute: 9.5 },
  { id: 'gpu-large', name: 'GPU large', cores: 16, memoryGiB: 128, gpuCount: 4, centsPerMinute: 40 },
];

const QUERIES = [
  { label: '30-day allocation by project, daily steps', query: 'window=30d&aggregate=project', budgetMs: 100 },
  { label: '30-day allocation by user, daily steps', query: 'window=30d&aggregate=user', budgetMs: 150 },
  { label: '30-day allocation by project and user, accumulated', query: 'window=30d&aggregate=project,user&accumulate=true', budgetMs: 600 },
  { label: '30 days by billing tag, filtered to the GPU tiers', query: 'window=30d&aggregate=billingTag&filter=hardwareTier<~:"gpu"', budgetMs: undefined },
  { label: '12 hours by tier, hourly steps', query: 'window=12h&aggregate=hardwareTier', budgetMs: undefined },
  { label: '30 days by project, idle shared', query: 'window=30d&aggregate=project&shareIdle=true', budgetMs: undefined },
];

async function measure() {
  const checks: Check[] = [];
  const details: Record<string, unknown> = {};
  const { dataDir, adminKey } = await bootstrappedDataDir('cost-allocation');
  const seedStarted = performance.now();
  await seedDataDir(dataDir, (ctx) => {
    const random = seededRandom(14);
    const now = Date.now();
    const createdAt = new Date(now).toISOString();
    for (const [i, tier] of TIERS.entries())
      ctx.hardwareTiers.insertIfMissing({
        ...tier,
        gpuType: tier.gpuCount ? 'nvidia-a10' : null,
        maxSimultaneousExecutions: 60,
        maxRunMinutes: 1440,
        isDefault: false,
        isArchived: false,
        sortOrder: 10 + i,
      });
    const users = Array.from({ length: USERS }, (_, u) =>
      createUser(ctx, { userName: `user-${u}`, firstName: 'U', lastName: `${u}`, email: `u${u}@example.com`, isAdmin: false }),
    );
    const projects = Array.from({ length: PROJECTS }, (_, p) => {
      const id = newObjectId(systemClock);
      ctx.projects.insert({
        id,
        name: `project-${p}`,
        description: '',
        visibility: 'private',
        ownerId: users[p]!.id,
        resultsBranch: 'main',
        defaultHardwareTierId: 'small-k8s',
        mainRepository: null,
        createdAt,
      });
      if (p % 5 !== 4) ctx.costs.setProjectBillingTag(id, `cost-center-${p % 5}`, createdAt);
      return id;
    });
    const labelSets = new Map<string, { dimId: number; captured: NonNullable<ReturnType<typeof ctx.costs.capture>> }>();
    const labelled = (p: number, u: number, t: number, w: number) => {
      const key = `${p}|${u}|${t}|${w}`;
      let set = labelSets.get(key);
      if (!set) {
        const captured = ctx.costs.capture(projects[p]!, users[u]!.id, TIERS[t]!.id)!;
        set = { captured, dimId: ctx.costs.dimId({ ...captured.dim, workloadType: WORKLOADS[w]! }) };
        labelSets.set(key, set);
      }
      return set;
    };
    // Start times in order (the fold then finds a batch's pieces on the same rows), weekdays busier.
    const starts = Array.from({ length: EXECUTIONS }, () => {
      for (;;) {
        const at = now - DAYS * DAY_MS + Math.floor(random() * (DAYS * DAY_MS - 8 * 3_600_000));
        const weekday = new Date(at).getUTCDay();
        if (weekday !== 0 && weekday !== 6) return at;
        if (random() < 0.35) return at;
      }
    }).sort((a, b) => a - b);
    const row = (i: number, startedMs: number, open: boolean): CostExecutionRow => {
      const u = Math.floor(random() * USERS);
      const p = [u % PROJECTS, (u * 7 + 3) % PROJECTS, (u * 13 + 11) % PROJECTS][Math.floor(random() * 3)]!;
      const t = Math.floor(random() * TIERS.length);
      const w = Math.floor(random() * 3);
      const minutes = w === 0 ? 5 + random() * 115 : w === 1 ? 30 + random() * 210 : 60 + random() * 420;
      const { dimId, captured } = labelled(p, u, t, w);
      const endedMs = open ? null : startedMs + Math.floor(minutes * 60_000);
      return {
        source: WORKLOADS[w]!,
        sourceId: `bench-${i}`,
        dimId,
        cores: captured.cores,
        memoryGiB: captured.memoryGiB,
        gpus: captured.gpus,
        rateUcpm: captured.rateUcpm,
        startedMs,
        endedMs,
        cpuSeconds: (((endedMs ?? now) - startedMs) / 1000) * captured.cores * random(),
      };
    };
    for (let i = 0; i < EXECUTIONS; i++) ctx.costs.insertExecution(row(i, starts[i]!, false));
    for (let i = 0; i < RUNNING; i++) ctx.costs.insertExecution(row(EXECUTIONS + i, now - Math.floor(random() * 6 * 3_600_000), true));
    details.labelSets = labelSets.size;
    const folding = performance.now();
    ctx.costEngine.fold(100_000);
    details.foldMs = Math.round(performance.now() - folding);
    return addApiKey(ctx, users[0]!.id);
  });
  details.seedMs = Math.round(performance.now() - seedStarted);
  details.rollupRows = await withDatabase(dataDir, (db) =>
    Object.fromEntries(
      ['cost_daily', 'cost_hourly', 'cost_daily_key'].map((table) => [table, (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]),
    ),
  );

  const server = await startDomino(dataDir, adminKey);
  const http: Record<string, number> = {};
  const answers: Record<string, number> = {};
  for (const { label, query, budgetMs } of QUERIES) {
    const url = `${server.origin}/api/cost/v1/allocation?${query}`;
    await sequentialLatencies(url, { 'X-Domino-Api-Key': adminKey }, 3);
    const p99 = round1(percentile(await sequentialLatencies(url, { 'X-Domino-Api-Key': adminKey }, SAMPLES), 99));
    http[label] = p99;
    const answer = await fetch(url, { headers: { 'X-Domino-Api-Key': adminKey } });
    const text = await answer.text();
    answers[label] = (JSON.parse(text) as { data: unknown[] }).data.length;
    checks.push(budgetMs === undefined ? info(`${label}, p99`, p99, 'ms') : atMost(`${label}, p99`, p99, 'ms', budgetMs));
  }
  await server.process.stop();
  details.httpP99Ms = http;
  details.entries = answers;

  // The same queries inside the server's code (no HTTP): service, engine and JSON.stringify.
  details.inProcessP99Ms = await withDatabase(dataDir, async (db) => {
    const { createApp } = await import('../server/app');
    const { costAllocation } = await import('../server/services/cost');
    const { CostAllocationQuerySchema } = await import('../src/api/schemas/cost');
    const app = createApp({ db, dataDir, logLevel: 'silent' });
    const times: Record<string, number> = {};
    for (const { label, query } of QUERIES) {
      const parsed = CostAllocationQuerySchema.parse(Object.fromEntries(new URLSearchParams(query)));
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES + 3; i++) {
        const started = performance.now();
        JSON.stringify({ data: costAllocation(app.ctx, parsed) });
        if (i >= 3) samples.push(performance.now() - started);
      }
      times[label] = round1(percentile(samples, 99));
    }
    await app.close();
    return times;
  });
  return { checks, details };
}

await runBenchmark('cost-allocation', measure);
