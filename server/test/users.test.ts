import { describe, expect, it } from 'vitest';
import { OBJECT_ID, startTestServer, UNKNOWN_ID } from './helper';

describe('GET /api/users/v1/self', () => {
  it('answers the calling user, with a 24-hex id', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const res = await server.call(maya, { method: 'GET', url: '/api/users/v1/self' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: maya.id, userName: 'maya', firstName: 'maya', lastName: 'Tester', fullName: 'maya Tester' });
    expect(res.body.user.id).toMatch(OBJECT_ID);
    expect(res.body.metadata.notices).toEqual([]);
  });
});

describe('GET /api/users/v1/users', () => {
  it('pages through every user, with metadata both flat and nested', async () => {
    const server = await startTestServer();
    for (const name of ['u01', 'u02', 'u03', 'u04', 'u05', 'u06', 'u07', 'u08', 'u09', 'u10', 'u11']) await server.newUser(name);
    const first = await server.call(server.admin, { method: 'GET', url: '/api/users/v1/users' });
    expect(first.status).toBe(200);
    expect(first.body.users).toHaveLength(10);
    expect(first.body.metadata).toMatchObject({ offset: 0, limit: 10, totalCount: 12, pagination: { offset: 0, limit: 10, totalCount: 12 } });
    const second = await server.call(server.admin, { method: 'GET', url: '/api/users/v1/users?offset=10&limit=10' });
    expect(second.body.users).toHaveLength(2);
    const all = [...first.body.users, ...second.body.users].map((u: { userName: string }) => u.userName);
    expect(new Set(all).size).toBe(12);
    expect(all).toEqual([...all].sort((a, b) => a.localeCompare(b)));
  });

  it('is visible to every user, not only admins', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const res = await server.call(maya, { method: 'GET', url: '/api/users/v1/users?limit=50' });
    expect(res.body.users.map((u: { userName: string }) => u.userName)).toEqual(['admin', 'maya']);
  });

  it.each(['offset=-1', 'limit=0', 'limit=abc', 'offset=1.5'])('rejects %s with 400', async (query) => {
    const server = await startTestServer();
    const res = await server.call(server.admin, { method: 'GET', url: `/api/users/v1/users?${query}` });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatch(/^query\./);
  });

  it('clamps a huge limit and says so in the metadata', async () => {
    const server = await startTestServer();
    const res = await server.call(server.admin, { method: 'GET', url: '/api/users/v1/users?limit=100000' });
    expect(res.status).toBe(200);
    expect(res.body.metadata.limit).toBe(1000);
  });
});

describe('GET /api/users/beta/credentials/{userId}', () => {
  it('shows a user their own credentials and an admin anyone’s; others get 403', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const created = await server.call(maya, {
      method: 'POST',
      url: `/api/embedded/v1/users/${maya.id}/git-credentials`,
      payload: { name: 'GitHub', gitServiceProvider: 'GITHUB', domain: 'github.com', protocol: 'https', secret: 'ghp_123' },
    });
    expect(created.status).toBe(200);
    expect(created.body.credential.gitServiceProvider).toBe('github');

    const own = await server.call(maya, { method: 'GET', url: `/api/users/beta/credentials/${maya.id}` });
    expect(own.status).toBe(200);
    expect(own.body.credentials).toHaveLength(1);
    expect(own.body.credentials[0]).toMatchObject({ name: 'GitHub', domain: 'github.com', protocol: 'https' });
    expect(own.body.credentials[0].fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    expect(JSON.stringify(own.body)).not.toContain('ghp_123');

    expect((await server.call(server.admin, { method: 'GET', url: `/api/users/beta/credentials/${maya.id}` })).status).toBe(200);
    expect((await server.call(omar, { method: 'GET', url: `/api/users/beta/credentials/${maya.id}` })).status).toBe(403);
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    const server = await startTestServer();
    const bad = await server.call(server.admin, { method: 'GET', url: '/api/users/beta/credentials/not-an-id' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(['not-an-id is not a valid ID']);
    expect((await server.call(server.admin, { method: 'GET', url: `/api/users/beta/credentials/${UNKNOWN_ID}` })).status).toBe(404);
  });
});
