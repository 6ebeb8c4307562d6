// The jobs family against the real server: running a job from the dialog and following it to
// Succeeded with its output, tags and goals, stopping a long job, a failing command's problem, the
// run dialog's checks, and an axe scan of the list and the job page.
import type { Page } from '@playwright/test';
import { uniqueName, uniqueProjectName, type CreatedProject, type DominoApi, type StartedJob } from './api-client';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

function createProject(api: DominoApi, prefix: string): Promise<CreatedProject> {
  return api.createProject({ name: uniqueProjectName(prefix), description: 'made by the jobs spec' });
}

// The demo's live jobs occupy the Small tier; the spec's own jobs run on Medium so they never queue behind them.
const TIER = 'medium-k8s';

function startJob(api: DominoApi, projectId: string, runCommand: string, title: string): Promise<StartedJob> {
  return api.startJob({ projectId, runCommand, title, hardwareTier: TIER });
}

async function waitForStatus(api: DominoApi, jobId: string, status: string): Promise<void> {
  await expect
    .poll(async () => (await api.call<{ job: { status: { executionStatus: string } } }>('GET', `/api/jobs/beta/jobs/${jobId}`)).job.status.executionStatus, {
      timeout: 20_000,
    })
    .toBe(status);
}

async function openJobs(page: Page, project: CreatedProject) {
  await page.goto(`/jobs?projectId=${project.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Project' })).toHaveValue(new RegExp(`${project.name}$`));
}

/**
 * The job page's stage list, whose last stage is named after the outcome once the job ends. It is
 * folded under "Timeline and details" (the log comes first): opened here if it is closed.
 */
async function stages(page: Page) {
  const details = page.locator('details', { has: page.getByText('Timeline and details', { exact: true }) });
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) await details.locator('summary').click();
  return page.getByRole('list', { name: 'Stages' });
}

/** Opens a running job, stops it through the confirmation (cancelling once first) and checks the outcome. */
async function stopFromThePage(page: Page, api: DominoApi, job: { id: string; number: number }) {
  await waitForStatus(api, job.id, 'Running');

  await page.goto(`/jobs/${job.id}`);
  await expect(page.getByRole('status').filter({ hasText: `Job #${job.number} is Running` })).toBeAttached();
  await expect(page.getByText(/so far/).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('button', { name: 'Stop job' }).click();
  const confirm = page.getByRole('alertdialog', { name: `Stop job #${job.number}?` });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect((await api.call<{ job: { status: { executionStatus: string } } }>('GET', `/api/jobs/beta/jobs/${job.id}`)).job.status.executionStatus).toBe('Running');

  await page.getByRole('button', { name: 'Stop job' }).click();
  await confirm.getByRole('button', { name: 'Stop job' }).click();
  await expect((await stages(page)).getByText('Stopped')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Stop job' })).toHaveCount(0);
  // A stop is information (role status), not an alert.
  const why = page.getByRole('status').filter({ hasText: 'Why the job stopped' });
  await expect(why).toContainText('Stopped by');
}

test.describe('jobs', () => {
  // Real jobs run here, and each page gets an axe scan: more than the default 30 s on a busy machine.
  test.describe.configure({ timeout: 90_000 });

  test('runs a job from the dialog and follows it to Succeeded on its page, in its log and in the list', async ({ page, api }) => {
    const project = await createProject(api, 'jobs-run');
    const marker = uniqueProjectName('hello');
    await api.putFile(project.id, 'hello.sh', `echo "first ${marker}"\nsleep 1\necho "second ${marker}"\n`);

    await openJobs(page, project);
    await expect(page.getByText('No jobs in this project yet')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'Run a job' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Run a job' });
    await dialog.getByRole('textbox', { name: 'Command' }).fill('hello.sh');
    await dialog.getByRole('textbox', { name: 'Title (optional)' }).fill('Say hello');
    await dialog.getByRole('combobox', { name: 'Hardware tier' }).selectOption(TIER);
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: 'Run job' }).click();

    await expect(page).toHaveURL(/\/jobs\/[0-9a-f]{24}/);
    await expect(page.getByRole('heading', { level: 1, name: '#1 Say hello' })).toBeVisible();
    await expect((await stages(page)).getByText('Succeeded')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Job #1 is Succeeded' })).toBeAttached();
    const log = page.getByRole('region', { name: 'Log output' });
    await expect(log.getByText(`first ${marker}`)).toBeVisible({ timeout: 10_000 });
    await expect(log.getByText(`second ${marker}`)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Stop job' })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Jobs', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/jobs\\?projectId=${project.id}`));
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Job #1' }) });
    await expect(row.getByText('Succeeded')).toBeVisible();
    await expect(row.getByText('Say hello')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('adds and removes tags in the list and on the job page, and filters by tag', async ({ page, api }) => {
    const project = await createProject(api, 'jobs-tags');
    const job = await startJob(api, project.id, 'echo tagged', 'Tag me');
    await waitForStatus(api, job.id, 'Succeeded');

    await openJobs(page, project);
    await page.getByRole('button', { name: `Add a tag to job #${job.number}` }).click();
    await page.getByRole('textbox', { name: `New tag for job #${job.number}` }).fill('from-list');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('list', { name: `Tags of job #${job.number}` }).getByText('from-list')).toBeVisible();

    await page.getByRole('searchbox', { name: 'Tag' }).fill('from-list');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect(page).toHaveURL(/[?&]tag=from-list/);
    await expect(page.getByRole('link', { name: `Job #${job.number}` })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Tag' }).fill('no-such-tag');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect(page.getByText('No jobs match these filters')).toBeVisible();
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await expect(page.getByRole('link', { name: `Job #${job.number}` })).toBeVisible();

    // Removing a tag in the row is sent at once, and the toast's Undo tags the job again.
    const jobTags = async () =>
      (await api.call<{ job: { tags: Array<{ name: string }> } }>('GET', `/api/jobs/beta/jobs/${job.id}`)).job.tags.map((tag) => tag.name);
    const rowTags = page.getByRole('list', { name: `Tags of job #${job.number}` });
    await page.getByRole('button', { name: 'Remove tag from-list' }).click();
    await expect(rowTags.getByText('from-list')).toHaveCount(0);
    await expect(page.getByRole('button', { name: `Add a tag to job #${job.number}` })).toBeFocused();
    await expect.poll(jobTags).toEqual([]);
    await page.getByRole('button', { name: `Undo: tag job #${job.number} “from-list” again` }).click();
    await expect(rowTags.getByText('from-list')).toBeVisible();
    await expect.poll(jobTags).toEqual(['from-list']);

    await page.getByRole('link', { name: 'Tag me' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `#${job.number} Tag me` })).toBeVisible();
    await page.getByRole('textbox', { name: `New tag for job #${job.number}` }).fill('from-page');
    await page.getByRole('button', { name: 'Add tag' }).click();
    const tags = page.getByRole('list', { name: `Tags of job #${job.number}` });
    await expect(tags.getByText('from-page')).toBeVisible();
    await page.getByRole('button', { name: 'Remove tag from-list' }).click();
    await expect(tags.getByText('from-list')).toHaveCount(0);
    await expect(tags.getByText('from-page')).toBeVisible();
  });

  test('links a job to a goal of its project and unlinks it after confirming', async ({ page, api }) => {
    const project = await createProject(api, 'jobs-goals');
    const goalTitle = uniqueName('Reach the target');
    await api.call('POST', `/api/projects/v1/projects/${project.id}/goals`, { title: goalTitle });
    const job = await startJob(api, project.id, 'echo goal', 'Goal job');

    await page.goto(`/jobs/${job.id}`);
    await expect(page.getByText('Not linked to any goal.')).toBeVisible();
    await page.getByRole('combobox', { name: 'Link to a goal' }).selectOption({ label: goalTitle });
    await page.getByRole('button', { name: 'Link goal' }).click();
    await expect(page.getByRole('button', { name: `Unlink goal ${goalTitle}` })).toBeVisible();
    await expect(page.getByText('Linked to every goal of the project.')).toBeVisible();

    await page.getByRole('button', { name: `Unlink goal ${goalTitle}` }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Unlink this goal?' });
    await expect(confirm).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await confirm.getByRole('button', { name: 'Unlink goal' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByText('Not linked to any goal.')).toBeVisible();
  });

  test('stops a long-running job after confirming, and says why it stopped', async ({ page, api }) => {
    const project = await createProject(api, 'jobs-stop');
    // Long enough to outlast a slow run of this test; the test stops it (or the finally block does).
    const job = await startJob(api, project.id, 'echo "going to sleep"; sleep 300', 'Long sleep');
    try {
      await stopFromThePage(page, api, job);
    } finally {
      await api.call('POST', `/api/embedded/v1/jobs/${job.id}/stop`).catch(() => undefined);
    }
  });

  test('shows the problem of a failing command', async ({ page, api }) => {
    const project = await createProject(api, 'jobs-fail');
    await api.putFile(project.id, 'fail.sh', 'echo "about to fail"\necho "the input file is missing" >&2\nexit 3\n');

    await openJobs(page, project);
    await page.getByRole('button', { name: 'Run a job' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Run a job' });
    await dialog.getByRole('textbox', { name: 'Command' }).fill('fail.sh');
    await dialog.getByRole('combobox', { name: 'Hardware tier' }).selectOption(TIER);
    await dialog.getByRole('button', { name: 'Run job' }).click();

    await expect((await stages(page)).getByText('Failed')).toBeVisible({ timeout: 20_000 });
    const why = page.getByRole('alert').filter({ hasText: 'Why the job failed' });
    await expect(why).toContainText('the input file is missing');
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Jobs', exact: true }).click();
    await page.getByRole('combobox', { name: 'Status' }).selectOption('completed');
    await expect(page).toHaveURL(/[?&]status=completed/);
    await expect(
      page
        .getByRole('row')
        .filter({ has: page.getByRole('link', { name: 'Job #1' }) })
        .getByText('Failed'),
    ).toBeVisible();
  });

  test('the list picks a project from the searchable picker and sorts by column headers', async ({ page }) => {
    await page.goto('/jobs');
    const picker = page.getByRole('combobox', { name: 'Project' });
    await picker.fill('customer-ch');
    await expect(page.getByRole('option', { name: /customer-churn/ })).toBeVisible();
    await expect(page.getByRole('option', { name: /demand-forecasting/ })).toHaveCount(0);
    await picker.press('Enter');
    await expect(page).toHaveURL(/[?&]projectId=[0-9a-f]{24}/);
    const table = page.getByRole('table', { name: /^Jobs of maya\.chen\/customer-churn/ });
    await expect(table).toBeVisible();

    await table.getByRole('button', { name: /^Started/ }).click();
    await expect(page).toHaveURL(/[?&]sortBy=startedTime/);
    await expect(table.getByRole('columnheader', { name: /^Started/ })).toHaveAttribute('aria-sort', 'descending');
    await table.getByRole('button', { name: /^Started/ }).click();
    await expect(table.getByRole('columnheader', { name: /^Started/ })).toHaveAttribute('aria-sort', 'ascending');

    await page.getByRole('combobox', { name: 'Status' }).selectOption('active');
    await expect(page.getByText(/Live: updating every 2 s/)).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // The choice is remembered: /jobs opens on it next time.
    await page.goto('/jobs');
    await expect(page).toHaveURL(/[?&]projectId=[0-9a-f]{24}/);
  });
});

test.describe('jobs: refused requests', () => {
  test.use({ expectedConsoleErrors: [/status of 4\d\d/] });

  test('the run dialog checks a field when it is left and on submit, and shows the API’s refusal', async ({ page, api }) => {
    const project = await createProject(api, 'jobs-refused');
    await openJobs(page, project);
    await page.getByRole('button', { name: 'Run a job' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Run a job' });
    const commit = dialog.getByRole('textbox', { name: 'Commit (optional)' });
    await commit.fill('abc123');
    // Not while typing: when the field is left.
    await expect(dialog.getByText(/A commit id is 40/)).toHaveCount(0);
    await commit.blur();
    await expect(dialog.getByText('A commit id is 40 hexadecimal characters (0–9, a–f); this one has 6.')).toBeVisible();
    await commit.fill('0'.repeat(39) + '1');
    await expect(dialog.getByText(/A commit id is 40/)).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Run job' }).click();
    await expect(dialog.getByText('The command must not be empty')).toBeVisible();

    await dialog.getByRole('textbox', { name: 'Command' }).fill('echo never');
    await dialog.getByRole('button', { name: 'Run job' }).click();
    const refusal = dialog.getByRole('alert').filter({ hasText: 'The job was not started' });
    await expect(refusal).toBeVisible();
    await expect(refusal).toContainText('0000000001');
    await expect(page).toHaveURL(new RegExp(`/jobs\\?projectId=${project.id}`));
  });

  test('an unknown job says so and leads back to the list', async ({ page }) => {
    await page.goto(`/jobs/${'0'.repeat(24)}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Job not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to jobs' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  });
});
