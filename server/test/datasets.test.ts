import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { storageDrained } from '../services/datasets';
import { DATASETS, EMBEDDED_DATASETS, newDataset, putDatasetFile, readDatasetFile, snapshotOf } from './dataset-fixtures';
import { newProject } from './fixtures';
import { OBJECT_ID, startTestServer, type TestServer, type TestUser, UNKNOWN_ID } from './helper';

const V2 = '/api/datasetrw/v2/datasets';
const SNAPSHOTS = '/api/datasetrw/v1/snapshots';

async function createOrg(server: TestServer, as: TestUser, members: TestUser[] = []) {
  const res = await server.call(as, {
    method: 'POST',
    url: '/api/organizations/v1/organizations',
    payload: { name: `org-${Math.random().toString(36).slice(2, 10)}`, members: members.map((m) => ({ userId: m.id, organizationRole: 'member' })) },
  });
  expect(res.status).toBe(200);
  return res.body.org as { id: string; name: string };
}

function blobCount(server: TestServer): number {
  const root = path.join(server.dataDir, 'datasets', 'blobs');
  if (!fs.existsSync(root)) return 0;
  return fs.readdirSync(root).reduce((n, dir) => n + fs.readdirSync(path.join(root, dir)).length, 0);
}

describe('creating, reading, renaming and deleting datasets', () => {
  it('creates with the caller as Owner and the given grants, reads it back, and lists it by project', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const project = await newProject(server, maya);
    const other = await newProject(server, maya);
    const created = await server.call(maya, {
      method: 'POST',
      url: DATASETS,
      payload: {
        name: 'churn-features',
        description: 'Monthly features',
        projectId: project.id,
        grants: [{ targetId: omar.id, targetRole: 'datasetrwreader' }],
      },
    });
    expect(created.status).toBe(200);
    expect(created.body.dataset).toMatchObject({ name: 'churn-features', description: 'Monthly features', projectId: project.id, snapshotIds: [], tags: {} });
    expect(created.body.dataset.id).toMatch(OBJECT_ID);
    const id = created.body.dataset.id;
    expect((await server.call(omar, { method: 'GET', url: `${DATASETS}/${id}` })).body.dataset.name).toBe('churn-features');
    const grants = await server.call(maya, { method: 'GET', url: `${DATASETS}/${id}/grants` });
    expect(grants.body.grantDetails).toEqual([
      { targetId: maya.id, targetName: 'maya', targetRole: 'DatasetRwOwner', isOrganization: false },
      { targetId: omar.id, targetName: 'omar', targetRole: 'DatasetRwReader', isOrganization: false },
    ]);
    await newDataset(server, maya, other.id, { name: 'elsewhere' });
    const listed = await server.call(maya, { method: 'GET', url: `${DATASETS}?projectId=${project.id}` });
    expect(listed.body.datasets.map((d: { name: string }) => d.name)).toEqual(['churn-features']);
    expect(listed.body.metadata.pagination.totalCount).toBe(1);
    expect((await server.call(maya, { method: 'GET', url: DATASETS })).body.metadata.totalCount).toBe(2);
    // Omar reads only what he was granted.
    expect((await server.call(omar, { method: 'GET', url: DATASETS })).body.datasets.map((d: { id: string }) => d.id)).toEqual([id]);
  });

  it('applies the name rules: characters, length, leading dot, unique per project ignoring case (also on rename)', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await newProject(server, maya);
    await newDataset(server, maya, project.id, { name: 'Sales_2026.v1' });
    for (const name of ['has space', '.hidden', 'a/b', 'x'.repeat(101), 'SALES_2026.V1', 'é']) {
      const res = await server.call(maya, { method: 'POST', url: DATASETS, payload: { name, projectId: project.id } });
      expect(res.status, name).toBe(400);
    }
    expect((await server.call(maya, { method: 'POST', url: DATASETS, payload: { name: 'x'.repeat(100), projectId: project.id } })).status).toBe(200);
    const second = await newDataset(server, maya, project.id, { name: 'second' });
    expect((await server.call(maya, { method: 'PATCH', url: `${DATASETS}/${second.id}`, payload: { name: 'sales_2026.V1' } })).status).toBe(400);
    const renamed = await server.call(maya, { method: 'PATCH', url: `${DATASETS}/${second.id}`, payload: { name: 'Second', description: 'now' } });
    expect(renamed.body.dataset).toMatchObject({ name: 'Second', description: 'now' });
    // The same name in another project is fine.
    const other = await newProject(server, maya);
    await newDataset(server, maya, other.id, { name: 'sales_2026.v1' });
    expect((await server.call(maya, { method: 'PATCH', url: `${DATASETS}/${second.id}`, payload: {} })).status).toBe(400);
    expect((await server.call(maya, { method: 'POST', url: DATASETS, payload: { name: 'no-project' } })).status).toBe(400);
    expect((await server.call(maya, { method: 'GET', url: `${DATASETS}/not-an-id` })).body.errors).toEqual(['not-an-id is not a valid ID']);
    expect((await server.call(maya, { method: 'GET', url: `${DATASETS}/${UNKNOWN_ID}` })).status).toBe(404);
  });

  it('deletes: 404 afterwards, the name is free, snapshots end deleted, files and unshared blobs are removed', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await newProject(server, maya);
    const doomed = await newDataset(server, maya, project.id, { name: 'doomed' });
    const keeper = await newDataset(server, maya, project.id, { name: 'keeper' });
    await putDatasetFile(server, maya, doomed.id, 'shared.txt', 'same content');
    await putDatasetFile(server, maya, doomed.id, 'own.txt', 'only in doomed');
    await putDatasetFile(server, maya, keeper.id, 'copy.txt', 'same content');
    const snapshot = await snapshotOf(server, maya, doomed.id);
    await snapshotOf(server, maya, keeper.id);
    expect(blobCount(server)).toBe(2);
    const deleted = await server.call(maya, { method: 'DELETE', url: `${DATASETS}/${doomed.id}` });
    expect(deleted.status).toBe(200);
    expect(deleted.body.dataset).toMatchObject({ id: doomed.id, name: 'doomed' });
    expect((await server.call(maya, { method: 'GET', url: `${DATASETS}/${doomed.id}` })).status).toBe(404);
    expect((await server.call(maya, { method: 'GET', url: `${SNAPSHOTS}/${snapshot.id}` })).status).toBe(404);
    await storageDrained(server.app.ctx);
    expect(server.app.ctx.datasetState!.rows.findSnapshot(snapshot.id)!.status).toBe('deleted');
    expect(fs.existsSync(path.join(server.dataDir, 'datasets', 'live', doomed.id))).toBe(false);
    // The blob the keeper's snapshot shares stays; the one only doomed used is gone.
    expect(blobCount(server)).toBe(1);
    expect(
      (
        await server.call(maya, {
          method: 'GET',
          url: `/api/embedded/v1/snapshots/${server.app.ctx.datasetState!.rows.snapshotIds(keeper.id)[0]}/files/content?path=copy.txt`,
        })
      ).body,
    ).toBe('same content');
    await newDataset(server, maya, project.id, { name: 'DOOMED' });
  });
});

