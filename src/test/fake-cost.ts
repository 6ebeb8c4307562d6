// The fake Domino's cost API (page tests, decision 14): allocation and asset answers computed from
// a small fixture of daily usage — three projects, two users, two tiers, two billing tags, days
// counted back from today (UTC) so the relative windows hold them — in either answer shape: the
// spec's flat list (`flat`) or kubecost's one name → allocation map per step (`steps`). It keeps
// the rules in short: windows (words, durations, "start,end"), aggregate keys joined with "/",
// `key:"a","b"` filters joined with "+", idle (`__idle__` = a day's asset cost not allocated) and
// shareIdle (idle spread in proportion to cost); a filtered answer has no idle entry.
import type { z } from 'zod';
import type * as cost from '../api/schemas/cost';
import { json } from './fetch-mock';
import { admin, churn, creditRisk, forecasting, maya } from './wire-fixtures';

type AllocationWire = z.input<typeof cost.CostAllocationV1Schema>;
type AssetWire = z.input<typeof cost.CostAssetsV1Schema>;

export interface CostUsage {
  /** Days before today (UTC), 0 = today. */
  daysAgo: number;
  project: { id: string; name: string };
  user: string;
  organization: string;
  hardwareTier: string;
  workloadType: string;
  billingTag: string | undefined;
  cpuCost: number;
  gpuCost: number;
  ramCost: number;
  cpuCoreHours: number;
  cpuEfficiency: number;
}

export interface FakeCost {
  shape: 'flat' | 'steps';
  usage: CostUsage[];
  /** A day's node cost of each tier's pool (the same every day). */
  poolCostPerDay: Record<string, number>;
}

const DAY_MS = 24 * 3600 * 1000;
/** Tiers by id: allocations are named by the tier's name, pools by its id (as the embedded Domino does). */
export const FAKE_TIER_NAMES: Record<string, string> = { 'small-k8s': 'Small', 'gpu-k8s': 'GPU large' };

function labelsOf(u: CostUsage): Record<string, string> {
  return {
    project_id: u.project.id,
    project_name: u.project.name,
    hardware_tier_id: u.hardwareTier,
    hardware_tier_name: FAKE_TIER_NAMES[u.hardwareTier] ?? u.hardwareTier,
  };
}

function usage(
  daysAgo: number,
  project: { id: string; name: string },
  user: string,
  tier: string,
  amounts: [number, number, number],
  extra: Partial<CostUsage> = {},
): CostUsage {
  return {
    daysAgo,
    project: { id: project.id, name: project.name },
    user,
    organization: 'Risk Analytics',
    hardwareTier: tier,
    workloadType: 'job',
    billingTag: project.name === forecasting.name ? undefined : 'CC-1001',
    cpuCost: amounts[0],
    gpuCost: amounts[1],
    ramCost: amounts[2],
    cpuCoreHours: 10,
    cpuEfficiency: 0.5,
    ...extra,
  };
}

/** customer-churn is the largest (with a GPU workload), then credit-risk, then demand-forecasting (untagged). */
export function defaultCost(): FakeCost {
  const usages: CostUsage[] = [];
  for (let daysAgo = 0; daysAgo < 20; daysAgo++) {
    usages.push(usage(daysAgo, churn, admin.userName, 'small-k8s', [1.111, 0, 0.444]));
    usages.push(usage(daysAgo, churn, maya.userName, 'gpu-k8s', [2.001, 5.333, 1.002], { workloadType: 'workspace', cpuEfficiency: 0.8 }));
    usages.push(usage(daysAgo, creditRisk, maya.userName, 'small-k8s', [1.5, 0, 0.5], { billingTag: 'CC-2002' }));
    if (daysAgo % 2 === 0) usages.push(usage(daysAgo, forecasting, admin.userName, 'small-k8s', [0.333, 0, 0.111]));
  }
  return { shape: 'flat', usage: usages, poolCostPerDay: { 'small-k8s': 6, 'gpu-k8s': 12 } };
}

function windowSpan(window: string, now: number): [number, number] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const date = new Date(now);
  const monday = today - ((date.getUTCDay() + 6) % 7) * DAY_MS;
  const first = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const duration = /^(\d+)([mhd])$/.exec(window);
  if (duration) return [now - Number(duration[1]) * { m: 60_000, h: 3_600_000, d: DAY_MS }[duration[2] as 'm' | 'h' | 'd'], now];
  const words: Record<string, [number, number]> = {
    today: [today, now],
    yesterday: [today - DAY_MS, today],
    week: [monday, now],
    lastweek: [monday - 7 * DAY_MS, monday],
    month: [first, now],
    lastmonth: [Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1), first],
  };
  if (words[window]) return words[window];
  const [start, end] = window.split(',');
  return [Date.parse(start!), Date.parse(end!)];
}

const keyOf: Record<string, (usage: CostUsage) => string> = {
  project: (u) => u.project.name,
  user: (u) => u.user,
  organization: (u) => u.organization,
  hardwareTier: (u) => FAKE_TIER_NAMES[u.hardwareTier] ?? u.hardwareTier,
  workloadType: (u) => u.workloadType,
  billingTag: (u) => u.billingTag ?? '__unallocated__',
};

