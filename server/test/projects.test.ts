import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { describeAuthorizationMatrix, oneUserPerActor, row } from './authorization-matrix';
import { OBJECT_ID, startTestServer, type TestServer, type TestUser, UNKNOWN_ID } from './helper';

const BETA = '/api/projects/beta/projects';
const V1 = '/api/projects/v1/projects';
const EMBEDDED = '/api/embedded/v1/projects';

async function createProject(server: TestServer, as: TestUser, name: string, visibility = 'private', extra: Record<string, unknown> = {}) {
  const res = await server.call(as, { method: 'POST', url: BETA, payload: { name, description: `About ${name}`, visibility, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.project as { id: string; name: string; ownerId: string; collaborators: Array<{ id: string; role: string }> };
}

async function commits(server: TestServer, as: TestUser, projectId: string) {
  const res = await server.call(as, { method: 'GET', url: `/api/embedded/v1/projects/${projectId}/commits` });
  expect(res.status).toBe(200);
  return res.body.commits as Array<{ id: string; message: string; authorName: string }>;
}

describe('creating and listing projects', () => {
  it('creates a project with a README commit authored by the creator', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await createProject(server, maya, 'churn-model', 'Public');
    expect(project).toMatchObject({ name: 'churn-model', ownerId: maya.id, collaborators: [] });
    expect(project.id).toMatch(OBJECT_ID);
    const log = await commits(server, maya, project.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ message: 'Initial commit', authorName: 'maya Tester' });
    const readme = await server.app.inject({
      method: 'GET',
      url: `${BETA}/${project.id}/files/${log[0]!.id}/README.md/content`,
      headers: { 'x-domino-api-key': maya.key },
    });
    expect(readme.statusCode).toBe(200);
    expect(readme.body).toContain('# churn-model');
    expect(readme.headers['content-type']).toContain('text/plain');
  });

  it('refuses names with white space, duplicates per owner (any case), and bad visibility with 400', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    await createProject(server, maya, 'churn');
    for (const payload of [
      { name: 'has space', description: '', visibility: 'private' },
      { name: 'CHURN', description: '', visibility: 'private' },
      { name: 'ok', description: '', visibility: 'secret' },
      { name: '', description: '', visibility: 'private' },
      { name: 'ok', description: '', visibility: 'private', mainRepository: { uri: 'not a url' } },
    ]) {
      const res = await server.call(maya, { method: 'POST', url: BETA, payload });
      expect(res.status, JSON.stringify(payload)).toBe(400);
    }
    // The same name under another owner is fine.
    await createProject(server, omar, 'churn');
  });

  it('lists what a user may see: own, collaborations, public and searchable; never others’ private ones or archived ones', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    await createProject(server, maya, 'a-private');
    await createProject(server, maya, 'b-public', 'public');
    await createProject(server, maya, 'c-searchable', 'searchable');
    const shared = await createProject(server, maya, 'd-shared');
    await server.call(maya, { method: 'POST', url: `${V1}/${shared.id}/collaborators`, payload: { id: omar.id, role: 'resultsConsumer' } });
    const archived = await createProject(server, maya, 'e-archived', 'public');
    await server.call(maya, { method: 'DELETE', url: `${BETA}/${archived.id}` });

    const names = async (as: TestUser) =>
      (await server.call(as, { method: 'GET', url: `${BETA}?limit=50` })).body.projects.map((p: { name: string }) => p.name);
    expect(await names(omar)).toEqual(['b-public', 'c-searchable', 'd-shared']);
    expect(await names(maya)).toEqual(['a-private', 'b-public', 'c-searchable', 'd-shared']);
    expect(await names(server.admin)).toEqual(['a-private', 'b-public', 'c-searchable', 'd-shared']);
    const page = await server.call(maya, { method: 'GET', url: `${BETA}?offset=1&limit=2` });
    expect(page.body.projects.map((p: { name: string }) => p.name)).toEqual(['b-public', 'c-searchable']);
    expect(page.body.metadata).toMatchObject({ offset: 1, limit: 2, totalCount: 4, pagination: { totalCount: 4 } });
  });
});

describe('list pages are never stale', () => {
  it('shows a new collaboration, a new project and an archive on the very next list', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const secret = await createProject(server, maya, 'secret');
    const names = async () =>
      (await server.call(omar, { method: 'GET', url: `${BETA}?limit=50` })).body.projects.map(
        (p: { name: string; collaborators: unknown[] }) => `${p.name}:${p.collaborators.length}`,
      );
    expect(await names()).toEqual([]);
    await server.call(maya, { method: 'POST', url: `${V1}/${secret.id}/collaborators`, payload: { id: omar.id, role: 'contributor' } });
    expect(await names()).toEqual(['secret:1']);
    await createProject(server, maya, 'open', 'public');
    expect(await names()).toEqual(['open:0', 'secret:1']);
    await server.call(maya, { method: 'DELETE', url: `${BETA}/${secret.id}` });
    expect(await names()).toEqual(['open:0']);
  });
});

