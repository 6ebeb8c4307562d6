// How long `npm start` takes, with dependencies installed, until the dashboard is served: the
// dev server answers / with HTML and the /api proxy answers /api/users/v1/self (which needs the
// embedded Domino up and its key in place). Once on a fresh data dir (first start: migrations,
// admin key, demo workspace), then on the same, existing data dir.
import { performance } from 'node:perf_hooks';
import { atMost, bin, MeasurementError, freePort, httpGet, makeTempDir, median, pollUntil, productEnv, runBenchmark, spawnManaged, type Check } from './lib';

const FIRST_START_BUDGET_MS = 30_000;
const WARM_START_BUDGET_MS = 5_000;
const WARM_RUNS = 3;
const POLL_INTERVAL_MS = 50;

interface Launcher {
  label: string;
  command: string;
  args: string[];
}

// The same command `npm start` runs, without npm's own start-up in the measurement...
const TSX: Launcher = { label: 'tsx scripts/start.ts', command: bin('tsx'), args: ['scripts/start.ts'] };
// ...and `npm start` itself, once per case, for what a person actually types.
const NPM: Launcher = { label: 'npm start', command: 'npm', args: ['start'] };

interface StartRun {
  launcher: string;
  dataDir: 'fresh' | 'existing';
  elapsedMs: number;
  /** What start.ts itself printed ("ready in N ms"): from its first line of code, so without Node/tsx start-up. */
  selfReportedMs?: number;
  createdDemo: boolean;
}

/** "A served dashboard": the HTML page and, through the proxy without a key, the current user. */
async function dashboardServed(consolePort: number): Promise<boolean> {
  const page = await httpGet(`http://localhost:${consolePort}/`);
  if (page.status !== 200 || !String(page.headers['content-type']).includes('text/html') || !/<html/i.test(page.body)) return false;
  const self = await httpGet(`http://localhost:${consolePort}/api/users/v1/self`);
  return self.status === 200;
}

async function timeStart(launcher: Launcher, dataDir: string, kind: StartRun['dataDir'], timeoutMs: number): Promise<StartRun> {
  const dominoPort = await freePort();
  const consolePort = await freePort();
  const env = productEnv({
    DOMINO_DATA_DIR: dataDir,
    DOMINO_PORT: String(dominoPort),
    CONSOLE_PORT: String(consolePort),
    // npm would otherwise check the registry for its own update, in the timed window.
    npm_config_update_notifier: 'false',
  });
  const startedAt = performance.now();
  const proc = spawnManaged(launcher.command, launcher.args, { env });
  try {
    await pollUntil(`a served dashboard on port ${consolePort}`, () => dashboardServed(consolePort), {
      intervalMs: POLL_INTERVAL_MS,
      timeoutMs,
      process: proc,
    });
    const elapsedMs = Math.round(performance.now() - startedAt);
    // start.ts prints its line right after Vite listens; give stdout a moment to arrive.
    await pollUntil('the ready line', async () => /ready in \d+ ms/.test(proc.output()), { intervalMs: 20, timeoutMs: 2_000 }).catch(() => undefined);
    const selfReported = /Domino Console ready in (\d+) ms/.exec(proc.output())?.[1];
    const run: StartRun = {
      launcher: launcher.label,
      dataDir: kind,
      elapsedMs,
      selfReportedMs: selfReported === undefined ? undefined : Number(selfReported),
      createdDemo: proc.output().includes('Created the demo workspace.'),
    };
    console.log(`  ${launcher.label.padEnd(22)} ${kind.padEnd(8)} data dir: ${elapsedMs} ms (self-reported ${run.selfReportedMs ?? '?'} ms)`);
    // A first start that did not seed the demo, or a warm one that did, measured the wrong thing.
    if (run.createdDemo !== (kind === 'fresh'))
      throw new MeasurementError(
        `${launcher.label} on a ${kind} data dir ${run.createdDemo ? 'created' : 'did not create'} the demo workspace:\n${proc.output()}`,
      );
    return run;
  } finally {
    // Stopped before the next start: a previous instance must not hold the data dir or serve requests.
    await proc.stop();
  }
}

async function measure() {
  console.log('Start-up until the dashboard is served:');
  const dataDir = makeTempDir('start');
  const first = await timeStart(TSX, dataDir, 'fresh', 2 * FIRST_START_BUDGET_MS);
  const warm: StartRun[] = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push(await timeStart(TSX, dataDir, 'existing', 2 * FIRST_START_BUDGET_MS));

  // npm start on a data dir of its own, so its first start is a real first start too.
  const npmDataDir = makeTempDir('start-npm');
  const npmFirst = await timeStart(NPM, npmDataDir, 'fresh', 2 * FIRST_START_BUDGET_MS);
  const npmWarm = await timeStart(NPM, npmDataDir, 'existing', 2 * FIRST_START_BUDGET_MS);

  const warmTimes = warm.map((r) => r.elapsedMs);
  const checks: Check[] = [
    atMost('first start (fresh data dir)', first.elapsedMs, 'ms', FIRST_START_BUDGET_MS),
    atMost(`warm start, median of ${WARM_RUNS}`, median(warmTimes), 'ms', WARM_START_BUDGET_MS),
    atMost(`warm start, max of ${WARM_RUNS}`, Math.max(...warmTimes), 'ms', WARM_START_BUDGET_MS),
    atMost('npm start, first start', npmFirst.elapsedMs, 'ms', FIRST_START_BUDGET_MS, false),
    atMost('npm start, warm start', npmWarm.elapsedMs, 'ms', WARM_START_BUDGET_MS, false),
  ];
  return { checks, details: { pollIntervalMs: POLL_INTERVAL_MS, runs: [first, ...warm, npmFirst, npmWarm] } };
}

await runBenchmark('start-time', measure);
