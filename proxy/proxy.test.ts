// The proxy against a real embedded Domino: it adds the key, drops the browser's credentials, and
// refuses foreign Hosts and cross-site mutations.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmbeddedDomino, type RunningDomino } from '../server/main';
import { createProxyMiddleware, loopbackHosts } from './forward';
import { resolveTarget } from './target';

let domino: RunningDomino;
let proxy: http.Server;
let proxyPort: number;
let dataDir: string;

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domino-proxy-'));
  domino = await startEmbeddedDomino({ port: 0, host: '127.0.0.1', dataDir, demo: false, logLevel: 'silent' });
  const dominoPort = (domino.app.server.address() as AddressInfo).port;
  // The key is read from the data dir, as `npm start` does when DOMINO_USER_API_KEY is unset.
  const target = resolveTarget({ DOMINO_DATA_DIR: dataDir, DOMINO_PORT: String(dominoPort) });
  proxy = http.createServer((req, res) => {
    const allowed = loopbackHosts(proxyPort);
    createProxyMiddleware({ target, allowedHosts: () => allowed })(req, res, () => {
      res.writeHead(418).end('not proxied');
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyPort = (proxy.address() as AddressInfo).port;
});

afterAll(async () => {
  proxy.close();
  await domino.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function send(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: proxyPort, path: pathname, method: options.method ?? 'GET', headers: { host: `localhost:${proxyPort}`, ...options.headers } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the /api proxy', () => {
  it('adds the embedded admin key so the browser needs none', async () => {
    const res = await send('/api/users/v1/self');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).user.userName).toBe('admin');
    expect((await send('/version')).status).toBe(200);
  });

  it('replaces a key the browser sends with its own', async () => {
    const res = await send('/api/users/v1/self', { headers: { 'x-domino-api-key': 'forged', authorization: 'Bearer forged' } });
    expect(res.status).toBe(200);
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
    const body = JSON.stringify({ name: 'ProxyOrg', members: [] });
    const json = { 'content-type': 'application/json' };
    const foreign = await send('/api/organizations/v1/organizations', { method: 'POST', body, headers: { ...json, origin: 'https://evil.example.com' } });
    expect(foreign.status).toBe(403);
    const crossSite = await send('/api/organizations/v1/organizations', { method: 'POST', body, headers: { ...json, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await send('/api/organizations/v1/organizations', { method: 'POST', body, headers: { ...json, origin: `http://localhost:${proxyPort}` } });
    expect(sameOrigin.status).toBe(200);
    expect(JSON.parse(sameOrigin.body).org.name).toBe('ProxyOrg');
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
