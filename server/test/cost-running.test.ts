// A running job's cost grows with the clock, from when it started preparing, and stays when it ends.
import { describe, expect, it } from 'vitest';
import { allocation, manualClock } from './cost-fixtures';
import { newProject, startJob } from './fixtures';
import { startTestServer } from './helper';

describe('a running job', () => {
  it('costs more the longer it runs, and keeps its cost when it ends', async () => {
    const clock = manualClock('2026-06-01T10:00:00Z');
    const server = await startTestServer({ clock });
    const project = await newProject(server, server.admin, { name: 'long-runner' });
    const job = await startJob(server, server.admin, project.id, 'sleep 60');
    const query = { window: 'today', aggregate: 'project', accumulate: 'true', idle: 'false' };
    const costOf = async () => (await allocation(server, query)).find((a) => a.name === 'long-runner')?.totalCost ?? 0;
    try {
      // Small: 0.8 cents a minute from 10:00.
      clock.set('2026-06-01T10:10:00Z');
      expect(await costOf()).toBe(0.08);
      clock.set('2026-06-01T10:40:00Z');
      expect(await costOf()).toBe(0.32);
      const [running] = await allocation(server, query);
      expect(running).toMatchObject({ labels: { workload_type: 'job', starting_user_name: server.admin.userName } });
    } finally {
      await server.app.ctx.runner.stop(job.id, 'test over');
    }
    clock.set('2026-06-01T12:00:00Z');
    expect(await costOf()).toBe(0.32);
    expect(server.app.ctx.db.prepare('SELECT count(*) AS n FROM cost_executions WHERE rolled = 1').get()).toEqual({ n: 1 });
  });
});
