// Does the API stay responsive while jobs run? GET /api/users/v1/self at 50 connections, measured
// in one run under three loads: none (the baseline), one job printing 1,000,000 lines as fast as
// it can, and 200 small Python jobs submitted at once and draining through the Small tier. The
// server is its own process; autocannon and the job share this 2-core machine with it.
import autocannon, { type Result } from 'autocannon';
import {
  atMost,
  commitFile,
  createProject,
  info,
  makeTempDir,
  MeasurementError,
  newApiKey,
  round1,
  runBenchmark,
  startDomino,
  type Check,
  type DominoServer,
} from './lib';

const MAX_P99_MS = 100;
const CONNECTIONS = 50;
const BASELINE_SECONDS = 10;
const MILLION = 1_000_000;
const SMALL_JOBS = 200;
const MAX_LOAD_SECONDS = 180;

const PRINT_MILLION = `import sys
w = sys.stdout.write
for i in range(${MILLION}):
    w("line %d\\n" % i)
`;

interface Phase {
  label: string;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/** Runs autocannon against /self until `done` resolves (or for `seconds` when there is none). */
async function selfLatency(server: DominoServer, adminKey: string, label: string, until: { seconds: number } | { done: Promise<unknown> }): Promise<Phase> {
  const instance = autocannon({
    url: `${server.origin}/api/users/v1/self`,
    headers: { 'X-Domino-Api-Key': adminKey },
    connections: CONNECTIONS,
    pipelining: 1,
    timeout: 10,
    duration: 'seconds' in until ? until.seconds : MAX_LOAD_SECONDS,
  });
  if ('done' in until) void until.done.finally(() => instance.stop());
  const result: Result = await instance;
  if (server.process.hasExited()) throw new MeasurementError(`the server exited during "${label}":\n${server.process.output()}`);
  const phase = {
    label,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  console.log(
    `  ${label}: p50 ${phase.p50Ms} ms, p99 ${phase.p99Ms} ms, max ${phase.maxMs} ms, ${phase.requests} requests, ${phase.non2xx} non-2xx, ${phase.errors} errors`,
  );
  return phase;
}

async function jobFinished(
  server: DominoServer,
  jobId: string,
): Promise<{ status: { executionStatus: string }; stageTimes: { startTime?: string; completedTime?: string } }> {
  for (;;) {
    const { job } = await server.api('GET', `/api/jobs/beta/jobs/${jobId}`);
    if (job.status.isCompleted) return job;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function countStdOut(server: DominoServer, jobId: string): Promise<number> {
  let cursor = '0';
  let lines = 0;
  for (;;) {
    const page = await server.api('GET', `/api/jobs/beta/jobs/${jobId}/logs?logType=stdOut&limit=10000&latestTimeNano=${cursor}`);
    lines += page.logs.logContent.length;
    cursor = page.metadata.pagination.latestTimeNano;
    if (page.logs.isComplete) return lines;
  }
}

async function measure() {
  const adminKey = newApiKey();
  const server = await startDomino(makeTempDir('api-under-job-load'), adminKey);
  try {
    const projectId = await createProject(server, 'under-load');
    await commitFile(server, projectId, 'million.py', Buffer.from(PRINT_MILLION));
    // Warm-up, discarded.
    await autocannon({ url: `${server.origin}/api/users/v1/self`, headers: { 'X-Domino-Api-Key': adminKey }, connections: CONNECTIONS, duration: 2 });

    console.log(`GET /api/users/v1/self at ${CONNECTIONS} connections:`);
    const baseline = await selfLatency(server, adminKey, 'no jobs', { seconds: BASELINE_SECONDS });

    const { job: chatty } = await server.api('POST', '/api/jobs/v1/jobs', { body: { projectId, runCommand: 'million.py', hardwareTier: 'small-k8s' } });
    const chattyDone = jobFinished(server, chatty.id);
    const printing = await selfLatency(server, adminKey, `one job printing ${MILLION.toLocaleString('en-US')} lines`, { done: chattyDone });
    const chattyJob = await chattyDone;
    if (chattyJob.status.executionStatus !== 'Succeeded') throw new MeasurementError(`the printing job ended ${chattyJob.status.executionStatus}`);
    const landed = await countStdOut(server, chatty.id);
    const seconds = (Date.parse(chattyJob.stageTimes.completedTime!) - Date.parse(chattyJob.stageTimes.startTime!)) / 1000;
    const linesPerSecond = Math.round(landed / seconds);
    console.log(`  the job's ${landed.toLocaleString('en-US')} lines landed; it ran ${round1(seconds)} s: ${linesPerSecond.toLocaleString('en-US')} lines/s`);

    const submitted = Promise.all(
      Array.from({ length: SMALL_JOBS }, () =>
        server.api('POST', '/api/jobs/v1/jobs', { body: { projectId, runCommand: 'python3 -c "print(1)"', hardwareTier: 'small-k8s' } }),
      ),
    );
    const drained = submitted.then((answers) => Promise.all(answers.map((a: { job: { id: string } }) => jobFinished(server, a.job.id))));
    const startedAt = performance.now();
    const burst = await selfLatency(server, adminKey, `${SMALL_JOBS} jobs submitted at once, until drained`, { done: drained });
    const drainSeconds = (performance.now() - startedAt) / 1000;
    const ended = await drained;
    const notSucceeded = ended.filter((j) => j.status.executionStatus !== 'Succeeded').length;
    console.log(`  ${SMALL_JOBS} jobs drained in ${round1(drainSeconds)} s; ${notSucceeded} did not succeed`);

    const ratio = (phase: Phase) => round1(phase.p99Ms / Math.max(1, baseline.p99Ms));
    const checks: Check[] = [
      info('p99, no jobs (baseline)', baseline.p99Ms, 'ms'),
      atMost(`p99 while a job prints ${MILLION.toLocaleString('en-US')} lines`, printing.p99Ms, 'ms', MAX_P99_MS),
      info('  its ratio to the baseline p99 (×)', ratio(printing), 'count'),
      atMost('  lines of the job missing', MILLION - landed, 'count', 0),
      info('  lines the job printed per second', linesPerSecond, 'lines/s'),
      atMost(`p99 while ${SMALL_JOBS} jobs are submitted at once and drain`, burst.p99Ms, 'ms', MAX_P99_MS),
      info('  its ratio to the baseline p99 (×)', ratio(burst), 'count'),
      atMost(`  of the ${SMALL_JOBS} jobs, not Succeeded`, notSucceeded, 'count', 0),
      info(`  ${SMALL_JOBS} jobs drained in`, Math.round(drainSeconds * 1000), 'ms'),
      atMost(
        'non-2xx answers or errors in all three phases',
        [baseline, printing, burst].reduce((n, p) => n + p.non2xx + p.errors, 0),
        'count',
        0,
      ),
    ];
    return {
      checks,
      details: { connections: CONNECTIONS, baseline, printing, burst, linesLanded: landed, linesPerSecond, drainSeconds: round1(drainSeconds), notSucceeded },
    };
  } finally {
    await server.process.stop();
  }
}

await runBenchmark('api-under-job-load', measure);
