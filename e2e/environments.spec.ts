// The environments family against the real server: an environment created from the dashboard and
// its first build followed to succeeded (a RUN line really runs), a job run on it from the run-job
// dialog's picker (the revision's variable and RUN output reach the job), the demo's failed build
// with its reason and log, and an axe scan of the list and an environment's page in both themes.
import type { Page } from '@playwright/test';
import { uniqueName, uniqueProjectName } from './api-client';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

const TIER = 'medium-k8s';
const FAILED_DEMO = 'Spark 3.5 Cluster Environment';

async function openEnvironment(page: Page, name: string) {
  await page.goto(`/environments?q=${encodeURIComponent(name)}`);
  await page.getByRole('table', { name: 'Environments you can see' }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test.describe('environments', () => {
  test('create an environment, watch its build finish, and run a job on it', async ({ page, api }) => {
    test.setTimeout(120_000);
    const name = uniqueName('e2e-env');
    const project = await api.createProject({ name: uniqueProjectName('envs'), description: 'made by the environments spec' });

    await page.goto('/environments');
    await expect(page.getByRole('heading', { level: 1, name: 'Environments' })).toBeVisible();
    await page.getByRole('button', { name: 'New environment' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New environment' });
    // Submit empty: the form says what is missing and asks nothing of the server.
    await dialog.getByRole('button', { name: 'Create environment' }).click();
    await expect(dialog.getByText('The name is required')).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
    await dialog.getByRole('textbox', { name: 'Base image' }).fill('quay.io/domino/domino-standard-environment:ubuntu22-py3.11');
    await dialog
      .getByRole('textbox', { name: 'Dockerfile instructions (optional)' })
      .fill(
        [
          'ENV GREETING=hello-from-the-e2e-environment',
          `RUN mkdir -p "$DOMINO_ENVIRONMENT_DIR/bin" && printf '%s\\n' '#!/bin/bash' 'echo "tool says $GREETING"' > "$DOMINO_ENVIRONMENT_DIR/bin/e2e-tool" && chmod +x "$DOMINO_ENVIRONMENT_DIR/bin/e2e-tool"`,
        ].join('\n'),
      );
    await dialog.getByRole('textbox', { name: 'Tags (optional)' }).fill('e2e');
    await dialog.getByRole('button', { name: 'Create environment' }).click();

    // The page follows the build to succeeded, its log in the log viewer.
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const revisions = page.getByRole('table', { name: 'Revisions' });
    const first = revisions.getByRole('row').filter({ hasText: '#1' });
    await expect(first.getByText('succeeded', { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(first.getByText('Active')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Build log of revision #1' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Log output' })).toContainText('RUN', { timeout: 10_000 });
    await expect(page.getByText(/lines · Complete/)).toBeVisible({ timeout: 10_000 });

    // Run a job on it from the run-job dialog.
    await page.goto(`/jobs?projectId=${project.id}`);
    await page.getByRole('button', { name: 'Run a job' }).first().click();
    const run = page.getByRole('dialog', { name: 'Run a job' });
    await run.getByRole('textbox', { name: 'Command' }).fill('e2e-tool; echo "variable says $GREETING"');
    await run.getByRole('combobox', { name: 'Hardware tier' }).selectOption(TIER);
    await run.getByRole('combobox', { name: 'Environment' }).selectOption({ label: name });
    await expect(run.getByRole('combobox', { name: 'Revision' })).toHaveValue('ActiveRevision');
    await run.getByRole('button', { name: 'Run job' }).click();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f]{24}/);
    const log = page.getByRole('region', { name: 'Log output' });
    await expect(log.getByText('tool says hello-from-the-e2e-environment')).toBeVisible({ timeout: 30_000 });
    await expect(log.getByText('variable says hello-from-the-e2e-environment')).toBeVisible();

    // The environment's page lists the job under the revision, linking to it.
    const jobUrl = new URL(page.url());
    await openEnvironment(page, name);
    const jobs = page.getByRole('table', { name: 'Jobs on revision #1' });
    await expect(jobs.getByRole('link', { name: /^#1/ })).toHaveAttribute('href', `${jobUrl.pathname}?projectId=${project.id}`);
  });

  test('see a failed build’s reason and log', async ({ page }) => {
    await openEnvironment(page, FAILED_DEMO);
    const revisions = page.getByRole('table', { name: 'Revisions' });
    const failed = revisions.getByRole('row').filter({ hasText: '#2' });
    await expect(failed.getByText('failed', { exact: true })).toBeVisible();
    // The latest revision is the one shown: why it failed, and its log.
    await expect(page.getByRole('alert').filter({ hasText: 'The build of revision #2 failed' })).toBeVisible();
    const log = page.getByRole('region', { name: 'Log output' });
    await expect(log.getByText(/^spark-connector\.lic not found in \/opt\/licenses/)).toBeVisible({ timeout: 10_000 });
    // The earlier revision built: its own log, chosen from its row.
    await revisions.getByRole('button', { name: 'Build log and jobs of revision #1' }).click();
    await expect(page.getByRole('heading', { name: 'Build log of revision #1' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'The build of revision #2 failed' })).toHaveCount(0);
  });

  for (const theme of ['Light', 'Dark'] as const) {
    test(`the list, an environment's page and the new-environment form pass an axe scan (${theme.toLowerCase()} theme)`, async ({ page }) => {
      test.setTimeout(60_000);
      await page.goto('/environments');
      await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: theme }).check();
      await expect(page.getByRole('table', { name: 'Environments you can see' }).getByRole('link', { name: FAILED_DEMO })).toBeVisible();
      await expectNoSeriousA11yViolations(page);

      await page.getByRole('button', { name: 'New environment' }).first().click();
      await expect(page.getByRole('dialog', { name: 'New environment' })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('dialog', { name: 'New environment' }).getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('link', { name: FAILED_DEMO }).click();
      await expect(page.getByRole('heading', { level: 1, name: FAILED_DEMO })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Log output' }).getByText(/^spark-connector\.lic not found/)).toBeVisible({ timeout: 10_000 });
      await expectNoSeriousA11yViolations(page);
    });
  }
});
