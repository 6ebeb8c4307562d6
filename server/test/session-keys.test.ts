// Keys for console sessions: they expire, they are revoked by id, and single-use sign-in links
// turn into one — so the console's proxy can act for a person without any key reaching a browser.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../clock';
import { startTestServer } from './helper';

/** A clock a test moves forward. */
function movableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => (offset += ms) };
}

const self = (key: string) => ({ method: 'GET' as const, url: '/api/users/v1/self', headers: { 'x-domino-api-key': key } });

describe('session keys', () => {
  it('mints a key that expires, and one that lasts until it is revoked by its id', async () => {
    const clock = movableClock();
    const server = await startTestServer({ clock });
    const maya = await server.newUser('maya');
    const expiring = await server.call(server.admin, { method: 'POST', url: `/api/embedded/v1/users/${maya.id}/api-keys`, payload: { expiresInSeconds: 600 } });
    expect(expiring.status).toBe(200);
    expect(expiring.body).toMatchObject({ apiKey: expect.any(String), keyId: expect.stringMatching(/^[0-9a-f]{24}$/), expiresAt: expect.any(String) });
    expect((await server.call(null, self(expiring.body.apiKey))).body.user.userName).toBe('maya');
    clock.advance(601_000);
    expect((await server.call(null, self(expiring.body.apiKey))).status).toBe(401);

    const lasting = await server.call(server.admin, { method: 'POST', url: `/api/embedded/v1/users/${maya.id}/api-keys` });
    expect(lasting.body.expiresAt).toBeUndefined();
    expect((await server.call(null, self(lasting.body.apiKey))).status).toBe(200);
    expect(
      (await server.call(server.admin, { method: 'POST', url: `/api/embedded/v1/users/${maya.id}/api-keys`, payload: { expiresInSeconds: 5 } })).status,
    ).toBe(400);
  });

  it('lets a key’s owner or an admin revoke it, and no one else', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const key = (await server.call(server.admin, { method: 'POST', url: `/api/embedded/v1/users/${maya.id}/api-keys`, payload: { expiresInSeconds: 3600 } }))
      .body;
    expect((await server.call(omar, { method: 'DELETE', url: `/api/embedded/v1/api-keys/${key.keyId}` })).status).toBe(404);
    expect((await server.call(null, self(key.apiKey))).status).toBe(200);
    expect((await server.call(key.apiKey, { method: 'DELETE', url: `/api/embedded/v1/api-keys/${key.keyId}` })).status).toBe(204);
    expect((await server.call(null, self(key.apiKey))).status).toBe(401);
    const other = (await server.call(server.admin, { method: 'POST', url: `/api/embedded/v1/users/${maya.id}/api-keys`, payload: { expiresInSeconds: 3600 } }))
      .body;
    expect((await server.call(server.admin, { method: 'DELETE', url: `/api/embedded/v1/api-keys/${other.keyId}` })).status).toBe(204);
    expect((await server.call(null, self(other.apiKey))).status).toBe(401);
  });
});

describe('sign-in links', () => {
  it('are made by admins only, turn into a session key once, and expire after 15 minutes', async () => {
    const clock = movableClock();
    const server = await startTestServer({ clock });
    const maya = await server.newUser('maya');
    expect((await server.call(maya, { method: 'POST', url: `/api/embedded/v1/users/${maya.id}/sign-in-links` })).status).toBe(403);
    const link = await server.call(server.admin, { method: 'POST', url: `/api/embedded/v1/users/${maya.id}/sign-in-links` });
    expect(link.status).toBe(200);
    expect(link.body).toMatchObject({ userId: maya.id, token: expect.any(String), expiresAt: expect.any(String) });

    const redeemed = await server.call(null, {
      method: 'POST',
      url: '/api/embedded/v1/sign-in-links/redeem',
      payload: { token: link.body.token, expiresInSeconds: 3600 },
    });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.user.userName).toBe('maya');
    expect((await server.call(null, self(redeemed.body.apiKey))).body.user.id).toBe(maya.id);
    const again = await server.call(null, { method: 'POST', url: '/api/embedded/v1/sign-in-links/redeem', payload: { token: link.body.token } });
    expect(again.status).toBe(401);
    expect(again.body.errors[0]).toMatch(/used already, it expired, or it never existed/);

    const late = (await server.call(server.admin, { method: 'POST', url: `/api/embedded/v1/users/${maya.id}/sign-in-links` })).body;
    clock.advance(15 * 60_000 + 1000);
    expect((await server.call(null, { method: 'POST', url: '/api/embedded/v1/sign-in-links/redeem', payload: { token: late.token } })).status).toBe(401);
    expect((await server.call(null, { method: 'POST', url: '/api/embedded/v1/sign-in-links/redeem', payload: { token: 'made-up' } })).status).toBe(401);
  });
});