describe('visibility', () => {
  it('hides private projects (404), lets searchable ones be found but not read (403), public ones be read', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const priv = await createProject(server, maya, 'priv');
    const search = await createProject(server, maya, 'search', 'searchable');
    const pub = await createProject(server, maya, 'pub', 'public');
    expect((await server.call(omar, { method: 'GET', url: `${V1}/${priv.id}` })).status).toBe(404);
    expect((await server.call(omar, { method: 'GET', url: `${V1}/${priv.id}/goals` })).status).toBe(404);
    expect((await server.call(omar, { method: 'GET', url: `${V1}/${search.id}` })).status).toBe(200);
    expect((await server.call(omar, { method: 'GET', url: `${V1}/${search.id}/goals` })).status).toBe(403);
    expect((await server.call(omar, { method: 'GET', url: `${V1}/${pub.id}/goals` })).status).toBe(200);
    expect((await server.call(omar, { method: 'POST', url: `${V1}/${pub.id}/goals`, payload: { title: 'x' } })).status).toBe(403);
    expect((await server.call(omar, { method: 'GET', url: `${V1}/not-an-id` })).body.errors).toEqual(['not-an-id is not a valid ID']);
    expect((await server.call(omar, { method: 'GET', url: `${V1}/${UNKNOWN_ID}` })).status).toBe(404);
  });
});

type Actor = 'owner' | 'contributor' | 'launcherUser' | 'resultsConsumer' | 'projectImporter' | 'stranger' | 'admin';
const ACTORS: readonly Actor[] = ['owner', 'contributor', 'launcherUser', 'resultsConsumer', 'projectImporter', 'stranger', 'admin'];
const COLLABORATORS = ['contributor', 'launcherUser', 'resultsConsumer', 'projectImporter'] as const;
const EDITORS: Actor[] = ['owner', 'contributor', 'admin'];
const MANAGERS: Actor[] = ['owner', 'admin'];
const LAUNCHERS: Actor[] = [...EDITORS, 'launcherUser'];
const READERS: Actor[] = [...LAUNCHERS, 'resultsConsumer', 'projectImporter'];
const allowing = (allowed: readonly Actor[], options: Parameters<typeof row<Actor>>[2] = {}) => row(ACTORS, allowed, { hidden: ['stranger'], ...options });

interface ProjectFixture {
  id: string;
  goalId: string;
  repoId: string;
  workspaceId: string;
  /** A running session the launcherUser started (the stop action's). */
  sessionId?: string;
  target: TestUser;
}

