// `npm run serve` as the real process: no request, however malformed, may end it, and it answers
// only the Hosts it serves, on static paths too (DNS rebinding). Every trigger is written by hand
// on a raw socket, since an HTTP client would refuse to send most of them.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../server/test/free-port';

const TSX = path.resolve('node_modules/.bin/tsx');
const START_TIMEOUT = 30_000;

let tmp: string;
let port: number;
let dominoPort: number;
let serve: ChildProcess | undefined;
let output = '';

function serveEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DOMINO_PORT: String(dominoPort),
    DOMINO_DATA_DIR: path.join(tmp, 'data'),
    DOMINO_DEMO: '0',
    DOMINO_USER_API_KEY: 'serve-test-admin-key',
    DOMINO_CONSOLE_DIST: path.join(tmp, 'dist'),
    DOMINO_LOG_LEVEL: 'warn',
    ...extra,
  };
  for (const name of ['DOMINO_API_HOST', 'DOMINO_TOKEN_FILE', 'HOST', 'DOMINO_CONSOLE_ALLOWED_HOSTS']) delete env[name];
  if (!extra.DOMINO_CONSOLE_PUBLIC_URL) delete env.DOMINO_CONSOLE_PUBLIC_URL;
  return env;
}

/** Starts `npm run serve` and resolves once it listens. */
function startServe(): Promise<void> {
  output = '';
  const child = spawn(TSX, ['proxy/serve.ts'], { env: serveEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  serve = child;
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Domino Console on')) resolve();
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`npm run serve exited (${code}) at start:\n${output}`)));
  });
}

const isRunning = () => serve !== undefined && serve.exitCode === null && serve.signalCode === null;

/** Writes `request` as-is and resolves with everything the server sent until it closed. The
 * socket is not half-closed: Node's server would abort a response still being written. */
function raw(request: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    let response = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer to ${JSON.stringify(String(request))}`)));
    socket.on('data', (chunk) => (response += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(response));
  });
}

const statusOf = (response: string) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(response)?.[1] ?? 0);
const bodyOf = (response: string) => response.slice(response.indexOf('\r\n\r\n') + 4);

function getVersion(): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/version', headers: { host: `localhost:${port}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'domino-serve-'));
  fs.mkdirSync(path.join(tmp, 'dist', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'dist', 'index.html'), '<!doctype html><title>Domino Console</title><div id="root"></div>');
  fs.writeFileSync(path.join(tmp, 'dist', 'assets', 'app.js'), 'console.log("app");');
  port = await freePort();
  dominoPort = await freePort();
}, START_TIMEOUT);

// A trigger that ends the process must not take every later test down with it: each test starts
// from a running server (one that has stopped answering may not have reported its exit yet).
beforeEach(async () => {
  if (
    isRunning() &&
    !(await getVersion().then(
      (status) => status === 200,
      () => false,
    ))
  ) {
    await new Promise((resolve) => (isRunning() ? serve?.once('exit', resolve) : resolve(undefined)));
  }
  if (!isRunning()) await startServe();
}, START_TIMEOUT);

afterAll(async () => {
  if (isRunning()) {
    const exited = new Promise((resolve) => serve?.once('exit', resolve));
    serve?.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}, START_TIMEOUT);

const request = (target: string, host = `localhost:${port}`, method = 'GET') => `${method} ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;

describe('npm run serve', () => {
  const triggers: [name: string, request: () => string | Buffer, status: number][] = [
    ['a malformed escape in a page path', () => request('/%'), 400],
    ['a malformed escape in an asset path', () => request('/assets/%zz.js'), 400],
    ['an absolute-form target that is not a URL', () => request('http://['), 400],
    ['an absolute-form target naming /api', () => request(`http://localhost:${port}/api/users/v1/self`), 400],
    ['an asterisk-form target', () => request('*', undefined, 'OPTIONS'), 400],
    ['a NUL escape in an asset path', () => request('/assets/%00.js'), 404],
    [
      'a raw non-ASCII byte in an asset path',
      () =>
        Buffer.concat([Buffer.from('GET /assets/'), Buffer.from([0xff]), Buffer.from(`.js HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`)]),
      400,
    ], // Node's parser refuses it
    ['a foreign Host on /', () => request('/', 'evil.example.com'), 403],
    ['a foreign Host on an asset', () => request('/assets/app.js', 'evil.example.com'), 403],
    ['a foreign Host on a client-side route', () => request('/projects', `evil.example.com:${port}`), 403],
    ['a foreign Host on /api', () => request('/api/users/v1/self', 'evil.example.com'), 403],
    ['no Host at all (HTTP/1.0)', () => 'GET / HTTP/1.0\r\n\r\n', 403],
    ['a garbage request line', () => '\u0001\u0002 garbage\r\n\r\n', 400],
  ];

  it.each(triggers)('answers %s with a status, not a crash', async (_name, build, status) => {
    const response = await raw(build());
    expect(statusOf(response), response).toBe(status);
    expect(bodyOf(response)).not.toMatch(/ at |\.ts:/); // no stack trace
    expect(isRunning(), output).toBe(true);
    expect(await getVersion()).toBe(200);
  });

  it('passes a malformed escape under /api on to Domino and stays up', async () => {
    const response = await raw(request('/api/%zz'));
    expect(statusOf(response)).toBeGreaterThanOrEqual(400);
    expect(statusOf(response)).toBeLessThan(500);
    expect(isRunning(), output).toBe(true);
    expect(await getVersion()).toBe(200);
  });

  it('still serves the dashboard: pages, assets, client-side routes and real 404s', async () => {
    const page = await raw(request('/'));
    expect(statusOf(page)).toBe(200);
    expect(bodyOf(page)).toContain('<title>Domino Console</title>');
    expect(statusOf(await raw(request('/assets/app.js')))).toBe(200);
    expect(bodyOf(await raw(request('/projects/abc?tab=files')))).toContain('<title>Domino Console</title>');
    expect(statusOf(await raw(request('/assets/missing.js')))).toBe(404);
    expect(statusOf(await raw(request('/%2e%2e/%2e%2e/etc/passwd')))).toBe(200); // index.html, not the file
    expect(bodyOf(await raw(request('/%2e%2e/%2e%2e/etc/passwd')))).toContain('<title>Domino Console</title>');
  });
});

describe('start-up', () => {
  function exitOf(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      let stderr = '';
      const child = spawn(TSX, [script], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr.on('data', (chunk) => (stderr += chunk));
      // Started instead of refusing: the test fails on the code, and the process must not linger.
      const timer = setTimeout(() => child.kill('SIGTERM'), 15_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });
  }

  it.each(['proxy/serve.ts', 'scripts/start.ts'])(
    '%s exits with the reason on an invalid DOMINO_CONSOLE_PUBLIC_URL',
    async (script) => {
      for (const value of ['console.example.com', 'ftp://console.example.com', 'https://console.example.com/console', 'https://user@console.example.com']) {
        const dataDir = fs.mkdtempSync(path.join(tmp, 'start-'));
        const env = serveEnv({
          DOMINO_CONSOLE_PUBLIC_URL: value,
          DOMINO_DATA_DIR: dataDir,
          DOMINO_PORT: String(await freePort()),
          PORT: String(await freePort()),
          CONSOLE_PORT: String(await freePort()),
        });
        const { code, stderr } = await exitOf(script, env);
        expect(code, stderr).toBe(1);
        expect(stderr).toContain('DOMINO_CONSOLE_PUBLIC_URL');
        expect(stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
      }
    },
    90_000,
  );
});
