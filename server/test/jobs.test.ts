import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { bootstrap } from '../bootstrap';
import { openDatabase } from '../db/database';
import { allLogs, finishedJob, projectWithFiles, startJob } from './fixtures';
import { OBJECT_ID, startTestServer, UNKNOWN_ID } from './helper';

const JOBS = '/api/jobs/v1/jobs';

/** Whether any live (not zombie) process is left in a process group. */
function groupAlive(pgid: number): boolean {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') return true;
    } catch {
      // gone while we looked
    }
  }
  return false;
}

describe('running jobs', () => {
  it('runs a Python script from the project at head, with logs, stats, usage and a results commit', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, {
      'train.py':
        'import json, sys\nprint("hello", sys.argv[1:])\nprint("warning!", file=sys.stderr)\nopen("out.txt", "w").write("result")\njson.dump({"AUC": 0.91, "model": "gbm"}, open("dominostats.json", "w"))\n',
    });
    const job = await startJob(server, maya, project.id, 'train.py --epochs 3', { title: 'first' });
    expect(job.id).toMatch(OBJECT_ID);
    expect(job.number).toBe(1);
    const done = await finishedJob(server, maya, job.id);
    expect(done.status).toMatchObject({ executionStatus: 'Succeeded', isCompleted: true, isArchived: false });
    expect(done.title).toBe('first');
    expect(done.dominoStats).toEqual(
      expect.arrayContaining([
        { name: 'AUC', value: '0.91' },
        { name: 'model', value: 'gbm' },
      ]),
    );
    expect(done.commitDetails.outputCommitId).toMatch(/^[0-9a-f]{40}$/);
    expect(done.stageTimes.startTime).toBeDefined();
    expect(done.stageTimes.completedTime >= done.stageTimes.startTime).toBe(true);
    // Measured over the job's processes (a sustained load is measured in sandbox.test.ts).
    expect(done.usage).toEqual({ cpuPercentage: expect.any(Number), memoryGiB: expect.any(Number) });
    expect(done.usage.memoryGiB).toBeGreaterThan(0);

    const { lines } = await allLogs(server, maya, job.id);
    expect(lines.filter((l) => l.logType === 'stdOut').map((l) => l.log)).toEqual(["hello ['--epochs', '3']"]);
    expect(lines.filter((l) => l.logType === 'stdErr').map((l) => l.log)).toEqual(['warning!']);
    expect(lines.filter((l) => l.logType === 'prepareOutput').length).toBeGreaterThanOrEqual(4);
    const stdErrOnly = await allLogs(server, maya, job.id, 'STDERR');
    expect(stdErrOnly.lines.map((l) => l.log)).toEqual(['warning!']);

    const out = await server.app.inject({
      method: 'GET',
      url: `/api/projects/beta/projects/${project.id}/files/${done.commitDetails.outputCommitId}/out.txt/content`,
      headers: { 'x-domino-api-key': maya.key },
    });
    expect(out.body).toBe('result');
    // The work dir is gone afterwards.
    expect(fs.existsSync(path.join(server.dataDir, 'work', job.id))).toBe(false);
  });

  it('gives the job a clean environment with Domino run variables and the starter’s own key', async () => {
    process.env.SECRET_OF_THE_SERVER = 'do-not-leak';
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, {});
    const job = await startJob(server, maya, project.id, 'env | sort; curl --version >/dev/null 2>&1; echo done');
    await finishedJob(server, maya, job.id);
    const { lines } = await allLogs(server, maya, job.id, 'stdOut');
    const env = Object.fromEntries(
      lines
        .map((l) => l.log.split('='))
        .filter((kv) => kv.length >= 2)
        .map(([k, ...v]) => [k, v.join('=')]),
    );
    delete process.env.SECRET_OF_THE_SERVER;
    expect(env.SECRET_OF_THE_SERVER).toBeUndefined();
    expect(env).toMatchObject({
      DOMINO_PROJECT_ID: project.id,
      DOMINO_PROJECT_NAME: project.name,
      DOMINO_PROJECT_OWNER: 'maya',
      DOMINO_RUN_ID: job.id,
      DOMINO_STARTING_USERNAME: 'maya',
      DOMINO_HARDWARE_TIER_ID: 'small-k8s',
      LANG: 'C.UTF-8',
    });
    expect(env.DOMINO_USER_API_KEY).toBeTruthy();
    expect(env.DOMINO_USER_API_KEY).not.toBe(server.admin.key);
    expect(env.DOMINO_USER_API_KEY).not.toBe(maya.key);
    // The run's key acted as maya while it ran, and is revoked afterwards.
    expect((await server.call(env.DOMINO_USER_API_KEY!, { method: 'GET', url: '/api/users/v1/self' })).status).toBe(401);
    // MLflow clients track through the same relay, with the same key (decision 24).
    expect(env.MLFLOW_TRACKING_URI).toBe('http://localhost:8899/api/embedded/v1/mlflow');
    expect(env.MLFLOW_TRACKING_TOKEN).toBe(env.DOMINO_USER_API_KEY);
    const allowed = new Set(['PATH', 'HOME', 'LANG', 'PYTHONUNBUFFERED', 'PWD', 'SHLVL', '_', 'OLDPWD', 'MLFLOW_TRACKING_URI', 'MLFLOW_TRACKING_TOKEN']);
    expect(Object.keys(env).filter((k) => !k.startsWith('DOMINO_') && !allowed.has(k))).toEqual([]);
  });

  it('marks user failures Failed with the problem, and a missing interpreter script clearly', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, { 'fail.sh': 'echo about to fail\necho "boom: disk quota" >&2\nexit 3\n' });
    const failing = await finishedJob(server, maya, (await startJob(server, maya, project.id, 'fail.sh')).id);
    expect(failing.status.executionStatus).toBe('Failed');
    const logs = (await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${failing.id}/logs` })).body.logs;
    expect(logs.problem).toMatch(/boom: disk quota.*code 3/);
    expect(logs.helpLink).toMatch(/^https:/);

    const missing = await finishedJob(server, maya, (await startJob(server, maya, project.id, 'nope.py')).id);
    expect(missing.status.executionStatus).toBe('Failed');
    expect((await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${missing.id}/logs` })).body.logs.problem).toMatch(/can't open file/);

    const notFound = await finishedJob(server, maya, (await startJob(server, maya, project.id, 'no-such-command --flag')).id);
    expect(notFound.status.executionStatus).toBe('Failed');
    expect((await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${notFound.id}/logs` })).body.logs.problem).toMatch(/not found/);
  });

  it('runs an older commit when asked, and refuses unknown commits, tiers and projects', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, { 'v.sh': 'echo one' });
    const first = (await server.call(maya, { method: 'GET', url: `/api/embedded/v1/projects/${project.id}/commits` })).body.commits[0].id;
    await server.call(maya, {
      method: 'PUT',
      url: `/api/embedded/v1/projects/${project.id}/files?path=v.sh`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from('echo two'),
    });
    const old = await startJob(server, maya, project.id, 'v.sh', { commitId: first });
    await finishedJob(server, maya, old.id);
    expect((await allLogs(server, maya, old.id, 'stdOut')).lines.map((l) => l.log)).toEqual(['one']);
    expect(
      (await server.call(maya, { method: 'POST', url: JOBS, payload: { projectId: project.id, runCommand: 'v.sh', commitId: 'f'.repeat(40) } })).status,
    ).toBe(400);
    expect(
      (await server.call(maya, { method: 'POST', url: JOBS, payload: { projectId: project.id, runCommand: 'v.sh', hardwareTier: 'huge' } })).body.errors[0],
    ).toMatch(/small-k8s/);
    expect((await server.call(maya, { method: 'POST', url: JOBS, payload: { projectId: UNKNOWN_ID, runCommand: 'v.sh' } })).status).toBe(404);
    expect((await server.call(maya, { method: 'POST', url: JOBS, payload: { projectId: project.id, runCommand: '  ' } })).status).toBe(400);
  });
});

describe('log cursor', () => {
  it('never loses or repeats a line when a burst of 10,000+ lines shares timestamps, across small pages and log types', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, {
      'burst.py': 'import sys\nfor i in range(12000):\n    print(f"line {i}")\n    if i % 1000 == 0:\n        print(f"err {i}", file=sys.stderr)\n',
    });
    const job = await startJob(server, maya, project.id, 'burst.py');
    // Tail while it runs, with pages smaller than the burst.
    const { lines } = await allLogs(server, maya, job.id, 'complete', 777);
    const out = lines.filter((l) => l.logType === 'stdOut').map((l) => l.log);
    expect(out).toHaveLength(12000);
    expect(out).toEqual(Array.from({ length: 12000 }, (_, i) => `line ${i}`));
    expect(lines.filter((l) => l.logType === 'stdErr').map((l) => l.log)).toEqual(Array.from({ length: 12 }, (_, i) => `err ${i * 1000}`));
    const stdOnly = await allLogs(server, maya, job.id, 'stdOut', 5000);
    expect(stdOnly.lines).toHaveLength(12000);
    const none = await server.call(maya, {
      method: 'GET',
      url: `/api/jobs/beta/jobs/${job.id}/logs?latestTimeNano=${stdOnly.last.metadata.pagination.latestTimeNano}&logType=stdOut`,
    });
    expect(none.body.logs.logContent).toEqual([]);
    expect(none.body.logs.isComplete).toBe(true);
    expect(none.body.metadata.pagination.latestTimeNano).toBe(stdOnly.last.metadata.pagination.latestTimeNano);
  });

  it('validates the cursor and clamps the limit', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, {});
    const job = await startJob(server, maya, project.id, 'echo hi');
    await finishedJob(server, maya, job.id);
    expect((await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${job.id}/logs?latestTimeNano=abc` })).status).toBe(400);
    expect((await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${job.id}/logs?logType=stdout2` })).status).toBe(400);
    expect((await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${job.id}/logs?limit=50000` })).body.metadata.pagination.limit).toBe(10000);
  });
});

