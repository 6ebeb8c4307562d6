import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { endpoint } from '../../src/api/schemas/endpoint';
import { defineRoute } from '../http/route';
import { startTestServer, UNKNOWN_ID } from './helper';

describe('GET /api/embedded/v1/info', () => {
  it('lists the extensions and whether this is a demo workspace', async () => {
    const server = await startTestServer();
    const res = await server.call(server.admin, { method: 'GET', url: '/api/embedded/v1/info' });
    expect(res.status).toBe(200);
    expect(res.body.extensions).toEqual(expect.arrayContaining(['users', 'api-keys', 'git-credentials']));
    expect(res.body.demo).toBe(false);
    expect(res.body.callerIsAdmin).toBe(true);
    const ordinary = await server.newUser('info-ordinary');
    expect((await server.call(ordinary, { method: 'GET', url: '/api/embedded/v1/info' })).body.callerIsAdmin).toBe(false);
    expect((await server.call(null, { method: 'GET', url: '/api/embedded/v1/info' })).status).toBe(401);
  });
});

describe('POST /api/embedded/v1/users', () => {
  it('creates a user whose key works, admin only', async () => {
    const server = await startTestServer();
    const res = await server.call(server.admin, {
      method: 'POST',
      url: '/api/embedded/v1/users',
      payload: { userName: 'grace', firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ userName: 'grace', fullName: 'Grace Hopper', email: 'grace@example.com' });
    expect(res.body.apiKey.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url
    const self = await server.call(res.body.apiKey, { method: 'GET', url: '/api/users/v1/self' });
    expect(self.body.user.userName).toBe('grace');

    const denied = await server.call(res.body.apiKey, {
      method: 'POST',
      url: '/api/embedded/v1/users',
      payload: { userName: 'eve', firstName: 'Eve', lastName: 'X', email: 'eve@example.com' },
    });
    expect(denied.status).toBe(403);
  });

  it.each([
    [{ userName: 'GRACE', firstName: 'G', lastName: 'H', email: 'g@example.com' }, /already exists/],
    [{ userName: 'has space', firstName: 'G', lastName: 'H', email: 'g@example.com' }, /userName/],
    [{ userName: 'ok', firstName: '', lastName: 'H', email: 'g@example.com' }, /firstName/],
    [{ userName: 'ok', firstName: 'G', lastName: 'H', email: 'not-an-email' }, /email/],
    [{ userName: 'ok', firstName: 'G', lastName: 'H' }, /email/],
  ])('refuses %j with 400', async (payload, message) => {
    const server = await startTestServer();
    await server.newUser('grace');
    const res = await server.call(server.admin, { method: 'POST', url: '/api/embedded/v1/users', payload });
    expect(res.status).toBe(400);
    expect(res.body.errors.join(' ')).toMatch(message);
  });
});

describe('POST /api/embedded/v1/users/{userId}/api-keys', () => {
  it('issues a further key for any user, admin only', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const res = await server.call(server.admin, { method: 'POST', url: `/api/embedded/v1/users/${maya.id}/api-keys` });
    expect(res.status).toBe(200);
    expect(res.body.apiKey).not.toBe(maya.key);
    expect((await server.call(res.body.apiKey, { method: 'GET', url: '/api/users/v1/self' })).body.user.id).toBe(maya.id);
    expect((await server.call(maya.key, { method: 'GET', url: '/api/users/v1/self' })).status).toBe(200);
    expect((await server.call(maya, { method: 'POST', url: `/api/embedded/v1/users/${maya.id}/api-keys` })).status).toBe(403);
    expect((await server.call(server.admin, { method: 'POST', url: `/api/embedded/v1/users/${UNKNOWN_ID}/api-keys` })).status).toBe(404);
  });
});

describe('git credentials', () => {
  it('lets a user add and remove their own; others get 403', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const payload = { name: 'GitLab', gitServiceProvider: 'gitLab', domain: 'gitlab.com', protocol: 'ssh', secret: 'key' };
    expect((await server.call(omar, { method: 'POST', url: `/api/embedded/v1/users/${maya.id}/git-credentials`, payload })).status).toBe(403);
    const created = await server.call(maya, { method: 'POST', url: `/api/embedded/v1/users/${maya.id}/git-credentials`, payload });
    const url = `/api/embedded/v1/users/${maya.id}/git-credentials/${created.body.credential.id}`;
    expect((await server.call(omar, { method: 'DELETE', url })).status).toBe(403);
    expect((await server.call(maya, { method: 'DELETE', url })).status).toBe(204);
    expect((await server.call(maya, { method: 'DELETE', url })).status).toBe(404);
    const bad = await server.call(maya, { method: 'POST', url: `/api/embedded/v1/users/${maya.id}/git-credentials`, payload: { ...payload, protocol: 'ftp' } });
    expect(bad.status).toBe(400);
  });
});

describe('contract checking in tests', () => {
  it('turns a response that does not match its schema into a 500', async () => {
    const server = await startTestServer({
      beforeReady: (app) =>
        defineRoute(
          app,
          { authenticate: () => ({ id: 'x', userName: 'x', isAdmin: true }), checkResponses: true },
          endpoint({ method: 'GET', path: '/api/test/bad-shape', family: 'test', source: 'embedded', response: z.object({ id: z.string() }) }),
          { access: 'user', handler: () => ({ id: 42 }) as never },
        ),
    });
    const res = await server.call(server.admin, { method: 'GET', url: '/api/test/bad-shape' });
    expect(res.status).toBe(500);
  });
});
