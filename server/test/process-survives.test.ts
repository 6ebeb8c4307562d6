// The embedded Domino as a real process: every request that once stopped it, sent over HTTP, and
// after each the process is still alive and answering.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port';

const ADMIN_KEY = 'process-survives-admin-key-0123456789';
let server: ChildProcess;
let port: number;
let dataDir: string;
let exited: string | undefined;

async function api(method: string, url: string, options: { body?: unknown; raw?: Buffer; key?: string } = {}) {
  const headers: Record<string, string> = { 'X-Domino-Api-Key': options.key ?? ADMIN_KEY };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.raw !== undefined) headers['content-type'] = 'application/octet-stream';
  const res = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers,
    body: options.raw ? new Uint8Array(options.raw) : options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

function rawRequest(request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
  });
}

async function expectAlive(after: string) {
  expect(exited, `the server exited after ${after}`).toBeUndefined();
  expect((await fetch(`http://127.0.0.1:${port}/version`)).status, `GET /version after ${after}`).toBe(200);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domino-survives-'));
  port = await freePort();
  server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DOMINO_DATA_DIR: dataDir, DOMINO_PORT: String(port), DOMINO_USER_API_KEY: ADMIN_KEY, DOMINO_DEMO: '0', DOMINO_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  server.stderr!.on('data', (chunk) => (stderr += chunk));
  server.on('exit', (code, signal) => (exited = `exit ${code ?? signal}: ${stderr.slice(-2000)}`));
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`the server did not start: ${exited ?? stderr}`);
}, 30_000);

afterAll(() => {
  server.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function jobDone(jobId: string) {
  for (let i = 0; i < 400; i++) {
    const job = (await api('GET', `/api/jobs/beta/jobs/${jobId}`)).body.job;
    if (job.status.isCompleted) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${jobId} did not finish`);
}

describe('the embedded Domino process', () => {
  it('stays up through every request that once stopped it', async () => {
    const project = (await api('POST', '/api/projects/beta/projects', { body: { name: 'survivor', description: '', visibility: 'private' } })).body.project;
    const files = `/api/embedded/v1/projects/${project.id}/files`;
    for (const query of ['path=README.md/x', 'path=.GIT/config', 'path=a/.Git/x', 'path=git~1/config', 'path=ok.txt&message=a%00b']) {
      const res = await api('PUT', `${files}?${query}`, { raw: Buffer.from('x') });
      expect(res.status, query).toBe(400);
      await expectAlive(`PUT ${query}`);
    }
    // A symbolic link a job committed, then a path through it.
    const link = (await api('POST', '/api/jobs/v1/jobs', { body: { projectId: project.id, runCommand: 'ln -s /tmp lnk' } })).body.job;
    expect((await jobDone(link.id)).status.executionStatus).toBe('Succeeded');
    expect((await api('PUT', `${files}?path=lnk/escape.txt`, { raw: Buffer.from('x') })).status).toBe(400);
    await expectAlive('a path through a committed symlink');
    // A job whose title holds a NUL, and a user whose name does.
    expect((await api('POST', '/api/jobs/v1/jobs', { body: { projectId: project.id, runCommand: 'echo hi > out.txt', title: 'a\u0000b' } })).status).toBe(400);
    await expectAlive('a job titled with a NUL');
    expect(
      (await api('POST', '/api/embedded/v1/users', { body: { userName: 'nul', firstName: 'a\u0000b', lastName: 'c', email: 'n@example.com' } })).status,
    ).toBe(400);
    await expectAlive('a user named with a NUL');
    // What the HTTP layer refuses.
    for (const request of [
      'GET /api/jobs/beta/jobs/%zz HTTP/1.1\r\nHost: x\r\n\r\n',
      `GET /api/users/v1/self HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
      'NOT HTTP AT ALL\r\n\r\n',
      `GET /api/jobs/beta/jobs/${'a'.repeat(500)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    ]) {
      const answer = await rawRequest(request);
      expect(answer, request.slice(0, 60)).toMatch(/^HTTP\/1\.1 4\d\d /);
      expect(answer).toContain('"requestId"');
      await expectAlive(request.slice(0, 40));
    }
  }, 60_000);
});
