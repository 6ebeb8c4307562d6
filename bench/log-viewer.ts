// The job log viewer in a real browser (Debian's Chromium driven by Playwright) against the
// production build served by `proxy/serve.ts` with the embedded Domino, on a fresh data dir:
//   (a) live tail: a job prints a line carrying its own wall-clock time every 100 ms for ~20 s;
//       the page records when each line's row is on screen: p95 of (visible − printed) ≤ 1.5 s;
//   (b) a finished 1,000,000-line log (some lines coloured, some on stderr): navigation start →
//       first row visible ≤ 2 s; once every line has loaded, 200 programmatic scroll jumps
//       (top, middle, end, random, wheel) with no long task over 100 ms; JS heap ≤ 400 MB.
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type Page } from '@playwright/test';
import {
  atMost,
  bin,
  httpRequest,
  info,
  makeTempDir,
  MeasurementError,
  percentile,
  pollUntil,
  round1,
  runBenchmark,
  runToCompletion,
  startConsole,
  type Check,
} from './lib';

const LATENCY_P95_BUDGET_MS = 1_500;
const FIRST_ROWS_BUDGET_MS = 2_000;
const LONG_TASK_BUDGET_MS = 100;
const HEAP_BUDGET_MB = 400;
const BIG_LINES = 1_000_000;
const TICK_SECONDS = 20;
const SCROLL_STEPS = 200;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// ~1 % of the lines carry ANSI colours (16, 256 and truecolour), 0.1 % go to stderr.
const BIG_SCRIPT = `import sys
out = sys.stdout.write
err = sys.stderr.write
for i in range(1, ${BIG_LINES} + 1):
    if i % 1000 == 0:
        err(f"warning {i}: retrying shard {i % 17} after a timeout\\n")
    elif i % 97 == 0:
        out(f"\\x1b[32mINFO\\x1b[0m step {i} \\x1b[1;31mloss\\x1b[0m=0.{i % 1000:03d} \\x1b[38;5;208mlr\\x1b[0m=3e-4 \\x1b[38;2;100;150;250mok\\x1b[0m\\n")
    else:
        out(f"line {i} epoch {i // 50000} batch {i % 50000} loss=0.{(i * 7919) % 100000:05d} lorem ipsum dolor sit amet\\n")
`;

const TICK_SCRIPT = `import sys, time
for i in range(1, ${TICK_SECONDS * 10} + 1):
    print(f"tick {i} printed-at {int(time.time() * 1000)}", flush=True)
    time.sleep(0.1)
`;

interface Server {
  consoleUrl: string;
  dominoUrl: string;
  api<T = any>(method: string, apiPath: string, body?: unknown, raw?: Buffer): Promise<T>;
}

