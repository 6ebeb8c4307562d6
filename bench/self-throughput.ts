// Requests per second and tail latency of the embedded Domino on its cheapest authenticated
// endpoint, GET /api/users/v1/self: the floor under every dashboard request (routing, API-key
// hashing and lookup, a user query, JSON). The server runs as its own process, as in production;
// autocannon runs in this one, so on a 2-core machine the two share the CPU. The gating runs start
// without the demo workspace: a fresh demo replays a few hundred sandboxed jobs during its first
// minute, and how much of that lands inside the 12 s window would decide the figure. What the
// endpoint does under that load is reported too, not gating.
import fs from 'node:fs';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { atLeast, atMost, bin, MeasurementError, freePort, httpGet, makeTempDir, pollUntil, productEnv, runBenchmark, spawnManaged, type Check } from './lib';

const MIN_REQUESTS_PER_SECOND = 5_000;
const MAX_P99_MS = 20;
const CONNECTIONS = 50;
const WARM_UP_SECONDS = 2;
const DURATION_SECONDS = 10;

interface Scenario {
  label: string;
  /** DOMINO_LOG_LEVEL, or undefined for the shipped default (info: one log line per request). */
  logLevel: string | undefined;
  /** With the demo workspace, measured while its history replays (a fresh start's first minute). */
  demo: boolean;
  /** Whether this scenario's figures gate the run. */
  gating: boolean;
}

const SCENARIOS: Scenario[] = [
  // Logging kept quiet so the figure is the server's own cost.
  { label: 'log warn', logLevel: 'warn', demo: false, gating: true },
  // What `npm run server` ships: a JSON line per request, here written to /dev/null.
  { label: 'log info (default) to /dev/null', logLevel: undefined, demo: false, gating: false },
  { label: 'log warn, while the demo replays its job history', logLevel: 'warn', demo: true, gating: false },
];

interface Measured {
  scenario: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  totalRequests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function measureScenario(scenario: Scenario): Promise<Measured> {
  const dataDir = makeTempDir('throughput');
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env = productEnv({
    DOMINO_DATA_DIR: dataDir,
    DOMINO_PORT: String(port),
    ...(scenario.demo ? {} : { DOMINO_DEMO: '0' }),
    ...(scenario.logLevel ? { DOMINO_LOG_LEVEL: scenario.logLevel } : {}),
  });
  const server = spawnManaged(bin('tsx'), ['server/main.ts'], { env, stdout: scenario.logLevel ? 'capture' : 'ignore' });
  try {
    await pollUntil(`${origin}/health`, async () => (await httpGet(`${origin}/health`)).status === 200, { intervalMs: 50, timeoutMs: 60_000, process: server });
    const apiKey = fs.readFileSync(path.join(dataDir, 'admin-api-key'), 'utf8').trim();
    const url = `${origin}/api/users/v1/self`;
    const headers = { 'X-Domino-Api-Key': apiKey };
    const probe = await httpGet(url, { headers });
    if (probe.status !== 200) throw new MeasurementError(`GET ${url} answered ${probe.status}: ${probe.body}`);

    const options = { url, headers, connections: CONNECTIONS, pipelining: 1, timeout: 10 };
    // Warm-up: lets V8 optimise the hot path and SQLite fill its page cache; the result is discarded.
    await autocannon({ ...options, duration: WARM_UP_SECONDS });
    const result: Result = await autocannon({ ...options, duration: DURATION_SECONDS });
    if (server.hasExited()) throw new MeasurementError(`the server exited during the run:\n${server.output()}`);

    const measured: Measured = {
      scenario: scenario.label,
      requestsPerSecond: result.requests.average,
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      latencyMaxMs: result.latency.max,
      totalRequests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    };
    console.log(
      `  ${scenario.label}: ${measured.requestsPerSecond} req/s, p50 ${measured.latencyP50Ms} ms, p99 ${measured.latencyP99Ms} ms, ` +
        `max ${measured.latencyMaxMs} ms, ${measured.totalRequests} requests, ${measured.non2xx} non-2xx, ${measured.errors} errors, ${measured.timeouts} timeouts`,
    );
    return measured;
  } finally {
    await server.stop();
  }
}

async function measure() {
  console.log(`GET /api/users/v1/self, ${CONNECTIONS} connections, ${DURATION_SECONDS} s after ${WARM_UP_SECONDS} s of warm-up:`);
  const checks: Check[] = [];
  const runs: Measured[] = [];
  for (const scenario of SCENARIOS) {
    const run = await measureScenario(scenario);
    runs.push(run);
    const name = (what: string) => `${what}, ${scenario.label}`;
    checks.push(
      atLeast(name('requests/s'), run.requestsPerSecond, 'req/s', MIN_REQUESTS_PER_SECOND, scenario.gating),
      atMost(name('latency p99'), run.latencyP99Ms, 'ms', MAX_P99_MS, scenario.gating),
      // Fast failures would flatter the figures: every answer must be a success.
      atMost(name('non-2xx responses'), run.non2xx, 'count', 0, scenario.gating),
      atMost(name('errors + timeouts'), run.errors + run.timeouts, 'count', 0, scenario.gating),
    );
  }
  return { checks, details: { connections: CONNECTIONS, warmUpSeconds: WARM_UP_SECONDS, durationSeconds: DURATION_SECONDS, runs } };
}

await runBenchmark('self-throughput', measure);