describeAuthorizationMatrix<Actor, ProjectFixture>('permission matrix of a private project', {
  actors: ACTORS,
  users: oneUserPerActor(ACTORS),
  async fixture(server, users) {
    const project = await createProject(server, users.owner, `p-${Math.random().toString(36).slice(2, 10)}`);
    for (const role of COLLABORATORS)
      await server.call(users.owner, { method: 'POST', url: `${V1}/${project.id}/collaborators`, payload: { id: users[role].id, role } });
    const target = await server.newUser(`target-${Math.random().toString(36).slice(2, 8)}`);
    await server.call(users.owner, { method: 'POST', url: `${V1}/${project.id}/collaborators`, payload: { id: target.id, role: 'resultsConsumer' } });
    const goal = await server.call(users.owner, { method: 'POST', url: `${V1}/${project.id}/goals`, payload: { title: 'Existing' } });
    const repo = await server.call(users.owner, {
      method: 'POST',
      url: `${V1}/${project.id}/repositories`,
      payload: { uri: 'https://github.com/acme/lib.git' },
    });
    const workspaces = await server.call(users.owner, { method: 'GET', url: `/api/embedded/v1/projects/${project.id}/workspaces` });
    return { id: project.id, goalId: goal.body.goal.id, repoId: repo.body.repository.id, workspaceId: workspaces.body.workspaces[0].id, target };
  },
  actions: [
    // Reading
    { name: 'get project', expected: allowing(READERS), request: (p) => ({ method: 'GET', url: `${V1}/${p.id}` }) },
    { name: 'list goals', expected: allowing(READERS), request: (p) => ({ method: 'GET', url: `${V1}/${p.id}/goals` }) },
    { name: 'read results settings', expected: allowing(READERS), request: (p) => ({ method: 'GET', url: `${BETA}/${p.id}/results-settings` }) },
    { name: 'list imported repositories', expected: allowing(READERS), request: (p) => ({ method: 'GET', url: `${V1}/${p.id}/repositories` }) },
    { name: 'list shared datasets', expected: allowing(READERS), request: (p) => ({ method: 'GET', url: `${V1}/${p.id}/shared-datasets` }) },
    { name: 'list workspaces', expected: allowing(READERS), request: (p) => ({ method: 'GET', url: `/api/embedded/v1/projects/${p.id}/workspaces` }) },
    { name: 'list commits', expected: allowing(READERS), request: (p) => ({ method: 'GET', url: `/api/embedded/v1/projects/${p.id}/commits` }) },
    // Editing
    { name: 'add goal', expected: allowing(EDITORS), request: (p) => ({ method: 'POST', url: `${V1}/${p.id}/goals`, payload: { title: 'Ship it' } }) },
    {
      name: 'complete goal',
      expected: allowing(EDITORS),
      request: (p) => ({ method: 'PATCH', url: `${V1}/${p.id}/goals/${p.goalId}`, payload: { isComplete: true } }),
    },
    { name: 'delete goal', expected: allowing(EDITORS), request: (p) => ({ method: 'DELETE', url: `${V1}/${p.id}/goals/${p.goalId}` }) },
    {
      name: 'set status',
      expected: allowing(EDITORS),
      request: (p) => ({ method: 'PUT', url: `${V1}/${p.id}/status`, payload: { status: 'active', isBlocked: true, blockedReason: 'waiting for data' } }),
    },
    {
      name: 'change results settings',
      expected: allowing(EDITORS),
      request: (p) => ({ method: 'PUT', url: `${BETA}/${p.id}/results-settings`, payload: { branch: 'isolated' } }),
    },
    {
      name: 'import repository',
      expected: allowing(EDITORS),
      request: (p) => ({ method: 'POST', url: `${V1}/${p.id}/repositories`, payload: { uri: 'https://github.com/acme/new-lib.git' } }),
    },
    { name: 'remove repository', expected: allowing(EDITORS), request: (p) => ({ method: 'DELETE', url: `${V1}/${p.id}/repositories/${p.repoId}` }) },
    {
      name: 'upload file',
      expected: allowing(EDITORS),
      request: (p) => ({
        method: 'PUT',
        url: `/api/embedded/v1/projects/${p.id}/files?path=notes.txt`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from('hello'),
      }),
    },
    // No dataset exists yet: editors get past the permission check to "not found".
    {
      name: 'link a shared dataset',
      expected: allowing(EDITORS, { success: 404 }),
      request: (p) => ({ method: 'POST', url: `${V1}/${p.id}/shared-datasets`, payload: { datasetId: UNKNOWN_ID } }),
    },
    {
      name: 'unlink a shared dataset',
      expected: allowing(EDITORS, { success: 404 }),
      request: (p) => ({ method: 'DELETE', url: `${V1}/${p.id}/shared-datasets/${UNKNOWN_ID}` }),
    },
    // Managing
    {
      name: 'add collaborator',
      expected: allowing(MANAGERS),
      request: (p) => ({ method: 'POST', url: `${V1}/${p.id}/collaborators`, payload: { id: p.target.id, role: 'contributor' } }),
    },
    { name: 'remove collaborator', expected: allowing(MANAGERS), request: (p) => ({ method: 'DELETE', url: `${V1}/${p.id}/collaborators/${p.target.id}` }) },
    { name: 'archive', expected: allowing(MANAGERS), request: (p) => ({ method: 'DELETE', url: `${BETA}/${p.id}` }) },
    {
      name: 'edit name, description and visibility (project-edit)',
      expected: allowing(MANAGERS),
      request: (p) => ({
        method: 'PATCH',
        url: `${EMBEDDED}/${p.id}`,
        payload: { name: `renamed-${p.id.slice(-6)}`, description: 'New', visibility: 'public' },
      }),
    },
    {
      name: 'restore an archived project (archived-projects)',
      expected: allowing(MANAGERS),
      async prepare(server, users, p) {
        await server.call(users.owner!, { method: 'DELETE', url: `${BETA}/${p.id}` });
        return p;
      },
      request: (p) => ({ method: 'POST', url: `${EMBEDDED}/${p.id}/unarchive` }),
    },
    // Executions: launchers start; whoever started a session, or an editor, stops it.
    {
      name: 'start workspace session',
      expected: allowing(LAUNCHERS),
      request: (p) => ({ method: 'POST', url: `${V1}/${p.id}/workspaces/${p.workspaceId}/sessions`, payload: {} }),
    },
    {
      name: 'stop the launcherUser’s workspace session',
      expected: allowing(LAUNCHERS),
      async prepare(server, users, p) {
        const session = await server.call(users.launcherUser!, { method: 'POST', url: `${V1}/${p.id}/workspaces/${p.workspaceId}/sessions`, payload: {} });
        return { ...p, sessionId: session.body.workspaceSession.id };
      },
      request: (p) => ({ method: 'POST', url: `/api/embedded/v1/projects/${p.id}/workspace-sessions/${p.sessionId}/stop` }),
    },
    {
      name: 'copy project',
      expected: allowing(READERS),
      request: (p) => ({
        method: 'POST',
        url: `${V1}/${p.id}/copy-project`,
        payload: { copyDatasets: false, name: `copy-${Math.random().toString(36).slice(2, 8)}` },
      }),
    },
  ],
});

