import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { json, metadata, mockFetch } from '../test/fetch-mock';
import { buildPath, DominoApiError, NetworkError, request, ResponseShapeError } from './http';
import { endpoint } from './schemas/endpoint';
import { organizationsEndpoints } from './schemas/organizations';
import { usersEndpoints } from './schemas/users';

/** An endpoint of the test's own, answering anything. */
const anything = <const P extends string>(method: 'GET' | 'DELETE', path: P) =>
  endpoint({ method, path, family: 'test', source: 'embedded', response: z.unknown() });

const user = { id: 'u1', userName: 'maya', firstName: 'Maya', lastName: 'Chen', fullName: 'Maya Chen', avatarUrl: '' };

describe('request', () => {
  it('parses a success body through the declaration’s schema', async () => {
    mockFetch(() => json({ user, metadata }));
    const envelope = await request(usersEndpoints.getCurrentUser, {});
    expect(envelope.user.userName).toBe('maya');
  });

  it('throws DominoApiError with status, errors, requestId and endpoint from a FailureEnvelopeV1', async () => {
    mockFetch(() => json({ requestId: 'abc-123', errors: ['Organization x not found', 'second'] }, { status: 404 }));
    const error = await request(organizationsEndpoints.getOrg, { params: { organizationId: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DominoApiError);
    expect(error).toMatchObject({
      status: 404,
      errors: ['Organization x not found', 'second'],
      requestId: 'abc-123',
      endpoint: 'GET /api/organizations/v1/organizations/{organizationId}',
      message: 'Organization x not found; second',
    });
  });

  it('reads an InvalidBodyEnvelopeV1 {message}', async () => {
    mockFetch(() => json({ message: 'Body is not valid JSON' }, { status: 400 }));
    const error = await request(organizationsEndpoints.createOrg, { body: { name: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DominoApiError);
    expect((error as DominoApiError).errors).toEqual(['Body is not valid JSON']);
  });

  it('tolerates a non-JSON error body without showing its markup', async () => {
    mockFetch(() => new Response('<html><body>Bad gateway</body></html>', { status: 502, statusText: 'Bad Gateway', headers: { 'x-request-id': 'gw-7' } }));
    const error = (await request(usersEndpoints.getCurrentUser, {}).catch((e: unknown) => e)) as DominoApiError;
    expect(error).toBeInstanceOf(DominoApiError);
    expect(error.status).toBe(502);
    expect(error.errors).toEqual(['The server answered 502 Bad Gateway']);
    expect(error.requestId).toBe('gw-7');
    expect(error.message).not.toContain('<html>');
  });

  it('tolerates an empty error body', async () => {
    mockFetch(() => new Response(null, { status: 500 }));
    const error = (await request(usersEndpoints.getCurrentUser, {}).catch((e: unknown) => e)) as DominoApiError;
    expect(error.status).toBe(500);
    expect(error.errors[0]).toMatch(/500/);
  });

  it('throws ResponseShapeError naming the endpoint and the field path', async () => {
    mockFetch(() => json({ user: { ...user, id: 42 }, metadata }));
    const error = await request(usersEndpoints.getCurrentUser, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as ResponseShapeError).message).toMatch(/^GET \/api\/users\/v1\/self: user\.id: expected string/);
    expect((error as ResponseShapeError).issues).toEqual([{ path: 'user.id', message: expect.stringContaining('expected string') }]);
  });

  it('names every failing field, with array indexes', async () => {
    mockFetch(() => json({ users: [user, { ...user, userName: undefined }], metadata: { requestId: 'r' } }));
    const error = (await request(usersEndpoints.getVisibleUsers, {}).catch((e: unknown) => e)) as ResponseShapeError;
    expect(error.message).toContain('users.1.userName');
  });

  it('throws ResponseShapeError when a 2xx body is not JSON', async () => {
    mockFetch(() => new Response('<!doctype html><title>Vite</title>', { status: 200 }));
    const error = await request(usersEndpoints.getCurrentUser, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect((error as Error).message).toBe('GET /api/users/v1/self: (body): expected a JSON body');
  });

  it('encodes path parameters so an id cannot change the path', async () => {
    const { calls } = mockFetch(() => json({}));
    await request(anything('GET', '/api/things/{a}/sub/{b}'), { params: { a: 'x/../y z', b: 'ü?#' } });
    expect(calls[0]?.url).toBe('/api/things/x%2F..%2Fy%20z/sub/%C3%BC%3F%23');
  });

  it('builds the query string, leaving out undefined and null values', async () => {
    const { calls } = mockFetch(() => json({ orgs: [], metadata }));
    await request(organizationsEndpoints.getUserOrgs, { query: { offset: 20, limit: 10, nameFilter: undefined } });
    expect(calls[0]?.url).toBe('/api/organizations/v1/organizations?offset=20&limit=10');
  });

  it('sends a JSON body with its content type', async () => {
    const { calls } = mockFetch(() => json({ org: { id: 'o1', name: 'Risk', members: [] }, metadata }));
    await request(organizationsEndpoints.addUserToOrg, {
      params: { organizationId: 'o1' },
      body: { userId: 'u1', organizationRole: 'admin' },
    });
    expect(calls[0]).toMatchObject({
      method: 'PUT',
      url: '/api/organizations/v1/organizations/o1/user',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: { userId: 'u1', organizationRole: 'admin' },
    });
  });

  it('accepts an empty 204 answer', async () => {
    mockFetch(() => new Response(null, { status: 204 }));
    await expect(request(endpoint({ method: 'DELETE', path: '/api/x', family: 'test', source: 'embedded', response: null }), {})).resolves.toBeUndefined();
  });

  it('wraps a failed fetch in NetworkError but lets an abort through', async () => {
    mockFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(request(usersEndpoints.getCurrentUser, {})).rejects.toBeInstanceOf(NetworkError);
    mockFetch(() => Promise.reject(new DOMException('aborted', 'AbortError')));
    await expect(request(usersEndpoints.getCurrentUser, {})).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('parses tolerantly through the contract: any enum case, flat pagination, extra fields', async () => {
    mockFetch(() =>
      json({
        orgs: [{ id: 'o1', name: 'Risk', members: [{ userId: 'u1', organizationRole: 'ADMIN', extra: true }], somethingNew: 1 }],
        metadata: { requestId: 'r', offset: 0, limit: 10, totalCount: 1 },
      }),
    );
    const envelope = await request(organizationsEndpoints.getUserOrgs, {});
    expect(envelope.orgs[0]?.members[0]?.organizationRole).toBe('admin');
    expect(envelope.metadata.pagination).toEqual({ offset: 0, limit: 10, totalCount: 1 });
  });
});

describe('buildPath', () => {
  it('refuses a missing parameter instead of calling a wrong URL', () => {
    expect(() => buildPath('/api/x/{id}', {})).toThrow('Missing path parameter "id"');
  });
});
