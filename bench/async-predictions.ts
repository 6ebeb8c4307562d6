// Async predictions on the embedded Domino (its own process, no demo running): an async Model API
// serving the demo's trivial churn model (the same predict.py its training job writes) with 2
// replicas, one per core. (1) Latency: 20 clients, each sending a prediction and polling it
// every 5 ms until Succeeded, for 10 s — enqueue → Succeeded as the client sees it, and as the
// server recorded it. (2) Throughput: 20 clients sending 6,000 predictions as fast as they are
// accepted; the rate at which they reach Succeeded. (3) 1,000 queued across a SIGKILL and a
// restart (server/test/prediction-crash-scenario.ts): none lost, each ended once.
import os from 'node:os';
import path from 'node:path';
import { runCrashScenario } from '../server/test/prediction-crash-scenario';
import {
  atLeast,
  atMost,
  freePort,
  httpRequest,
  info,
  makeTempDir,
  MeasurementError,
  newApiKey,
  percentile,
  round1,
  runBenchmark,
  startDomino,
  withDatabase,
  type DominoServer,
} from './lib';

const CLIENTS = 20;
const LATENCY_MS = 10_000;
const WARMUP_MS = 1_000;
const POLL_MS = 5;
const THROUGHPUT_COUNT = 6_000;
const P50_MS = 50;
const P99_MS = 250;
const MIN_RATE = 200;

/** The demo's churn model (server/demo/seed-demo-registry.ts writes it as the model's predict.py). */
const TRIVIAL_MODEL = `def predict(tenure_months, monthly_spend):
    return {'score': round(min(1.0, 0.02 * 2 + 0.001 * monthly_spend / (1 + tenure_months)), 4)}
`;