describe('collaborators', () => {
  it('adds, changes the role of, and removes a collaborator', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const project = await createProject(server, maya, 'p');
    const added = await server.call(maya, { method: 'POST', url: `${V1}/${project.id}/collaborators`, payload: { id: omar.id, role: 'LauncherUser' } });
    expect(added.body.collaborator).toEqual({ id: omar.id, role: 'launcherUser' });
    await server.call(maya, { method: 'POST', url: `${V1}/${project.id}/collaborators`, payload: { id: omar.id, role: 'contributor' } });
    expect((await server.call(maya, { method: 'GET', url: `${V1}/${project.id}` })).body.project.collaborators).toEqual([{ id: omar.id, role: 'contributor' }]);
    expect((await server.call(maya, { method: 'POST', url: `${V1}/${project.id}/collaborators`, payload: { id: maya.id, role: 'contributor' } })).status).toBe(
      400,
    );
    expect(
      (await server.call(maya, { method: 'POST', url: `${V1}/${project.id}/collaborators`, payload: { id: UNKNOWN_ID, role: 'contributor' } })).status,
    ).toBe(404);
    expect((await server.call(maya, { method: 'DELETE', url: `${V1}/${project.id}/collaborators/${omar.id}` })).body.success).toBe(true);
    expect((await server.call(maya, { method: 'DELETE', url: `${V1}/${project.id}/collaborators/${omar.id}` })).status).toBe(404);
  });
});

describe('goals, status, results settings, repositories', () => {
  it('runs a goal through add, complete, uncomplete, delete', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await createProject(server, maya, 'p');
    const goal = (await server.call(maya, { method: 'POST', url: `${V1}/${project.id}/goals`, payload: { title: 'Beat baseline AUC', description: '0.8+' } }))
      .body.goal;
    expect(goal).toMatchObject({ title: 'Beat baseline AUC', description: '0.8+', isComplete: false, projectId: project.id, creatorId: maya.id });
    expect(
      (await server.call(maya, { method: 'PATCH', url: `${V1}/${project.id}/goals/${goal.id}`, payload: { isComplete: true } })).body.goal.isComplete,
    ).toBe(true);
    expect(
      (await server.call(maya, { method: 'PATCH', url: `${V1}/${project.id}/goals/${goal.id}`, payload: { isComplete: false } })).body.goal.isComplete,
    ).toBe(false);
    expect((await server.call(maya, { method: 'PATCH', url: `${V1}/${project.id}/goals/${goal.id}`, payload: { isComplete: 'yes' } })).status).toBe(400);
    expect((await server.call(maya, { method: 'DELETE', url: `${V1}/${project.id}/goals/${goal.id}` })).status).toBe(200);
    expect((await server.call(maya, { method: 'GET', url: `${V1}/${project.id}/goals` })).body.goals).toEqual([]);
    expect((await server.call(maya, { method: 'DELETE', url: `${V1}/${project.id}/goals/${goal.id}` })).status).toBe(404);
  });

  it('blocks with a reason, completes, and keeps results settings', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await createProject(server, maya, 'p');
    expect((await server.call(maya, { method: 'PUT', url: `${V1}/${project.id}/status`, payload: { status: 'active', isBlocked: true } })).status).toBe(400);
    const blocked = await server.call(maya, {
      method: 'PUT',
      url: `${V1}/${project.id}/status`,
      payload: { status: 'Active', isBlocked: true, blockedReason: 'Waiting for data access' },
    });
    expect(blocked.body.status).toEqual({ status: 'active', isBlocked: true, blockedReason: 'Waiting for data access' });
    const status = await server.call(maya, { method: 'GET', url: `/api/embedded/v1/projects/${project.id}/status` });
    expect(status.body).toMatchObject({ status: { isBlocked: true }, yourRole: 'owner', isArchived: false });
    const done = await server.call(maya, {
      method: 'PUT',
      url: `${V1}/${project.id}/status`,
      payload: { status: 'complete', isBlocked: false, completedMessage: 'Shipped' },
    });
    expect(done.body.status).toEqual({ status: 'complete', isBlocked: false, completedMessage: 'Shipped' });
    expect((await server.call(maya, { method: 'GET', url: `${BETA}/${project.id}/results-settings` })).body.resultsSettings).toEqual({ branch: 'main' });
    expect(
      (await server.call(maya, { method: 'PUT', url: `${BETA}/${project.id}/results-settings`, payload: { branch: 'Isolated' } })).body.resultsSettings,
    ).toEqual({ branch: 'isolated' });
    expect((await server.call(maya, { method: 'GET', url: `${BETA}/${project.id}/results-settings` })).body.resultsSettings).toEqual({ branch: 'isolated' });
  });

  it('imports repositories, inferring name and provider from the URL', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await createProject(server, maya, 'p');
    const github = await server.call(maya, {
      method: 'POST',
      url: `${V1}/${project.id}/repositories`,
      payload: { uri: 'https://github.com/acme/feature-store.git' },
    });
    expect(github.body.repository).toMatchObject({
      name: 'feature-store',
      serviceProvider: 'github',
      uri: 'https://github.com/acme/feature-store.git',
      defaultRef: { refType: 'head' },
    });
    const gitlab = await server.call(maya, {
      method: 'POST',
      url: `${V1}/${project.id}/repositories`,
      payload: { uri: 'git@gitlab.com:acme/etl.git', defaultRef: { refType: 'branch', value: 'develop' } },
    });
    expect(gitlab.body.repository).toMatchObject({ name: 'etl', serviceProvider: 'gitLab', defaultRef: { refType: 'branch', value: 'develop' } });
    expect(
      (await server.call(maya, { method: 'POST', url: `${V1}/${project.id}/repositories`, payload: { uri: 'https://github.com/acme/feature-store.git' } }))
        .status,
    ).toBe(400);
    const list = await server.call(maya, { method: 'GET', url: `${V1}/${project.id}/repositories` });
    expect(list.body.repositories.map((r: { name: string }) => r.name)).toEqual(['feature-store', 'etl']);
    expect(list.body.metadata.totalCount).toBe(2);
    expect((await server.call(maya, { method: 'DELETE', url: `${V1}/${project.id}/repositories/${github.body.repository.id}` })).status).toBe(200);
    expect((await server.call(maya, { method: 'DELETE', url: `${V1}/${project.id}/repositories/${github.body.repository.id}` })).status).toBe(404);
  });
});

