// The demo's datasets: real files, snapshots and tags, shared across projects, granted to users and
// an organization, and a job that reads one dataset and writes another.
import { describe, expect, it } from 'vitest';
import { storageDrained } from '../services/datasets';
import { finishedJob, stdOut } from './fixtures';
import { startTestServer } from './helper';

describe('the demo datasets', () => {
  it('seeds datasets with snapshots, tags, links and grants, and a job that reads one and writes another', async () => {
    const server = await startTestServer({ demo: true });
    const list = await server.call(server.admin, { method: 'GET', url: '/api/datasetrw/v2/datasets?includeProjectInfo=true&limit=50' });
    const byName = new Map(list.body.datasets.map((d: { dataset: { name: string } }) => [d.dataset.name, d]));
    expect([...byName.keys()].sort()).toEqual(['churn-features', 'customer-events', 'store-sales']);
    const features = (byName.get('churn-features') as { dataset: { id: string; tags: Record<string, string>; snapshotIds: string[]; projectId: string } })
      .dataset;
    expect(Object.keys(features.tags).sort()).toEqual(['baseline', 'latest']);
    expect(features.snapshotIds.length).toBeGreaterThanOrEqual(2);
    const grants = await server.call(server.admin, { method: 'GET', url: `/api/datasetrw/v1/datasets/${features.id}/grants` });
    expect(grants.body.grantDetails.map((g: { targetName: string; isOrganization: boolean }) => `${g.targetName}${g.isOrganization ? ' (org)' : ''}`)).toEqual([
      'maya.chen',
      'omar.haddad',
      'Risk Analytics (org)',
    ]);
    const shared = await server.call(server.admin, { method: 'GET', url: `/api/projects/v1/projects/${features.projectId}/shared-datasets` });
    expect(shared.body.dataset.sharedDatasetIds).toHaveLength(2);
    const csv = await server.call(server.admin, {
      method: 'GET',
      url: `/api/embedded/v1/snapshots/${features.tags.baseline}/files/content?path=features/2026-10.csv`,
    });
    expect(csv.body.split('\n')[0]).toBe('customer_id,month,tenure_months,monthly_spend,support_tickets,churned');

    // The demo job: reads customer-events (shared, read-only), writes churn-features.
    const jobs = await server.call(server.admin, { method: 'GET', url: `/api/jobs/beta/jobs?projectId=${features.projectId}&limit=100` });
    const prepare = jobs.body.jobs.find((j: { title?: string }) => j.title === 'Prepare churn features from customer events');
    const done = await finishedJob(server, server.admin, prepare.id, 30_000);
    expect(done.status.executionStatus, (await stdOut(server, server.admin, prepare.id)).join('\n')).toBe('Succeeded');
    expect(await stdOut(server, server.admin, prepare.id)).toEqual(['wrote event counts for 40 customers']);
    expect(done.datasetMounts.map((m: { containerPath: string; isInput: boolean }) => `${m.containerPath}${m.isInput ? ' ro' : ''}`)).toEqual([
      '/domino/datasets/customer-events ro',
      '/domino/datasets/local/churn-features',
      '/domino/datasets/store-sales ro',
    ]);
    const written = await server.call(server.admin, {
      method: 'GET',
      url: `/api/embedded/v1/datasets/${features.id}/files/content?path=features/event-counts.csv`,
    });
    expect(written.body.split('\n')[0]).toBe('customer_id,events');
    await storageDrained(server.app.ctx);
    const after = await server.call(server.admin, { method: 'GET', url: `/api/datasetrw/v1/datasets/${features.id}` });
    expect(after.body.dataset.snapshotIds.length).toBe(features.snapshotIds.length + 1);
  }, 120_000);
});
