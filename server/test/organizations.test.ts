import { describe, expect, it } from 'vitest';
import { OBJECT_ID, startTestServer, type TestServer, type TestUser, UNKNOWN_ID } from './helper';

const ORGS = '/api/organizations/v1/organizations';

async function createOrg(server: TestServer, as: TestUser, name: string, members: Array<{ userId: string; organizationRole: string }> = []) {
  const res = await server.call(as, { method: 'POST', url: ORGS, payload: { name, members } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.org as { id: string; name: string; members: Array<{ userId: string; organizationRole: string }> };
}

describe('creating organizations', () => {
  it('makes the creator an admin and adds the given members', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const org = await createOrg(server, maya, 'Risk Analytics', [{ userId: omar.id, organizationRole: 'Member' }]);
    expect(org.id).toMatch(OBJECT_ID);
    expect(org.members).toEqual([
      { userId: maya.id, organizationRole: 'admin' },
      { userId: omar.id, organizationRole: 'member' },
    ]);
  });

  it('refuses a duplicate name (any case), a user’s name, an empty name and unknown members with 400', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    await createOrg(server, maya, 'Risk');
    const cases = [
      { name: 'RISK', members: [] },
      { name: 'maya', members: [] },
      { name: '   ', members: [] },
      { name: 'Other', members: [{ userId: UNKNOWN_ID, organizationRole: 'member' }] },
      { name: 'Other', members: [{ userId: maya.id, organizationRole: 'owner' }] },
    ];
    for (const payload of cases) {
      const res = await server.call(maya, { method: 'POST', url: ORGS, payload });
      expect(res.status, JSON.stringify(payload)).toBe(400);
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    const mine = await server.call(maya, { method: 'GET', url: ORGS });
    expect(mine.body.orgs).toHaveLength(1);
  });
});

describe('listing organizations', () => {
  it('lists only my organizations, filters by exact name, and pages', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    await createOrg(server, maya, 'Alpha');
    await createOrg(server, maya, 'Beta');
    await createOrg(server, omar, 'Gamma');
    const mine = await server.call(maya, { method: 'GET', url: ORGS });
    expect(mine.body.orgs.map((o: { name: string }) => o.name)).toEqual(['Alpha', 'Beta']);
    expect(mine.body.metadata.pagination.totalCount).toBe(2);
    const filtered = await server.call(maya, { method: 'GET', url: `${ORGS}?nameFilter=Beta` });
    expect(filtered.body.orgs.map((o: { name: string }) => o.name)).toEqual(['Beta']);
    // The whole name, in any letter case (as names are unique), on both lists.
    for (const url of [`${ORGS}?nameFilter=bETA`, `${ORGS}/all?nameFilter=bETA`]) {
      const anyCase = await server.call(url.includes('/all') ? server.admin : maya, { method: 'GET', url });
      expect(anyCase.body.orgs.map((o: { name: string }) => o.name)).toEqual(['Beta']);
      expect(anyCase.body.metadata.pagination.totalCount).toBe(1);
    }
    const partial = await server.call(maya, { method: 'GET', url: `${ORGS}?nameFilter=bet` });
    expect(partial.body.orgs).toEqual([]);
    const paged = await server.call(maya, { method: 'GET', url: `${ORGS}?offset=1&limit=1` });
    expect(paged.body.orgs.map((o: { name: string }) => o.name)).toEqual(['Beta']);
    expect(paged.body.metadata).toMatchObject({ offset: 1, limit: 1, totalCount: 2 });
  });

  it('lets only admins list all organizations', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    await createOrg(server, maya, 'Alpha');
    await createOrg(server, server.admin, 'Zeta');
    expect((await server.call(maya, { method: 'GET', url: `${ORGS}/all` })).status).toBe(403);
    const all = await server.call(server.admin, { method: 'GET', url: `${ORGS}/all` });
    expect(all.status).toBe(200);
    expect(all.body.orgs.map((o: { name: string }) => o.name)).toEqual(['Alpha', 'Zeta']);
  });
});

describe('one organization', () => {
  it('shows members and admins an organization; others get 403; bad ids 400/404', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const org = await createOrg(server, maya, 'Alpha');
    expect((await server.call(maya, { method: 'GET', url: `${ORGS}/${org.id}` })).body.org.name).toBe('Alpha');
    expect((await server.call(server.admin, { method: 'GET', url: `${ORGS}/${org.id}` })).status).toBe(200);
    expect((await server.call(omar, { method: 'GET', url: `${ORGS}/${org.id}` })).status).toBe(403);
    const bad = await server.call(maya, { method: 'GET', url: `${ORGS}/xyz` });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toBe('xyz is not a valid ID');
    expect((await server.call(maya, { method: 'GET', url: `${ORGS}/${UNKNOWN_ID}` })).status).toBe(404);
  });
});

