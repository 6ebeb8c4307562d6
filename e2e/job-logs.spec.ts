// The job log viewer against the real server: a live tail that follows, pauses when the reader
// scrolls up and jumps back; and on a finished log, search over the whole log, a permalink,
// the raw download, the stream selector and an axe scan.
import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { uniqueProjectName, type DominoApi } from './api-client';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

// The demo's live jobs occupy the Small tier and the jobs spec uses Medium: run on Large.
const TIER = 'large-k8s';

/** A job that prints 300 lines at once, then a line every 100 ms (every 5th on stderr). */
const STEADY_SCRIPT = `import sys, time
for i in range(1, 301):
    print(f"warm-up line {i}", flush=True)
for i in range(1, 1200):
    if i % 5 == 0:
        print(f"\\x1b[33mtick {i} on stderr\\x1b[0m", file=sys.stderr, flush=True)
    else:
        print(f"tick {i}", flush=True)
    time.sleep(0.1)
`;

/** A finished log longer than any screen: coloured lines, stderr lines, two needles far apart. */
const FINITE_SCRIPT = `import sys
for i in range(1, 3001):
    if i == 40 or i == 2600:
        print(f"needle found at {i}")
    elif i % 100 == 0:
        print(f"problem {i}", file=sys.stderr)
    elif i % 7 == 0:
        print(f"\\x1b[1;32mgreen {i}\\x1b[0m and plain")
    else:
        print(f"line {i}")
`;

async function createProject(api: DominoApi): Promise<string> {
  const project = await api.createProject({ name: uniqueProjectName('log-viewer'), description: 'made by the job logs spec' });
  return project.id;
}

/** Commits the script and runs it. */
async function startJob(api: DominoApi, projectId: string, file: string, script: string): Promise<string> {
  await api.putFile(projectId, file, script);
  const job = await api.startJob({ projectId, runCommand: file, title: `Logs: ${file}`, hardwareTier: TIER });
  return job.id;
}

function logArea(page: Page): Locator {
  return page.getByRole('region', { name: 'Log output' });
}

/** The number of lines the viewer has, from its status strip ("1,234 lines · Live"). */
async function lineCount(page: Page): Promise<number> {
  const text =
    (await page
      .locator('.lv-root')
      .getByText(/ lines? · /)
      .textContent()) ?? '';
  return Number(/([\d,]+) lines? ·/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
}

async function distanceFromBottom(log: Locator): Promise<number> {
  return log.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop);
}

