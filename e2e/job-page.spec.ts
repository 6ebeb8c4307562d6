// The job page as a reader uses it: where the view lands (a permalink in a new page, Go to line
// from a page scrolled away, a stream or display change keeping the page's place), the log
// filling the window, re-running a finished job, and how the
// page looks at 1024 and 1440 px, light and dark (screenshots in test-results/job-page-shots).
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { uniqueProjectName, type DominoApi } from './api-client';
import { expect, test } from './fixtures';

const TIER = 'large-k8s';
const SCRIPT = `import sys
for i in range(1, 3001):
    if i % 100 == 0:
        print(f"problem {i}", file=sys.stderr)
    else:
        print(f"line {i} " + "word " * (i % 30))
`;
const SHOTS = path.join('test-results', 'job-page-shots');

async function finishedJob(api: DominoApi): Promise<{ projectId: string; jobId: string }> {
  const project = await api.createProject({ name: uniqueProjectName('job-page'), description: 'made by the job page spec' });
  await api.putFile(project.id, 'finite.py', SCRIPT);
  const job = await api.startJob({ projectId: project.id, runCommand: 'finite.py', title: 'A long finished log', hardwareTier: TIER });
  await expect
    .poll(async () => (await api.call<{ job: { status: { isCompleted: boolean } } }>('GET', `/api/jobs/beta/jobs/${job.id}`)).job.status.isCompleted, {
      timeout: 30_000,
    })
    .toBe(true);
  return { projectId: project.id, jobId: job.id };
}

/** Whether the element is inside the window's viewport (not only inside the log box). */
async function inWindow(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const height = page.viewportSize()!.height;
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

const scrollY = (page: Page) => page.evaluate(() => Math.round(window.scrollY));

test.describe('job page', () => {
  test.describe.configure({ timeout: 90_000 });

  test('the view goes where the reader asked, and stays where they were', async ({ page, api }) => {
    const { jobId } = await finishedJob(api);
    const log = page.getByRole('region', { name: 'Log output' });

    // A permalink opened in a new page: the line is in the window, not below the fold.
    await page.goto(`/jobs/${jobId}#L2400`);
    const line = log.locator('[data-line="2400"]');
    // The first log of a fresh server on a busy machine can take a while to arrive.
    await expect(line).toHaveAttribute('aria-current', 'location', { timeout: 30_000 });
    await expect.poll(() => inWindow(page, line)).toBe(true);

    // The log is the page: it starts under the header and reaches the window's bottom edge.
    const frame = log.locator('xpath=ancestor::div[contains(@class, "rounded-lg")][1]');
    const frameBox = (await frame.boundingBox())!;
    const windowHeight = page.viewportSize()!.height;
    expect(frameBox.y + frameBox.height).toBeGreaterThan(windowHeight - 60);
    expect(frameBox.height).toBeGreaterThan(windowHeight / 2);

    // Go to line (g) from a page scrolled away from the log: the line is in the window and in the box.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const goTo = page.getByRole('textbox', { name: 'Go to line' });
    await goTo.focus();
    await page.keyboard.type('1500');
    await page.keyboard.press('Enter');
    const gone = log.locator('[data-line="1500"]');
    await expect(gone).toHaveAttribute('aria-current', 'location');
    await expect.poll(() => inWindow(page, gone)).toBe(true);

    // Go to line past the end says so.
    await goTo.fill('99999');
    await goTo.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: /Line 99,999 is past the end: the log has [\d,]+ lines/ })).toBeVisible();
    await goTo.press('Escape');

    // Stream, wrap and timestamps keep the page where it was.
    await page.evaluate(() => window.scrollTo(0, 200));
    const before = await scrollY(page);
    expect(before).toBeGreaterThan(0);
    await page.getByRole('radio', { name: 'stderr' }).check();
    await expect(page).toHaveURL(/stream=stderr/);
    await expect(log.locator('[data-line]').first()).toContainText('problem');
    expect(await scrollY(page)).toBe(before);
    await page.getByRole('button', { name: /Wrap/ }).click();
    await page.getByRole('button', { name: /Timestamps/ }).click();
    await expect(log.locator('.lv-time').first()).toBeVisible();
    expect(await scrollY(page)).toBe(before);

    // `/` searches from anywhere on the page.
    await page.locator('h1').click();
    await page.keyboard.press('/');
    await expect(page.getByRole('searchbox', { name: 'Search the log' })).toBeFocused();
  });

  test('re-runs a finished job, as it was and with changes', async ({ page, api }) => {
    const { jobId } = await finishedJob(api);
    await page.goto(`/jobs/${jobId}`);
    await expect(page.getByRole('button', { name: 'Follow' })).toHaveAttribute('aria-pressed', 'false');
    await page.getByRole('button', { name: 'Re-run', exact: true }).click();
    await expect(page).not.toHaveURL(new RegExp(`/jobs/${jobId}`));
    await expect(page.getByRole('heading', { level: 1, name: /A long finished log/ })).toBeVisible();
    const rerunUrl = page.url();

    await page.goto(`/jobs/${jobId}`);
    await page.getByRole('button', { name: 'Re-run with changes' }).click();
    const dialog = page.getByRole('dialog', { name: /Re-run job #\d+ with changes/ });
    await expect(dialog.getByRole('textbox', { name: 'Command' })).toHaveValue('finite.py');
    await expect(dialog.getByRole('textbox', { name: 'Title (optional)' })).toHaveValue('A long finished log');
    await dialog.getByRole('textbox', { name: 'Title (optional)' }).fill('Changed title');
    await dialog.getByRole('button', { name: 'Run job' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Changed title/ })).toBeVisible();
    expect(page.url()).not.toBe(rerunUrl);
  });

  test('screenshots at 1024 and 1440 px, light and dark', async ({ page, api }) => {
    const { jobId } = await finishedJob(api);
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const theme of ['Light', 'Dark'] as const) {
      await page.goto('/');
      await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: theme }).check();
      for (const width of [1024, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`/jobs/${jobId}#L120`);
        await expect(page.getByRole('region', { name: 'Log output' }).locator('[data-line="120"]')).toBeVisible();
        await expect(page.locator('.lv-root').getByText(/lines · Complete/)).toBeVisible({ timeout: 20_000 });
        await page.screenshot({ path: path.join(SHOTS, `job-${width}-${theme.toLowerCase()}.png`) });
      }
    }
  });
});