describe('results of a run', () => {
  it('credits a job only with the dominostats.json its own run wrote or changed', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, {});
    const writer = await finishedJob(server, maya, await startJob(server, maya, project.id, `echo '{"AUC": 0.7}' > dominostats.json`));
    expect(writer.dominoStats).toEqual([{ name: 'AUC', value: '0.7' }]);
    // The file is now committed at head: later runs check it out, and only one that rewrites it has stats.
    const reader = await finishedJob(server, maya, await startJob(server, maya, project.id, 'cat dominostats.json'));
    expect(reader.dominoStats).toEqual([]);
    const failed = await finishedJob(server, maya, await startJob(server, maya, project.id, 'exit 3'));
    expect(failed.status.executionStatus).toBe('Failed');
    expect(failed.dominoStats).toEqual([]);
    const rewriter = await finishedJob(server, maya, await startJob(server, maya, project.id, `echo '{"AUC": 0.7}' > dominostats.json`));
    expect(rewriter.dominoStats).toEqual([{ name: 'AUC', value: '0.7' }]);
    const changer = await finishedJob(server, maya, await startJob(server, maya, project.id, `echo '{"AUC": 0.8}' > dominostats.json`));
    expect(changer.dominoStats).toEqual([{ name: 'AUC', value: '0.8' }]);
  });
});