test.describe('job logs', () => {
  test.describe.configure({ timeout: 90_000 });

  test('a live log follows new lines, pauses when scrolled up, and jumps back to the latest', async ({ page, api }) => {
    const projectId = await createProject(api);
    const jobId = await startJob(api, projectId, 'steady.py', STEADY_SCRIPT);
    try {
      await page.goto(`/jobs/${jobId}`);
      const log = logArea(page);
      await expect(log.getByText(/^tick \d+$/).first()).toBeVisible({ timeout: 30_000 });
      const follow = page.getByRole('button', { name: 'Follow' });
      await expect(follow).toHaveAttribute('aria-pressed', 'true');

      // Lines keep arriving, and the view stays at the end.
      const before = await lineCount(page);
      await expect.poll(() => lineCount(page), { timeout: 10_000 }).toBeGreaterThan(before + 5);
      await expect.poll(() => distanceFromBottom(log)).toBeLessThan(5);
      await expect(log.locator('[data-type="stderr"]').first()).toBeVisible();

      // The reader scrolls up: following pauses, and new lines are counted, not scrolled to.
      await log.hover();
      await page.mouse.wheel(0, -1500);
      await expect(follow).toHaveAttribute('aria-pressed', 'false');
      const jump = page.getByRole('button', { name: /new lines? — jump to latest/ });
      await expect(jump).toBeVisible({ timeout: 10_000 });
      expect(await distanceFromBottom(log)).toBeGreaterThan(100);

      await jump.click();
      await expect(follow).toHaveAttribute('aria-pressed', 'true');
      await expect(jump).toBeHidden();
      await expect.poll(() => distanceFromBottom(log)).toBeLessThan(5);
      // And it keeps following what comes next.
      const resumed = await lineCount(page);
      await expect.poll(() => lineCount(page), { timeout: 10_000 }).toBeGreaterThan(resumed + 3);
      await expect.poll(() => distanceFromBottom(log)).toBeLessThan(5);

      // Keyboard: the log is a tab stop; Home goes to the top (pausing), End back to following.
      await log.focus();
      await page.keyboard.press('Home');
      await expect(follow).toHaveAttribute('aria-pressed', 'false');
      await expect(log.locator('[data-line="1"]')).toBeVisible();
      await page.keyboard.press('End');
      await expect(follow).toHaveAttribute('aria-pressed', 'true');
      await expectNoSeriousA11yViolations(page);
    } finally {
      await api.call('POST', `/api/embedded/v1/jobs/${jobId}/stop`).catch(() => undefined);
    }
  });

  test('a finished log: permalink, search over the whole log, download, stream selector', async ({ page, api }) => {
    const projectId = await createProject(api);
    const jobId = await startJob(api, projectId, 'finite.py', FINITE_SCRIPT);
    await expect
      .poll(async () => (await api.call<{ job: { status: { isCompleted: boolean } } }>('GET', `/api/jobs/beta/jobs/${jobId}`)).job.status.isCompleted, {
        timeout: 30_000,
      })
      .toBe(true);

    // A permalink opens on its line, highlighted, once that line has arrived.
    await page.goto(`/jobs/${jobId}#L5`);
    const log = logArea(page);
    const line5 = log.locator('[data-line="5"]');
    await expect(line5).toBeVisible();
    await expect(line5).toHaveAttribute('aria-current', 'location');
    await expect(page.locator('.lv-root').getByText(/lines · Complete/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Follow' })).toHaveAttribute('aria-pressed', 'false');

    // Shift-click extends the selection; the URL carries it.
    await log.getByRole('link', { name: '8', exact: true }).click({ modifiers: ['Shift'] });
    await expect(page).toHaveURL(/#L5-L8$/);
    await expect(log.locator('[data-line="8"]')).toHaveAttribute('aria-current', 'location');

    // From the keyboard: G, a line far off screen, Enter; the URL carries it too.
    await log.focus();
    await page.keyboard.press('g');
    await expect(page.getByRole('textbox', { name: 'Go to line' })).toBeFocused();
    await page.keyboard.type('2500');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#L2500$/);
    await expect(log.locator('[data-line="2500"]')).toBeVisible();
    await expect(log.locator('[data-line="2500"]')).toHaveAttribute('aria-current', 'location');

    // Search finds lines that are not on screen, counts them, and moves between them.
    const search = page.getByRole('searchbox', { name: 'Search the log' });
    await search.fill('needle found');
    await expect(page.getByText('1 of 2', { exact: true })).toBeVisible();
    await expect(log.locator('[data-line]', { hasText: 'needle found at 40' }).locator('mark[data-current-match]')).toBeVisible();
    await search.press('Enter');
    await expect(page.getByText('2 of 2', { exact: true })).toBeVisible();
    await expect(log.locator('[data-line]', { hasText: 'needle found at 2600' }).locator('mark[data-current-match]')).toBeVisible();
    await search.press('Shift+Enter');
    await expect(page.getByText('1 of 2', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Next match' }).click();
    await expect(page.getByText('2 of 2', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Only matching lines' }).click();
    await expect(log.locator('[data-line]')).toHaveCount(2);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Only matching lines' }).click();
    await search.fill('');

    // Download: the raw log as plain text, escape sequences removed.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    // <project>-<job number>.log
    expect(download.suggestedFilename()).toMatch(/^log-viewer-.+-1\.log$/);
    const text = fs.readFileSync(await download.path(), 'utf8');
    const lines = text.split('\n');
    expect(lines).toContain('line 1');
    expect(lines).toContain('green 7 and plain');
    expect(lines).toContain('problem 100');
    expect(lines).toContain('line 2999');
    expect(lines).toContain('problem 3000');
    expect(text).not.toContain('\x1b');
    expect(lines.filter((line) => /^(line|green|problem|needle)/.test(line))).toHaveLength(3000);

    // The stream selector shows only stderr lines, and the URL remembers it.
    await page.getByRole('radio', { name: 'stderr' }).check();
    await expect(page).toHaveURL(/stream=stderr/);
    await expect(log.locator('[data-line]').first()).toContainText('problem');
    const types = await log.locator('[data-line]').evaluateAll((rows) => [...new Set(rows.map((row) => row.getAttribute('data-type')))]);
    expect(types).toEqual(['stderr']);
    await expect(page.locator('.lv-root').getByText(/^29 of [\d,]+ lines · Complete$/)).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
