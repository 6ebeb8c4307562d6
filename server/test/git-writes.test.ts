// A refused git write is the client's mistake (400, in words the server chose), never a crash:
// every trigger that once stopped the whole process through an unobserved rejection.
import { describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type TestUser } from './helper';
import { finishedJob, newProject, putFile, startJob } from './fixtures';

async function put(server: TestServer, as: TestUser, projectId: string, query: string, content = 'x') {
  return server.call(as, {
    method: 'PUT',
    url: `/api/embedded/v1/projects/${projectId}/files?${query}`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: Buffer.from(content),
  });
}

describe('refused file writes', () => {
  it.each([
    ['a path under an existing file', 'path=README.md/x', /README\.md is a file/],
    ['.git in another case', 'path=.GIT/config', /reserved/],
    ['.git deeper down, in another case', 'path=a/.Git/x', /reserved/],
    ['the NTFS short name of .git', 'path=git~1/config', /reserved/],
    ['.git with a trailing dot', 'path=.git./config', /reserved/],
    ['a backslash', 'path=a%5Cb.txt', /backslash/],
    ['a control character in the path', 'path=a%01b.txt', /control character/],
    ['a NUL in the message', 'path=ok.txt&message=a%00b', /message.*control character/],
  ])('answers 400 for %s, without git’s own words, and keeps serving', async (_label, query, message) => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await newProject(server, maya);
    const res = await put(server, maya, project.id, query);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.errors.join(' ')).toMatch(message);
    expect(JSON.stringify(res.body)).not.toContain(server.dataDir);
    expect(JSON.stringify(res.body)).not.toMatch(/fatal|error:/);
    // The project still takes a good write afterwards.
    expect((await put(server, maya, project.id, 'path=after.txt')).status).toBe(200);
  });

  it('refuses a path through a symbolic link a job committed', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await newProject(server, maya);
    const job = await finishedJob(server, maya, await startJob(server, maya, project.id, 'ln -s /tmp lnk'));
    expect(job.status.executionStatus).toBe('Succeeded');
    const res = await put(server, maya, project.id, 'path=lnk/escape.txt');
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatch(/lnk is a symbolic link/);
  });

  it('refuses NUL and other control characters in names and titles, naming the field', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await newProject(server, maya);
    const user = await server.call(server.admin, {
      method: 'POST',
      url: '/api/embedded/v1/users',
      payload: { userName: 'nul', firstName: 'a\u0000b', lastName: 'c', email: 'n@example.com' },
    });
    expect(user.status).toBe(400);
    expect(user.body.errors[0]).toMatch(/firstName.*control character/);
    const job = await server.call(maya, {
      method: 'POST',
      url: '/api/jobs/v1/jobs',
      payload: { projectId: project.id, runCommand: 'echo hi', title: 'a\u0000b' },
    });
    expect(job.status).toBe(400);
    expect(job.body.errors[0]).toMatch(/title.*control character/);
    const command = await server.call(maya, { method: 'POST', url: '/api/jobs/v1/jobs', payload: { projectId: project.id, runCommand: 'echo a\u0000b' } });
    expect(command.status).toBe(400);
    expect(command.body.errors[0]).toMatch(/runCommand.*control character/);
  });

  it('commits for a user whose stored name holds a NUL (written before names were checked)', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    server.app.ctx.db.prepare('UPDATE users SET first_name = ? WHERE id = ?').run('Ma\u0000ya', maya.id);
    const project = await server.call(maya, {
      method: 'POST',
      url: '/api/projects/beta/projects',
      payload: { name: 'nul-author', description: '', visibility: 'private' },
    });
    expect(project.status, JSON.stringify(project.body)).toBe(200);
    expect((await put(server, maya, project.body.project.id, 'path=a.txt')).status).toBe(200);
    const commits = (await server.call(maya, { method: 'GET', url: `/api/embedded/v1/projects/${project.body.project.id}/commits` })).body.commits;
    expect(commits[0].authorName).toBe('Ma ya Tester');
  });

  it('ends a job whose results cannot be committed in Error, in words of its own', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await newProject(server, maya);
    await putFile(server, maya, project.id, 'a.txt', 'a');
    // A stored title from before titles were checked: the results commit's message carries it.
    // The GPU tier runs one job at a time, so the second waits in the queue while its title is set.
    const first = await startJob(server, maya, project.id, 'sleep 0.3', { hardwareTier: 'gpu-k8s' });
    const started = await startJob(server, maya, project.id, 'echo b > b.txt', { hardwareTier: 'gpu-k8s' });
    server.app.ctx.db.prepare('UPDATE jobs SET title = ? WHERE id = ?').run('t\u0000itle', started.id);
    await finishedJob(server, maya, first);
    const job = await finishedJob(server, maya, started);
    expect(job.status.executionStatus).toBe('Succeeded');
    const message = (await server.call(maya, { method: 'GET', url: `/api/embedded/v1/projects/${project.id}/commits` })).body.commits[0].message;
    expect(message).toBe('Results of job #2: t itle');

    // A repository that breaks under the job: the job ends Error, its problem says nothing of git's.
    const broken = await startJob(server, maya, project.id, 'sleep 0.5; echo c > c.txt');
    await new Promise((r) => setTimeout(r, 200));
    const fs = await import('node:fs');
    fs.rmSync(`${server.app.ctx.git.dirOf(project.id)}/objects`, { recursive: true, force: true });
    const failed = await finishedJob(server, maya, broken);
    expect(failed.status.executionStatus).toBe('Error');
    const logs = (await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${broken.id}/logs` })).body.logs;
    expect(logs.problem).toMatch(/could not commit the job’s results/);
    expect(JSON.stringify(logs)).not.toContain(server.dataDir);
  });
});
