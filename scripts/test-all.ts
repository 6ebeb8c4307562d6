// `npm test`: every check — types, lint, unit + API (vitest), the production build, browser
// (Playwright in Chromium) — then one closing line "N passed, N failed" for CI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sandboxStatus } from '../server/jobs/sandbox';

// Jobs run in the bubblewrap sandbox, and many tests run jobs: without it, say so at once.
const sandbox = sandboxStatus();
if (sandbox.mode !== 'bwrap') {
  console.error(`The job sandbox is not available here, so the tests cannot run.\n${sandbox.hint ?? ''}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const REPORTS = path.resolve('.tmp/test-reports');
fs.rmSync(REPORTS, { recursive: true, force: true });
fs.mkdirSync(REPORTS, { recursive: true });

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const summary: string[] = [];

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function count(label: string, tally: Tally) {
  total.passed += tally.passed;
  total.failed += tally.failed;
  total.skipped += tally.skipped;
  summary.push(`${label}: ${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}`);
}

/** A check that is one step: it passes or fails as a whole. */
function step(label: string, command: string, args: string[]) {
  const ok = run(label, command, args);
  count(label, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
  return ok;
}

const bin = (name: string) => path.resolve('node_modules/.bin', name);

step('types', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
step('lint', bin('eslint'), ['.', '--max-warnings=0']);
step('format', bin('prettier'), ['--check', '--log-level', 'warn', '**/*.{ts,tsx,js,mjs,css,json}']);

{
  const output = path.join(REPORTS, 'vitest.json');
  const ok = run('unit and API tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${output}`]);
  if (fs.existsSync(output)) {
    const report = JSON.parse(fs.readFileSync(output, 'utf8'));
    count('unit and API tests', {
      passed: report.numPassedTests,
      failed: report.numFailedTests + (ok || report.numFailedTests > 0 ? 0 : 1),
      skipped: report.numPendingTests + report.numTodoTests,
    });
  } else count('unit and API tests', { passed: 0, failed: 1, skipped: 0 });
}

const built = step('build', bin('vite'), ['build', '--logLevel', 'warn']);

if (built) {
  const output = path.join(REPORTS, 'playwright.json');
  const ok = run('browser tests', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: output });
  if (fs.existsSync(output)) {
    const stats = JSON.parse(fs.readFileSync(output, 'utf8')).stats;
    const errors = JSON.parse(fs.readFileSync(output, 'utf8')).errors?.length ?? 0;
    count('browser tests', {
      passed: stats.expected + stats.flaky,
      failed: stats.unexpected + errors + (ok || stats.unexpected + errors > 0 ? 0 : 1),
      skipped: stats.skipped,
    });
  } else count('browser tests', { passed: 0, failed: 1, skipped: 0 });
} else count('browser tests (not run: the build failed)', { passed: 0, failed: 1, skipped: 0 });

console.log(`\n${summary.join('\n')}`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 ? 1 : 0);
