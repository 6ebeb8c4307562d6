// The proxy against a real embedded Domino: it adds the key, drops the browser's credentials, and
// refuses foreign Hosts and cross-site mutations. It serves as if behind a TLS proxy at PUBLIC_URL.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmbeddedDomino, type RunningDomino } from '../server/main';
import { createConsoleMiddleware } from './console';
import { allowedFor, answeringErrors } from './forward';
import type { ProxyTarget } from './target';
import { parsePublicUrl } from './public-url';
import { resolveTarget } from './target';

const PUBLIC_URL = 'https://console.example.com';
const UPLOAD_LIMIT = 4 * 1024 * 1024;

/** The console as `npm start` runs it on one machine: the configured key acts for the browser. */
function singleUser(target: ProxyTarget, allowed: ReturnType<typeof allowedFor>, port: number) {
  return createConsoleMiddleware({
    target,
    allowed: () => allowed,
    mode: 'single-user',
    port,
    limits: { idleMs: 3_600_000, absoluteMs: 7_200_000 },
    answersBeyondLoopback: false,
  });
}

let domino: RunningDomino;
let dataDir: string;
let dominoPort: number;
/** The proxy the tests of the block running now send to. */
let proxyPort: number;

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domino-proxy-'));
  domino = await startEmbeddedDomino({ port: 0, host: '127.0.0.1', dataDir, demo: false, logLevel: 'silent', datasetUploadLimit: UPLOAD_LIMIT });
  dominoPort = (domino.app.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await domino.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A console in front of the embedded Domino, over HTTP (`npm start`: Domino in a process of its
 * own) or handing requests to it in-process (`npm run serve`, decision 34).
 */
async function startProxy(inProcess: boolean): Promise<http.Server> {
  // The key is read from the data dir, as `npm start` does when DOMINO_USER_API_KEY is unset.
  const overHttp = resolveTarget({ DOMINO_DATA_DIR: dataDir, DOMINO_PORT: String(dominoPort) });
  const target: ProxyTarget = inProcess ? { ...overHttp, dispatch: domino.app.routing } : overHttp;
  let port = 0;
  const server = http.createServer((req, res) => {
    const allowed = allowedFor(port, [], parsePublicUrl(PUBLIC_URL));
    singleUser(target, allowed, port)(req, res, () => {
      res.writeHead(418).end('not proxied');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return server;
}

function send(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: proxyPort, path: pathname, method: options.method ?? 'GET', headers: { host: `localhost:${proxyPort}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe.each([
  ['over HTTP', false],
  ['handed over in-process', true],
])('the /api proxy, %s', (_transport, inProcess) => {
  let proxy: http.Server;
  // Names Domino keeps (organizations) differ per block: both blocks share one Domino.
  const suffix = inProcess ? 'InProcess' : 'OverHttp';
  beforeAll(async () => {
    proxy = await startProxy(inProcess);
    proxyPort = (proxy.address() as AddressInfo).port;
  });
  afterAll(() => {
    proxy.close();
  });

  it('adds the embedded admin key so the browser needs none', async () => {
    const res = await send('/api/users/v1/self');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).user.userName).toBe('admin');
    expect((await send('/version')).status).toBe(200);
  });

  it('answers every /api request with a sandbox CSP, so a file opened raw (Files, "Raw") runs no script on the console', async () => {
    const res = await send('/api/users/v1/self');
    expect(res.headers['content-security-policy']).toBe('sandbox');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('replaces a key the browser sends with its own', async () => {
    const res = await send('/api/users/v1/self', { headers: { 'x-domino-api-key': 'forged', authorization: 'Bearer forged' } });
    expect(res.status).toBe(200);
  });

  it("keeps Domino's hop-by-hop headers to itself, so a client's Connection: close holds", async () => {
    const res = await send('/version', { headers: { connection: 'close' } });
    expect(res.status).toBe(200);
    expect(res.headers.connection).toBe('close');
    expect(res.headers['keep-alive']).toBeUndefined();
  });

  it('streams a body through to Domino, and passes on a refusal with its connection header', async () => {
    const json = { 'content-type': 'application/json' };
    const project = await send('/api/projects/beta/projects', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name: `proxy-upload-${suffix}`, description: '', visibility: 'private' }),
    });
    expect(project.status).toBe(200);
    const created = await send('/api/datasetrw/v1/datasets', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name: 'uploads', projectId: JSON.parse(project.body).project.id }),
    });
    expect(created.status).toBe(200);
    const id = JSON.parse(created.body).dataset.id as string;
    const octets = { 'content-type': 'application/octet-stream' };
    const fits = Buffer.alloc(3 * 1024 * 1024, 7);
    const uploaded = await send(`/api/embedded/v1/datasets/${id}/files?path=fits.bin`, { method: 'PUT', headers: octets, body: fits });
    expect([uploaded.status, JSON.parse(uploaded.body).size]).toEqual([200, fits.length]);
    const read = await send(`/api/embedded/v1/datasets/${id}/files/content?path=fits.bin`);
    expect([read.status, read.body.length]).toEqual([200, fits.length]);
    const tooLarge = await send(`/api/embedded/v1/datasets/${id}/files?path=big.bin`, { method: 'PUT', headers: octets, body: Buffer.alloc(UPLOAD_LIMIT + 1) });
    expect(tooLarge.status, tooLarge.body).toBe(413);
    expect(JSON.parse(tooLarge.body).errors[0]).toMatch(/upload limit/);
  });

  it('passes other paths on to the next handler', async () => {
    expect((await send('/users')).status).toBe(418);
  });

  it('refuses a Host it does not serve (DNS rebinding)', async () => {
    const res = await send('/api/users/v1/self', { headers: { host: 'evil.example.com' } });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).errors[0]).toMatch(/Host/);
  });

  it('refuses mutations from a foreign Origin or a cross-site fetch, and allows same-origin ones', async () => {
    const body = JSON.stringify({ name: `ProxyOrg${suffix}`, members: [] });
    const json = { 'content-type': 'application/json' };
    const foreign = await send('/api/organizations/v1/organizations', { method: 'POST', body, headers: { ...json, origin: 'https://evil.example.com' } });
    expect(foreign.status).toBe(403);
    const crossSite = await send('/api/organizations/v1/organizations', { method: 'POST', body, headers: { ...json, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await send('/api/organizations/v1/organizations', {
      method: 'POST',
      body,
      headers: { ...json, origin: `http://localhost:${proxyPort}` },
    });
    expect(sameOrigin.status).toBe(200);
    expect(JSON.parse(sameOrigin.body).org.name).toBe(`ProxyOrg${suffix}`);
  });

  const createOrg = (name: string, headers: Record<string, string>) =>
    send('/api/organizations/v1/organizations', {
      method: 'POST',
      body: JSON.stringify({ name, members: [] }),
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('compares the whole Origin of a mutation, scheme and port included, and refuses an opaque one', async () => {
    const refused = [
      `https://localhost:${proxyPort}`, // another scheme
      `https://127.0.0.1:${proxyPort}`,
      `http://localhost:${proxyPort + 1}`, // another port
      'http://localhost',
      'http://console.example.com', // the public name, but not its scheme
      'https://console.example.com:8443',
      'null', // a sandboxed frame, a file:// page
    ];
    for (const origin of refused) {
      const res = await createOrg(`RefusedOrg${suffix}`, { origin });
      expect(res.status, origin).toBe(403);
      expect(JSON.parse(res.body).errors[0]).toMatch(/Origin/);
    }
    const sameOrigin = await createOrg(`SameOriginOrg${suffix}`, { origin: `http://127.0.0.1:${proxyPort}` });
    expect(sameOrigin.status).toBe(200);
  });

  it('answers the public URL behind a TLS proxy: its Host, and mutations from its origin', async () => {
    const host = 'console.example.com';
    expect((await send('/api/users/v1/self', { headers: { host } })).status).toBe(200);
    const res = await createOrg(`PublicOrg${suffix}`, { host, origin: PUBLIC_URL, 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).org.name).toBe(`PublicOrg${suffix}`);
    // Cross-site stays refused whatever the Origin says.
    expect((await createOrg(`CrossSiteOrg${suffix}`, { host, origin: PUBLIC_URL, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });

  it('refuses an absolute-form request target instead of guessing its path', async () => {
    const res = await send(`http://localhost:${proxyPort}/api/users/v1/self`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).errors).toHaveLength(1);
  });

  it('reads a bearer token from DOMINO_TOKEN_FILE on every request for a real deployment', () => {
    const tokenFile = path.join(dataDir, 'token');
    fs.writeFileSync(tokenFile, 'first-token\nignored');
    const target = resolveTarget({ DOMINO_API_HOST: 'https://domino.example.com', DOMINO_TOKEN_FILE: tokenFile });
    expect(target.credentialHeader()).toEqual(['Authorization', 'Bearer first-token']);
    fs.writeFileSync(tokenFile, 'rotated-token\n');
    expect(target.credentialHeader()).toEqual(['Authorization', 'Bearer rotated-token']);
    expect(resolveTarget({ DOMINO_API_HOST: 'https://d.example.com', DOMINO_USER_API_KEY: 'k' }).credentialHeader()).toEqual(['X-Domino-Api-Key', 'k']);
  });
});

describe('DOMINO_CONSOLE_PUBLIC_URL', () => {
  it('is a scheme and host, with the default port left out as browsers send it', () => {
    expect(parsePublicUrl(undefined)).toBeUndefined();
    expect(parsePublicUrl('  ')).toBeUndefined();
    const url = parsePublicUrl('https://Console.Example.com:443/');
    expect([url?.host, url?.origin]).toEqual(['console.example.com', 'https://console.example.com']);
    expect(parsePublicUrl('https://console.example.com:8443')?.host).toBe('console.example.com:8443');
    expect(allowedFor(8080, [], parsePublicUrl('http://console.example.com:80')).origins).toContain('http://console.example.com');
  });

  it('refuses anything else, saying what is expected', () => {
    for (const value of [
      'console.example.com',
      'https://',
      'ftp://console.example.com',
      'https://console.example.com/console',
      'https://u:p@console.example.com',
      'https://console.example.com/?a=1',
    ]) {
      expect(() => parsePublicUrl(value), value).toThrow(/DOMINO_CONSOLE_PUBLIC_URL .*e\.g\. https:\/\/console\.example\.com/);
    }
  });
});

describe('a handler that throws', () => {
  /** Two GETs to a server running the handler `makeHandler` builds for its port. */
  async function answerOf(makeHandler: (port: number) => http.RequestListener) {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    let handler: http.RequestListener = () => {};
    const server = http.createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    handler = makeHandler(port);
    const get = () =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: '/api/users/v1/self', headers: { host: `localhost:${port}` } }, (res) => {
            let body = '';
            res.on('data', (chunk) => (body += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          })
          .on('error', reject);
      });
    try {
      // Twice: the server is still there after the first.
      return { first: await get(), second: await get(), logged: errors.mock.calls.flat().join(' ') };
    } finally {
      server.close();
      errors.mockRestore();
    }
  }

  it('answers 500 with a generic message, keeps the detail in the log, and goes on serving', async () => {
    const { first, second, logged } = await answerOf(() =>
      answeringErrors(() => {
        throw new Error('secret detail at /srv/domino/config.ts:12');
      }),
    );
    for (const res of [first, second]) {
      expect(res.status).toBe(500);
      expect(JSON.parse(res.body)).toEqual({ requestId: expect.any(String), errors: ['Internal error'] });
    }
    expect(logged).toContain('secret detail');
  });

  it('keeps the proxy from throwing when its credential cannot be read (a token file that is gone)', async () => {
    const target = resolveTarget({ DOMINO_API_HOST: 'https://domino.example.com', DOMINO_TOKEN_FILE: path.join(dataDir, 'no-such-token') });
    const { first, second, logged } = await answerOf((port) => {
      const allowed = allowedFor(port);
      const proxyOnly = singleUser(target, allowed, port);
      return (req, res) => proxyOnly(req, res, () => res.writeHead(418).end());
    });
    expect([first.status, second.status]).toEqual([500, 500]);
    expect(first.body).not.toContain('no-such-token');
    expect(logged).toContain('no-such-token');
  });
});
