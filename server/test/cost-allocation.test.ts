// Cost allocation against hand-computed fixtures: default tiers (Small 0.8, Medium 1.6, Large 3.2,
// GPU 9.5 cents a minute; 4, 3, 2 and 1 nodes), three executions, a clock held still.
import { beforeAll, describe, expect, it } from 'vitest';
import { newProject } from './fixtures';
import { allocation, manualClock, recordExecution, totals } from './cost-fixtures';
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

  it('refuses a non-admin', async () => {
    const res = await server.call(lena, { method: 'GET', url: '/api/cost/v1/allocation?window=today' });
    expect(res.status).toBe(403);
  });
});