describe('grants', () => {
  it('adds, changes and removes grants; organizations are never Owner; the last Owner stays', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const org = await createOrg(server, omar);
    const project = await newProject(server, maya);
    const dataset = await newDataset(server, maya, project.id);
    const url = `${DATASETS}/${dataset.id}/grants`;
    const added = await server.call(maya, { method: 'POST', url, payload: { targetId: omar.id, targetRole: 'DatasetRwEditor' } });
    expect(added.body.grants).toEqual([
      { targetId: maya.id, targetRole: 'DatasetRwOwner' },
      { targetId: omar.id, targetRole: 'DatasetRwEditor' },
    ]);
    expect((await server.call(maya, { method: 'POST', url, payload: { targetId: org.id, targetRole: 'DatasetRwOwner' } })).status).toBe(400);
    expect((await server.call(maya, { method: 'POST', url, payload: { targetId: org.id, targetRole: 'DatasetRwReader' } })).status).toBe(200);
    const details = await server.call(maya, { method: 'GET', url });
    expect(details.body.grantDetails[2]).toEqual({ targetId: org.id, targetName: org.name, targetRole: 'DatasetRwReader', isOrganization: true });
    expect((await server.call(maya, { method: 'POST', url, payload: { targetId: UNKNOWN_ID, targetRole: 'DatasetRwReader' } })).status).toBe(400);
    // The last Owner can neither leave nor be demoted.
    const last = await server.call(maya, { method: 'DELETE', url, payload: { targetId: maya.id, targetRole: 'DatasetRwOwner' } });
    expect(last.status).toBe(400);
    expect(last.body.errors[0]).toMatch(/at least one Owner/);
    expect((await server.call(maya, { method: 'POST', url, payload: { targetId: maya.id, targetRole: 'DatasetRwReader' } })).status).toBe(400);
    // With a second Owner, the first may go.
    await server.call(maya, { method: 'POST', url, payload: { targetId: omar.id, targetRole: 'DatasetRwOwner' } });
    const removed = await server.call(maya, { method: 'DELETE', url, payload: { targetId: maya.id, targetRole: 'DatasetRwOwner' } });
    expect(removed.status).toBe(200);
    expect(removed.body.grants.map((g: { targetId: string }) => g.targetId)).toEqual([omar.id, org.id]);
    // A grant that does not exist (or with another role) is not found.
    expect((await server.call(omar, { method: 'DELETE', url, payload: { targetId: org.id, targetRole: 'DatasetRwEditor' } })).status).toBe(404);
    // Maya still owns the project: its floor keeps her an Owner.
    expect((await server.call(maya, { method: 'PATCH', url: `${DATASETS}/${dataset.id}`, payload: { description: 'still mine' } })).status).toBe(200);
  });
});

