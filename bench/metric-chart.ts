// The monitoring chart in a real browser (Debian's Chromium driven by Playwright) against the
// production build served by `proxy/serve.ts` with the embedded Domino, on a fresh data dir:
// 30 days of one metric at one value a minute (43,200 values, two tags each, some outside the
// target range) are logged through the API; the monitoring page then draws them — downsampled to
// two points a pixel column with the extremes kept — and the page's own performance measure
// (`metric-chart-draw`: the chart has the values in hand → the frame with the chart is painted)
// is read for each draw. The first draw follows the fetch; the repeated ones remount the chart
// from the cache (Table → Chart), so each pays the downsampling, Recharts and the paint again.
import fs from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import {
  atMost,
  bin,
  httpRequest,
  info,
  makeTempDir,
  MeasurementError,
  percentile,
  round1,
  runBenchmark,
  runToCompletion,
  startConsole,
  type Check,
} from './lib';

const DRAW_P99_BUDGET_MS = 200;
const VALUES = 43_200;
const BATCH = 1_000;
const DRAWS = Number(process.env.DRAWS ?? 30);
const MODEL = 'bench-chart-model';
const METRIC = 'latency_ms';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MINUTE_MS = 60_000;

async function drawMeasures(page: Page): Promise<number[]> {
  return page.evaluate(() => performance.getEntriesByName('metric-chart-draw').map((entry) => entry.duration));
}

async function waitForDraws(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => performance.getEntriesByName('metric-chart-draw').length >= n, count, { timeout: 30_000 });
}

await runBenchmark('metric-chart', async () => {
  if (!fs.existsSync(CHROMIUM)) throw new MeasurementError(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const dist = makeTempDir('metric-chart-dist');
  console.log('building the dashboard…');
  const build = await runToCompletion(bin('vite'), ['build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], { timeoutMs: 5 * 60_000 });
  if (build.code !== 0) throw new MeasurementError(`vite build failed:\n${build.output}`);
  const { consoleUrl, dominoUrl, adminKey } = await startConsole('metric-chart', { dist });

  console.log(`logging ${VALUES.toLocaleString('en-US')} values (one a minute for 30 days)…`);
  // A daily cycle with noise (deterministic), a spike and a dip the downsampling must keep.
  const end = Date.UTC(2026, 10, 30);
  const start = end - (VALUES - 1) * MINUTE_MS;
  let seed = 7;
  const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 10;
  for (let offset = 0; offset < VALUES; offset += BATCH) {
    const newMetricValues = [];
    for (let i = offset; i < Math.min(VALUES, offset + BATCH); i++) {
      const value = i === 12_345 ? 900 : i === 30_001 ? 1 : 120 + 40 * Math.sin((i / 1440) * 2 * Math.PI) + noise();
      newMetricValues.push({
        modelMonitoringId: MODEL,
        metric: METRIC,
        value: Math.round(value * 100) / 100,
        referenceTimestamp: new Date(start + i * MINUTE_MS).toISOString(),
        tags: [
          { key: 'region', value: 'eu-west' },
          { key: 'replica', value: String(i % 3) },
        ],
      });
    }
    const response = await httpRequest(`${dominoUrl}/api/metricValues/v1`, {
      method: 'POST',
      headers: { 'X-Domino-Api-Key': adminKey, 'content-type': 'application/json' },
      body: JSON.stringify({ newMetricValues }),
      timeoutMs: 60_000,
    });
    if (response.status !== 201) throw new MeasurementError(`logging values answered ${response.status}: ${response.body.slice(0, 300)}`);
  }
  const range = await httpRequest(`${dominoUrl}/api/embedded/v1/monitoring/models/${MODEL}/metrics/${METRIC}/range`, {
    method: 'PUT',
    headers: { 'X-Domino-Api-Key': adminKey, 'content-type': 'application/json' },
    body: JSON.stringify({ condition: 'lessThan', upperLimit: 155 }),
    timeoutMs: 60_000,
  });
  if (range.status !== 200) throw new MeasurementError(`setting the range answered ${range.status}: ${range.body.slice(0, 300)}`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${consoleUrl}/monitoring?model=${MODEL}&metric=${METRIC}`);
    const chart = page.getByRole('img', { name: new RegExp(`^${METRIC}: 43,200 values`) });
    await chart.waitFor({ timeout: 60_000 });
    await waitForDraws(page, 1);
    const [first] = await drawMeasures(page);
    const label = (await chart.getAttribute('aria-label')) ?? '';
    const drawnPoints = Number(/drawn as ([\d,]+) points/.exec(label)?.[1]?.replaceAll(',', '') ?? NaN);
    const kept = await page.evaluate(() =>
      Number(document.querySelector('[data-testid="metric-chart"] .metric-out-of-range')?.getAttribute('data-count') ?? 0),
    );
    console.log(`first draw ${round1(first!)} ms; ${drawnPoints} points drawn, ${kept} out-of-range markers`);

    const draws: number[] = [];
    for (let i = 0; i < DRAWS; i++) {
      await page.evaluate(() => performance.clearMeasures('metric-chart-draw'));
      await page.getByRole('button', { name: 'Table' }).click();
      await page.getByRole('table', { name: `Values of ${METRIC}, newest first` }).waitFor();
      await page.getByRole('button', { name: 'Chart' }).click();
      await waitForDraws(page, 1);
      const [duration] = await drawMeasures(page);
      draws.push(duration!);
    }
    const p50 = round1(percentile(draws, 50));
    const p99 = round1(percentile(draws, 99));
    console.log(`redraws: p50 ${p50} ms, p99 ${p99} ms, max ${round1(Math.max(...draws))} ms over ${DRAWS}`);
    const checks: Check[] = [
      atMost('43,200 values: data in hand → chart painted, p99', p99, 'ms', DRAW_P99_BUDGET_MS),
      info('43,200 values: data in hand → chart painted, p50', p50, 'ms'),
      info('first draw (after the fetch)', round1(first!), 'ms'),
      atMost('points drawn (2 a pixel column at most)', drawnPoints, 'count', 2 * 1280 + 2),
    ];
    return { checks, details: { draws: draws.map(round1), first: round1(first!), drawnPoints, outOfRangeMarkers: kept } };
  } finally {
    await browser.close();
  }
});
