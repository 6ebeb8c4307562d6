// Data the API tests build on, made through the API itself: projects, files, jobs.
import { expect } from 'vitest';
import type { TestServer, TestUser } from './helper';

export interface TestProject {
  id: string;
  name: string;
}

export interface TestJob {
  id: string;
  number: number;
}

let projectCount = 0;

export async function newProject(
  server: TestServer,
  owner: TestUser,
  options: { name?: string; visibility?: 'public' | 'private' | 'searchable' } = {},
): Promise<TestProject> {
  const name = options.name ?? `project-${++projectCount}`;
  const res = await server.call(owner, {
    method: 'POST',
    url: '/api/projects/beta/projects',
    payload: { name, description: '', visibility: options.visibility ?? 'private' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.project;
}

export async function putFile(server: TestServer, as: TestUser, projectId: string, filePath: string, content: string | Buffer): Promise<string> {
  const res = await server.call(as, {
    method: 'PUT',
    url: `/api/embedded/v1/projects/${projectId}/files?path=${encodeURIComponent(filePath)}`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: Buffer.from(content),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.commitId;
}

export async function projectWithFiles(server: TestServer, owner: TestUser, files: Record<string, string>, name?: string): Promise<TestProject> {
  const project = await newProject(server, owner, { name });
  for (const [file, content] of Object.entries(files)) await putFile(server, owner, project.id, file, content);
  return project;
}

export async function startJob(server: TestServer, as: TestUser, projectId: string, runCommand: string, extra: Record<string, unknown> = {}): Promise<TestJob> {
  const res = await server.call(as, { method: 'POST', url: '/api/jobs/v1/jobs', payload: { projectId, runCommand, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.job;
}

/** The job as the API answers it once it has finished. */
export async function finishedJob(server: TestServer, as: TestUser, job: TestJob | string, timeoutMs = 20_000) {
  const jobId = typeof job === 'string' ? job : job.id;
  await server.app.ctx.runner.settled(jobId);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = (await server.call(as, { method: 'GET', url: `/api/jobs/beta/jobs/${jobId}` })).body.job;
    if (current.status.isCompleted) return current;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${current.status.executionStatus}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every log line of a job, tailed with the cursor until the log is complete. */
export async function allLogs(server: TestServer, as: TestUser, jobId: string, logType = 'complete', limit = 10_000) {
  const lines: Array<{ log: string; logType: string; timestamp: string }> = [];
  let cursor: string | undefined;
  for (;;) {
    const res = await server.call(as, {
      method: 'GET',
      url: `/api/jobs/beta/jobs/${jobId}/logs?logType=${logType}&limit=${limit}${cursor ? `&latestTimeNano=${cursor}` : ''}`,
    });
    expect(res.status).toBe(200);
    lines.push(...res.body.logs.logContent);
    cursor = res.body.metadata.pagination.latestTimeNano;
    if (res.body.logs.isComplete) return { lines, last: res.body };
    if (res.body.logs.logContent.length === 0) await new Promise((r) => setTimeout(r, 30));
  }
}

/** The job's standard output, as lines. */
export async function stdOut(server: TestServer, as: TestUser, jobId: string): Promise<string[]> {
  return (await allLogs(server, as, jobId, 'stdOut')).lines.map((l) => l.log);
}

/** A small deterministic generator, so a failure reproduces. */
export function seeded(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return { next, pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]! };
}
