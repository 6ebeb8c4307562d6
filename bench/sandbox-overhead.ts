// What the job sandbox adds to a job's start: the runner's own code path (the run's API relay
// socket, bubblewrap with every bind, the relay listening before the command runs) against the same
// command spawned bare, 100 of each, interleaved, in this one process. The command is `true`, so
// the time is start and exit and nothing else.
import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from '../server/clock';
import { openDatabase } from '../server/db/database';
import { jobLogsRepository } from '../server/db/job-logs-repository';
import { ApiRelays } from '../server/jobs/api-relay';
import { JobProcess } from '../server/jobs/job-process';
import { LogSink } from '../server/jobs/log-sink';
import { sandboxedCommand, sandboxStatus, unsandboxedCommand } from '../server/jobs/sandbox';
import { atMost, info, makeTempDir, MeasurementError, median, percentile, round1, runBenchmark, type Check } from './lib';

const RUNS = 100;
const MAX_OVERHEAD_MS = 20;
const COMMAND = ['bash', '-c', 'exec "$@"', 'domino-job', 'true'];

async function measure() {
  const status = sandboxStatus();
  if (status.mode !== 'bwrap') throw new MeasurementError(`the sandbox is not available: ${status.hint}`);
  const dir = makeTempDir('sandbox-overhead');
  const logs = jobLogsRepository(openDatabase(':memory:'));
  const relays = new ApiRelays(() => (_req, res) => res.end());
  const bare: number[] = [];
  const sandboxed: number[] = [];

  const runOnce = async (sandbox: boolean, index: number) => {
    const jobDir = path.join(dir, `${sandbox ? 's' : 'b'}${index}`);
    const workTree = path.join(jobDir, 'work');
    fs.mkdirSync(workTree, { recursive: true });
    const sink = new LogSink(`job${index}`, logs, systemClock);
    const started = performance.now();
    let command: string[];
    let relay: Awaited<ReturnType<ApiRelays['open']>> | undefined;
    if (sandbox) {
      relay = await relays.open(`run${index}`, 'key');
      command = sandboxedCommand({ workTree, jobDir, apiSocket: relay.socketPath, tmpBytes: 1024 ** 3, mounts: [] }, COMMAND);
    } else command = unsandboxedCommand(COMMAND);
    const exit = await new JobProcess({ command, env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' }, cwd: workTree, sandboxed: sandbox, sink }).exited;
    const elapsed = performance.now() - started;
    await relay?.close();
    sink.close();
    if (exit.code !== 0)
      throw new MeasurementError(
        `a ${sandbox ? 'sandboxed' : 'bare'} run exited ${exit.code ?? exit.signal}: ${logs
          .read(`job${index}`, 0n, 20)
          .map((l) => l.line)
          .join(' | ')}`,
      );
    (sandbox ? sandboxed : bare).push(elapsed);
  };

  // Warm-up (page cache, V8), discarded; then alternate so drift affects both alike.
  for (let i = 0; i < 10; i++) {
    await runOnce(true, 1000 + i);
    await runOnce(false, 1000 + i);
  }
  sandboxed.length = 0;
  bare.length = 0;
  for (let i = 0; i < RUNS; i++) {
    await runOnce(i % 2 === 0, i);
    await runOnce(i % 2 !== 0, i);
  }
  relays.dispose();
  const overhead = median(sandboxed) - median(bare);
  console.log(
    `bare: median ${round1(median(bare))} ms, p90 ${round1(percentile(bare, 90))} ms; sandboxed: median ${round1(median(sandboxed))} ms, p90 ${round1(percentile(sandboxed, 90))} ms; overhead ${round1(overhead)} ms`,
  );
  const checks: Check[] = [
    atMost(`sandbox start overhead, median of ${RUNS} (sandboxed − bare)`, round1(overhead), 'ms', MAX_OVERHEAD_MS),
    info('bare spawn to exit, median', round1(median(bare)), 'ms'),
    info('sandboxed spawn to exit, median', round1(median(sandboxed)), 'ms'),
    info('sandboxed spawn to exit, p90', round1(percentile(sandboxed, 90)), 'ms'),
  ];
  return { checks, details: { runs: RUNS, bareMs: bare.map(round1), sandboxedMs: sandboxed.map(round1) } };
}

await runBenchmark('sandbox-overhead', measure);
