import net, { type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { FailureEnvelopeV1Schema } from '../../src/api/schemas/common';
import { startTestServer } from './helper';

describe('version and health', () => {
  it('answers /version and /health without credentials', async () => {
    const server = await startTestServer();
    const version = await server.call(null, { method: 'GET', url: '/version' });
    expect(version.status).toBe(200);
    expect(version.body.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await server.call(null, { method: 'GET', url: '/health' })).status).toBe(200);
  });
});

describe('authentication', () => {
  it('accepts the key as X-Domino-Api-Key and as a Bearer token', async () => {
    const server = await startTestServer();
    expect((await server.call(server.admin, { method: 'GET', url: '/api/users/v1/self' })).status).toBe(200);
    const bearer = await server.call(null, { method: 'GET', url: '/api/users/v1/self', headers: { authorization: `Bearer ${server.admin.key}` } });
    expect(bearer.status).toBe(200);
    expect(bearer.body.user.userName).toBe('admin');
  });

  it.each([
    ['no credential', {}],
    ['an unknown key', { 'x-domino-api-key': 'not-a-key' }],
    ['an unknown bearer token', { authorization: 'Bearer nope' }],
    ['basic auth', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['an empty key', { 'x-domino-api-key': '' }],
  ])('answers 401 with a FailureEnvelopeV1 for %s', async (_label, headers) => {
    const server = await startTestServer();
    const res = await server.call(null, { method: 'GET', url: '/api/users/v1/self', headers });
    expect(res.status).toBe(401);
    expect(res.body.errors[0]).toMatch(/credentials/i);
  });
});

describe('error envelope', () => {
  it('gives every request a requestId, in the header and the body', async () => {
    const server = await startTestServer();
    const ok = await server.call(server.admin, { method: 'GET', url: '/api/users/v1/self' });
    expect(ok.body.metadata.requestId).toBe(ok.headers['x-request-id']);
    const failed = await server.call(null, { method: 'GET', url: '/api/users/v1/self' });
    expect(failed.body.requestId).toBe(failed.headers['x-request-id']);
    expect(failed.body.requestId).not.toBe(ok.body.metadata.requestId);
  });

  it('answers an unknown route with 404', async () => {
    const server = await startTestServer();
    const res = await server.call(server.admin, { method: 'GET', url: '/api/nothing/here' });
    expect(res.status).toBe(404);
    expect(res.body.errors[0]).toContain('/api/nothing/here');
  });

  it('answers malformed JSON with 400 and a body over 1 MiB with 413', async () => {
    const server = await startTestServer();
    const malformed = await server.call(server.admin, {
      method: 'POST',
      url: '/api/organizations/v1/organizations',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(malformed.status).toBe(400);
    const tooLarge = await server.call(server.admin, {
      method: 'POST',
      url: '/api/organizations/v1/organizations',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x', members: [], padding: 'y'.repeat(1024 * 1024 + 10) }),
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.errors[0]).toMatch(/too large/);
  });

  it('answers a missing body with 400', async () => {
    const server = await startTestServer();
    const res = await server.call(server.admin, { method: 'POST', url: '/api/organizations/v1/organizations' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatch(/^body\.name: /);
  });

  it('hides the internals of a bug behind a 500', async () => {
    const server = await startTestServer({
      beforeReady: (app) =>
        app.get('/api/test/boom', async () => {
          throw new Error('secret stack detail /etc/passwd');
        }),
    });
    const res = await server.call(server.admin, { method: 'GET', url: '/api/test/boom' });
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('secret');
    expect(res.body.errors[0]).toContain(res.body.requestId);
  });
});

describe('errors from the HTTP layer', () => {
  it('answers a long path id as an invalid id, and serves a file whose encoded path is long', async () => {
    const server = await startTestServer();
    const long = 'a'.repeat(150);
    const res = await server.call(server.admin, { method: 'GET', url: `/api/jobs/beta/jobs/${long}` });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toBe(`${long} is not a valid ID`);
    const project = (
      await server.call(server.admin, {
        method: 'POST',
        url: '/api/projects/beta/projects',
        payload: { name: 'long-paths', description: '', visibility: 'private' },
      })
    ).body.project;
    const filePath = `${'deep/'.repeat(30)}file.txt`;
    const put = await server.call(server.admin, {
      method: 'PUT',
      url: `/api/embedded/v1/projects/${project.id}/files?path=${encodeURIComponent(filePath)}`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from('far down'),
    });
    expect(put.status).toBe(200);
    const file = await server.call(server.admin, {
      method: 'GET',
      url: `/api/projects/beta/projects/${project.id}/files/${put.body.commitId}/${encodeURIComponent(filePath)}/content`,
    });
    expect(file.status).toBe(200);
    expect(file.body).toBe('far down');
  });

  it('answers a bad URL encoding with 400 in the envelope', async () => {
    const server = await startTestServer();
    const res = await server.call(server.admin, { method: 'GET', url: '/api/jobs/beta/jobs/%zz' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatch(/URL/);
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
  });

  it('answers what Node’s HTTP parser refuses (a header over 16 KB, a malformed request line) in the envelope', async () => {
    const server = await startTestServer();
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (server.app.server.address() as AddressInfo).port;
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk));
        socket.on('end', () => resolve(answer));
        socket.on('error', reject);
      });
    for (const [request, status] of [
      [`GET /api/users/v1/self HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`, 431],
      [`GET /${'u'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431],
      ['THIS IS NOT HTTP\r\n\r\n', 400],
    ] as const) {
      const answer = await raw(request);
      expect(answer.split('\r\n')[0]).toBe(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}`);
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
      expect(FailureEnvelopeV1Schema.parse(body).errors[0]).toMatch(status === 431 ? /too large/ : /malformed/);
    }
    expect((await fetch(`http://127.0.0.1:${port}/version`)).status).toBe(200);
  });
});