describe('queueing, stopping and limits', () => {
  it('queues beyond a tier’s concurrency with an explanation, and starts queued jobs as capacity frees', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, {});
    const first = await startJob(server, maya, project.id, 'sleep 1.5', { hardwareTier: 'gpu-k8s' });
    const second = await startJob(server, maya, project.id, 'echo second', { hardwareTier: 'gpu-k8s' });
    const queued = (await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${second.id}` })).body.job;
    expect(queued.status.executionStatus).toBe('Queued');
    expect(queued.queuedJobStatusDetails.explanation).toMatch(/1 execution slot of GPU/);
    await finishedJob(server, maya, first.id);
    expect((await finishedJob(server, maya, second.id)).status.executionStatus).toBe('Succeeded');
  });

  it('stops a running job (process tree killed) and refuses to stop a finished one', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const project = await projectWithFiles(server, maya, { 'loop.sh': 'sleep 300 &\nwhile true; do echo tick; sleep 0.1; done\n' });
    const job = await startJob(server, maya, project.id, 'loop.sh');
    for (
      let i = 0;
      i < 50 && (await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${job.id}` })).body.job.status.executionStatus !== 'Running';
      i++
    )
      await new Promise((r) => setTimeout(r, 50));
    const pgid = server.app.ctx.jobs.findById(job.id)!.pgid!;
    expect((await server.call(omar, { method: 'POST', url: `/api/embedded/v1/jobs/${job.id}/stop` })).status).toBe(404);
    const stopped = await server.call(maya, { method: 'POST', url: `/api/embedded/v1/jobs/${job.id}/stop` });
    expect(stopped.status).toBe(200);
    expect(stopped.body.job.status.executionStatus).toBe('Stopped');
    await new Promise((r) => setTimeout(r, 200));
    expect(groupAlive(pgid)).toBe(false);
    expect((await server.call(maya, { method: 'POST', url: `/api/embedded/v1/jobs/${job.id}/stop` })).status).toBe(400);
    expect((await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${job.id}/logs` })).body.logs.problem).toMatch(/Stopped by maya/);
  });

  it('stops a runaway job at its tier’s maximum run time', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    server.app.ctx.hardwareTiers.insertIfMissing({
      id: 'tiny-k8s',
      name: 'Tiny',
      cores: 1,
      memoryGiB: 1,
      gpuCount: 0,
      gpuType: null,
      centsPerMinute: 0.1,
      maxSimultaneousExecutions: 1,
      maxRunMinutes: 0.01,
      isDefault: false,
      isArchived: false,
      sortOrder: 9,
    });
    const project = await projectWithFiles(server, maya, {});
    const job = await finishedJob(server, maya, (await startJob(server, maya, project.id, 'sleep 30', { hardwareTier: 'tiny-k8s' })).id);
    expect(job.status.executionStatus).toBe('Stopped');
    expect((await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${job.id}/logs` })).body.logs.problem).toMatch(/maximum run time/);
  });
});