describe('snapshots and tags', () => {
  it('snapshots in the background, is immutable against later writes, and reuses unchanged files without reading them', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await newProject(server, maya);
    const dataset = await newDataset(server, maya, project.id);
    await putDatasetFile(server, maya, dataset.id, 'a.csv', 'id,value\n1,10\n');
    await putDatasetFile(server, maya, dataset.id, 'dir/b.json', '{"b":1}');
    const queued = await server.call(maya, { method: 'POST', url: `${DATASETS}/${dataset.id}/snapshots`, payload: { relativeFilePaths: ['.'] } });
    expect(queued.body.snapshot.status).toBe('pending');
    await storageDrained(server.app.ctx);
    const first = (await server.call(maya, { method: 'GET', url: `${SNAPSHOTS}/${queued.body.snapshot.id}` })).body.snapshot;
    expect(first).toMatchObject({ status: 'active', datasetId: dataset.id, creatorId: maya.id });
    expect((await server.call(maya, { method: 'GET', url: `/api/embedded/v1/snapshots/${first.id}/stats` })).body.stats).toEqual({ fileCount: 2, bytes: 21 });
    expect((await server.call(maya, { method: 'GET', url: `${EMBEDDED_DATASETS}/${dataset.id}/stats` })).body.stats).toMatchObject({ fileCount: 2, bytes: 21 });

    // A job appending to a live file must not change the snapshot.
    const live = path.join(server.dataDir, 'datasets', 'live', dataset.id, 'a.csv');
    fs.appendFileSync(live, '2,20\n');
    expect((await server.call(maya, { method: 'GET', url: `/api/embedded/v1/snapshots/${first.id}/files/content?path=a.csv` })).body).toBe('id,value\n1,10\n');
    expect((await readDatasetFile(server, maya, dataset.id, 'a.csv')).body).toBe('id,value\n1,10\n2,20\n');

    // Unchanged files are recognised by (size, mtime, ctime, inode) and not read again: point the
    // first manifest's entry at a planted blob, and the next snapshot takes that entry as it is.
    const rows = server.app.ctx.datasetState!.rows;
    const planted = 'f'.repeat(64);
    fs.mkdirSync(path.join(server.dataDir, 'datasets', 'blobs', 'ff'), { recursive: true });
    fs.writeFileSync(path.join(server.dataDir, 'datasets', 'blobs', 'ff', planted), '{"b":1}');
    const firstManifest = new Map(rows.manifest(first.id).map((e) => [e.path, e.sha256]));
    server.app.ctx.db.prepare('UPDATE snapshot_files SET sha256 = ? WHERE snapshot_id = ? AND path = ?').run(planted, first.id, 'dir/b.json');
    const before = blobCount(server);
    const second = await snapshotOf(server, maya, dataset.id);
    const secondManifest = new Map(rows.manifest(second.id).map((e) => [e.path, e.sha256]));
    expect(secondManifest.get('dir/b.json')).toBe(planted);
    // The appended file was read again: a new blob.
    expect(secondManifest.get('a.csv')).not.toBe(firstManifest.get('a.csv'));
    expect(blobCount(server)).toBe(before + 1);
    // Rewritten in place with the same size: re-hashed because its times changed.
    const b = path.join(server.dataDir, 'datasets', 'live', dataset.id, 'dir', 'b.json');
    fs.writeFileSync(b, '{"b":2}');
    const third = await snapshotOf(server, maya, dataset.id);
    expect(new Map(rows.manifest(third.id).map((e) => [e.path, e.sha256])).get('dir/b.json')).not.toBe(planted);

    const listed = await server.call(maya, { method: 'GET', url: `${DATASETS}/${dataset.id}/snapshots?limit=2` });
    expect(listed.body.snapshots.map((s: { id: string }) => s.id)).toEqual([first.id, second.id]);
    expect(listed.body.metadata.pagination.totalCount).toBe(3);
    expect((await server.call(maya, { method: 'GET', url: `${DATASETS}/${dataset.id}` })).body.dataset.snapshotIds).toEqual([first.id, second.id, third.id]);
  });

  it('snapshots chosen paths only, and refuses paths outside the dataset naming them', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await newProject(server, maya);
    const dataset = await newDataset(server, maya, project.id);
    await putDatasetFile(server, maya, dataset.id, 'keep/a.txt', 'a');
    await putDatasetFile(server, maya, dataset.id, 'skip/b.txt', 'b');
    await putDatasetFile(server, maya, dataset.id, 'c.txt', 'c');
    const snapshot = await snapshotOf(server, maya, dataset.id, ['keep', 'c.txt']);
    const files = await server.call(maya, { method: 'GET', url: `/api/embedded/v1/snapshots/${snapshot.id}/files` });
    expect(files.body.entries.map((e: { path: string; type: string }) => `${e.type}:${e.path}`)).toEqual(['dir:keep', 'file:c.txt']);
    const inner = await server.call(maya, { method: 'GET', url: `/api/embedded/v1/snapshots/${snapshot.id}/files?path=keep` });
    expect(inner.body.entries).toEqual([{ name: 'a.txt', path: 'keep/a.txt', type: 'file', size: 1 }]);
    for (const bad of ['../other', '/etc/passwd', 'keep/../../x', 'a\u0000b']) {
      const res = await server.call(maya, { method: 'POST', url: `${DATASETS}/${dataset.id}/snapshots`, payload: { relativeFilePaths: [bad] } });
      expect(res.status, bad).toBe(400);
      expect(res.body.errors.join(' '), bad).toContain(JSON.stringify(bad));
    }
    expect((await server.call(maya, { method: 'POST', url: `${DATASETS}/${dataset.id}/snapshots`, payload: { relativeFilePaths: ['missing'] } })).status).toBe(
      404,
    );
  });

  it('tags a snapshot, moves a tag, removes it; another dataset’s snapshot is refused', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await newProject(server, maya);
    const dataset = await newDataset(server, maya, project.id);
    const other = await newDataset(server, maya, project.id);
    await putDatasetFile(server, maya, dataset.id, 'a.txt', '1');
    const s1 = await snapshotOf(server, maya, dataset.id);
    const s2 = await snapshotOf(server, maya, dataset.id);
    const foreign = await snapshotOf(server, maya, other.id);
    const tags = `${DATASETS}/${dataset.id}/tags`;
    expect((await server.call(maya, { method: 'POST', url: tags, payload: { tagName: 'prod', snapshotId: s1.id } })).body.dataset.tags).toEqual({
      prod: s1.id,
    });
    expect((await server.call(maya, { method: 'POST', url: tags, payload: { tagName: 'prod', snapshotId: s2.id } })).body.dataset.tags).toEqual({
      prod: s2.id,
    });
    expect((await server.call(maya, { method: 'POST', url: tags, payload: { tagName: 'x', snapshotId: foreign.id } })).status).toBe(400);
    expect((await server.call(maya, { method: 'DELETE', url: `${tags}/prod` })).body.dataset.tags).toEqual({});
    expect((await server.call(maya, { method: 'DELETE', url: `${tags}/prod` })).status).toBe(404);
  });

  it('starts a dataset from a snapshot: its files, the caller as the only Owner, grants ignored', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const project = await newProject(server, maya);
    const source = await newDataset(server, maya, project.id, { grants: [{ targetId: omar.id, targetRole: 'DatasetRwReader' }] });
    await putDatasetFile(server, maya, source.id, 'data/rows.csv', 'a,b\n');
    const snapshot = await snapshotOf(server, maya, source.id);
    const theirs = await newProject(server, omar);
    const res = await server.call(omar, {
      method: 'POST',
      url: DATASETS,
      payload: { name: 'from-snapshot', projectId: theirs.id, snapshotId: snapshot.id, grants: [{ targetId: maya.id, targetRole: 'DatasetRwOwner' }] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const id = res.body.dataset.id;
    expect((await readDatasetFile(server, omar, id, 'data/rows.csv')).body).toBe('a,b\n');
    expect((await server.call(omar, { method: 'GET', url: `${DATASETS}/${id}/grants` })).body.grantDetails).toEqual([
      { targetId: omar.id, targetName: 'omar', targetRole: 'DatasetRwOwner', isOrganization: false },
    ]);
    // Without Read on the source it is as if the snapshot did not exist.
    const stranger = await server.newUser('stranger');
    const strangers = await newProject(server, stranger);
    expect(
      (await server.call(stranger, { method: 'POST', url: DATASETS, payload: { name: 'x', projectId: strangers.id, snapshotId: snapshot.id } })).status,
    ).toBe(404);
  });
});

