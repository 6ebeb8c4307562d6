// `npm run bench`: every benchmark, one after another, each in its own process so a failure in one
// does not stop the others (and none measures while another runs: there are only 2 cores).
// Prints a table against the budgets, writes bench/results/latest.json (committed: the record of
// the last run) and exits non-zero if a budget is missed or a benchmark could not measure.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { bin, formatBudget, formatValue, RESULTS_DIR, ROOT, verdict, type BenchReport } from './lib';

const BENCHMARKS = [
  { name: 'bundle-size', timeoutMs: 10 * 60_000 },
  { name: 'start-time', timeoutMs: 10 * 60_000 },
  { name: 'self-throughput', timeoutMs: 5 * 60_000 },
  { name: 'projects-list', timeoutMs: 5 * 60_000 },
  { name: 'file-stream', timeoutMs: 5 * 60_000 },
  { name: 'jobs-list', timeoutMs: 20 * 60_000 },
  { name: 'jobs-across-projects', timeoutMs: 15 * 60_000 },
  { name: 'datasets', timeoutMs: 15 * 60_000 },
  { name: 'dataset-upload', timeoutMs: 10 * 60_000 },
  { name: 'registry-list', timeoutMs: 5 * 60_000 },
  { name: 'async-predictions', timeoutMs: 10 * 60_000 },
  { name: 'metrics', timeoutMs: 10 * 60_000 },
  { name: 'cost-allocation', timeoutMs: 20 * 60_000 },
  { name: 'log-throughput', timeoutMs: 5 * 60_000 },
  { name: 'api-under-job-load', timeoutMs: 10 * 60_000 },
  { name: 'sandbox-overhead', timeoutMs: 5 * 60_000 },
  { name: 'session-lookup', timeoutMs: 5 * 60_000 },
  { name: 'log-viewer', timeoutMs: 20 * 60_000 },
  { name: 'metric-chart', timeoutMs: 10 * 60_000 },
  { name: 'cost-page-render', timeoutMs: 10 * 60_000 },
] as const;

let current: ReturnType<typeof spawn> | undefined;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  // The running benchmark cleans up its own servers on a signal; pass a non-terminal one on.
  process.on(signal, () => {
    current?.kill(signal);
    process.exitCode = 130;
  });
}

async function runOne(name: string, timeoutMs: number): Promise<BenchReport> {
  const resultFile = path.join(RESULTS_DIR, `${name}.tmp`);
  fs.rmSync(resultFile, { force: true });
  console.log(`\n▶ ${name}`);
  const startedAt = performance.now();
  const child = spawn(bin('tsx'), [path.join('bench', `${name}.ts`)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, BENCH_RESULT_FILE: resultFile },
  });
  current = child;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  const timer = setTimeout(() => {
    console.error(`${name} exceeded ${timeoutMs} ms: stopping it`);
    child.kill('SIGTERM'); // it cleans up on SIGTERM...
    void sleep(15_000).then(() => child.exitCode === null && child.kill('SIGKILL')); // ...or is made to stop
  }, timeoutMs);
  const code = await exited;
  clearTimeout(timer);
  current = undefined;

  try {
    const report = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as BenchReport;
    fs.rmSync(resultFile, { force: true });
    return report;
  } catch {
    return {
      benchmark: name,
      ok: false,
      checks: [],
      details: null,
      error: `exited with ${code ?? 'a signal'} without writing a result`,
      durationMs: Math.round(performance.now() - startedAt),
    };
  }
}

function printTable(reports: BenchReport[]): void {
  const rows: string[][] = [['benchmark', 'measured', 'budget', 'result']];
  for (const report of reports) {
    for (const check of report.checks) {
      rows.push([`${report.benchmark}: ${check.name}`, formatValue(check.measured, check.unit), formatBudget(check), verdict(check)]);
    }
    if (report.error) rows.push([report.benchmark, 'ERROR', '—', 'FAIL']);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ');
  console.log(`\n${line(rows[0]!)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows.slice(1)) console.log(line(row));
  console.log('(result in parentheses: reported against the budget for information, does not fail the run)');
  for (const report of reports) {
    if (report.error) console.log(`\n${report.benchmark} could not measure: ${report.error.split('\n')[0]}`);
  }
}

const reports: BenchReport[] = [];
for (const { name, timeoutMs } of BENCHMARKS) {
  if (process.exitCode === 130) break; // interrupted: do not start the next one
  reports.push(await runOne(name, timeoutMs));
}

printTable(reports);
if (process.exitCode === 130) {
  console.log('\nInterrupted: bench/results/latest.json left as it was.');
  process.exit(130);
}
const ok = reports.length === BENCHMARKS.length && reports.every((r) => r.ok);
const cpus = os.cpus();
const record = {
  date: new Date().toISOString(),
  ok,
  machine: {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
  },
  reports,
};
fs.mkdirSync(RESULTS_DIR, { recursive: true });
// Written whole or not at all: a crash mid-write must not leave a half file to be committed.
const latest = path.join(RESULTS_DIR, 'latest.json');
fs.writeFileSync(`${latest}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
fs.renameSync(`${latest}.tmp`, latest);
console.log(`\n${ok ? 'All budgets met' : 'Budget missed or benchmark failed'}; wrote ${path.relative(ROOT, latest)}`);
process.exit(ok ? 0 : 1);