describe('restart recovery', () => {
  it('after a crash: kills what ran, marks it Error with a reason, keeps its logs, and starts what was queued', async () => {
    // The first server is a real process, killed with SIGKILL as a crash would.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domino-crash-'));
    const adminKey = 'crash-test-admin-key-0123456789';
    const port = 20000 + Math.floor(Math.random() * 20000);
    const first = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, DOMINO_DATA_DIR: dataDir, DOMINO_PORT: String(port), DOMINO_USER_API_KEY: adminKey, DOMINO_DEMO: '0', DOMINO_LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    const api = async (method: string, url: string, body?: unknown) => {
      const res = await fetch(`http://127.0.0.1:${port}${url}`, {
        method,
        headers: { 'X-Domino-Api-Key': adminKey, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return res.json();
    };
    try {
      for (let i = 0; i < 200; i++) {
        try {
          if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
        } catch {
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      const project = (await api('POST', '/api/projects/beta/projects', { name: 'crash', description: '', visibility: 'private' })).project;
      const running = (await api('POST', JOBS, { projectId: project.id, runCommand: 'echo before-crash; sleep 60', hardwareTier: 'gpu-k8s' })).job;
      const queued = (await api('POST', JOBS, { projectId: project.id, runCommand: 'echo after-restart', hardwareTier: 'gpu-k8s' })).job;
      for (let i = 0; i < 100; i++) {
        if ((await api('GET', `/api/jobs/beta/jobs/${running.id}/logs?logType=stdOut`)).logs.logContent.length > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));

      const db = openDatabase(path.join(dataDir, 'domino.sqlite'));
      const pgid = db.prepare('SELECT pgid FROM jobs WHERE id = ?').pluck().get(running.id) as number;
      // The sandbox ends with the server that started it (bwrap --die-with-parent).
      for (let i = 0; i < 40 && groupAlive(pgid); i++) await new Promise((r) => setTimeout(r, 25));
      expect(groupAlive(pgid)).toBe(false);
      const second = createApp({ db, dataDir, logLevel: 'silent' });
      await bootstrap(second.ctx, { demo: false, adminKey });
      try {
        await new Promise((r) => setTimeout(r, 200));
        expect(groupAlive(pgid)).toBe(false);
        const recovered = second.ctx.jobs.findById(running.id)!;
        expect(recovered.status).toBe('Error');
        expect(recovered.problem).toMatch(/restarted/);
        expect(second.ctx.jobLogs.read(running.id, 0n, 100, 'stdOut').map((l) => l.line)).toEqual(['before-crash']);
        for (let i = 0; i < 200 && second.ctx.jobs.findById(queued.id)!.status !== 'Succeeded'; i++) await new Promise((r) => setTimeout(r, 50));
        expect(second.ctx.jobs.findById(queued.id)!.status).toBe('Succeeded');
      } finally {
        await second.close();
        db.close();
      }
    } finally {
      first.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('restart recovery of a replayed job', () => {
  it('ends an interrupted job at its last recorded log line, not at the restart', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, {});
    const job = await finishedJob(server, maya, await startJob(server, maya, project.id, 'echo hi'));
    // As a demo replay lane leaves it when the server stops: running, on a clock 88 days back.
    const { ctx } = server.app;
    const started = Date.now() - 88 * 86_400_000;
    ctx.jobs.update(job.id, { status: 'Running', runningAt: new Date(started).toISOString(), completedAt: null, durationMs: null });
    ctx.db.prepare('DELETE FROM job_log_lines WHERE job_id = ?').run(job.id);
    const lastLine = BigInt(started + 4_000) * 1_000_000n;
    ctx.jobLogs.append(job.id, [{ timeNano: lastLine, logType: 'stdOut', line: 'epoch 2/3' }]);
    ctx.runner.recover();
    const recovered = ctx.jobs.findById(job.id)!;
    expect(recovered.status).toBe('Error');
    expect(recovered.durationMs).toBeGreaterThanOrEqual(4_000);
    expect(recovered.durationMs).toBeLessThan(5_000);
    expect(new Date(recovered.completedAt!).getTime()).toBeLessThan(started + 5_000);
    // The line saying why comes after the last one, at the same moment.
    const lines = ctx.jobLogs.read(job.id, lastLine, 10);
    expect(lines.map((l) => l.line)).toEqual([expect.stringMatching(/restarted/)]);
    expect(lines[0]!.timeNano - lastLine).toBeLessThan(1_000_000n);
  });
});

describe('listing, tags and goals', () => {
  it('lists a project’s jobs with sort, status and tag filters, archived excluded', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, {});
    const a = await startJob(server, maya, project.id, 'echo a', { title: 'alpha' });
    await finishedJob(server, maya, a.id);
    const b = await startJob(server, maya, project.id, 'exit 1', { title: 'beta' });
    await finishedJob(server, maya, b.id);
    const c = await startJob(server, maya, project.id, 'echo c', { title: 'gamma' });
    await finishedJob(server, maya, c.id);
    const tag = await server.call(maya, { method: 'POST', url: `${JOBS}/${b.id}/tags`, payload: { tagName: 'baseline', projectId: project.id } });
    expect(tag.body.tag).toMatchObject({ name: 'baseline', creatorId: maya.id });
    expect((await server.call(maya, { method: 'POST', url: `${JOBS}/${b.id}/tags`, payload: { tagName: 'baseline', projectId: project.id } })).status).toBe(
      400,
    );

    const list = async (query: string) => (await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs?projectId=${project.id}&${query}` })).body;
    expect((await list('')).jobs.map((j: { number: number }) => j.number)).toEqual([3, 2, 1]);
    expect((await list('sortBy=title&ascending=true')).jobs.map((j: { title: string }) => j.title)).toEqual(['alpha', 'beta', 'gamma']);
    expect((await list('sortBy=number&ascending=TRUE&limit=2&offset=1')).jobs.map((j: { number: number }) => j.number)).toEqual([2, 3]);
    expect((await list('tagFilter=baseline')).jobs.map((j: { number: number }) => j.number)).toEqual([2]);
    expect((await list('statusFilter=completed')).metadata.totalCount).toBe(3);
    expect((await list('statusFilter=running')).metadata.totalCount).toBe(0);
    expect((await list('sortBy=duration')).jobs).toHaveLength(3);
    // Jobs with the stat first, by its value; the rest after, by number.
    const scored = await startJob(server, maya, project.id, `echo '{"AUC": 0.7}' > dominostats.json`);
    await finishedJob(server, maya, scored.id);
    expect((await list('sortBy=dominoStatsField&dominoStatsSortFieldName=AUC')).jobs.map((j: { number: number }) => j.number)).toEqual([4, 3, 2, 1]);
    expect(
      (await list('sortBy=dominoStatsField&dominoStatsSortFieldName=AUC&ascending=true&offset=1&limit=2')).jobs.map((j: { number: number }) => j.number),
    ).toEqual([1, 2]);
    expect((await list('sortBy=dominoStatsField')).errors[0]).toMatch(/dominoStatsSortFieldName/);
    expect((await list('sortBy=bogus')).errors[0]).toMatch(/sortBy/);
    expect((await server.call(maya, { method: 'GET', url: '/api/jobs/beta/jobs' })).status).toBe(400);

    expect((await server.call(maya, { method: 'DELETE', url: `${JOBS}/${b.id}/tags/${tag.body.tag.id}?projectId=${project.id}` })).body.success).toBe(true);
    expect((await list('tagFilter=baseline')).jobs).toEqual([]);
  });

  it('filters by how a job ended with the executionStatus extension, listed in /info', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, {});
    const ok = await finishedJob(server, maya, await startJob(server, maya, project.id, 'echo ok'));
    const bad = await finishedJob(server, maya, await startJob(server, maya, project.id, 'exit 2'));
    const info = await server.call(maya, { method: 'GET', url: '/api/embedded/v1/info' });
    expect(info.body.extensions).toContain('job-execution-status-filter');
    const list = async (query: string) =>
      (await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs?projectId=${project.id}&${query}` })).body as {
        jobs: Array<{ id: string }>;
        metadata: { totalCount: number };
      };
    expect((await list('executionStatus=Failed')).jobs.map((j) => j.id)).toEqual([bad.id]);
    expect((await list('executionStatus=Succeeded&statusFilter=completed')).jobs.map((j) => j.id)).toEqual([ok.id]);
    expect((await list('executionStatus=Succeeded&statusFilter=running')).metadata.totalCount).toBe(0);
    expect((await list('executionStatus=Stopped')).metadata.totalCount).toBe(0);
    const refused = await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs?projectId=${project.id}&executionStatus=Exploded` });
    expect(refused.status).toBe(400);
  });

  it('links and unlinks project goals', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, {});
    const goal = (await server.call(maya, { method: 'POST', url: `/api/projects/v1/projects/${project.id}/goals`, payload: { title: 'Beat baseline' } })).body
      .goal;
    const job = await startJob(server, maya, project.id, 'echo x');
    const linked = await server.call(maya, { method: 'POST', url: `/api/jobs/v1/goals?jobId=${job.id}`, payload: { goalId: goal.id, projectId: project.id } });
    expect(linked.body.goal).toMatchObject({ goalId: goal.id, jobId: job.id, title: 'Beat baseline', currentStage: 'Active' });
    expect((await server.call(maya, { method: 'GET', url: `/api/jobs/v1/goals?jobId=${job.id}` })).body.goals).toHaveLength(1);
    expect((await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${job.id}` })).body.job.goalIds).toEqual([goal.id]);
    expect(
      (await server.call(maya, { method: 'POST', url: `/api/jobs/v1/goals?jobId=${job.id}`, payload: { goalId: UNKNOWN_ID, projectId: project.id } })).status,
    ).toBe(404);
    expect((await server.call(maya, { method: 'DELETE', url: `/api/jobs/v1/goals/${goal.id}?jobId=${job.id}&projectId=${project.id}` })).status).toBe(200);
    expect((await server.call(maya, { method: 'DELETE', url: `/api/jobs/v1/goals/${goal.id}?jobId=${job.id}&projectId=${project.id}` })).status).toBe(404);
    await finishedJob(server, maya, job.id);
  });

  it('hides jobs of private projects from strangers and lets a launcherUser start but not tag', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const lena = await server.newUser('lena');
    const project = await projectWithFiles(server, maya, {});
    await server.call(maya, { method: 'POST', url: `/api/projects/v1/projects/${project.id}/collaborators`, payload: { id: lena.id, role: 'launcherUser' } });
    const job = await startJob(server, lena, project.id, 'echo by lena');
    expect((await server.call(omar, { method: 'GET', url: `/api/jobs/beta/jobs/${job.id}` })).status).toBe(404);
    expect((await server.call(omar, { method: 'GET', url: `/api/jobs/beta/jobs?projectId=${project.id}` })).status).toBe(404);
    expect((await server.call(omar, { method: 'POST', url: JOBS, payload: { projectId: project.id, runCommand: 'echo' } })).status).toBe(404);
    expect((await server.call(lena, { method: 'POST', url: `${JOBS}/${job.id}/tags`, payload: { tagName: 'x', projectId: project.id } })).status).toBe(403);
    await finishedJob(server, lena, job.id);
  });
});