describe('listing datasets', () => {
  it('v2: minimumPermission, projectIdsToInclude / Exclude and includeProjectInfo, evaluated in SQL', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const org = await createOrg(server, maya, [omar]);
    const mine = await newProject(server, maya, { name: 'mine' });
    const open = await newProject(server, maya, { name: 'open', visibility: 'public' });
    const found = await newProject(server, maya, { name: 'found', visibility: 'searchable' });
    const owned = await newDataset(server, maya, mine.id, { name: 'a-owned-by-grant', grants: [{ targetId: omar.id, targetRole: 'DatasetRwOwner' }] });
    const edited = await newDataset(server, maya, mine.id, { name: 'b-org-editor', grants: [{ targetId: org.id, targetRole: 'DatasetRwEditor' }] });
    const publicOne = await newDataset(server, maya, open.id, { name: 'c-public' });
    const listable = await newDataset(server, maya, found.id, { name: 'd-searchable' });
    await newDataset(server, maya, mine.id, { name: 'e-hidden' });
    const names = async (query: string) => {
      const res = await server.call(omar, { method: 'GET', url: `${V2}?${query}` });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.datasets.map((d: { dataset: { name: string } }) => d.dataset.name);
    };
    expect(await names('')).toEqual(['a-owned-by-grant', 'b-org-editor', 'c-public', 'd-searchable']);
    expect(await names('minimumPermission=ReadDatasetRwV2')).toEqual(['a-owned-by-grant', 'b-org-editor', 'c-public']);
    expect(await names('minimumPermission=UpdateDatasetRwV2')).toEqual(['a-owned-by-grant', 'b-org-editor']);
    expect(await names('minimumPermission=EditSecurityDatasetRwV2')).toEqual(['a-owned-by-grant']);
    expect(await names('minimumPermission=PerformDatasetRwActionsAsAdminV2')).toEqual([]);
    expect(await names(`projectIdsToInclude=${open.id}&projectIdsToInclude=${found.id}`)).toEqual(['c-public', 'd-searchable']);
    expect(await names(`projectIdsToExclude=${mine.id},${open.id}`)).toEqual(['d-searchable']);
    expect((await server.call(omar, { method: 'GET', url: `${V2}?projectIdsToInclude=${open.id}&projectIdsToExclude=${mine.id}` })).status).toBe(400);
    expect((await server.call(omar, { method: 'GET', url: `${V2}?minimumPermission=Nope` })).status).toBe(400);
    const withInfo = await server.call(omar, { method: 'GET', url: `${V2}?includeProjectInfo=true&limit=1&offset=2` });
    expect(withInfo.body.datasets).toEqual([
      { dataset: expect.objectContaining({ id: publicOne.id }), projectInfo: { projectId: open.id, projectName: 'open', projectOwnerUsername: 'maya' } },
    ]);
    expect(withInfo.body.metadata.pagination).toEqual({ offset: 2, limit: 1, totalCount: 4 });
    expect((await server.call(omar, { method: 'GET', url: `${V2}?offset=10` })).body.metadata.totalCount).toBe(4);
    // The list and a GET agree on what each permission allows.
    for (const d of [owned, edited, publicOne, listable]) expect((await server.call(omar, { method: 'GET', url: `${DATASETS}/${d.id}` })).status).toBe(200);
    const stats = await server.call(omar, { method: 'GET', url: `${EMBEDDED_DATASETS}/${listable.id}/stats` });
    expect(stats.body.stats.yourPermissions).toEqual(['ListDatasetRwV2']);
    expect((await server.call(omar, { method: 'GET', url: `${EMBEDDED_DATASETS}/${listable.id}/files` })).status).toBe(403);
    // Site admins see all.
    expect((await server.call(server.admin, { method: 'GET', url: `${V2}?minimumPermission=PerformDatasetRwActionsAsAdminV2` })).body.metadata.totalCount).toBe(
      5,
    );
  });

  it('the embedded search: a case-insensitive substring of name or description, sorted by name or creation time, with sizes', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await newProject(server, maya);
    const first = await newDataset(server, maya, project.id, { name: 'Zeta', description: 'monthly CHURN features' });
    await newDataset(server, maya, project.id, { name: 'alpha-churn' });
    await newDataset(server, maya, project.id, { name: 'beta' });
    await putDatasetFile(server, maya, first.id, 'x.bin', Buffer.alloc(1000));
    const search = async (query: string) =>
      (await server.call(maya, { method: 'GET', url: `${EMBEDDED_DATASETS}?${query}` })).body.datasets.map(
        (d: { dataset: { name: string }; bytes: number }) => `${d.dataset.name}:${d.bytes}`,
      );
    expect(await search('search=churn')).toEqual(['alpha-churn:0', 'Zeta:1000']);
    expect(await search('search=CHURN&sortBy=createdAt&sortOrder=desc')).toEqual(['alpha-churn:0', 'Zeta:1000']);
    expect(await search('sortBy=createdAt')).toEqual(['Zeta:1000', 'alpha-churn:0', 'beta:0']);
    expect(await search('search=%25')).toEqual([]);
    const info = await server.call(maya, { method: 'GET', url: '/api/embedded/v1/info' });
    expect(info.body.extensions).toEqual(expect.arrayContaining(['dataset-search', 'dataset-stats', 'dataset-files']));
  });
});

