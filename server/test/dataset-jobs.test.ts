// Datasets mounted in jobs, through the sandbox's binds: own datasets at
// $DOMINO_DATASETS_DIR/local/<name> (writable for Editors and Owners), shared ones at
// $DOMINO_DATASETS_DIR/<name> (read-only).
import { describe, expect, it, vi } from 'vitest';
import { storageDrained } from '../services/datasets';
import { DATASETS, EMBEDDED_DATASETS, newDataset, putDatasetFile, readDatasetFile } from './dataset-fixtures';
import { finishedJob, projectWithFiles, startJob, stdOut } from './fixtures';
import { startTestServer } from './helper';

const SCRIPT = `#!/bin/bash
D="$DOMINO_DATASETS_DIR"
echo "dir=$D"
cat "$D/local/inputs/in.csv"
echo "written by the job" > "$D/local/inputs/out.txt" && echo "wrote own"
ln -s /etc/passwd "$D/local/inputs/planted" && echo "planted"
cat "$D/reference/ref.txt"
if echo nope > "$D/reference/evil.txt" 2>/dev/null; then echo "wrote shared"; else echo "shared is read-only"; fi
`;

describe('datasets in jobs', () => {
  it('mounts own datasets writable and shared ones read-only; writes land in the live dataset; a snapshot on completion captures them', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, { 'run.sh': SCRIPT });
    const inputs = await newDataset(server, maya, project.id, { name: 'inputs' });
    await putDatasetFile(server, maya, inputs.id, 'in.csv', 'a,b\n1,2\n');
    const elsewhere = await projectWithFiles(server, maya, { 'x.txt': 'x' });
    const reference = await newDataset(server, maya, elsewhere.id, { name: 'reference' });
    await putDatasetFile(server, maya, reference.id, 'ref.txt', 'reference data\n');
    await server.call(maya, { method: 'POST', url: `/api/projects/v1/projects/${project.id}/shared-datasets`, payload: { datasetId: reference.id } });

    const job = await finishedJob(server, maya, await startJob(server, maya, project.id, 'run.sh', { snapshotDatasetsOnCompletion: true }));
    const out = await stdOut(server, maya, job.id);
    expect(out).toEqual(['dir=/domino/datasets', 'a,b', '1,2', 'wrote own', 'planted', 'reference data', 'shared is read-only']);
    expect(job.status.executionStatus).toBe('Succeeded');
    expect(job.datasetMounts).toEqual([
      { id: inputs.id, datasetName: 'inputs', projectId: project.id, isInput: false, containerPath: '/domino/datasets/local/inputs' },
      { id: reference.id, datasetName: 'reference', projectId: elsewhere.id, isInput: true, containerPath: '/domino/datasets/reference' },
    ]);
    expect((await readDatasetFile(server, maya, inputs.id, 'out.txt')).body).toBe('written by the job\n');
    expect((await readDatasetFile(server, maya, reference.id, 'evil.txt')).status).toBe(404);
    // The link the job planted is refused, naming it.
    const planted = await readDatasetFile(server, maya, inputs.id, 'planted');
    expect(planted.status).toBe(400);
    expect(planted.body.errors[0]).toContain('"planted"');
    expect((await server.call(maya, { method: 'GET', url: `${EMBEDDED_DATASETS}/${inputs.id}/stats` })).body.stats.lastMounted).toBeDefined();

    // snapshotDatasetsOnCompletion: the writable mount was snapshotted; the planted link fails it, naming it.
    await storageDrained(server.app.ctx);
    const snapshots = (await server.call(maya, { method: 'GET', url: `${DATASETS}/${inputs.id}/snapshots` })).body.snapshots;
    expect(snapshots).toHaveLength(1);
    expect((await server.call(maya, { method: 'GET', url: `/api/embedded/v1/snapshots/${snapshots[0].id}/stats` })).body.stats.failureReason).toContain(
      '"planted"',
    );
    expect((await server.call(maya, { method: 'GET', url: `${DATASETS}/${reference.id}/snapshots` })).body.snapshots).toHaveLength(0);
    // Without the link, a snapshot captures what the job wrote.
    await server.call(maya, { method: 'DELETE', url: `${EMBEDDED_DATASETS}/${inputs.id}/files?path=planted` });
    const again = await server.call(maya, { method: 'POST', url: `${DATASETS}/${inputs.id}/snapshots`, payload: { relativeFilePaths: [] } });
    await storageDrained(server.app.ctx);
    const content = await server.call(maya, { method: 'GET', url: `/api/embedded/v1/snapshots/${again.body.snapshot.id}/files/content?path=out.txt` });
    expect(content.body).toBe('written by the job\n');
  }, 60_000);

  it('mounts own datasets read-only for a Reader (a launcherUser), and a rename applies to the next job', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const lena = await server.newUser('lena');
    const project = await projectWithFiles(server, maya, {
      'write.sh':
        '#!/bin/bash\nls "$DOMINO_DATASETS_DIR/local"\nif echo x > "$DOMINO_DATASETS_DIR/local/$1/new.txt" 2>/dev/null; then echo wrote; else echo refused; fi\n',
    });
    await server.call(maya, { method: 'POST', url: `/api/projects/v1/projects/${project.id}/collaborators`, payload: { id: lena.id, role: 'launcherUser' } });
    const dataset = await newDataset(server, maya, project.id, { name: 'features' });
    const readerJob = await finishedJob(server, lena, await startJob(server, lena, project.id, 'write.sh features'));
    expect(await stdOut(server, lena, readerJob.id)).toEqual(['features', 'refused']);
    expect(readerJob.datasetMounts[0]).toMatchObject({ datasetName: 'features', isInput: true });
    await server.call(maya, { method: 'PATCH', url: `${DATASETS}/${dataset.id}`, payload: { name: 'features-v2' } });
    const ownerJob = await finishedJob(server, maya, await startJob(server, maya, project.id, 'write.sh features-v2'));
    expect(await stdOut(server, maya, ownerJob.id)).toEqual(['features-v2', 'wrote']);
    expect((await readDatasetFile(server, maya, dataset.id, 'new.txt')).body).toBe('x\n');

    // A job list answers each job's mounts too (the name it was mounted under then), asked of the
    // datasets family once for the whole page, not once per job.
    const perPage = vi.spyOn(server.app.ctx.datasets, 'mountsOfMany');
    const list = await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs?projectId=${project.id}` });
    expect(list.status).toBe(200);
    const mountsById = Object.fromEntries(list.body.jobs.map((j: { id: string; datasetMounts: unknown }) => [j.id, j.datasetMounts]));
    expect(mountsById[readerJob.id]).toEqual(readerJob.datasetMounts);
    expect(mountsById[ownerJob.id]).toEqual([
      { id: dataset.id, datasetName: 'features-v2', projectId: project.id, isInput: false, containerPath: '/domino/datasets/local/features-v2' },
    ]);
    expect(perPage).toHaveBeenCalledTimes(1);
    expect(new Set(perPage.mock.calls[0]![0])).toEqual(new Set([readerJob.id, ownerJob.id]));
  }, 60_000);
});
