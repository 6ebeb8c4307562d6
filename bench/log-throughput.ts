// A chatty job's logs, end to end: a real job (python3, run by the embedded Domino's runner)
// prints 20,000 numbered lines a second for 10 seconds while this process tails
// GET /api/jobs/beta/jobs/{jobId}/logs with the cursor exactly as a client would. Every line must
// arrive once and in order; also reported: the rate the job achieved, how far behind the tail ran
// and how long the whole took.
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  atLeast,
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
} from './lib';

const LINES_PER_SECOND = 20_000;
const SECONDS = 10;
const BATCH_MS = 10;
const EXPECTED_LINES = LINES_PER_SECOND * SECONDS;
/** The job must really have printed at the rate (a server that slows its pipe fails here). */
const MIN_ACHIEVED_RATE = LINES_PER_SECOND * 0.95;
const PAGE_LIMIT = 10_000; // the API's largest page
const IDLE_SLEEP_MS = 100; // caught up: what a polling client waits before asking again
const TAIL_TIMEOUT_MS = 120_000;

// Batches every 10 ms, paced against the start so one late batch does not slow the rest.
const SCRIPT = `import sys, time
RATE, SECONDS, BATCH_MS = ${LINES_PER_SECOND}, ${SECONDS}, ${BATCH_MS}
per_batch = RATE * BATCH_MS // 1000
start = time.monotonic()
n = 0
for b in range(SECONDS * 1000 // BATCH_MS):
    sys.stdout.write(''.join('line %07d epoch=%d loss=0.%06d\\n' % (n + i, b, (n + i) * 7919 % 1000000) for i in range(per_batch)))
    sys.stdout.flush()
    n += per_batch
    delay = start + (b + 1) * BATCH_MS / 1000 - time.monotonic()
    if delay > 0:
        time.sleep(delay)
`;
const LINE = /^line (\d{7}) /;

interface LogsPage {
  logs: { logContent: Array<{ timestamp: string; logType: string; log: string }>; isComplete: boolean; problem?: string };
  metadata: { pagination: { latestTimeNano: string } };
}

async function measure() {
  const adminKey = newApiKey();
  const server = await startDomino(makeTempDir('log-throughput'), adminKey);
  try {
    const projectId = await createProject(server, 'log-throughput');
    await commitFile(server, projectId, 'emit.py', Buffer.from(SCRIPT));
    const loadAverage = os.loadavg()[0]!;
    const startedAt = performance.now();
    const { job } = await server.api<{ job: { id: string } }>('POST', '/api/jobs/v1/jobs', { body: { projectId, runCommand: 'emit.py' } });

    let cursor = '0';
    let expected = 0; // the next line number
    let stdOutLines = 0;
    let outOfOrder = 0;
    let otherLines = 0;
    let requests = 0;
    let maxLagMs = 0;
    let firstTime: number | undefined;
    let lastTime: number | undefined;
    let problem: string | undefined;
    const deadline = performance.now() + TAIL_TIMEOUT_MS;
    for (;;) {
      if (performance.now() > deadline) throw new MeasurementError(`the logs were not complete after ${TAIL_TIMEOUT_MS} ms (${expected} lines read)`);
      const page = await server.api<LogsPage>('GET', `/api/jobs/beta/jobs/${job.id}/logs?latestTimeNano=${cursor}&limit=${PAGE_LIMIT}`);
      const receivedAt = Date.now();
      requests++;
      for (const line of page.logs.logContent) {
        const match = line.logType === 'stdOut' ? LINE.exec(line.log) : null;
        if (!match) {
          otherLines++; // the platform's own prepare output
          continue;
        }
        stdOutLines++;
        // Strictly consecutive: a gap is a lost line, a smaller number a repeat or a reordering.
        if (Number(match[1]) !== expected) outOfOrder++;
        expected = Number(match[1]) + 1;
        const time = Date.parse(line.timestamp);
        firstTime ??= time;
        lastTime = time;
        maxLagMs = Math.max(maxLagMs, receivedAt - time);
      }
      if (BigInt(page.metadata.pagination.latestTimeNano) < BigInt(cursor)) throw new MeasurementError('the cursor went backwards');
      cursor = page.metadata.pagination.latestTimeNano;
      if (page.logs.isComplete) {
        problem = page.logs.problem;
        break;
      }
      // A full page means more is waiting: ask again at once. Otherwise we have caught up.
      if (page.logs.logContent.length < PAGE_LIMIT) await sleep(IDLE_SLEEP_MS);
    }
    const totalMs = performance.now() - startedAt;
    if (problem) throw new MeasurementError(`the job did not succeed: ${problem}`);
    const achievedRate = firstTime !== undefined && lastTime !== undefined && lastTime > firstTime ? (stdOutLines - 1) / ((lastTime - firstTime) / 1000) : 0;

    console.log(
      `${stdOutLines} stdOut lines read (of ${EXPECTED_LINES}) in ${requests} requests (+${otherLines} platform lines); ${outOfOrder} not following the one before; ` +
        `job wrote ${Math.round(achievedRate)} lines/s; tail lag max ${maxLagMs} ms; ${round1(totalMs / 1000)} s from start to complete`,
    );
    const checks: Check[] = [
      atMost(`stdOut lines missing or extra (of ${EXPECTED_LINES.toLocaleString('en-US')})`, Math.abs(EXPECTED_LINES - stdOutLines), 'count', 0),
      atMost('lines not following the one before (a gap, repeat or reordering)', outOfOrder, 'count', 0),
      atLeast('lines the job wrote per second', Math.round(achievedRate), 'lines/s', MIN_ACHIEVED_RATE),
      info('tail lag, max (line time to received)', maxLagMs, 'ms'),
      info('start to logs complete', Math.round(totalMs), 'ms'),
    ];
    return {
      checks,
      details: {
        loadAverage1m: loadAverage,
        expectedLines: EXPECTED_LINES,
        stdOutLines,
        outOfOrder,
        platformLines: otherLines,
        requests,
        achievedLinesPerSecond: Math.round(achievedRate),
        maxTailLagMs: maxLagMs,
        totalMs: Math.round(totalMs),
      },
    };
  } finally {
    await server.process.stop();
  }
}

await runBenchmark('log-throughput', measure);
