// The demo's cost history: 90 days of executions on every tier's simulated nodes, written straight
// into the cost engine's tables as history (no processes ran them), then folded into the rollups
// in bulk. Weekdays are busy in working hours, weekends quiet, and 12 to 10 days ago a GPU
// training push fills the GPU and Large pools. Each tier's executions are laid out node by node,
// one after another, so no pool ever runs more than it has nodes. Projects get billing tags first,
// so their history and what runs later carry them.
import type { ServerContext } from '../context';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../services/cost/money';
import type { CostExecutionRow } from '../db/cost-repository';

const HISTORY_DAYS = 90;
/** Days ago the GPU push starts and ends. */
const SPIKE = { from: 12, to: 10 };

/** Billing tags of the demo's projects (by name); the rest are untagged (__unallocated__). */
const DEMO_BILLING_TAGS: Record<string, string> = {
  'customer-churn': 'growth',
  'demand-forecasting': 'growth',
  'credit-risk-scoring': 'risk',
  'legacy-pricing-model': 'risk',
  'image-quality-inspection': 'operations',
};

/** How much of each tier's compute each project uses (GPU work is image inspection's and churn's). */
const PROJECT_WEIGHTS: Record<string, { cpu: number; gpu: number }> = {
  'customer-churn': { cpu: 3, gpu: 2 },
  'credit-risk-scoring': { cpu: 3, gpu: 0.3 },
  'demand-forecasting': { cpu: 2.5, gpu: 0.2 },
  'image-quality-inspection': { cpu: 1, gpu: 4 },
  'platform-benchmarks': { cpu: 0.8, gpu: 0.5 },
  'legacy-pricing-model': { cpu: 1, gpu: 0 },
};

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickWeighted<T>(next: () => number, items: readonly T[], weight: (item: T) => number): T | undefined {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  if (total <= 0) return undefined;
  let at = next() * total;
  for (const item of items) {
    at -= weight(item);
    if (at < 0) return item;
  }
  return items[items.length - 1];
}

/** How busy a node is at a moment: working hours on weekdays, little at weekends, the GPU push. */
function busyness(ms: number, gpuPool: boolean, now: number): number {
  const date = new Date(ms);
  const weekday = date.getUTCDay();
  const hour = date.getUTCHours();
  const daysAgo = (now - ms) / DAY_MS;
  if (gpuPool && daysAgo <= SPIKE.from && daysAgo >= SPIKE.to) return 0.97;
  const weekend = weekday === 0 || weekday === 6;
  const working = hour >= 8 && hour < 19;
  return weekend ? (working ? 0.18 : 0.06) : working ? 0.72 : 0.2;
}

export function seedDemoCost(ctx: ServerContext): number {
  const now = ctx.clock.now().getTime();
  const start = Math.floor(now / DAY_MS) * DAY_MS - HISTORY_DAYS * DAY_MS;
  const end = now - HOUR_MS;
  const next = random(20261201);
  const repo = ctx.costs;
  const at = new Date(now).toISOString();
  const teams = repo.teams().filter((team) => team.projectName in PROJECT_WEIGHTS);
  let count = 0;
  repo.transaction(() => {
    for (const team of teams) {
      const tag = DEMO_BILLING_TAGS[team.projectName];
      if (tag) repo.setProjectBillingTag(team.projectId, tag, at);
    }
    const labelSets = new Map<string, { captured: NonNullable<ReturnType<typeof repo.capture>>; dimId: number }>();
    for (const pool of ctx.costEngine.pools()) {
      const gpuPool = pool.tier.gpuCount > 0 || pool.tier.cores >= 4;
      for (let node = 0; node < pool.nodes; node++) {
        for (let t = start + Math.floor(next() * HOUR_MS); t < end;) {
          if (next() >= busyness(t, gpuPool, now)) {
            t += Math.floor((20 + next() * 100) * MINUTE_MS);
            continue;
          }
          // The legacy project was archived half way through.
          const live = teams.filter((team) => !team.archived || now - t > 45 * DAY_MS);
          const team = pickWeighted(next, live, (candidate) =>
            pool.tier.gpuCount > 0 ? PROJECT_WEIGHTS[candidate.projectName]!.gpu : PROJECT_WEIGHTS[candidate.projectName]!.cpu,
          );
          if (!team) break;
          const userId = team.userIds[Math.floor(next() * team.userIds.length)]!;
          const roll = next();
          // Model APIs run on the small tiers for hours; workspaces for an afternoon; jobs for minutes to hours.
          const workloadType = pool.tier.cores <= 2 && roll < 0.12 ? 'model_api' : roll < 0.4 ? 'workspace' : 'job';
          const minutes = workloadType === 'model_api' ? 240 + next() * 1200 : workloadType === 'workspace' ? 30 + next() * 240 : 5 + next() * next() * 180;
          const endedMs = Math.min(end, t + Math.floor(minutes * MINUTE_MS));
          const key = `${team.projectId}|${userId}|${pool.tier.id}|${workloadType}`;
          let labelled = labelSets.get(key);
          if (!labelled) {
            const captured = repo.capture(team.projectId, userId, pool.tier.id);
            if (!captured) break;
            labelSets.set(key, (labelled = { captured, dimId: repo.dimId({ ...captured.dim, workloadType }) }));
          }
          const { captured, dimId } = labelled;
          const row: CostExecutionRow = {
            source: workloadType,
            sourceId: `demo-history-${++count}`,
            dimId,
            cores: captured.cores,
            memoryGiB: captured.memoryGiB,
            gpus: captured.gpus,
            rateUcpm: captured.rateUcpm,
            startedMs: t,
            endedMs,
            // Interactive work idles more than batch work.
            cpuSeconds: ((endedMs - t) / 1000) * captured.cores * (workloadType === 'workspace' ? 0.1 + next() * 0.3 : 0.35 + next() * 0.6),
          };
          repo.insertExecution(row);
          t = endedMs + Math.floor((2 + next() * 25) * MINUTE_MS);
        }
      }
    }
  });
  ctx.costEngine.fold();
  return count;
}
