// Property tests of the cost engine on a real SQLite file: for random executions (ended and
// running, across days and hours), windows, steps and aggregations, the parts add up to the whole
// exactly — every answer's total is what each execution cost inside the window, computed here from
// its rate alone; steps add up to the accumulated answer; shared idle adds up to allocations + idle.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServerContext } from '../context';
import { costRepository } from '../db/cost-repository';
import { openDatabase } from '../db/database';
import { DEFAULT_HARDWARE_TIERS } from '../jobs/default-tiers';
import { costAllocation } from '../services/cost';
import { CostEngine } from '../services/cost/engine';
import { costAt, MINUTE_MS } from '../services/cost/money';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cost-properties-'));
const db = openDatabase(path.join(dir, 'domino.sqlite'));
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
const repo = costRepository(db);
const BASE = Date.parse('2026-02-27T00:00:00Z'); // across a month end
const NOW = BASE + 6 * 24 * 60 * MINUTE_MS + 17 * MINUTE_MS;
const WORKLOADS = ['job', 'workspace', 'model_api'] as const;

const executionArb = fc.record({
  project: fc.integer({ min: 0, max: 2 }),
  user: fc.integer({ min: 0, max: 2 }),
  tier: fc.integer({ min: 0, max: DEFAULT_HARDWARE_TIERS.length - 1 }),
  workload: fc.integer({ min: 0, max: 2 }),
  startMinute: fc.integer({ min: 0, max: 6 * 24 * 60 }),
  minutes: fc.oneof(fc.integer({ min: 1, max: 180 }), fc.integer({ min: 1, max: 3 * 24 * 60 })),
  extraMs: fc.integer({ min: 0, max: 59_999 }),
  open: fc.boolean(),
});
const queryArb = fc.record({
  startMinute: fc.integer({ min: -600, max: 6 * 24 * 60 }),
  minutes: fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 7 * 24 * 60 })),
  aggregate: fc.constantFrom(
    'project',
    'user',
    'project,user',
    'hardwareTier',
    'workloadType',
    'organization,billingTag',
    'cluster',
    'label:starting_user_id',
    '',
  ),
});

type Execution = typeof executionArb extends fc.Arbitrary<infer T> ? T : never;

function load(executions: Execution[]) {
  db.exec(
    'DELETE FROM cost_executions; DELETE FROM cost_daily; DELETE FROM cost_hourly; DELETE FROM cost_daily_key; DELETE FROM cost_hourly_key; DELETE FROM cost_dims',
  );
  const pieces: Array<(from: number, to: number) => number> = [];
  repo.transaction(() => {
    executions.forEach((e, i) => {
      const tier = DEFAULT_HARDWARE_TIERS[e.tier]!;
      const workloadType = WORKLOADS[e.workload]!;
      const dimId = repo.dimId({
        projectId: `p${e.project}`,
        projectName: `project-${e.project}`,
        ownerId: `u${e.project}`,
        ownerName: `user-${e.project}`,
        userId: `u${e.user}`,
        userName: `user-${e.user}`,
        organizationId: e.project === 0 ? '' : 'o1',
        organizationName: e.project === 0 ? '' : 'org',
        billingTag: e.user === 2 ? 'finance' : '',
        tierId: tier.id,
        tierName: tier.name,
        workloadType,
      });
      const start = BASE + e.startMinute * MINUTE_MS + e.extraMs;
      const end = e.open ? null : Math.min(NOW, start + e.minutes * MINUTE_MS + e.extraMs);
      const rate = Math.round(tier.centsPerMinute * 1_000_000);
      repo.insertExecution({
        source: workloadType,
        sourceId: `e${i}`,
        dimId,
        cores: tier.cores,
        memoryGiB: tier.memoryGiB,
        gpus: tier.gpuCount,
        rateUcpm: rate,
        startedMs: start,
        endedMs: end,
        cpuSeconds: 7,
      });
      const until = end ?? NOW;
      pieces.push((from, to) => {
        const a = Math.max(from, start);
        const b = Math.min(to, until);
        return b > a ? costAt(rate, b - start) - costAt(rate, a - start) : 0;
      });
    });
  });
  const expected = (from: number, to: number) => pieces.reduce((total, piece) => total + piece(from, to), 0);
  const engine = new CostEngine(repo, () => [...DEFAULT_HARDWARE_TIERS]);
  const ctx = { clock: { now: () => new Date(NOW) }, costEngine: engine } as unknown as ServerContext;
  return { ctx, expected };
}

const microCents = (dollars: number) => Math.round(dollars * 1e8);
const iso = (ms: number) => new Date(ms).toISOString();
const sum = (data: Array<{ name?: string; totalCost?: number | null }>, keep = (name: string) => name !== '__idle__') =>
  data.filter((a) => keep(a.name!)).reduce((total, a) => total + microCents(a.totalCost!), 0);

describe('cost engine properties', () => {
  it('answers exactly what ran inside the window, however it is stepped and aggregated', () => {
    fc.assert(
      fc.property(fc.array(executionArb, { minLength: 1, maxLength: 10 }), queryArb, (executions, q) => {
        const { ctx, expected } = load(executions);
        const from = BASE + q.startMinute * MINUTE_MS;
        const to = from + q.minutes * MINUTE_MS;
        const base = { window: `${iso(from)},${iso(to)}`, aggregate: q.aggregate || undefined, idle: false, shareIdle: false };
        const accumulated = costAllocation(ctx, { ...base, accumulate: true });
        const stepped = costAllocation(ctx, { ...base, accumulate: false });
        const whole = expected(from, Math.min(to, NOW));
        expect(sum(accumulated)).toBe(whole);
        expect(sum(stepped)).toBe(whole);
        // Per entry, the steps add up to the accumulated figure.
        const byName = new Map<string, number>();
        for (const a of stepped) byName.set(a.name!, (byName.get(a.name!) ?? 0) + microCents(a.totalCost!));
        for (const a of accumulated) expect(byName.get(a.name!)).toBe(microCents(a.totalCost!));
        // Each entry's parts add up to it.
        for (const a of stepped) expect(microCents(a.cpuCost!) + microCents(a.gpuCost!) + microCents(a.ramCost!)).toBe(microCents(a.totalCost!));
      }),
      { numRuns: 60 },
    );
  });

  it('shares idle and workload types without losing or making a micro-cent', () => {
    fc.assert(
      fc.property(
        fc.array(executionArb, { minLength: 1, maxLength: 10 }),
        queryArb,
        fc.constantFrom('even', 'weighted' as const),
        fc.boolean(),
        (executions, q, shareSplit, accumulate) => {
          const { ctx } = load(executions);
          const from = BASE + q.startMinute * MINUTE_MS;
          const base = { window: `${iso(from)},${iso(from + q.minutes * MINUTE_MS)}`, aggregate: q.aggregate || undefined, accumulate };
          const separate = costAllocation(ctx, { ...base, idle: true, shareIdle: false });
          const shared = costAllocation(ctx, { ...base, idle: true, shareIdle: true });
          const everything = sum(separate, () => true);
          // Idle stays separate only in steps where nothing else costs.
          expect(sum(shared, () => true)).toBe(everything);
          const namespaces = costAllocation(ctx, { ...base, idle: false, shareNamespaces: 'model_api', shareSplit: shareSplit as 'even' | 'weighted' });
          expect(sum(namespaces)).toBe(sum(separate));
        },
      ),
      { numRuns: 40 },
    );
  });
});