describe('files', () => {
  it('serves a file at an older commit, and refuses paths outside the repository, unknown commits and missing files', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await createProject(server, maya, 'p');
    const upload = (path: string, body: string) =>
      server.call(maya, {
        method: 'PUT',
        url: `/api/embedded/v1/projects/${project.id}/files?path=${encodeURIComponent(path)}`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from(body),
      });
    const v1 = (await upload('src/Train.py', 'version = 1\n')).body.commitId;
    const v2 = (await upload('src/Train.py', 'version = 2\n')).body.commitId;
    expect(v1).not.toBe(v2);
    const get = (commit: string, path: string) =>
      server.app.inject({ method: 'GET', url: `${BETA}/${project.id}/files/${commit}/${path}/content`, headers: { 'x-domino-api-key': maya.key } });
    expect((await get(v1, 'src%2FTrain.py')).body).toBe('version = 1\n');
    expect((await get(v2, 'src%2FTrain.py')).body).toBe('version = 2\n');
    expect((await get(v1, 'src%2Ftrain.py')).statusCode).toBe(404); // case-sensitive
    expect((await get(v1, '..%2F..%2Fetc%2Fpasswd')).statusCode).toBe(400);
    // A leading slash is ignored (python-domino sends one): this names etc/passwd in the project.
    expect((await get(v1, '%2Fetc%2Fpasswd')).statusCode).toBe(404);
    expect((await get(v1, 'src')).statusCode).toBe(400);
    expect((await get('0'.repeat(40), 'src%2FTrain.py')).statusCode).toBe(404);
    expect((await get('HEAD', 'src%2FTrain.py')).statusCode).toBe(400);
    const tree = await server.call(maya, { method: 'GET', url: `/api/embedded/v1/projects/${project.id}/tree/${v1}?path=src` });
    expect(tree.body.entries).toEqual([{ name: 'Train.py', path: 'src/Train.py', type: 'file', size: 12 }]);
    expect((await server.call(maya, { method: 'GET', url: `/api/embedded/v1/projects/${project.id}/tree/${v1}?path=nope` })).status).toBe(404);
    expect((await upload('../escape.txt', 'x')).status).toBe(400);
    const log = await commits(server, maya, project.id);
    expect(log.map((c) => c.message)).toEqual(['Update src/Train.py', 'Add src/Train.py', 'Initial commit']);
  });
});

