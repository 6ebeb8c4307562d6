// The cost page's render in a real browser (Debian's Chromium driven by Playwright) against the
// production build served by `proxy/serve.ts`: the by-project allocation answer — 15 projects
// (top 10 + Other), idle, 30 daily sets, the spec's flat list with every field — is served by the
// browser's request routing (the server's own speed has its own budgets), held back until the page
// and Recharts have loaded, so what is measured is the render alone: from the answer's last byte
// (its resource timing's responseEnd) to the frame with the chart and the table painted
// (`cost-chart:painted`), and the longest main-thread task in between (Long Tasks API).
import fs from 'node:fs';
import { chromium } from '@playwright/test';
import { atMost, bin, info, makeTempDir, MeasurementError, percentile, round1, runBenchmark, runToCompletion, startConsole, type Check } from './lib';

const RENDER_P99_BUDGET_MS = 300;
const LONG_TASK_BUDGET_MS = 100;
const DRAWS = Number(process.env.DRAWS ?? 15);
const PROJECTS = 15;
const DAYS = 30;
const HOLD_MS = 2_000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DAY_MS = 24 * 3600 * 1000;

/** 30 days × 15 projects + idle, as the embedded Domino answers them. */
function allocationAnswer(now: number): string {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const data = [];
  let seed = 11;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let d = DAYS - 1; d >= 0; d--) {
    const start = today - d * DAY_MS;
    const window = { start: new Date(start).toISOString(), end: new Date(Math.min(start + DAY_MS, now)).toISOString(), minutes: 1440 };
    for (let p = 0; p < PROJECTS + 1; p++) {
      const idle = p === PROJECTS;
      const scale = idle ? 40 : 100 / (p + 1);
      const cpu = scale * (0.5 + random());
      const gpu = p % 3 === 0 ? scale * random() : 0;
      const ram = scale * 0.4 * random();
      const name = idle ? '__idle__' : `project-${String(p).padStart(2, '0')}`;
      data.push({
        name,
        window,
        labels: idle ? {} : { project_id: (p + 1).toString(16).padStart(24, '0'), project_name: name },
        cpuCoreHours: cpu * 4,
        cpuCoreRequestAverage: 2,
        cpuCoreUsageAverage: 1,
        cpuCores: 2,
        cpuCost: cpu,
        cpuCostAdjustment: 0,
        cpuEfficincy: 0.5,
        cpuEfficiency: 0.5,
        discount: 0,
        gpuCount: gpu > 0 ? 1 : 0,
        gpuHours: gpu,
        gpucost: gpu,
        gpuCost: gpu,
        gpucostAdjustment: 0,
        gpuCostAdjustment: 0,
        loadBalancerCost: 0,
        loadBalancerCostAdjustment: 0,
        pv: { pvByteHours: 0, pvBytes: 0, pvCost: 0, pvCostAdjustment: 0 },
        ramCost: ram,
        ramCostAdjustment: 0,
        totalCost: cpu + gpu + ram,
      });
    }
  }
  return JSON.stringify({ data });
}

/** The same allocations as one set for the window: a line a project, amounts summed. */
function accumulatedAnswer(daily: string): string {
  const { data } = JSON.parse(daily) as { data: Array<Record<string, unknown> & { name: string }> };
  const byName = new Map<string, Record<string, unknown>>();
  for (const entry of data) {
    const sum = byName.get(entry.name);
    if (!sum) byName.set(entry.name, { ...entry });
    else for (const [key, value] of Object.entries(entry)) if (typeof value === 'number') sum[key] = (sum[key] as number) + value;
  }
  return JSON.stringify({ data: [...byName.values()] });
}

await runBenchmark('cost-page-render', async () => {
  if (!fs.existsSync(CHROMIUM)) throw new MeasurementError(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const dist = makeTempDir('cost-page-dist');
  console.log('building the dashboard…');
  const build = await runToCompletion(bin('vite'), ['build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], { timeoutMs: 5 * 60_000 });
  if (build.code !== 0) throw new MeasurementError(`vite build failed:\n${build.output}`);
  const { consoleUrl } = await startConsole('cost-page-render', { dist });
  const body = allocationAnswer(Date.now());
  const oneSet = accumulatedAnswer(body);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.route('**/api/cost/v1/allocation?**', async (route) => {
      // Held back so the page's chunks and Recharts are in before the answer: the render alone is measured.
      await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
      // The filter's list of names asks for the window as one set (accumulate=true).
      const accumulated = new URL(route.request().url()).searchParams.get('accumulate') === 'true';
      await route.fulfill({ status: 200, contentType: 'application/json', body: accumulated ? oneSet : body });
    });
    await page.addInitScript(() => {
      const tasks: { start: number; duration: number }[] = [];
      (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push({ start: entry.startTime, duration: entry.duration }))).observe({
        type: 'longtask',
        buffered: true,
      });
    });

    const renders: number[] = [];
    const longest: number[] = [];
    for (let i = 0; i < DRAWS + 1; i++) {
      await page.goto(`${consoleUrl}/cost?window=30d`);
      await page.getByRole('table', { name: /^Cost by project, USD/ }).waitFor({ timeout: 60_000 });
      await page.waitForFunction(() => performance.getEntriesByName('cost-chart:painted').length > 0, undefined, { timeout: 30_000 });
      const measured = await page.evaluate(() => {
        const answer = performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.includes('/api/cost/v1/allocation') && entry.name.includes('idle=true'))
          .at(-1) as PerformanceResourceTiming | undefined;
        const painted = performance.getEntriesByName('cost-chart:painted').at(-1)!;
        if (!answer) return undefined;
        const tasks = (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks;
        const during = tasks.filter((task) => task.start + task.duration > answer.responseEnd && task.start < painted.startTime);
        return { render: painted.startTime - answer.responseEnd, longest: Math.max(0, ...during.map((task) => task.duration)) };
      });
      if (!measured) throw new MeasurementError('no resource timing for the allocation answer');
      // The first load warms the browser's cache of the chunks; it is reported, not counted.
      if (i === 0) {
        console.log(`first render ${round1(measured.render)} ms (longest task ${round1(measured.longest)} ms)`);
        continue;
      }
      renders.push(measured.render);
      longest.push(measured.longest);
    }
    const p50 = round1(percentile(renders, 50));
    const p99 = round1(percentile(renders, 99));
    const worstTask = round1(Math.max(...longest));
    console.log(`renders: p50 ${p50} ms, p99 ${p99} ms, max ${round1(Math.max(...renders))} ms over ${DRAWS}; longest task ${worstTask} ms`);
    const checks: Check[] = [
      atMost('by-project answer (top 10 + Other, 30 steps, table): answer in → painted, p99', p99, 'ms', RENDER_P99_BUDGET_MS),
      info('answer in → painted, p50', p50, 'ms'),
      atMost('longest main-thread task while rendering', worstTask, 'ms', LONG_TASK_BUDGET_MS),
    ];
    return { checks, details: { renders: renders.map(round1), longestTasks: longest.map(round1) } };
  } finally {
    await browser.close();
  }
});
