// What a session costs a proxied request: the same GET /api/users/v1/self through `npm run serve`
// (its own process, the embedded Domino inside it, as in production), once with no session (the
// console's configured key acts, single-user) and once with a session cookie (sign-in with the
// same key), interleaved ABBA on one keep-alive connection each so drift hits both alike. The
// difference of the two p99s is the session's cost: cookie parse, SHA-256 of the id, the map
// lookup and the idle-limit touch. Budget: ≤ 1 ms at p99.
import http from 'node:http';
import os from 'node:os';
import { atMost, httpRequest, info, MeasurementError, median, percentile, round1, runBenchmark, startConsole, type Check } from './lib';

const WARM_UP_ROUNDS = 500;
const ROUNDS = 4_000;
const MAX_P99_OVERHEAD_MS = 1;

async function timedGet(url: string, agent: http.Agent, headers: Record<string, string>): Promise<number> {
  const startedAt = performance.now();
  const response = await httpRequest(url, { agent, headers });
  const ms = performance.now() - startedAt;
  if (response.status !== 200) throw new MeasurementError(`GET ${url} answered ${response.status}: ${response.body.slice(0, 200)}`);
  return ms;
}

async function measure() {
  // serve.ts with a stub build: this measures /api only.
  const { consoleUrl: origin, adminKey, process: serve } = await startConsole('session-lookup', { stdout: 'ignore' });
  try {
    const signedIn = await httpRequest(`${origin}/console/api/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ credential: adminKey }),
    });
    const cookie = signedIn.headers['set-cookie']?.[0]?.split(';')[0];
    if (signedIn.status !== 200 || !cookie) throw new MeasurementError(`sign-in answered ${signedIn.status}: ${signedIn.body.slice(0, 200)}`);

    const url = `${origin}/api/users/v1/self`;
    const plain = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const withCookie = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const withoutSession = () => timedGet(url, plain, {});
    const withSession = () => timedGet(url, withCookie, { cookie });
    for (let i = 0; i < WARM_UP_ROUNDS; i++) {
      await withoutSession();
      await withSession();
    }
    const loadAverage = os.loadavg()[0]!;
    const without: number[] = [];
    const withIt: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // ABBA: each kind goes first half the time.
      if (i % 2 === 0) {
        without.push(await withoutSession());
        withIt.push(await withSession());
      } else {
        withIt.push(await withSession());
        without.push(await withoutSession());
      }
    }
    plain.destroy();
    withCookie.destroy();
    if (serve.hasExited()) throw new MeasurementError(`the server exited during the run:\n${serve.output()}`);

    const figures = {
      loadAverage1m: loadAverage,
      rounds: ROUNDS,
      withoutSessionMs: { p50: round1(median(without)), p99: round1(percentile(without, 99)) },
      withSessionMs: { p50: round1(median(withIt)), p99: round1(percentile(withIt, 99)) },
    };
    const overheadP99 = round1(percentile(withIt, 99) - percentile(without, 99));
    const overheadP50 = round1(median(withIt) - median(without));
    console.log(
      `${ROUNDS} rounds: without a session p50 ${figures.withoutSessionMs.p50} ms, p99 ${figures.withoutSessionMs.p99} ms; ` +
        `with a session p50 ${figures.withSessionMs.p50} ms, p99 ${figures.withSessionMs.p99} ms (load ${loadAverage.toFixed(2)})`,
    );
    const checks: Check[] = [
      atMost('session lookup overhead at p99', overheadP99, 'ms', MAX_P99_OVERHEAD_MS),
      info('session lookup overhead at p50', overheadP50, 'ms'),
      info('proxied request with a session, p99', figures.withSessionMs.p99, 'ms'),
      info('proxied request without a session, p99', figures.withoutSessionMs.p99, 'ms'),
    ];
    return { checks, details: { ...figures, overheadP99Ms: overheadP99, overheadP50Ms: overheadP50 } };
  } finally {
    await serve.stop();
  }
}

await runBenchmark('session-lookup', measure);