describe('file contents as python-domino asks for them', () => {
  it('serves the 6.2 v1 path and the beta one, with raw slashes, a leading slash ignored, over real HTTP', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await createProject(server, maya, 'py');
    const put = await server.call(maya, {
      method: 'PUT',
      url: `/api/embedded/v1/projects/${project.id}/files?path=${encodeURIComponent('src/model/train.py')}`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from('print(1)\n'),
    });
    const commit = put.body.commitId as string;
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.app.server.address() as { port: number };
    // The request line exactly as written: no client-side normalisation of slashes or dots.
    const raw = (path: string, key: string | null = maya.key) =>
      new Promise<{ status: number; body: string; type: string }>((resolve, reject) => {
        const request = http.request({ host: '127.0.0.1', port, path, method: 'GET', headers: key ? { 'X-Domino-Api-Key': key } : {} }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, body, type: String(response.headers['content-type']) }));
        });
        request.on('error', reject);
        request.end();
      });
    const files = (prefix: 'v1' | 'beta') => `/api/projects/${prefix}/projects/${project.id}/files/${commit}`;
    for (const prefix of ['v1', 'beta'] as const) {
      expect(await raw(`${files(prefix)}/src/model/train.py/content`)).toMatchObject({ status: 200, body: 'print(1)\n' });
      expect(await raw(`${files(prefix)}//src/model/train.py/content`)).toMatchObject({ status: 200, body: 'print(1)\n' });
      expect(await raw(`${files(prefix)}/src%2Fmodel%2Ftrain.py/content`)).toMatchObject({ status: 200, body: 'print(1)\n' });
      const outside = await raw(`${files(prefix)}/src/../../../etc/passwd/content`);
      expect(outside.status).toBe(400);
      expect(JSON.parse(outside.body).errors).toEqual([expect.any(String)]);
      const missing = await raw(`${files(prefix)}/src/model/missing.py/content`);
      expect(missing.status, missing.body).toBe(404);
      const noSuffix = await raw(`${files(prefix)}/src/model/train.py`);
      expect(noSuffix.status, noSuffix.body).toBe(404);
      expect((await raw(`${files(prefix)}/src/model/train.py/content`, null)).status).toBe(401);
    }
  });
});

describe('copy and archive', () => {
  it('copies history, goals, repositories and settings with overrides; archive blocks changes and keeps data', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const source = await createProject(server, maya, 'source', 'public');
    await server.call(maya, { method: 'POST', url: `${V1}/${source.id}/goals`, payload: { title: 'Goal one' } });
    await server.call(maya, { method: 'POST', url: `${V1}/${source.id}/repositories`, payload: { uri: 'https://github.com/acme/lib.git' } });
    await server.call(maya, { method: 'PUT', url: `${BETA}/${source.id}/results-settings`, payload: { branch: 'isolated' } });
    await server.call(maya, {
      method: 'PUT',
      url: `/api/embedded/v1/projects/${source.id}/files?path=a.txt`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from('a'),
    });

    const copied = await server.call(omar, { method: 'POST', url: `${V1}/${source.id}/copy-project`, payload: { copyDatasets: true, visibility: 'private' } });
    expect(copied.status, JSON.stringify(copied.body)).toBe(200);
    const copy = copied.body.project;
    expect(copy).toMatchObject({ name: 'source', ownerId: omar.id, visibility: 'private' });
    expect(copied.body.datasetsNotCopied).toEqual([]);
    expect((await commits(server, omar, copy.id)).map((c) => c.message)).toEqual(['Add a.txt', 'Initial commit']);
    expect((await server.call(omar, { method: 'GET', url: `${V1}/${copy.id}/goals` })).body.goals.map((g: { title: string }) => g.title)).toEqual(['Goal one']);
    expect((await server.call(omar, { method: 'GET', url: `${V1}/${copy.id}/repositories` })).body.repositories).toHaveLength(1);
    expect((await server.call(omar, { method: 'GET', url: `${BETA}/${copy.id}/results-settings` })).body.resultsSettings.branch).toBe('isolated');

    const beta = await server.call(maya, { method: 'POST', url: `${BETA}/${source.id}/copy-project`, payload: { copyDatasets: false, name: 'source-v2' } });
    expect(beta.body.project.name).toBe('source-v2');
    expect(
      (await server.call(maya, { method: 'POST', url: `${BETA}/${source.id}/copy-project`, payload: { copyDatasets: false, name: 'source-v2' } })).status,
    ).toBe(400);

    expect((await server.call(maya, { method: 'DELETE', url: `${BETA}/${source.id}` })).body.success).toBe(true);
    expect((await server.call(maya, { method: 'GET', url: `${V1}/${source.id}` })).status).toBe(200);
    expect((await server.call(maya, { method: 'POST', url: `${V1}/${source.id}/goals`, payload: { title: 'x' } })).body.errors[0]).toMatch(/archived/);
    expect((await server.call(maya, { method: 'GET', url: `${V1}/${source.id}/goals` })).body.goals).toHaveLength(1);
    // The archived name is free again.
    await createProject(server, maya, 'source');
  });
});

