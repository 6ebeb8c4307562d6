// The datasets permission matrix, generated from the rules: each actor's level (project role
// floor, own grant, organization's grant) × each endpoint's need → the expected status.
import { describeAuthorizationMatrix, oneUserPerActor, type MatrixAction } from './authorization-matrix';
import { DATASETS, EMBEDDED_DATASETS, newDataset, putDatasetFile, snapshotOf } from './dataset-fixtures';
import { newProject } from './fixtures';
import type { TestUser } from './helper';

type Actor =
  | 'projectOwner'
  | 'contributor'
  | 'launcherUser'
  | 'resultsConsumer'
  | 'projectImporter'
  | 'grantOwner'
  | 'grantEditor'
  | 'grantReader'
  | 'orgEditor'
  | 'orgReader'
  | 'stranger'
  | 'admin';

const ACTORS: readonly Actor[] = [
  'projectOwner',
  'contributor',
  'launcherUser',
  'resultsConsumer',
  'projectImporter',
  'grantOwner',
  'grantEditor',
  'grantReader',
  'orgEditor',
  'orgReader',
  'stranger',
  'admin',
];

// The rules: List 1 < Read 2 < Reader's actions 3 < Update (Editor) 4 < Owner 5 < site admin 6.
const LEVEL_OF: Record<Actor, number> = {
  projectOwner: 5, // project owner → Owner
  contributor: 4, // contributor → Editor
  launcherUser: 3, // launcherUser, resultsConsumer, projectImporter → Reader
  resultsConsumer: 3,
  projectImporter: 3,
  grantOwner: 5,
  grantEditor: 4,
  grantReader: 3,
  orgEditor: 4, // through an organization's grant
  orgReader: 3,
  stranger: 0, // a private project's dataset: not even known
  admin: 6,
};

const NEED = { list: 1, read: 2, update: 4, owner: 5 } as const;

function expected(need: number, success = 200): Record<Actor, number> {
  return Object.fromEntries(ACTORS.map((actor) => [actor, LEVEL_OF[actor] === 0 ? 404 : LEVEL_OF[actor] < need ? 403 : success])) as Record<Actor, number>;
}

interface Fixture {
  datasetId: string;
  snapshotId: string;
  readerId: string;
  users: Record<string, TestUser>;
}

const action = (name: string, need: number, request: MatrixAction<Actor, Fixture>['request'], success = 200): MatrixAction<Actor, Fixture> => ({
  name,
  expected: expected(need, success),
  request,
});

