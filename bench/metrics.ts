// Model monitoring at scale (issue 12's server budgets), against the embedded Domino as a process:
// 1. Logging 1,000,000 metric values with two tags each, in batches of 1,000 sent one after
//    another on one keep-alive connection: values per second, from the first request sent to
//    the last answer (validation, storage and the configured-range check included; the bodies
//    are built before the clock starts).
// 2. Retrieving 30 days of one metric at one value a minute (43,200 points): p99 of sequential
//    GETs, each answer read whole.
// (The chart's draw of those points, downsampled, is the dashboard's budget: bench/metric-chart.ts.)
import http from 'node:http';
import {
  atLeast,
  atMost,
  bootstrappedDataDir,
  httpRequest,
  info,
  MeasurementError,
  percentile,
  round1,
  runBenchmark,
  sequentialLatencies,
  startDomino,
  type Check,
} from './lib';

const VALUES = 1_000_000;
const BATCH = 1_000;
const MIN_VALUES_PER_S = 75_000;
const POINTS = 43_200;
const MAX_RETRIEVE_P99_MS = 100;
const SAMPLES = 50;
const START_MS = Date.UTC(2026, 9, 1);

function batch(model: string, metric: string, from: number, count: number, stepMs: number): string {
  const values = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const n = from + i;
    values[i] =
      `{"modelMonitoringId":"${model}","metric":"${metric}","value":${(0.8 + ((n * 7919) % 1000) / 5000).toFixed(4)},` +
      `"referenceTimestamp":"${new Date(START_MS + n * stepMs).toISOString()}","tags":[{"key":"region","value":"eu-west"},{"key":"segment","value":"s${n % 7}"}]}`;
  }
  return `{"newMetricValues":[${values.join(',')}]}`;
}

async function measure(): Promise<{ checks: Check[]; details: unknown }> {
  const { dataDir, adminKey } = await bootstrappedDataDir('metrics');
  const server = await startDomino(dataDir, adminKey);
  const headers = { 'X-Domino-Api-Key': adminKey, 'content-type': 'application/json' };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const checks: Check[] = [];
  try {
    // A configured range: every logged value is checked against it (none falls outside).
    await server.api('PUT', '/api/embedded/v1/monitoring/models/bench-model/metrics/throughput/range', {
      body: { condition: 'between', lowerLimit: 0, upperLimit: 10 },
    });
    // The bodies are built before the clock starts (~230 MB of text): what is measured is the
    // server's work, one batch after another on one connection, not the client's string building.
    const bodies = Array.from({ length: VALUES / BATCH }, (_, k) => batch('bench-model', 'throughput', k * BATCH, BATCH, 1000));
    const startedAt = performance.now();
    for (const body of bodies) {
      const response = await httpRequest(`${server.origin}/api/metricValues/v1`, { method: 'POST', headers, body, agent, timeoutMs: 60_000 });
      if (response.status !== 201) throw new MeasurementError(`POST /api/metricValues/v1 answered ${response.status}: ${response.body.slice(0, 500)}`);
    }
    bodies.length = 0;
    const totalS = (performance.now() - startedAt) / 1000;
    checks.push(atLeast('log 1,000,000 values (two tags each) in batches of 1,000', Math.round(VALUES / totalS), 'values/s', MIN_VALUES_PER_S));

    // 30 days at one a minute, in its own series.
    for (let from = 0; from < POINTS; from += BATCH) {
      const body = batch('bench-model', 'latency', from, Math.min(BATCH, POINTS - from), 60_000);
      const response = await httpRequest(`${server.origin}/api/metricValues/v1`, { method: 'POST', headers, body, agent, timeoutMs: 60_000 });
      if (response.status !== 201) throw new MeasurementError(`POST /api/metricValues/v1 answered ${response.status}`);
    }
    const query = `startingReferenceTimestampInclusive=${new Date(START_MS).toISOString()}&endingReferenceTimestampInclusive=${new Date(START_MS + (POINTS - 1) * 60_000).toISOString()}`;
    const url = `${server.origin}/api/metricValues/v1/bench-model/latency?${query}`;
    const check = await httpRequest(url, { headers, agent, timeoutMs: 30_000 });
    const count = (JSON.parse(check.body) as { metricValues: unknown[] }).metricValues.length;
    if (count !== POINTS) throw new MeasurementError(`the retrieve answered ${count} points, not ${POINTS}`);
    const latencies = await sequentialLatencies(url, { 'X-Domino-Api-Key': adminKey }, SAMPLES);
    checks.push(atMost('retrieve 43,200 points (30 days at one a minute) p99', round1(percentile(latencies, 99)), 'ms', MAX_RETRIEVE_P99_MS));
    checks.push(info('answer size of that retrieve', Buffer.byteLength(check.body), 'bytes'));
    return { checks, details: { values: VALUES, batch: BATCH, loggingSeconds: round1(totalS), retrieveMedianMs: round1(percentile(latencies, 50)) } };
  } finally {
    agent.destroy();
    await server.process.stop();
  }
}

await runBenchmark('metrics', measure);
