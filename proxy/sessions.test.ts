// Each person acts as themselves: sign-in at the proxy against a real embedded Domino, in both
// modes. Every answer of this file is checked for keys: none may ever reach a browser.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmbeddedDomino, type RunningDomino } from '../server/main';
import type { ConsoleMode } from '../src/api/schemas/console';
import { createConsoleMiddleware, type ConsoleMiddleware, SIGN_IN_LIMITS } from './console';
import { allowedFor } from './forward';
import { parsePublicUrl } from './public-url';
import { resolveTarget } from './target';

let domino: RunningDomino;
let dominoOrigin: string;
let dataDir: string;
/** Every key this file has seen minted or used: none may appear in an answer to a browser. */
const secrets = new Set<string>();
const servers: Array<{ server: http.Server; console: ConsoleMiddleware }> = [];

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domino-sessions-'));
  domino = await startEmbeddedDomino({ port: 0, host: '127.0.0.1', dataDir, demo: false, logLevel: 'silent' });
  dominoOrigin = `http://127.0.0.1:${(domino.app.server.address() as AddressInfo).port}`;
  secrets.add(domino.adminKey);
});

afterAll(async () => {
  await domino.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

afterEach(async () => {
  for (const { server, console: middleware } of servers.splice(0)) {
    middleware.close();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function admin(method: string, url: string, body?: unknown) {
  const res = await fetch(`${dominoOrigin}${url}`, {
    method,
    headers: { 'X-Domino-Api-Key': domino.adminKey, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
}

async function newUser(userName: string) {
  const created = await admin('POST', '/api/embedded/v1/users', { userName, firstName: userName, lastName: 'Tester', email: `${userName}@example.com` });
  secrets.add(created.body.apiKey);
  return { id: created.body.user.id as string, key: created.body.apiKey as string };
}

interface Console {
  port: number;
  middleware: ConsoleMiddleware;
  send(
    pathname: string,
    options?: { method?: string; headers?: Record<string, string>; body?: unknown; cookie?: string },
  ): Promise<{ status: number; body: any; headers: http.IncomingHttpHeaders; cookie?: string }>;
}

async function startConsole(mode: ConsoleMode, options: { publicUrl?: string; limits?: { idleMs: number; absoluteMs: number } } = {}): Promise<Console> {
  const target = resolveTarget({ DOMINO_USER_API_KEY: domino.adminKey, DOMINO_PORT: new URL(dominoOrigin).port });
  let port = 0;
  const publicUrl = parsePublicUrl(options.publicUrl);
  const holder: { middleware?: ConsoleMiddleware } = {};
  const server = http.createServer((req, res) => holder.middleware!(req, res, () => res.writeHead(418).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const middleware = (holder.middleware = createConsoleMiddleware({
    target,
    allowed: () => allowedFor(port, [], publicUrl),
    mode,
    port,
    publicUrl,
    limits: options.limits ?? { idleMs: 3_600_000, absoluteMs: 7_200_000 },
    answersBeyondLoopback: mode === 'multi-user',
  }));
  servers.push({ server, console: middleware });
  const host = publicUrl ? publicUrl.host : `localhost:${port}`;
  const origin = publicUrl ? publicUrl.origin : `http://localhost:${port}`;
  return {
    port,
    middleware,
    send: (pathname, request = {}) =>
      new Promise((resolve, reject) => {
        const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
        const headers: Record<string, string> = {
          host,
          ...(payload ? { 'content-type': 'application/json', origin } : {}),
          ...(request.cookie ? { cookie: request.cookie } : {}),
          ...request.headers,
        };
        const req = http.request({ host: '127.0.0.1', port, path: pathname, method: request.method ?? 'GET', headers }, (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => {
            // No key, ever, in what a browser gets back.
            for (const secret of secrets) {
              expect(text, `a key in the body of ${pathname}`).not.toContain(secret);
              expect(JSON.stringify(res.headers), `a key in the headers of ${pathname}`).not.toContain(secret);
            }
            const setCookie = res.headers['set-cookie']?.[0];
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              // not JSON
            }
            resolve({ status: res.statusCode ?? 0, body, headers: res.headers, cookie: setCookie?.split(';')[0] });
          });
        });
        req.on('error', reject);
        req.end(payload);
      }),
  };
}

const signIn = (console: Console, credential: string, cookie?: string) =>
  console.send('/console/api/sign-in', { method: 'POST', body: { credential }, cookie });

describe('signing in', () => {
  it('checks the key with Domino and answers a fresh session cookie: HttpOnly, SameSite=Lax, Path=/, named with the port', async () => {
    const maya = await newUser('maya-cookie');
    const console = await startConsole('single-user');
    const res = await signIn(console, maya.key);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mode: 'single-user', signedIn: true, user: { userName: 'maya-cookie' } });
    const cookie = res.headers['set-cookie']![0]!;
    expect(cookie).toMatch(new RegExp(`^domino_console_session_${console.port}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax; Max-Age=\\d+$`));
    const self = await console.send('/api/users/v1/self', { cookie: res.cookie });
    expect(self.body.user.userName).toBe('maya-cookie');
    expect(self.headers['x-domino-console-identity']).toBe(res.body.identity);
  });

  it('marks the cookie Secure with the __Host- prefix behind https', async () => {
    const maya = await newUser('maya-secure');
    const console = await startConsole('multi-user', { publicUrl: 'https://console.example.com' });
    const res = await signIn(console, maya.key);
    expect(res.headers['set-cookie']![0]).toMatch(
      new RegExp(`^__Host-domino_console_session_${console.port}=[^;]+; Path=/; HttpOnly; SameSite=Lax; Max-Age=\\d+; Secure$`),
    );
  });

  it('ignores a session id the browser plants, and mints a new one at every sign-in', async () => {
    const maya = await newUser('maya-fixation');
    const console = await startConsole('multi-user');
    const planted = `domino_console_session_${console.port}=attacker-chosen-id`;
    expect((await console.send('/api/users/v1/self', { cookie: planted })).status).toBe(401);
    const first = await signIn(console, maya.key, planted);
    expect(first.cookie).not.toBe(planted);
    const second = await signIn(console, maya.key, first.cookie);
    expect(second.cookie).not.toBe(first.cookie);
    // The id the browser had before sign-in acts for no one afterwards.
    expect((await console.send('/api/users/v1/self', { cookie: first.cookie })).status).toBe(401);
    expect((await console.send('/api/users/v1/self', { cookie: second.cookie })).status).toBe(200);
  });

  it('gives one message for every wrong key, and wants JSON from this page’s own origin', async () => {
    const console = await startConsole('multi-user');
    const wrong = await signIn(console, 'not-a-key-at-all');
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors).toEqual(['That key or token was not accepted.']);
    const form = await console.send('/console/api/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://localhost:${console.port}` },
    });
    expect(form.status).toBe(415);
    const foreign = await console.send('/console/api/sign-in', { method: 'POST', body: { credential: 'x' }, headers: { origin: 'https://evil.example.com' } });
    expect(foreign.status).toBe(403);
  });

  it('limits sign-in attempts per client, with Retry-After in an envelope', async () => {
    const console = await startConsole('multi-user');
    for (let i = 0; i < SIGN_IN_LIMITS.perClient.attempts; i++) expect((await signIn(console, `wrong-${i}`)).status).toBe(401);
    const limited = await signIn(console, 'one-more');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ requestId: expect.any(String), errors: [expect.stringMatching(/Too many sign-in attempts/)] });
  });

  it('trusts X-Forwarded-For only behind a public URL', async () => {
    const attempt = (console: Console, i: number) =>
      console.send('/console/api/sign-in', { method: 'POST', body: { credential: `wrong-${i}` }, headers: { 'x-forwarded-for': `203.0.113.${i}` } });
    // Without a public URL a forged hop per attempt changes nothing: the socket's address is the client.
    const direct = await startConsole('multi-user');
    const codes: number[] = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.perClient.attempts; i++) codes.push((await attempt(direct, i)).status);
    expect(codes.at(-1)).toBe(429);
    // Behind one, each first hop is its own client.
    const proxied = await startConsole('multi-user', { publicUrl: 'https://console.example.com' });
    const proxiedCodes: number[] = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.perClient.attempts; i++) proxiedCodes.push((await attempt(proxied, i)).status);
    expect(proxiedCodes.every((code) => code === 401)).toBe(true);
  });
});

