import { describe, expect, it } from 'vitest';
import { json, metadata, mockFetch } from '../test/fetch-mock';
import { fetchEmbeddedInfo } from './embedded';
import { probeCanListAllOrganizations } from './organizations';
import { fetchAllUsers, fetchGitCredentials, findUserById } from './users';

const makeUser = (n: number) => ({ id: `id${n}`, userName: `user${n}`, firstName: 'U', lastName: String(n), fullName: `U ${n}`, avatarUrl: '' });
const everyone = Array.from({ length: 1200 }, (_, n) => makeUser(n));

/** A users endpoint that clamps the limit like a real server might. */
function serveUsers(clamp = 1000) {
  return mockFetch((call) => {
    const url = new URL(call.url, 'http://x');
    const offset = Number(url.searchParams.get('offset'));
    const limit = Math.min(Number(url.searchParams.get('limit')), clamp);
    return json({ users: everyone.slice(offset, offset + limit), metadata: { ...metadata, offset, limit, totalCount: everyone.length } });
  });
}

describe('finding a user without a get-by-id endpoint', () => {
  it('pages through the list until the user turns up, then stops', async () => {
    const { calls } = serveUsers();
    const user = await findUserById('id700');
    expect(user?.userName).toBe('user700');
    expect(calls).toHaveLength(2);
  });

  it('answers null when the list ends without the user', async () => {
    serveUsers();
    await expect(findUserById('missing')).resolves.toBeNull();
  });

  it('collects every user even when the server clamps the page size', async () => {
    const { calls } = serveUsers(100);
    const users = await fetchAllUsers();
    expect(users).toHaveLength(1200);
    expect(calls).toHaveLength(12);
  });
});

describe('git credentials', () => {
  it('turns 403 into a "forbidden" result rather than an error', async () => {
    mockFetch(() => json({ requestId: 'r', errors: ['Forbidden'] }, { status: 403 }));
    await expect(fetchGitCredentials('id1')).resolves.toEqual({ access: 'forbidden', message: 'Forbidden' });
  });

  it('still throws other failures', async () => {
    mockFetch(() => json({ requestId: 'r', errors: ['boom'] }, { status: 500 }));
    await expect(fetchGitCredentials('id1')).rejects.toMatchObject({ status: 500 });
  });
});

describe('embedded info', () => {
  it('reads a real Domino’s 404 as "not embedded, no extensions"', async () => {
    mockFetch(() => json({ requestId: 'r', errors: ['Not found'] }, { status: 404 }));
    await expect(fetchEmbeddedInfo()).resolves.toEqual({ embedded: false, version: undefined, extensions: [], demo: false, callerIsAdmin: false });
  });

  it('lists the embedded Domino’s extensions', async () => {
    mockFetch(() => json({ version: '0.1.0', extensions: ['git-credentials'], demo: true, callerIsAdmin: true }));
    await expect(fetchEmbeddedInfo()).resolves.toMatchObject({
      embedded: true,
      version: '0.1.0',
      extensions: ['git-credentials'],
      demo: true,
      callerIsAdmin: true,
    });
  });
});

describe('admin probe', () => {
  it('is true when organizations/all answers and false on 403', async () => {
    mockFetch(() => json({ orgs: [], metadata }));
    await expect(probeCanListAllOrganizations()).resolves.toBe(true);
    mockFetch(() => json({ requestId: 'r', errors: ['Forbidden'] }, { status: 403 }));
    await expect(probeCanListAllOrganizations()).resolves.toBe(false);
  });
});
