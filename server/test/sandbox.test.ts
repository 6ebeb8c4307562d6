// The job sandbox: what a job must not be able to do, and what ordinary jobs must still do.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTALL_HINT } from '../jobs/sandbox';
import { allLogs, finishedJob, projectWithFiles, startJob, stdOut } from './fixtures';
import { startTestServer } from './helper';

/** A TCP port on the host's loopback, as the proxy (:8080) and the server (:8900) listen. */
async function hostListener(): Promise<{ port: number; accepted: () => number; close(): Promise<void> }> {
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    socket.end('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, accepted: () => accepted, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Live processes whose command line holds a marker (sandboxed processes are visible from the host). */
function processesWith(marker: string): number[] {
  return fs.readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return [];
      return fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').includes(marker) ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the job sandbox', () => {
  it('is bubblewrap here, and /info says so', async () => {
    const server = await startTestServer();
    const info = await server.call(server.admin, { method: 'GET', url: '/api/embedded/v1/info' });
    expect(info.body.sandbox, info.body.sandboxHint).toBe('bwrap');
  });

  it('keeps a job from the server, other jobs, the data dir, the host network and its own binds', async () => {
    const server = await startTestServer();
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const serverPort = (server.app.server.address() as net.AddressInfo).port;
    const proxy = await hostListener();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    try {
      // Another user's job, running meanwhile with its own key in its environment.
      const secretProject = await projectWithFiles(server, omar, { 'secret.txt': 'omar-only' }, 'omar-secrets');
      const omarsJob = await startJob(server, omar, secretProject.id, 'sleep 60');
      await waitFor(() => server.app.ctx.jobs.findById(omarsJob.id)!.status === 'Running', 'omar’s job to run');
      const omarsPid = server.app.ctx.jobs.findById(omarsJob.id)!.pgid!;

      const attempts: Record<string, string> = {
        'server environ': `cat /proc/${process.pid}/environ`,
        'other job environ': `cat /proc/${omarsPid}/environ`,
        'data dir listing': `ls ${server.dataDir}`,
        'database write': `echo x >> ${path.join(server.dataDir, 'domino.sqlite')}`,
        'admin key file': `cat ${path.join(server.dataDir, 'admin-api-key')}`,
        'other project files': `ls ${path.join(server.dataDir, 'repositories', `${secretProject.id}.git`)}`,
        'write to /usr': 'touch /usr/escape',
        'write to /etc': 'touch /etc/escape',
        'write to /': 'touch /escape',
        'remount /usr read-write': 'mount -o remount,rw,bind /usr',
        'proxy port': `exec 3<>/dev/tcp/127.0.0.1/${proxy.port}`,
        'server port': `exec 3<>/dev/tcp/127.0.0.1/${serverPort}`,
      };
      const script = Object.entries(attempts)
        .map(([label, command]) => `if (${command}) >/dev/null 2>&1; then echo "ALLOWED ${label}"; else echo "refused ${label}"; fi`)
        .join('\n');
      const project = await projectWithFiles(server, maya, { 'attempts.sh': `${script}\ngrep -E '^Cap(Inh|Prm|Eff|Bnd|Amb):' /proc/self/status\nid -u\n` });
      const job = await finishedJob(server, maya, await startJob(server, maya, project.id, 'attempts.sh'));
      expect(job.status.executionStatus).toBe('Succeeded');
      const out = await stdOut(server, maya, job.id);
      expect(out.filter((l) => l.startsWith('ALLOWED'))).toEqual([]);
      expect(out.filter((l) => l.startsWith('refused'))).toHaveLength(Object.keys(attempts).length);
      expect(out.filter((l) => l.startsWith('Cap'))).toEqual([
        'CapInh:\t0000000000000000',
        'CapPrm:\t0000000000000000',
        'CapEff:\t0000000000000000',
        'CapBnd:\t0000000000000000',
        'CapAmb:\t0000000000000000',
      ]);
      expect(out.at(-1)).toBe('65534');
      expect(proxy.accepted()).toBe(0);
      expect(fs.existsSync('/escape')).toBe(false);
      expect(fs.existsSync('/usr/escape')).toBe(false);
      await server.call(omar, { method: 'POST', url: `/api/embedded/v1/jobs/${omarsJob.id}/stop` });
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('runs Python, shell and Node jobs that print, call the API as their starter through the run’s proxy, and write results', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, {
      'api.py': [
        'import json, os, urllib.request',
        'def whoami(key):',
        '    req = urllib.request.Request(os.environ["DOMINO_API_HOST"] + "/api/users/v1/self", headers={"X-Domino-Api-Key": key})',
        '    return json.load(urllib.request.urlopen(req))["user"]["userName"]',
        'print("as run key:", whoami(os.environ["DOMINO_USER_API_KEY"]))',
        // A key the job got hold of somehow is replaced by the run's own at the relay.
        `print("as forged key:", whoami("${server.admin.key}"))`,
        'print("proxy:", os.environ["DOMINO_API_PROXY"], "cwd:", os.getcwd())',
        'open("result.txt", "w").write("from python")',
      ].join('\n'),
      'hello.sh': 'echo "shell $(uname -n)"; echo written > shell.txt',
      'hello.js': 'console.log("node", typeof process.version); require("fs").writeFileSync("node.txt", "n");',
    });
    const python = await finishedJob(server, maya, await startJob(server, maya, project.id, 'api.py'));
    expect(python.status.executionStatus, (await allLogs(server, maya, python.id)).lines.map((l) => l.log).join('\n')).toBe('Succeeded');
    expect(await stdOut(server, maya, python.id)).toEqual(['as run key: maya', 'as forged key: maya', 'proxy: http://localhost:8899 cwd: /mnt']);
    const shell = await finishedJob(server, maya, await startJob(server, maya, project.id, 'hello.sh'));
    expect(await stdOut(server, maya, shell.id)).toEqual(['shell domino-run']);
    const node = await finishedJob(server, maya, await startJob(server, maya, project.id, 'hello.js'));
    expect(await stdOut(server, maya, node.id)).toEqual(['node string']);
    const tree = (await server.call(maya, { method: 'GET', url: `/api/embedded/v1/projects/${project.id}/tree/main` })).body.entries.map(
      (e: { name: string }) => e.name,
    );
    expect(tree).toEqual(expect.arrayContaining(['result.txt', 'shell.txt', 'node.txt']));
  }, 60_000);

  it('stops a job with SIGTERM first, which a Python handler can use, and then every process of it, setsid or not', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const marker = `sleep ${31_000 + Math.floor(Math.random() * 1000)}`;
    const project = await projectWithFiles(server, maya, {
      'graceful.py': [
        'import signal, subprocess, sys, time',
        `subprocess.Popen(["setsid", "${marker.split(' ')[0]}", "${marker.split(' ')[1]}"])`,
        'def on_term(signum, frame):',
        '    print("saving checkpoint", flush=True)',
        '    open("checkpoint.txt", "w").write("saved")',
        '    sys.exit(0)',
        'signal.signal(signal.SIGTERM, on_term)',
        'print("ready", flush=True)',
        'while True: time.sleep(0.1)',
      ].join('\n'),
    });
    const job = await startJob(server, maya, project.id, 'graceful.py');
    await waitFor(
      async () => (await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${job.id}/logs?logType=stdOut` })).body.logs.logContent.length > 0,
      'the job to be ready',
    );
    await waitFor(() => processesWith(marker).length > 0, 'the setsid child');
    const stopped = await server.call(maya, { method: 'POST', url: `/api/embedded/v1/jobs/${job.id}/stop` });
    expect(stopped.body.job.status.executionStatus).toBe('Stopped');
    expect(await stdOut(server, maya, job.id)).toEqual(['ready', 'saving checkpoint']);
    await waitFor(() => processesWith(marker).length === 0, 'the setsid child to be gone', 5000);
  }, 30_000);

  it('caps a job’s memory and its /tmp at the tier’s memory', async () => {
    const server = await startTestServer();
    server.app.ctx.hardwareTiers.insertIfMissing({
      id: 'half-k8s',
      name: 'Half',
      cores: 1,
      memoryGiB: 0.5,
      gpuCount: 0,
      gpuType: null,
      centsPerMinute: 0.1,
      maxSimultaneousExecutions: 2,
      maxRunMinutes: 5,
      isDefault: false,
      isArchived: false,
      sortOrder: 9,
    });
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, {
      'hog.py': 'block = bytearray(1024 * 1024 * 1024)\nprint("allocated")\n',
      'fill.sh': 'dd if=/dev/zero of=/tmp/fill bs=1M count=700 2>&1 | grep -o "No space left on device"',
    });
    const hog = await finishedJob(server, maya, await startJob(server, maya, project.id, 'hog.py', { hardwareTier: 'half-k8s' }));
    expect(hog.status.executionStatus).toBe('Failed');
    expect((await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${hog.id}/logs` })).body.logs.problem).toMatch(/MemoryError/);
    const fill = await finishedJob(server, maya, await startJob(server, maya, project.id, 'fill.sh', { hardwareTier: 'half-k8s' }));
    expect((await stdOut(server, maya, fill.id)).join('\n')).toMatch(/No space left on device/);
  }, 30_000);

  it('reports a job killed by a signal as that signal, not as bwrap’s exit code', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, {});
    const job = await finishedJob(server, maya, await startJob(server, maya, project.id, 'kill -KILL $$'));
    expect(job.status.executionStatus).toBe('Failed');
    const logs = (await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${job.id}/logs` })).body.logs;
    expect(logs.problem).toMatch(/killed by SIGKILL/);
  });

  it('measures what a job uses over its processes', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, {
      'burn.py':
        'import time\nblock = bytearray(300 * 1024 * 1024)\nfor i in range(0, len(block), 4096): block[i] = 1\nend = time.time() + 2.5\nwhile time.time() < end: pass\n',
    });
    const job = await finishedJob(server, maya, await startJob(server, maya, project.id, 'burn.py'));
    expect(job.status.executionStatus).toBe('Succeeded');
    expect(job.usage.cpuPercentage).toBeGreaterThan(50);
    expect(job.usage.memoryGiB).toBeGreaterThan(0.25);
  }, 30_000);

  it('does not follow a dominostats.json link out of the work tree, and never quotes the file', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const outside = path.join(os.tmpdir(), `stats-target-${process.pid}.json`);
    fs.writeFileSync(outside, '{"leaked": 1}');
    try {
      const project = await projectWithFiles(server, maya, {});
      // A link to a host file is a dangling link inside the sandbox, but the server reads it outside.
      const linked = await finishedJob(server, maya, await startJob(server, maya, project.id, `ln -s ${outside} dominostats.json`));
      expect(linked.dominoStats).toEqual([]);
      const secretish = await finishedJob(
        server,
        maya,
        await startJob(server, maya, project.id, `rm -f dominostats.json; echo 'not-json-SECRET-bytes' > dominostats.json`),
      );
      expect(secretish.dominoStats).toEqual([]);
      const lines = (await allLogs(server, maya, linked.id)).lines
        .map((l) => l.log)
        .concat((await allLogs(server, maya, secretish.id)).lines.map((l) => l.log));
      expect(lines).toContain('Ignored dominostats.json: it is a symbolic link');
      expect(lines).toContain('Ignored dominostats.json: it is not valid JSON');
      expect(lines.filter((l) => l.startsWith('Ignored')).join('\n')).not.toContain('SECRET');
    } finally {
      fs.rmSync(outside, { force: true });
    }
  });

  it('ends jobs in Error with how to install bubblewrap when the sandbox is unavailable', async () => {
    const server = await startTestServer({ sandbox: () => ({ mode: 'unavailable', hint: `bubblewrap (bwrap) is not installed. ${INSTALL_HINT}` }) });
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, {});
    const job = await finishedJob(server, maya, await startJob(server, maya, project.id, 'echo hi'));
    expect(job.status.executionStatus).toBe('Error');
    const logs = (await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${job.id}/logs` })).body.logs;
    expect(logs.problem).toMatch(/apt-get install bubblewrap/);
    expect(logs.problem).toMatch(/DOMINO_UNSANDBOXED_JOBS=1/);
    const info = await server.call(maya, { method: 'GET', url: '/api/embedded/v1/info' });
    expect(info.body).toMatchObject({ sandbox: 'unavailable', sandboxHint: expect.stringMatching(/bubblewrap/) });
  });
});