describe('sessions end', () => {
  it('at sign-out: forgotten on the server, cookie expired', async () => {
    const maya = await newUser('maya-out');
    const console = await startConsole('multi-user');
    const session = await signIn(console, maya.key);
    const out = await console.send('/console/api/sign-out', { method: 'POST', body: {}, cookie: session.cookie });
    expect(out.headers['set-cookie']![0]).toMatch(/Max-Age=0/);
    expect((await console.send('/api/users/v1/self', { cookie: session.cookie })).status).toBe(401);
  });

  it('when idle too long, and at their absolute limit however busy', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const maya = await newUser('maya-expiry');
      const console = await startConsole('multi-user', { limits: { idleMs: 60_000, absoluteMs: 150_000 } });
      const idle = await signIn(console, maya.key);
      vi.setSystemTime(Date.now() + 61_000);
      expect((await console.send('/api/users/v1/self', { cookie: idle.cookie })).status).toBe(401);
      const busy = await signIn(console, maya.key);
      for (let i = 0; i < 3; i++) {
        vi.setSystemTime(Date.now() + 45_000);
        expect((await console.send('/api/users/v1/self', { cookie: busy.cookie })).status).toBe(200);
      }
      vi.setSystemTime(Date.now() + 20_000);
      expect((await console.send('/api/users/v1/self', { cookie: busy.cookie })).status).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });

  it('when Domino starts refusing the key: the answer says the session ended', async () => {
    const maya = await newUser('maya-revoked');
    const key = (await admin('POST', `/api/embedded/v1/users/${maya.id}/api-keys`, { expiresInSeconds: 3600 })).body;
    secrets.add(key.apiKey);
    const console = await startConsole('multi-user');
    const session = await signIn(console, key.apiKey);
    expect((await console.send('/api/users/v1/self', { cookie: session.cookie })).status).toBe(200);
    await admin('DELETE', `/api/embedded/v1/api-keys/${key.keyId}`);
    const refused = await console.send('/api/users/v1/self', { cookie: session.cookie });
    expect(refused.status).toBe(401);
    expect(refused.headers['x-domino-console-session']).toBe('ended');
    expect((await console.send('/console/api/session', { cookie: session.cookie })).body.signedIn).toBe(false);
  });
});

