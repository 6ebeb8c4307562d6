// The demo's environments and monitored models.
import { describe, expect, it } from 'vitest';
import { EMBEDDED_ENVIRONMENTS, ENVIRONMENTS } from './environment-fixtures';
import { finishedJob, stdOut } from './fixtures';
import { startTestServer } from './helper';

describe('the demo environments and monitoring', () => {
  it('seeds curated, private and organization environments with real builds (one failed, readably) and jobs on them; two monitored models, one drifting', async () => {
    const server = await startTestServer({ demo: true });
    const list = await server.call(server.admin, { method: 'GET', url: `${ENVIRONMENTS}?limit=50` });
    const byName = new Map(list.body.environments.map((e: { name: string }) => [e.name, e]));
    expect([...byName.keys()]).toEqual([
      'Domino Standard Environment Py3.11',
      'maya-nlp-sandbox',
      'R 4.4 Minimal',
      'risk-scoring-runtime',
      'Spark 3.5 Cluster Environment',
    ]);
    const spark = byName.get('Spark 3.5 Cluster Environment') as {
      id: string;
      latestRevision: { id: string; status: string };
      selectedRevision: { number: number };
    };
    expect(spark.latestRevision.status).toBe('failed');
    expect(spark.selectedRevision.number).toBe(1);
    const log = await server.call(server.admin, { method: 'GET', url: `${EMBEDDED_ENVIRONMENTS}/${spark.id}/revisions/${spark.latestRevision.id}/logs` });
    const lines = log.body.logs.logContent.map((l: { log: string }) => l.log);
    expect(lines).toContain('spark-connector.lic not found in /opt/licenses: ask the platform team for the 2027 licence');
    expect(log.body.logs.problem).toBe('line 3: RUN exited with code 2');
    const standard = byName.get('Domino Standard Environment Py3.11') as { id: string; selectedRevision: { id: string; number: number }; isCurated: boolean };
    expect(standard).toMatchObject({ isCurated: true, selectedRevision: { number: 2 } });

    const jobs = await server.call(server.admin, {
      method: 'GET',
      url: `${EMBEDDED_ENVIRONMENTS}/${standard.id}/revisions/${standard.selectedRevision.id}/jobs`,
    });
    expect(jobs.body.jobs).toHaveLength(1);
    const job = jobs.body.jobs[0] as { jobId: string };
    const done = await finishedJob(server, server.admin, job.jobId, 30_000);
    const out = await stdOut(server, server.admin, job.jobId);
    expect(done.status.executionStatus, out.join('\n')).toBe('Succeeded');
    expect(out[0]).toMatch(/^Domino Standard Environment, release 2026\.11; python: Python 3/);

    const models = (await server.call(server.admin, { method: 'GET', url: '/api/embedded/v1/monitoring/models' })).body.models;
    expect(models.map((m: { modelMonitoringId: string }) => m.modelMonitoringId)).toEqual(['churn-classifier-prod', 'credit-scorer-v3']);
    for (const model of models) for (const metric of model.metrics) expect(metric.valueCount).toBe(60);
    const alerts = await server.call(server.admin, { method: 'GET', url: '/api/embedded/v1/monitoring/alerts?modelMonitoringId=credit-scorer-v3' });
    expect(alerts.body.metadata.totalCount).toBeGreaterThan(5);
    const stable = await server.call(server.admin, { method: 'GET', url: '/api/embedded/v1/monitoring/alerts?modelMonitoringId=churn-classifier-prod' });
    expect(stable.body.metadata.totalCount).toBe(0);
  }, 90_000);
});