describe('shared datasets and copying projects', () => {
  it('links a dataset the caller may Read to a project they edit; lists and unlinks it', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const source = await newProject(server, maya);
    const shared = await newDataset(server, maya, source.id, { grants: [{ targetId: omar.id, targetRole: 'DatasetRwReader' }] });
    const privateOne = await newDataset(server, maya, source.id);
    const target = await newProject(server, omar);
    const links = `/api/projects/v1/projects/${target.id}/shared-datasets`;
    expect((await server.call(omar, { method: 'POST', url: links, payload: { datasetId: privateOne.id } })).status).toBe(404);
    const linked = await server.call(omar, { method: 'POST', url: links, payload: { datasetId: shared.id } });
    expect(linked.status).toBe(200);
    expect(linked.body.dataset).toEqual({ projectId: target.id, sharedDatasetIds: [shared.id] });
    expect((await server.call(omar, { method: 'GET', url: links })).body.dataset.sharedDatasetIds).toEqual([shared.id]);
    expect(
      (await server.call(maya, { method: 'POST', url: `/api/projects/v1/projects/${source.id}/shared-datasets`, payload: { datasetId: shared.id } })).status,
    ).toBe(400);
    expect((await server.call(omar, { method: 'DELETE', url: `${links}/${shared.id}` })).status).toBeLessThan(300);
    expect((await server.call(omar, { method: 'GET', url: links })).body.dataset.sharedDatasetIds).toEqual([]);
    // Deleting a dataset unlinks it everywhere.
    await server.call(omar, { method: 'POST', url: links, payload: { datasetId: shared.id } });
    await server.call(maya, { method: 'DELETE', url: `${DATASETS}/${shared.id}` });
    expect((await server.call(omar, { method: 'GET', url: links })).body.dataset.sharedDatasetIds).toEqual([]);
  });

  it('copy-project with copyDatasets: own datasets with live files under the same name, caller as Owner, no snapshots, tags or other grants; unreadable ones reported', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const project = await newProject(server, maya, { visibility: 'public' });
    await server.call(maya, {
      method: 'POST',
      url: `/api/projects/v1/projects/${project.id}/collaborators`,
      payload: { id: omar.id, role: 'resultsConsumer' },
    });
    const data = await newDataset(server, maya, project.id, { name: 'data', grants: [{ targetId: omar.id, targetRole: 'DatasetRwReader' }] });
    await putDatasetFile(server, maya, data.id, 'rows.csv', 'a\n1\n');
    const snapshot = await snapshotOf(server, maya, data.id);
    await server.call(maya, { method: 'POST', url: `${DATASETS}/${data.id}/tags`, payload: { tagName: 'v1', snapshotId: snapshot.id } });
    const elsewhere = await newProject(server, maya);
    const sharedIn = await newDataset(server, maya, elsewhere.id, { name: 'linked', grants: [{ targetId: omar.id, targetRole: 'DatasetRwReader' }] });
    await server.call(maya, { method: 'POST', url: `/api/projects/v1/projects/${project.id}/shared-datasets`, payload: { datasetId: sharedIn.id } });
    // Own datasets without a grant: omar's project role (resultsConsumer, the weakest) is a Reader floor.
    await newDataset(server, maya, project.id, { name: 'notes', description: 'no grant for omar' });
    // A shared dataset omar may not read: its link is not copied, and it is reported by id only.
    const secret = await newDataset(server, maya, elsewhere.id, { name: 'secret-name', description: 'secret description' });
    await server.call(maya, { method: 'POST', url: `/api/projects/v1/projects/${project.id}/shared-datasets`, payload: { datasetId: secret.id } });
    const copied = await server.call(omar, {
      method: 'POST',
      url: `/api/projects/v1/projects/${project.id}/copy-project`,
      payload: { copyDatasets: true, name: 'the-copy', visibility: 'private' },
    });
    expect(copied.status, JSON.stringify(copied.body)).toBe(200);
    expect(copied.body.datasetsNotCopied).toEqual([
      {
        datasetInfo: { id: secret.id, name: secret.id, createdAt: secret.createdAt },
        errorMessage: `You may not read shared dataset ${secret.id}, so the copy does not link it`,
      },
    ]);
    expect(JSON.stringify(copied.body)).not.toMatch(/secret-name|secret description/);
    const copyId = copied.body.project.id;
    const own = await server.call(omar, { method: 'GET', url: `${DATASETS}?projectId=${copyId}` });
    expect(own.body.datasets.map((d: { name: string }) => d.name)).toEqual(['data', 'notes']);
    expect(own.body.datasets[0]).toMatchObject({ name: 'data', snapshotIds: [], tags: {} });
    expect((await readDatasetFile(server, omar, own.body.datasets[0].id, 'rows.csv')).body).toBe('a\n1\n');
    expect((await server.call(omar, { method: 'GET', url: `${DATASETS}/${own.body.datasets[0].id}/grants` })).body.grantDetails).toEqual([
      { targetId: omar.id, targetName: 'omar', targetRole: 'DatasetRwOwner', isOrganization: false },
    ]);
    expect((await server.call(omar, { method: 'GET', url: `/api/projects/v1/projects/${copyId}/shared-datasets` })).body.dataset.sharedDatasetIds).toEqual([
      sharedIn.id,
    ]);

    const withoutCopy = await server.call(omar, {
      method: 'POST',
      url: `/api/projects/v1/projects/${project.id}/copy-project`,
      payload: { copyDatasets: false, name: 'no-datasets' },
    });
    expect((await server.call(omar, { method: 'GET', url: `${DATASETS}?projectId=${withoutCopy.body.project.id}` })).body.datasets).toEqual([]);
    // Links are copied with or without copyDatasets, so the refused one is reported either way.
    expect(withoutCopy.body.datasetsNotCopied.map((d: { datasetInfo: { id: string } }) => d.datasetInfo.id)).toEqual([secret.id]);
    // The owner, who may read it, keeps every link.
    const byOwner = await server.call(maya, {
      method: 'POST',
      url: `/api/projects/v1/projects/${project.id}/copy-project`,
      payload: { copyDatasets: false, name: 'owner-copy' },
    });
    expect(byOwner.body.datasetsNotCopied).toEqual([]);
    expect(
      (await server.call(maya, { method: 'GET', url: `/api/projects/v1/projects/${byOwner.body.project.id}/shared-datasets` })).body.dataset.sharedDatasetIds,
    ).toEqual([sharedIn.id, secret.id]);
  });
});