describe('members', () => {
  async function setup() {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const lena = await server.newUser('lena');
    const org = await createOrg(server, maya, 'Alpha', [{ userId: omar.id, organizationRole: 'member' }]);
    return { server, maya, omar, lena, org };
  }

  it('lets an org admin add a member and change their role (any case)', async () => {
    const { server, maya, lena, org } = await setup();
    const added = await server.call(maya, { method: 'PUT', url: `${ORGS}/${org.id}/user`, payload: { userId: lena.id, organizationRole: 'MEMBER' } });
    expect(added.status).toBe(200);
    expect(added.body.org.members).toContainEqual({ userId: lena.id, organizationRole: 'member' });
    const promoted = await server.call(maya, { method: 'PUT', url: `${ORGS}/${org.id}/user`, payload: { userId: lena.id, organizationRole: 'Admin' } });
    expect(promoted.body.org.members).toContainEqual({ userId: lena.id, organizationRole: 'admin' });
    expect(promoted.body.org.members).toHaveLength(3);
  });

  it('refuses member changes by plain members (403) and strangers (403); admins may', async () => {
    const { server, omar, lena, org } = await setup();
    expect((await server.call(omar, { method: 'PUT', url: `${ORGS}/${org.id}/user`, payload: { userId: lena.id, organizationRole: 'member' } })).status).toBe(
      403,
    );
    expect((await server.call(lena, { method: 'PUT', url: `${ORGS}/${org.id}/user`, payload: { userId: lena.id, organizationRole: 'admin' } })).status).toBe(
      403,
    );
    expect((await server.call(omar, { method: 'DELETE', url: `${ORGS}/${org.id}/user?memberToRemoveId=${server.admin.id}` })).status).toBe(403);
    expect(
      (await server.call(server.admin, { method: 'PUT', url: `${ORGS}/${org.id}/user`, payload: { userId: lena.id, organizationRole: 'member' } })).status,
    ).toBe(200);
  });

  it('removes members; a member may leave; the last admin stays', async () => {
    const { server, maya, omar, org } = await setup();
    const removedByOmar = await server.call(omar, { method: 'DELETE', url: `${ORGS}/${org.id}/user?memberToRemoveId=${maya.id}` });
    expect(removedByOmar.status).toBe(403);
    const left = await server.call(omar, { method: 'DELETE', url: `${ORGS}/${org.id}/user?memberToRemoveId=${omar.id}` });
    expect(left.status).toBe(200);
    expect(left.body.org.members).toEqual([{ userId: maya.id, organizationRole: 'admin' }]);
    const lastAdmin = await server.call(maya, { method: 'DELETE', url: `${ORGS}/${org.id}/user?memberToRemoveId=${maya.id}` });
    expect(lastAdmin.status).toBe(400);
    expect(lastAdmin.body.errors[0]).toMatch(/at least one admin/);
    const demote = await server.call(maya, { method: 'PUT', url: `${ORGS}/${org.id}/user`, payload: { userId: maya.id, organizationRole: 'member' } });
    expect(demote.status).toBe(400);
  });

  it('validates ids and bodies', async () => {
    const { server, maya, org } = await setup();
    expect(
      (await server.call(maya, { method: 'PUT', url: `${ORGS}/${org.id}/user`, payload: { userId: UNKNOWN_ID, organizationRole: 'member' } })).status,
    ).toBe(404);
    expect((await server.call(maya, { method: 'PUT', url: `${ORGS}/${org.id}/user`, payload: { userId: 'nope', organizationRole: 'member' } })).status).toBe(
      400,
    );
    expect((await server.call(maya, { method: 'PUT', url: `${ORGS}/${org.id}/user`, payload: { userId: maya.id } })).status).toBe(400);
    expect((await server.call(maya, { method: 'DELETE', url: `${ORGS}/${org.id}/user` })).status).toBe(400);
    expect((await server.call(maya, { method: 'DELETE', url: `${ORGS}/${UNKNOWN_ID}/user?memberToRemoveId=${maya.id}` })).status).toBe(404);
  });
});