describe('editing a project (project-edit)', () => {
  it('changes name, description and visibility, keeps the rest, and shows the change on the next list', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const project = await createProject(server, maya, 'churn');
    expect((await server.call(omar, { method: 'GET', url: `${BETA}?limit=50` })).body.projects).toEqual([]);

    const renamed = await server.call(maya, { method: 'PATCH', url: `${EMBEDDED}/${project.id}`, payload: { name: 'churn-v2' } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.project).toMatchObject({ id: project.id, name: 'churn-v2', description: 'About churn', visibility: 'private' });
    const opened = await server.call(maya, { method: 'PATCH', url: `${EMBEDDED}/${project.id}`, payload: { description: '', visibility: 'public' } });
    expect(opened.body.project).toMatchObject({ name: 'churn-v2', description: '', visibility: 'public' });
    // Only the letter case: still the same project's name, so allowed.
    const cased = await server.call(maya, { method: 'PATCH', url: `${EMBEDDED}/${project.id}`, payload: { name: 'Churn-V2' } });
    expect(cased.status).toBe(200);

    expect((await server.call(omar, { method: 'GET', url: `${BETA}?limit=50` })).body.projects.map((p: { name: string }) => p.name)).toEqual(['Churn-V2']);
    // The files and history stay with the project.
    expect(await commits(server, maya, project.id)).toHaveLength(1);
  });

  it('refuses a name another of the owner’s live projects has (any case), bad names, an empty change and an archived project, with 400', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const churn = await createProject(server, maya, 'churn');
    await createProject(server, maya, 'risk');
    await createProject(server, omar, 'forecast');
    const gone = await createProject(server, maya, 'old');
    await server.call(maya, { method: 'DELETE', url: `${BETA}/${gone.id}` });

    const patch = (payload: Record<string, unknown>, id = churn.id) => server.call(maya, { method: 'PATCH', url: `${EMBEDDED}/${id}`, payload });
    const taken = await patch({ name: 'RISK' });
    expect(taken.status).toBe(400);
    expect(taken.body.errors).toEqual(['maya already has a project named "risk"']);
    for (const payload of [{}, { name: 'has space' }, { name: '' }, { visibility: 'secret' }, { description: 5 }, { name: 'x'.repeat(101) }]) {
      const res = await patch(payload);
      expect(res.status, JSON.stringify(payload)).toBe(400);
      expect(res.body.errors.length, JSON.stringify(res.body)).toBeGreaterThan(0);
    }
    expect((await patch({}, gone.id)).status).toBe(400);
    expect((await patch({ description: 'x' }, gone.id)).body.errors).toEqual(['Project maya/old is archived']);
    // Omar's project of the same name does not count, nor does Maya's archived one.
    expect((await patch({ name: 'forecast' })).status).toBe(200);
    expect((await patch({ name: 'old' })).status).toBe(200);
    expect((await server.call(maya, { method: 'GET', url: `${V1}/${churn.id}` })).body.project).toMatchObject({ name: 'old', description: 'About churn' });
  });
});