describeAuthorizationMatrix<Actor, Fixture>('dataset permission matrix (private project)', {
  actors: ACTORS,
  users: oneUserPerActor(ACTORS),
  async fixture(server, users) {
    const project = await newProject(server, users.projectOwner, { visibility: 'private' });
    for (const role of ['contributor', 'launcherUser', 'resultsConsumer', 'projectImporter'] as const)
      await server.call(users.projectOwner, {
        method: 'POST',
        url: `/api/projects/v1/projects/${project.id}/collaborators`,
        payload: { id: users[role].id, role },
      });
    const orgs = [];
    for (const [member, role] of [
      ['orgEditor', 'DatasetRwEditor'],
      ['orgReader', 'DatasetRwReader'],
    ] as const) {
      const org = await server.call(users[member], {
        method: 'POST',
        url: '/api/organizations/v1/organizations',
        payload: { name: `org-${Math.random().toString(36).slice(2, 10)}` },
      });
      orgs.push({ targetId: org.body.org.id as string, targetRole: role });
    }
    const dataset = await newDataset(server, users.projectOwner, project.id, {
      grants: [
        { targetId: users.grantOwner.id, targetRole: 'DatasetRwOwner' },
        { targetId: users.grantEditor.id, targetRole: 'DatasetRwEditor' },
        { targetId: users.grantReader.id, targetRole: 'DatasetRwReader' },
        ...orgs,
      ],
    });
    await putDatasetFile(server, users.projectOwner, dataset.id, 'data/a.csv', 'x,y\n1,2\n');
    const snapshot = await snapshotOf(server, users.projectOwner, dataset.id);
    await server.call(users.projectOwner, { method: 'POST', url: `${DATASETS}/${dataset.id}/tags`, payload: { tagName: 'v1', snapshotId: snapshot.id } });
    return { datasetId: dataset.id, snapshotId: snapshot.id, readerId: users.grantReader.id, users };
  },
  actions: [
    action('get dataset', NEED.list, (f) => ({ method: 'GET', url: `${DATASETS}/${f.datasetId}` })),
    action('list grants', NEED.list, (f) => ({ method: 'GET', url: `${DATASETS}/${f.datasetId}/grants` })),
    action('list snapshots', NEED.list, (f) => ({ method: 'GET', url: `${DATASETS}/${f.datasetId}/snapshots` })),
    action('get snapshot', NEED.list, (f) => ({ method: 'GET', url: `/api/datasetrw/v1/snapshots/${f.snapshotId}` })),
    action('dataset stats', NEED.list, (f) => ({ method: 'GET', url: `${EMBEDDED_DATASETS}/${f.datasetId}/stats` })),
    action('snapshot stats', NEED.list, (f) => ({ method: 'GET', url: `/api/embedded/v1/snapshots/${f.snapshotId}/stats` })),
    action('list live files', NEED.read, (f) => ({ method: 'GET', url: `${EMBEDDED_DATASETS}/${f.datasetId}/files?path=data` })),
    action('download a live file', NEED.read, (f) => ({ method: 'GET', url: `${EMBEDDED_DATASETS}/${f.datasetId}/files/content?path=data/a.csv` })),
    action('list snapshot files', NEED.read, (f) => ({ method: 'GET', url: `/api/embedded/v1/snapshots/${f.snapshotId}/files` })),
    action('download a snapshot file', NEED.read, (f) => ({ method: 'GET', url: `/api/embedded/v1/snapshots/${f.snapshotId}/files/content?path=data/a.csv` })),
    action('update', NEED.update, (f) => ({ method: 'PATCH', url: `${DATASETS}/${f.datasetId}`, payload: { description: 'changed' } })),
    action('create snapshot (Editor, decision 15)', NEED.update, (f) => ({
      method: 'POST',
      url: `${DATASETS}/${f.datasetId}/snapshots`,
      payload: { relativeFilePaths: [] },
    })),
    action('add tag', NEED.update, (f) => ({ method: 'POST', url: `${DATASETS}/${f.datasetId}/tags`, payload: { tagName: 'v2', snapshotId: f.snapshotId } })),
    action('remove tag', NEED.update, (f) => ({ method: 'DELETE', url: `${DATASETS}/${f.datasetId}/tags/v1` })),
    action('upload a file', NEED.update, (f) => ({
      method: 'PUT',
      url: `${EMBEDDED_DATASETS}/${f.datasetId}/files?path=new.txt`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from('new'),
    })),
    action('delete a file', NEED.update, (f) => ({ method: 'DELETE', url: `${EMBEDDED_DATASETS}/${f.datasetId}/files?path=data/a.csv` }), 204),
    action('add grant', NEED.owner, (f) => ({
      method: 'POST',
      url: `${DATASETS}/${f.datasetId}/grants`,
      payload: { targetId: f.users.stranger!.id, targetRole: 'DatasetRwReader' },
    })),
    action('remove grant', NEED.owner, (f) => ({
      method: 'DELETE',
      url: `${DATASETS}/${f.datasetId}/grants`,
      payload: { targetId: f.readerId, targetRole: 'DatasetRwReader' },
    })),
    action('delete dataset', NEED.owner, (f) => ({ method: 'DELETE', url: `${DATASETS}/${f.datasetId}` })),
  ],
});
