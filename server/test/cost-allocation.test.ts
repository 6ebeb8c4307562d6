// Cost allocation against hand-computed fixtures: default tiers (Small 0.8, Medium 1.6, Large 3.2,
// GPU 9.5 cents a minute; 4, 3, 2 and 1 nodes), three executions, a clock held still.
import { beforeAll, describe, expect, it } from 'vitest';
import { newProject } from './fixtures';
import { allocation, manualClock, recordExecution, recordHistory, totals } from './cost-fixtures';
import { startTestServer, type TestServer, type TestUser } from './helper';

const clock = manualClock('2026-03-04T12:00:00Z'); // a Wednesday
let server: TestServer;
let lena: TestUser;
let p1: { id: string; name: string };
let p2: { id: string; name: string };

beforeAll(async () => {
  server = await startTestServer({ clock, sharedByFile: true });
  lena = await server.newUser('lena');
  p1 = await newProject(server, server.admin, { name: 'churn' });
  p2 = await newProject(server, lena, { name: 'fraud' });
  // A: 90 min on Small = 72 cents. B: 120 min on Medium across midnight = 192 cents, 96 each day.
  // C: on the GPU tier since 11:00, still running at 12:00 = 570 cents.
  recordExecution(server, { projectId: p1.id, userId: server.admin.id, tierId: 'small-k8s', start: '2026-03-03T10:00:00Z', end: '2026-03-03T11:30:00Z' });
  recordExecution(server, { projectId: p2.id, userId: lena.id, tierId: 'medium-k8s', start: '2026-03-03T23:00:00Z', end: '2026-03-04T01:00:00Z' });
  recordExecution(server, { projectId: p1.id, userId: lena.id, tierId: 'gpu-k8s', start: '2026-03-04T11:00:00Z', end: null });
});