describe('archived projects (archived-projects)', () => {
  it('lists the archived projects a user owns or collaborates on, latest first, and restores them into the list', async () => {
    let offset = 0;
    const server = await startTestServer({ clock: { now: () => new Date(Date.now() + offset) } });
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const first = await createProject(server, maya, 'first');
    const second = await createProject(server, maya, 'second', 'public');
    const shared = await createProject(server, maya, 'shared');
    await server.call(maya, { method: 'POST', url: `${V1}/${shared.id}/collaborators`, payload: { id: omar.id, role: 'resultsConsumer' } });
    await createProject(server, maya, 'live');
    for (const p of [first, second, shared]) {
      expect((await server.call(maya, { method: 'DELETE', url: `${BETA}/${p.id}` })).status).toBe(200);
      offset += 1000;
    }
    const archived = async (as: TestUser, query = '') => {
      const res = await server.call(as, { method: 'GET', url: `/api/embedded/v1/archived-projects${query}` });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as { archivedProjects: Array<{ project: { name: string }; archivedAt: string }>; metadata: { totalCount: number } };
    };
    const mine = await archived(maya);
    expect(mine.archivedProjects.map((a) => a.project.name)).toEqual(['shared', 'second', 'first']);
    expect(mine.metadata.totalCount).toBe(3);
    expect(Date.parse(mine.archivedProjects[0]!.archivedAt)).toBeGreaterThan(Date.parse(mine.archivedProjects[2]!.archivedAt));
    expect((await archived(maya, '?offset=1&limit=1')).archivedProjects.map((a) => a.project.name)).toEqual(['second']);
    // A collaborator finds the one shared with them, not a public one of someone else's.
    expect((await archived(omar)).archivedProjects.map((a) => a.project.name)).toEqual(['shared']);
    expect((await archived(server.admin)).metadata.totalCount).toBe(3);

    const restored = await server.call(maya, { method: 'POST', url: `${EMBEDDED}/${first.id}/unarchive` });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body.project).toMatchObject({ id: first.id, name: 'first' });
    expect((await archived(maya)).archivedProjects.map((a) => a.project.name)).toEqual(['shared', 'second']);
    const live = (await server.call(maya, { method: 'GET', url: `${BETA}?limit=50` })).body.projects.map((p: { name: string }) => p.name);
    expect(live).toEqual(['first', 'live']);
    // Changeable again.
    expect((await server.call(maya, { method: 'POST', url: `${V1}/${first.id}/goals`, payload: { title: 'Back' } })).status).toBe(200);
    const status = await server.call(maya, { method: 'GET', url: `${EMBEDDED}/${first.id}/status` });
    expect(status.body.isArchived).toBe(false);
  });

  it('refuses to restore a live project, or one whose name was reused meanwhile, with 400', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const old = await createProject(server, maya, 'churn');
    const live = await server.call(maya, { method: 'POST', url: `${EMBEDDED}/${old.id}/unarchive` });
    expect(live.status).toBe(400);
    expect(live.body.errors).toEqual(['Project maya/churn is not archived']);
    await server.call(maya, { method: 'DELETE', url: `${BETA}/${old.id}` });
    const reused = await createProject(server, maya, 'CHURN');
    const clash = await server.call(maya, { method: 'POST', url: `${EMBEDDED}/${old.id}/unarchive` });
    expect(clash.status).toBe(400);
    expect(clash.body.errors[0]).toContain('rename or archive that one');
    await server.call(maya, { method: 'PATCH', url: `${EMBEDDED}/${reused.id}`, payload: { name: 'churn-2' } });
    expect((await server.call(maya, { method: 'POST', url: `${EMBEDDED}/${old.id}/unarchive` })).status).toBe(200);
    expect((await server.call(maya, { method: 'POST', url: `${EMBEDDED}/${UNKNOWN_ID}/unarchive` })).status).toBe(404);
  });
});

describe('workspace sessions', () => {
  it('starts a Running session on the default tier, refuses a second one, and stops it', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await createProject(server, maya, 'p');
    const workspace = (await server.call(maya, { method: 'GET', url: `/api/embedded/v1/projects/${project.id}/workspaces` })).body.workspaces[0];
    const started = await server.call(maya, {
      method: 'POST',
      url: `${V1}/${project.id}/workspaces/${workspace.id}/sessions`,
      payload: { externalVolumeMounts: [] },
    });
    expect(started.body.workspaceSession.id).toMatch(OBJECT_ID);
    expect(started.body.workspaceSession.executionId).toMatch(OBJECT_ID);
    expect((await server.call(maya, { method: 'POST', url: `${V1}/${project.id}/workspaces/${workspace.id}/sessions` })).status).toBe(400);
    const listed = (await server.call(maya, { method: 'GET', url: `/api/embedded/v1/projects/${project.id}/workspaces` })).body.workspaces[0].sessions;
    expect(listed).toEqual([expect.objectContaining({ id: started.body.workspaceSession.id, status: 'Running', hardwareTierId: 'small-k8s' })]);
    const stopUrl = `/api/embedded/v1/projects/${project.id}/workspace-sessions/${started.body.workspaceSession.id}/stop`;
    expect((await server.call(maya, { method: 'POST', url: stopUrl })).body.session.status).toBe('Stopped');
    expect((await server.call(maya, { method: 'POST', url: stopUrl })).status).toBe(400);
    expect((await server.call(maya, { method: 'POST', url: `${V1}/${project.id}/workspaces/${UNKNOWN_ID}/sessions` })).status).toBe(404);
  });
});

describe('shared datasets', () => {
  it('lists links and refuses to link a dataset that does not exist', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await createProject(server, maya, 'p');
    expect((await server.call(maya, { method: 'GET', url: `${V1}/${project.id}/shared-datasets` })).body.dataset).toEqual({
      projectId: project.id,
      sharedDatasetIds: [],
    });
    expect((await server.call(maya, { method: 'POST', url: `${V1}/${project.id}/shared-datasets`, payload: { datasetId: UNKNOWN_ID } })).status).toBe(404);
    expect((await server.call(maya, { method: 'DELETE', url: `${V1}/${project.id}/shared-datasets/${UNKNOWN_ID}` })).status).toBe(404);
  });
});