describe('modes', () => {
  it('multi-user: nothing under /api without a session, and the configured key never acts for a browser', async () => {
    const console = await startConsole('multi-user');
    const res = await console.send('/api/users/v1/self');
    expect(res.status).toBe(401);
    expect(res.headers['x-domino-console-session']).toBe('required');
    expect((await console.send('/api/projects/beta/projects')).status).toBe(401);
    expect((await console.send('/console/api/session')).body).toMatchObject({ mode: 'multi-user', signedIn: false, canSwitchUser: false });
    expect((await console.send('/console/api/session')).body.user).toBeUndefined();
  });

  it('single-user: the configured key acts for whoever has not signed in, and signing in as someone else still works', async () => {
    const maya = await newUser('maya-single');
    const console = await startConsole('single-user');
    const anonymous = await console.send('/api/users/v1/self');
    expect(anonymous.body.user.userName).toBe('admin');
    expect(anonymous.headers['x-domino-console-identity']).toBe('configured');
    expect((await console.send('/console/api/session')).body).toMatchObject({
      mode: 'single-user',
      signedIn: false,
      user: { userName: 'admin' },
      canSwitchUser: true,
    });
    const session = await signIn(console, maya.key);
    expect((await console.send('/api/users/v1/self', { cookie: session.cookie })).body.user.userName).toBe('maya-single');
  });

  it('never hands a browser an endpoint that answers a key', async () => {
    const maya = await newUser('maya-minting');
    const console = await startConsole('single-user');
    for (const [method, url, body] of [
      ['POST', `/api/embedded/v1/users/${maya.id}/api-keys`, {}],
      ['POST', '/api/embedded/v1/users', { userName: 'sneaky', firstName: 'a', lastName: 'b', email: 's@example.com' }],
      ['POST', '/api/embedded/v1/sign-in-links/redeem', { token: 'x' }],
    ] as const) {
      const res = await console.send(url, { method, body });
      expect(res.status, url).toBe(403);
    }
  });
});

describe('switching user and sign-in links (embedded Domino)', () => {
  it('switches to a user of the workspace with a key minted for the session, revoked at sign-out', async () => {
    const maya = await newUser('maya-switch');
    const console = await startConsole('single-user');
    const switched = await console.send('/console/api/switch-user', { method: 'POST', body: { userId: maya.id } });
    expect(switched.status).toBe(200);
    expect(switched.body).toMatchObject({ signedIn: true, user: { userName: 'maya-switch' } });
    expect((await console.send('/api/users/v1/self', { cookie: switched.cookie })).body.user.userName).toBe('maya-switch');
    const keys = () => domino.app.ctx.db.prepare('SELECT count(*) AS n FROM api_keys WHERE user_id = ? AND id IS NOT NULL').get(maya.id) as { n: number };
    expect(keys().n).toBe(1);
    await console.send('/console/api/sign-out', { method: 'POST', body: {}, cookie: switched.cookie });
    for (let i = 0; i < 40 && keys().n > 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(keys().n).toBe(0);
  });

  it('refuses to switch in multi-user mode', async () => {
    const maya = await newUser('maya-noswitch');
    const console = await startConsole('multi-user');
    expect((await console.send('/console/api/switch-user', { method: 'POST', body: { userId: maya.id } })).status).toBe(403);
  });

  it('turns a sign-in link into a session once', async () => {
    const maya = await newUser('maya-link');
    const console = await startConsole('multi-user');
    const link = (await admin('POST', `/api/embedded/v1/users/${maya.id}/sign-in-links`)).body;
    const session = await console.send('/console/api/redeem-link', { method: 'POST', body: { token: link.token } });
    expect(session.status).toBe(200);
    expect((await console.send('/api/users/v1/self', { cookie: session.cookie })).body.user.userName).toBe('maya-link');
    const again = await console.send('/console/api/redeem-link', { method: 'POST', body: { token: link.token } });
    expect(again.status).toBe(401);
    expect(again.body.errors[0]).toMatch(/used already/);
  });
});