describe('allocation', () => {
  it('aggregates by project over the window, the running execution up to now', async () => {
    const data = await allocation(server, { window: '2026-03-03T00:00:00Z,2026-03-05T00:00:00Z', aggregate: 'project', accumulate: 'true', idle: 'false' });
    expect(totals(data)).toEqual({ churn: 6.42, fraud: 1.92 });
    const churn = data.find((a) => a.name === 'churn')!;
    expect(churn.window).toEqual({ start: '2026-03-03T00:00:00Z', end: '2026-03-04T12:00:00Z', minutes: 36 * 60 });
    expect(churn.labels).toMatchObject({ project_id: p1.id, project_name: 'churn', project_owner_name: server.admin.userName });
    expect(churn.labels.starting_user_name).toBeUndefined(); // two users: not a shared label
    // Thousandths of the rate: Small 651 CPU / 349 RAM (0.46872 + 0.25128 of 0.72); the GPU tier
    // 111 CPU / 830 GPU / 59 RAM (0.6327 + 4.731 + 0.3363 of 5.70).
    expect(churn.cpuCost).toBe(1.10142);
    expect(churn.gpuCost).toBe(4.731);
    expect(churn.ramCost).toBe(0.58758);
    expect(churn.gpucost).toBe(churn.gpuCost);
  });

  it('answers one set per day, the day of midnight split at midnight', async () => {
    const data = await allocation(server, { window: '2026-03-02T00:00:00Z,2026-03-05T00:00:00Z', aggregate: 'project', idle: 'false' });
    const byDay = data.map((a) => [a.window.start.slice(0, 10), a.name, a.totalCost]);
    expect(byDay).toEqual([
      ['2026-03-03', 'fraud', 0.96],
      ['2026-03-03', 'churn', 0.72],
      ['2026-03-04', 'churn', 5.7],
      ['2026-03-04', 'fraud', 0.96],
    ]);
  });

  it('shows idle as the pools’ cost beyond the allocations', async () => {
    const data = await allocation(server, { window: '2026-03-03T00:00:00Z,2026-03-05T00:00:00Z', aggregate: 'hardwareTier', accumulate: 'true' });
    // 36 hours of 4 Small, 3 Medium, 2 Large, 1 GPU nodes since the first execution's midnight.
    const idle = 4 * 0.8 * 2160 - 72 + (3 * 1.6 * 2160 - 192) + 2 * 3.2 * 2160 + (9.5 * 2160 - 570);
    expect(totals(data)).toEqual({ Small: 0.72, Medium: 1.92, 'GPU (simulated)': 5.7, __idle__: idle / 100 });
  });

  const MARCH = { window: '2026-03-03T00:00:00Z,2026-03-05T00:00:00Z', accumulate: 'true', idle: 'false' };
  const idleCents = 4 * 0.8 * 2160 - 72 + (3 * 1.6 * 2160 - 192) + 2 * 3.2 * 2160 + (9.5 * 2160 - 570);

  it.each([
    ['project:"churn"', 'user', { admin: 0.72, lena: 5.7 }],
    ['project!:"churn"', 'project', { fraud: 1.92 }],
    ['hardwareTier~:"gpu"', 'project', { churn: 5.7 }],
    ['project<~:"fr"', 'project', { fraud: 1.92 }],
    ['project~>:"rn"', 'project', { churn: 6.42 }],
    ['user:"lena" + project:"churn","fraud"', 'project', { churn: 5.7, fraud: 1.92 }],
    ['label[hardware_tier_id]:"small-k8s"', 'label:dominodatalab.com/starting-user-username', { admin: 0.72 }],
    ['workloadType:"workspace" + cluster:"domino-embedded"', 'cluster', { 'domino-embedded': 8.34 }],
    ['billingTag:"__unallocated__"', 'billingTag', { __unallocated__: 8.34 }],
  ])('filters %s, aggregated by %s', async (filter, aggregate, expected) => {
    expect(totals(await allocation(server, { ...MARCH, filter, aggregate }))).toEqual(expected);
  });

  it('names entries of several keys by their values joined with /', async () => {
    const data = await allocation(server, { ...MARCH, aggregate: 'project,user' });
    expect(totals(data)).toEqual({ 'churn/admin': 0.72, 'churn/lena': 5.7, 'fraud/lena': 1.92 });
    expect(data.find((a) => a.name === 'churn/lena')).toMatchObject({
      nodeType: 'gpu-k8s',
      labels: { starting_user_name: 'lena', hardware_tier_id: 'gpu-k8s' },
    });
    expect(totals(await allocation(server, { ...MARCH, aggregate: 'organization,label:team' }))).toEqual({ '__unallocated__/__unallocated__': 8.34 });
  });

  it('gives a filtered view its share of idle, and shares idle in proportion to cost', async () => {
    const fraud = await allocation(server, { ...MARCH, idle: 'true', filter: 'project:"fraud"', aggregate: 'project' });
    expect(fraud.find((a) => a.name === '__idle__')!.totalCost).toBeCloseTo(((idleCents / 100) * 1.92) / 8.34, 6);
    const shared = await allocation(server, { ...MARCH, idle: 'true', shareIdle: 'true', aggregate: 'project' });
    expect(shared.map((a) => a.name)).toEqual(['churn', 'fraud']);
    expect(shared[0]!.totalCost).toBeCloseTo(6.42 + ((idleCents / 100) * 6.42) / 8.34, 6);
    // Integer micro-cents throughout: the shared parts add up to allocations + idle exactly.
    expect(Math.round((shared[0]!.totalCost + shared[1]!.totalCost) * 1e8)).toBe(Math.round((8.34 + idleCents / 100) * 1e8));
  });

  it('records the billing tag a project had when the execution started', async () => {
    server.app.ctx.costs.setProjectBillingTag(p2.id, 'finance', '2026-02-01T00:00:00Z');
    recordExecution(server, { projectId: p2.id, userId: lena.id, tierId: 'small-k8s', start: '2026-02-10T09:00:00Z', end: '2026-02-10T10:00:00Z' });
    server.app.ctx.costs.setProjectBillingTag(p2.id, null, '2026-02-11T00:00:00Z');
    const february = await allocation(server, {
      window: '2026-02-01T00:00:00Z,2026-03-01T00:00:00Z',
      accumulate: 'true',
      idle: 'false',
      aggregate: 'billingTag',
    });
    expect(totals(february)).toEqual({ finance: 0.48 });
    expect(february[0]!.labels.billing_tag).toBe('finance');
    expect(totals(await allocation(server, { ...MARCH, aggregate: 'billingTag' }))).toEqual({ __unallocated__: 8.34 });
  });

  it('spreads shared workload types over the rest, weighted or evenly', async () => {
    // 10 January on Small: churn a 120-minute job (96 cents); fraud a 30-minute job (24) and a
    // 120-minute Model API (96, shared).
    const day = (from: string, to: string) => ({ start: `2026-01-10T${from}:00Z`, end: `2026-01-10T${to}:00Z` });
    recordHistory(server, { projectId: p1.id, userId: server.admin.id, tierId: 'small-k8s', workloadType: 'job', ...day('08:00', '10:00') });
    recordHistory(server, { projectId: p2.id, userId: lena.id, tierId: 'small-k8s', workloadType: 'job', ...day('09:00', '09:30') });
    recordHistory(server, { projectId: p2.id, userId: lena.id, tierId: 'small-k8s', workloadType: 'model_api', ...day('10:00', '12:00') });
    const january = { window: '2026-01-10T00:00:00Z,2026-01-11T00:00:00Z', accumulate: 'true', idle: 'false', aggregate: 'project' };
    expect(totals(await allocation(server, january))).toEqual({ churn: 0.96, fraud: 1.2 });
    expect(totals(await allocation(server, { ...january, shareNamespaces: 'model_api' }))).toEqual({ churn: 1.728, fraud: 0.432 });
    expect(totals(await allocation(server, { ...january, shareNamespaces: 'model_api', shareSplit: 'even' }))).toEqual({ churn: 1.44, fraud: 0.72 });
    expect(totals(await allocation(server, { ...january, aggregate: 'workloadType' }))).toEqual({ job: 1.2, model_api: 0.96 });
  });

  it.each([
    [{}, 'window'],
    [{ window: 'fortnight' }, 'window'],
    [{ window: '0h' }, 'window'],
    [{ window: 'today', aggregate: 'namespace' }, 'aggregate'],
    [{ window: 'today', aggregate: 'project,' }, 'aggregate'],
    [{ window: 'today', aggregate: 'label:' }, 'aggregate'],
    [{ window: 'today', filter: 'project:"a" | project:"b"' }, 'filter'],
    [{ window: 'today', filter: '(project:"a")' }, 'filter'],
    [{ window: 'today', filter: 'namespace:"a"' }, 'filter'],
    [{ window: 'today', filter: 'project:"a' }, 'filter'],
    [{ window: 'today', filter: 'project:a' }, 'filter'],
    [{ window: 'today', filter: 'project="a"' }, 'filter'],
    [{ window: 'today', shareSplit: 'half', shareNamespaces: 'job' }, 'shareSplit'],
    [{ window: 'today', shareSplit: 'even' }, 'shareSplit'],
    [{ window: 'today', shareNamespaces: 'batch' }, 'shareNamespaces'],
    [{ window: 'today', shareIdle: 'true', idle: 'false' }, 'shareIdle'],
    [{ window: 'today', accumulate: 'maybe' }, 'accumulate'],
    [{ window: 'lastweek', start: '2026-03-04T00:00:00Z' }, 'start'],
    [{ window: 'today', end: 'noon' }, 'end'],
  ])('answers %j with a 400 naming %s', async (query, parameter) => {
    const res = await server.call(server.admin, { method: 'GET', url: `/api/cost/v1/allocation?${new URLSearchParams(query as Record<string, string>)}` });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.errors.join(' '), JSON.stringify(res.body)).toMatch(new RegExp(`^(query\\.)?${parameter}: `));
  });

  it('accepts the options that have nothing to act on here', async () => {
    const data = await allocation(server, {
      ...MARCH,
      aggregate: 'project',
      shareTenancyCosts: 'true',
      reconcile: 'true',
      external: 'false',
      shareCost: '5',
      shareLabels: 'team',
    });
    expect(totals(data)).toEqual({ churn: 6.42, fraud: 1.92 });
  });

  it('refuses a non-admin', async () => {
    const res = await server.call(lena, { method: 'GET', url: '/api/cost/v1/allocation?window=today' });
    expect(res.status).toBe(403);
  });
});