describe('hardware tiers', () => {
  it('serves the tiers in Domino 6.2 shapes', async () => {
    const server = await startTestServer();
    const tiers = (await server.call(server.admin, { method: 'GET', url: '/api/hardwaretiers/v1/hardwaretiers?limit=50' })).body;
    expect(tiers.hardwareTiers.map((t: { id: string }) => t.id)).toEqual(['small-k8s', 'medium-k8s', 'large-k8s', 'gpu-k8s']);
    const gpu = (await server.call(server.admin, { method: 'GET', url: '/api/hardwaretiers/v1/hardwaretiers/gpu-k8s' })).body.hardwareTier;
    expect(gpu).toMatchObject({
      resources: { cores: 4, memory: { value: 16, units: 'GiB' } },
      gpuConfiguration: { numberOfGpus: 1 },
      maxSimultaneousExecutions: 1,
    });
    expect((await server.call(server.admin, { method: 'GET', url: '/api/hardwaretiers/v1/hardwaretiers/nope' })).status).toBe(404);
  });
});

describe('list extras', () => {
  it('lists each job with its tags, and refuses a cursor beyond 64 bits with 400', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, {});
    const job = await startJob(server, maya, project.id, 'echo tagged');
    await finishedJob(server, maya, job.id);
    await server.call(maya, { method: 'POST', url: `${JOBS}/${job.id}/tags`, payload: { tagName: 'gold', projectId: project.id } });
    const list = await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs?projectId=${project.id}` });
    expect(list.body.jobs[0].tags.map((t: { name: string }) => t.name)).toEqual(['gold']);
    const huge = await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${job.id}/logs?latestTimeNano=99999999999999999999` });
    expect(huge.status).toBe(400);
    const edge = await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${job.id}/logs?latestTimeNano=9999999999999999999` });
    expect(edge.status).toBe(400);
  });
});