async function startServer(): Promise<Server> {
  const dist = makeTempDir('log-viewer-dist');
  console.log('building the dashboard…');
  const build = await runToCompletion(bin('vite'), ['build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], { timeoutMs: 5 * 60_000 });
  if (build.code !== 0) throw new MeasurementError(`vite build failed:\n${build.output}`);

  const { consoleUrl, dominoUrl, adminKey } = await startConsole('log-viewer', { dist });
  return {
    consoleUrl,
    dominoUrl,
    async api(method, apiPath, body, raw) {
      const headers: Record<string, string> = { 'X-Domino-Api-Key': adminKey };
      let payload: Buffer | string | undefined;
      if (raw) {
        headers['content-type'] = 'application/octet-stream';
        payload = raw;
      } else if (body !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body);
      }
      const response = await httpRequest(`${dominoUrl}${apiPath}`, { method, headers, body: payload, timeoutMs: 60_000 });
      if (response.status < 200 || response.status > 299)
        throw new MeasurementError(`${method} ${apiPath} answered ${response.status}: ${response.body.slice(0, 300)}`);
      return response.body ? JSON.parse(response.body) : undefined;
    },
  };
}

async function startJob(server: Server, projectId: string, file: string, script: string, title: string): Promise<string> {
  const query = new URLSearchParams({ path: file, message: `bench: ${file}` });
  await server.api('PUT', `/api/embedded/v1/projects/${projectId}/files?${query}`, undefined, Buffer.from(script));
  const created = await server.api<{ job: { id: string } }>('POST', '/api/jobs/v1/jobs', { projectId, runCommand: file, title });
  return created.job.id;
}

async function waitForJob(server: Server, jobId: string, timeoutMs: number): Promise<string> {
  let status = '';
  await pollUntil(
    `job ${jobId} to finish`,
    async () => {
      const { job } = await server.api<{ job: { status: { executionStatus: string; isCompleted: boolean } } }>('GET', `/api/jobs/beta/jobs/${jobId}`);
      status = job.status.executionStatus;
      return job.status.isCompleted;
    },
    { intervalMs: 1_000, timeoutMs },
  );
  return status;
}

// Runs in the page before any of its scripts: records when each log row is first on screen
// (inside the log's scroll viewport, after the frame that painted it).
// (Plain JavaScript in a string: the tsx transform may add helpers a page does not have.)
const ROW_WATCHER = `(() => {
  const seen = new WeakSet();
  const pending = new Set();
  window.__rows = [];
  let looping = false;
  const visible = (row) => {
    const scroller = row.closest('.lv-scroller');
    if (!scroller || !row.isConnected) return false;
    const box = row.getBoundingClientRect();
    const frame = scroller.getBoundingClientRect();
    return box.height > 0 && box.bottom > frame.top && box.top < frame.bottom && (row.textContent || '').length > 0;
  };
  const check = () => {
    // After the frame is painted: rAF runs before paint, the task after it runs after.
    setTimeout(() => {
      const at = Date.now();
      const sinceNav = performance.now();
      for (const row of [...pending]) {
        if (!row.isConnected) pending.delete(row);
        else if (visible(row)) {
          pending.delete(row);
          if (window.__firstRowAt === undefined) window.__firstRowAt = sinceNav;
          window.__rows.push({ line: Number(row.dataset.line), text: row.textContent || '', at, sinceNav });
        }
      }
      if (pending.size > 0) requestAnimationFrame(check);
      else looping = false;
    }, 0);
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        // A row itself, or rows inside a subtree inserted at once (the first render).
        const rows = node.dataset.line ? [node] : node.querySelectorAll('[data-line]');
        for (const row of rows) {
          if (seen.has(row)) continue;
          seen.add(row);
          pending.add(row);
        }
      }
    }
    if (pending.size > 0 && !looping) {
      looping = true;
      requestAnimationFrame(check);
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  // The measurement costs the page some work: a benchmark that is done with it stops it.
  window.__stopWatching = () => observer.disconnect();
})();`;

async function newPage(browser: Browser): Promise<Page> {
  // A tall window: the log sits below the job's details, and must be on screen to be "visible".
  const context = await browser.newContext({ viewport: { width: 1280, height: 1600 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`console error: ${message.text()}`);
  });
  await page.addInitScript({ content: ROW_WATCHER });
  return page;
}

async function measureLiveLatency(browser: Browser, server: Server, projectId: string) {
  const jobId = await startJob(server, projectId, 'tick.py', TICK_SCRIPT, 'Bench: live tail');
  const page = await newPage(browser);
  await page.goto(`${server.consoleUrl}/jobs/${jobId}`);
  await page.locator('.lv-scroller').waitFor({ timeout: 30_000 });
  await page.locator('.lv-scroller').scrollIntoViewIfNeeded();
  const status = await waitForJob(server, jobId, 120_000);
  await sleep(2_000); // the last lines' polls
  const rows = await page.evaluate(() => (window as unknown as { __rows: Array<{ line: number; text: string; at: number }> }).__rows);
  await page.context().close();
  // A row scrolled away and back is a new element: each line counts when it was first on screen.
  const firstSeen = new Map<number, { line: number; text: string; at: number }>();
  for (const row of rows) if (!firstSeen.has(row.line) || firstSeen.get(row.line)!.at > row.at) firstSeen.set(row.line, row);
  const ticks = [...firstSeen.values()]
    .map((row) => ({ ...row, printed: Number(/printed-at (\d+)/.exec(row.text)?.[1]) }))
    .filter((row) => Number.isFinite(row.printed));
  if (ticks.length === 0) throw new MeasurementError('no tick line became visible');
  // Lines printed before the page was following (loaded with its first request) measure the page
  // load, not the tail: count from the first second after the first tick appeared.
  const followingSince = Math.min(...ticks.map((t) => t.at)) + 1_000;
  const live = ticks.filter((t) => t.printed >= followingSince);
  const latencies = live.map((t) => t.at - t.printed);
  if (latencies.length < 50) throw new MeasurementError(`only ${latencies.length} tick lines were seen live`);
  return {
    jobId,
    status,
    samples: latencies.length,
    seenTicks: ticks.length,
    p50: round1(percentile(latencies, 50)),
    p95: round1(percentile(latencies, 95)),
    max: round1(Math.max(...latencies)),
  };
}

interface ScrollResult {
  longTasks: number[];
  steps: number;
  missingRows: number;
  /** From the scroll to the second frame after it, per step: p95 and max. */
  stepP95Ms: number;
  stepMaxMs: number;
}

async function measureBigLog(browser: Browser, server: Server, jobId: string) {
  const page = await newPage(browser);
  const client = await page.context().newCDPSession(page);
  await client.send('Performance.enable');
  const startedAt = performance.now();
  await page.goto(`${server.consoleUrl}/jobs/${jobId}`);
  await page.waitForFunction(() => (window as unknown as { __firstRowAt?: number }).__firstRowAt !== undefined, undefined, { timeout: 30_000, polling: 50 });
  const firstRowMs = await page.evaluate(() => {
    const w = window as unknown as { __firstRowAt: number; __stopWatching: () => void };
    w.__stopWatching();
    return w.__firstRowAt;
  });
  console.log(`first row visible ${Math.round(firstRowMs)} ms after navigation start`);

  // The whole log in the store: the status strip says so.
  await page.waitForFunction(() => /1,000,0\d\d lines · Complete/.test(document.querySelector('.lv-root')?.textContent ?? ''), undefined, {
    timeout: 10 * 60_000,
    polling: 250,
  });
  const fullLoadMs = performance.now() - startedAt;
  const lineCount = await page.evaluate(() =>
    Number(/([\d,]+) lines · Complete/.exec(document.querySelector('.lv-root')?.textContent ?? '')?.[1]?.replace(/,/g, '')),
  );
  console.log(`${lineCount} lines loaded in ${Math.round(fullLoadMs)} ms`);
  await sleep(1_000);
  const metrics = (await client.send('Performance.getMetrics')).metrics;
  const heapMB = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN) / 1024 / 1024;
  await client.send('HeapProfiler.enable');
  await client.send('HeapProfiler.collectGarbage');
  const afterGc = (await client.send('Performance.getMetrics')).metrics;
  const heapAfterGcMB = (afterGc.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN) / 1024 / 1024;
  console.log(`JS heap ${round1(heapMB)} MB (${round1(heapAfterGcMB)} MB after a GC)`);

  // The scroll phase, on its own: long tasks are counted from here on (after a quiet second).
  await page.locator('.lv-scroller').scrollIntoViewIfNeeded();
  await sleep(1_000);
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  const scroller = page.locator('.lv-scroller');
  const box = (await scroller.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  let missingRows = 0;
  const stepTimes: number[] = [];
  const random = (() => {
    let state = 42;
    return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  })();
  for (let step = 0; step < SCROLL_STEPS; step++) {
    const stepStarted = await page.evaluate(() => performance.now());
    const kind = step % 5;
    if (kind === 4) {
      await page.mouse.wheel(0, step % 10 === 4 ? -1200 : 1200);
    } else {
      // 0: top, 1: middle, 2: end, 3: anywhere — as fractions of the scroll range.
      const fraction = kind === 0 ? step / SCROLL_STEPS / 4 : kind === 1 ? 0.5 + (step % 7) / 1000 : kind === 2 ? 1 : random();
      await page.evaluate((f) => {
        const el = document.querySelector<HTMLElement>('.lv-scroller')!;
        el.scrollTop = f * (el.scrollHeight - el.clientHeight);
      }, fraction);
    }
    // Two frames: the scroll event's render and its paint.
    const [rendered, stepEnded] = await page.evaluate(
      () =>
        new Promise<[number, number]>((resolve) =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              const el = document.querySelector<HTMLElement>('.lv-scroller')!;
              const frame = el.getBoundingClientRect();
              const rows = [...el.querySelectorAll<HTMLElement>('[data-line]')].filter((row) => {
                const r = row.getBoundingClientRect();
                return r.bottom > frame.top && r.top < frame.bottom;
              });
              resolve([rows.length, performance.now()]);
            }),
          ),
        ),
    );
    if (rendered === 0) missingRows++;
    stepTimes.push(stepEnded - stepStarted);
  }
  await sleep(500);
  const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  const scroll: ScrollResult = {
    longTasks: longTasks.map(round1),
    steps: SCROLL_STEPS,
    missingRows,
    stepP95Ms: round1(percentile(stepTimes, 95)),
    stepMaxMs: round1(Math.max(...stepTimes)),
  };

  // For information: a search over the whole log, until its count is final.
  const searchStarted = performance.now();
  await page.getByRole('searchbox', { name: 'Search the log' }).fill('retrying shard 3');
  await page.waitForFunction(
    () => /^\d[\d,]* of [\d,]+$/.test(document.querySelector('[role="search"] [aria-live="polite"]')?.textContent?.trim() ?? ''),
    undefined,
    {
      timeout: 120_000,
      polling: 50,
    },
  );
  const searchMs = performance.now() - searchStarted;
  const searchCount = await page.evaluate(() => document.querySelector('[role="search"] [aria-live="polite"]')?.textContent?.trim());
  console.log(`search over the whole log: "${searchCount}" in ${Math.round(searchMs)} ms`);
  await page.context().close();
  return {
    firstRowMs: round1(firstRowMs),
    fullLoadMs: Math.round(fullLoadMs),
    lineCount,
    heapMB: round1(heapMB),
    heapAfterGcMB: round1(heapAfterGcMB),
    scroll,
    searchMs: Math.round(searchMs),
    searchCount,
  };
}