function parseFilter(filter: string): ((usage: CostUsage) => boolean) | undefined {
  if (!filter) return () => true;
  const clauses = filter.split('+').map((clause) => {
    const match = /^(\w+):((?:"[^"]*",?)+)$/.exec(clause);
    if (!match || !keyOf[match[1]!]) return undefined;
    const values = [...match[2]!.matchAll(/"([^"]*)"/g)].map((value) => value[1]!);
    const read = keyOf[match[1]!]!;
    return (usage: CostUsage) => values.includes(read(usage));
  });
  if (clauses.some((clause) => clause === undefined)) return undefined;
  return (usage) => clauses.every((clause) => clause!(usage));
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function answer(shape: FakeCost['shape'], byDay: Map<number, Record<string, AllocationWire | AssetWire>>): Response {
  const days = [...byDay.keys()].sort((a, b) => a - b);
  if (shape === 'steps') return json({ data: days.map((day) => byDay.get(day)!) });
  return json({ data: days.flatMap((day) => Object.values(byDay.get(day)!)) });
}

/** GET /api/cost/v1/allocation and /asset, or undefined for other requests. */
export function serveCost(
  world: FakeCost,
  { method, path, query }: { method: string; path: string; query: URLSearchParams },
  now = Date.now(),
): Response | undefined {
  if (method !== 'GET' || (path !== '/api/cost/v1/allocation' && path !== '/api/cost/v1/asset')) return undefined;
  const [from, to] = windowSpan(query.get('window') ?? '', now);
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const dayOf = (u: { daysAgo: number }) => today - u.daysAgo * DAY_MS;
  const inWindow = (day: number) => day + DAY_MS > from && day < to;
  const stepWindow = (day: number) => ({ start: iso(day), end: iso(Math.min(day + DAY_MS, now)), minutes: (Math.min(day + DAY_MS, now) - day) / 60_000 });
  const days = new Set<number>();
  for (let daysAgo = 0; daysAgo < 120; daysAgo++) if (inWindow(today - daysAgo * DAY_MS)) days.add(today - daysAgo * DAY_MS);

  if (path === '/api/cost/v1/asset') {
    const byDay = new Map<number, Record<string, AssetWire>>();
    for (const day of days) {
      const step: Record<string, AssetWire> = {};
      for (const [pool, cost] of Object.entries(world.poolCostPerDay)) {
        const name = `${pool}-node-1`;
        step[name] = {
          name,
          type: 'Node',
          window: stepWindow(day),
          labels: { label_dominodatalab_com_node_pool: pool },
          cpuCost: cost / 2,
          gpuCost: 0,
          ramCost: cost / 2,
          totalCost: cost,
        };
      }
      byDay.set(day, step);
    }
    return answer(world.shape, byDay);
  }

  const keys = (query.get('aggregate') ?? '').split(',');
  if (keys.some((key) => !keyOf[key])) return json({ requestId: 'req-400', errors: [`aggregate: unknown key ${query.get('aggregate')}`] }, { status: 400 });
  const matches = parseFilter(query.get('filter') ?? '');
  if (!matches) return json({ requestId: 'req-400', errors: ['filter: malformed'] }, { status: 400 });
  const idle = query.get('idle') === 'true';
  const shareIdle = query.get('shareIdle') === 'true';

  const byDay = new Map<number, Record<string, AllocationWire>>();
  for (const day of days) {
    const step: Record<string, AllocationWire> = {};
    const all = world.usage.filter((u) => dayOf(u) === day);
    const used = all.reduce((sum, u) => sum + u.cpuCost + u.gpuCost + u.ramCost, 0);
    const idleCost = Object.values(world.poolCostPerDay).reduce((sum, value) => sum + value, 0) - used;
    const share = shareIdle && used > 0 ? 1 + idleCost / used : 1;
    for (const u of all.filter(matches)) {
      const name = keys.map((key) => keyOf[key]!(u)).join('/');
      const entry = (step[name] ??= {
        name,
        window: stepWindow(day),
        labels: labelsOf(u),
        cpuCost: 0,
        gpuCost: 0,
        ramCost: 0,
        cpuCoreHours: 0,
        cpuEfficiency: 0,
        totalCost: 0,
      });
      // As kubecost does, an aggregate keeps only the labels all its parts share.
      const labels = entry.labels as Record<string, string>;
      for (const [label, value] of Object.entries(labelsOf(u))) if (labels[label] !== value) delete labels[label];
      if (labels.hardware_tier_id) entry.nodeType = labels.hardware_tier_id;
      else delete entry.nodeType;
      entry.cpuEfficiency = (entry.cpuEfficiency! * entry.cpuCoreHours! + u.cpuEfficiency * u.cpuCoreHours) / (entry.cpuCoreHours! + u.cpuCoreHours);
      entry.cpuCoreHours! += u.cpuCoreHours;
      entry.cpuCost! += u.cpuCost * share;
      entry.gpuCost! += u.gpuCost * share;
      entry.ramCost! += u.ramCost * share;
      entry.totalCost! += (u.cpuCost + u.gpuCost + u.ramCost) * share;
    }
    // Idle belongs to no project or user: a filtered view has none of its own (shared, it is in each share).
    if (idle && !shareIdle && idleCost > 0 && !query.get('filter'))
      step.__idle__ = { name: '__idle__', window: stepWindow(day), cpuCost: idleCost / 2, ramCost: idleCost / 2, gpuCost: 0, totalCost: idleCost };
    if (Object.keys(step).length > 0) byDay.set(day, step);
  }
  return answer(world.shape, byDay);
}
