// The jobs across projects against a Domino without the extension: a refresh asks only the
// projects that had active jobs (or could not be read), keeping the quiet ones' last answer.
import { describe, expect, it } from 'vitest';
import { json, metadata, mockFetch } from '../test/fetch-mock';
import { churn, jobOf, objectId } from '../test/wire-fixtures';
import { fetchActiveJobsOfProjects } from './jobs';

describe('fetchActiveJobsOfProjects', () => {
  it('asks every project first, then only those with active jobs or a failed answer', async () => {
    const [busy, quiet, broken] = [churn.id, objectId('2c'), objectId('3c')];
    const { calls } = mockFetch((call) => {
      const projectId = new URL(call.url, 'http://console').searchParams.get('projectId');
      if (projectId === broken) return json({ requestId: 'r', errors: ['boom'] }, { status: 500 });
      const jobs = projectId === busy ? [jobOf(1, { projectId: busy })] : [];
      return json({ jobs, metadata: { ...metadata, offset: 0, limit: 10, totalCount: jobs.length } });
    });
    const first = await fetchActiveJobsOfProjects([busy, quiet, broken], undefined);
    expect(calls).toHaveLength(3);
    expect(first.failed).toEqual([broken]);
    expect(first.byProject[busy]).toHaveLength(1);
    expect(first.byProject[quiet]).toEqual([]);

    calls.length = 0;
    const second = await fetchActiveJobsOfProjects([busy, quiet, broken], first);
    expect(calls.map((call) => new URL(call.url, 'http://console').searchParams.get('projectId')).sort()).toEqual([busy, broken].sort());
    expect(second.byProject[quiet]).toEqual([]);
  });

  it('fails when every project fails', async () => {
    mockFetch(() => json({ requestId: 'r', errors: ['down'] }, { status: 500 }));
    await expect(fetchActiveJobsOfProjects([churn.id], undefined)).rejects.toThrow();
  });
});