await runBenchmark('log-viewer', async () => {
  if (!fs.existsSync(CHROMIUM)) throw new MeasurementError(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const server = await startServer();
  const { project } = await server.api<{ project: { id: string } }>('POST', '/api/projects/beta/projects', {
    name: `log-bench-${Date.now()}`,
    description: '',
    visibility: 'private',
  });

  console.log(`running a job that prints ${BIG_LINES.toLocaleString('en-US')} lines…`);
  const bigJobId = await startJob(server, project.id, 'big.py', BIG_SCRIPT, 'Bench: a million lines');
  const bigStatus = await waitForJob(server, bigJobId, 10 * 60_000);
  if (bigStatus !== 'Succeeded') throw new MeasurementError(`the 1,000,000-line job ended ${bigStatus}`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--enable-precise-memory-info',
    ],
  });
  try {
    console.log('(a) live tail latency…');
    const live = await measureLiveLatency(browser, server, project.id);
    console.log(`p50 ${live.p50} ms, p95 ${live.p95} ms, max ${live.max} ms over ${live.samples} lines`);
    console.log('(b) a finished 1,000,000-line log…');
    const big = await measureBigLog(browser, server, bigJobId);
    const maxLongTask = big.scroll.longTasks.length > 0 ? Math.max(...big.scroll.longTasks) : 0;
    const checks: Check[] = [
      atMost('live line → visible, p95', live.p95, 'ms', LATENCY_P95_BUDGET_MS),
      info('live line → visible, p50', live.p50, 'ms'),
      atMost('1M-line log: first rows visible', big.firstRowMs, 'ms', FIRST_ROWS_BUDGET_MS),
      // The longtask API reports tasks over 50 ms only: 0 means none was that long.
      atMost('1M-line log: longest task while scrolling', maxLongTask, 'ms', LONG_TASK_BUDGET_MS),
      info('1M-line log: scroll step to its second frame, p95', big.scroll.stepP95Ms, 'ms'),
      atMost('1M-line log: steps with no row on screen', big.scroll.missingRows, 'count', 0),
      atMost('1M-line log: JS heap after loading', big.heapMB, 'MB', HEAP_BUDGET_MB),
      info('1M-line log: JS heap after a GC', big.heapAfterGcMB, 'MB'),
      info('1M-line log: every line loaded', big.fullLoadMs, 'ms'),
      info('1M-line log: search the whole log', big.searchMs, 'ms'),
    ];
    return { checks, details: { live, big, bigJobId } };
  } finally {
    await browser.close();
  }
});