async function post(server: DominoServer, key: string, url: string, body: unknown) {
  const res = await httpRequest(`${server.origin}${url}`, {
    method: 'POST',
    headers: { 'X-Domino-Api-Key': key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    timeoutMs: 30_000,
  });
  return { status: res.status, body: res.body ? JSON.parse(res.body) : undefined };
}

async function get(server: DominoServer, key: string, url: string) {
  const res = await httpRequest(`${server.origin}${url}`, { method: 'GET', headers: { 'X-Domino-Api-Key': key }, timeoutMs: 30_000 });
  return { status: res.status, body: res.body ? JSON.parse(res.body) : undefined };
}

async function setUp(server: DominoServer): Promise<string> {
  const env = await server.api('POST', '/api/environments/beta/environments', {
    body: { name: 'bench-env', image: 'quay.io/domino/standard:py3.11', visibility: 'global', addBaseDependencies: false },
  });
  const envId = env.environment.id as string;
  for (let i = 0; ; i++) {
    const revisions = await server.api('GET', `/api/embedded/v1/environments/${envId}/revisions`);
    if (revisions.revisions.some((r: { status: string }) => r.status === 'succeeded')) break;
    if (i > 600) throw new MeasurementError('the environment did not build');
    await new Promise((r) => setTimeout(r, 100));
  }
  const project = await server.client.createProject({ name: 'bench-churn' });
  await server.client.putFile(project.id, 'predict.py', Buffer.from(TRIVIAL_MODEL), 'the churn model');
  const api = await server.api('POST', '/api/modelServing/v1/modelApis', {
    body: {
      name: 'bench-churn',
      environmentId: envId,
      isAsync: true,
      replicas: 2,
      version: {
        projectId: project.id,
        source: { type: 'File', file: 'predict.py', function: 'predict' },
        logHttpRequestResponse: false,
        monitoringEnabled: false,
      },
    },
  });
  return api.id as string;
}

async function measure() {
  const loadBefore = os.loadavg();
  const dataDir = makeTempDir('async-predictions');
  const key = newApiKey();
  const server = await startDomino(dataDir, key);
  const apiId = await setUp(server);
  const url = `/api/modelApis/async/v1/${apiId}`;
  const parameters = (i: number) => ({ tenure_months: i % 48, monthly_spend: 10 + (i % 200) });

  // (1) Latency, closed loop.
  const latencies: number[] = [];
  const latencyIds: string[] = [];
  let refused = 0;
  const start = performance.now();
  let n = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() - start < WARMUP_MS + LATENCY_MS) {
        const sent = performance.now();
        const res = await post(server, key, url, { parameters: parameters(n++) });
        if (res.status !== 200) {
          refused++;
          continue;
        }
        const id = res.body.asyncPredictionId as string;
        for (;;) {
          const state = await get(server, key, `${url}/${id}`);
          if (state.body.status === 'Succeeded') break;
          if (state.body.status === 'Failed') throw new MeasurementError(`prediction ${id} failed: ${state.body.errors}`);
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
        if (sent - start >= WARMUP_MS) {
          latencies.push(performance.now() - sent);
          latencyIds.push(id);
        }
      }
    }),
  );
  const loadDuring = os.loadavg();

  // (2) Throughput, open loop: accepted as fast as the server takes them; timed from the server's record.
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < THROUGHPUT_COUNT) {
        const i = next++;
        const res = await post(server, key, url, { parameters: parameters(i) });
        if (res.status !== 200) throw new MeasurementError(`throughput prediction ${i} refused: ${res.status} ${JSON.stringify(res.body)}`);
        ids.push(res.body.asyncPredictionId as string);
      }
    }),
  );
  for (let i = 0; ; i++) {
    const last = await get(server, key, `${url}/${ids.at(-1)!}`);
    if (last.body.status === 'Succeeded' || last.body.status === 'Failed') break;
    if (i > 6000) throw new MeasurementError('the throughput run did not drain');
    await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise((r) => setTimeout(r, 500));
  await server.process.stop();
  const recorded = await withDatabase(dataDir, (db) => {
    const rows = db.prepare(`SELECT id, status, submitted_at, finished_at FROM async_predictions`).all() as Array<{
      id: string;
      status: string;
      submitted_at: number;
      finished_at: number | null;
    }>;
    return new Map(rows.map((r) => [r.id, r]));
  });
  const throughputRows = ids.map((id) => recorded.get(id)!);
  const unfinished = throughputRows.filter((r) => r.status !== 'Succeeded').length;
  const firstSubmitted = Math.min(...throughputRows.map((r) => r.submitted_at));
  const lastFinished = Math.max(...throughputRows.map((r) => r.finished_at ?? 0));
  const rate = THROUGHPUT_COUNT / ((lastFinished - firstSubmitted) / 1000);
  const serverLatencies = latencyIds.map((id) => {
    const r = recorded.get(id)!;
    return r.finished_at! - r.submitted_at;
  });
  const loadAfterThroughput = os.loadavg();

  // (3) 1,000 across a SIGKILL and a restart.
  const crash = await runCrashScenario({ count: 1000, port: await freePort(), replicas: 2 });
  const lost = 1000 - (crash.succeeded + crash.failed);

  const p50 = round1(percentile(latencies, 50));
  const p99 = round1(percentile(latencies, 99));
  console.log(
    `latency over ${latencies.length} predictions: p50 ${p50} ms, p99 ${p99} ms (server-recorded p50 ${percentile(serverLatencies, 50)} ms, p99 ${percentile(serverLatencies, 99)} ms); ` +
      `throughput ${round1(rate)}/s over ${THROUGHPUT_COUNT}; crash: ${JSON.stringify(crash)}; load ${loadBefore.map(round1)} → ${loadDuring.map(round1)} → ${loadAfterThroughput.map(round1)}`,
  );
  const checks = [
    atMost(`enqueue → Succeeded, p50, ${CLIENTS} clients polling every ${POLL_MS} ms`, p50, 'ms', P50_MS),
    atMost(`enqueue → Succeeded, p99, ${CLIENTS} clients`, p99, 'ms', P99_MS),
    info('enqueue → Succeeded as the server recorded it, p50', percentile(serverLatencies, 50), 'ms'),
    info('enqueue → Succeeded as the server recorded it, p99', percentile(serverLatencies, 99), 'ms'),
    info('predictions in the latency window', latencies.length, 'count'),
    atLeast(`predictions/s sustained (${THROUGHPUT_COUNT}, submit → all Succeeded)`, round1(rate), 'req/s', MIN_RATE),
    atMost('throughput predictions not Succeeded', unfinished + refused, 'count', 0),
    atMost('1,000 across SIGKILL + restart: lost', lost, 'count', 0),
    atMost('1,000 across SIGKILL + restart: failed or wrong result', crash.failed + crash.wrongResults, 'count', 0),
    atMost('1,000 across SIGKILL + restart: not exactly one row each', Math.abs(crash.rows - 1000) + (1000 - crash.distinctIds), 'count', 0),
    info('waiting when the server was killed', crash.waitingAtKill, 'count'),
    info('run again after the restart (attempts > 1)', crash.rerun, 'count'),
    info('restart → all 1,000 terminal', round1(crash.recoveryMs), 'ms'),
  ];
  return {
    checks,
    details: {
      clients: CLIENTS,
      replicas: 2,
      pollMs: POLL_MS,
      latencySamples: latencies.length,
      loadAverage: { before: loadBefore, duringLatency: loadDuring, afterThroughput: loadAfterThroughput },
      crash,
      dataDir: path.basename(dataDir),
    },
  };
}

await runBenchmark('async-predictions', measure);
