// The jobs across projects (/jobs/all) against the real server: my running and failed jobs of two
// projects in one list, live, filtered through the URL, linking to the job and its project; axe clean.
import { uniqueProjectName } from './api-client';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

const TIER = 'medium-k8s';

test.describe('jobs across projects', () => {
  // Two real jobs start and one ends while the page watches: on a loaded machine that alone takes 20 s.
  test.describe.configure({ timeout: 90_000 });
  test('lists my jobs of every project, updates live, filters by status in the URL and links to the job', async ({ page, api }) => {
    const first = await api.createProject({ name: uniqueProjectName('across-a'), description: 'made by the jobs-home spec' });
    const second = await api.createProject({ name: uniqueProjectName('across-b'), description: 'made by the jobs-home spec' });
    const long = await api.startJob({ projectId: first.id, runCommand: 'sleep 60', title: 'Long across', hardwareTier: TIER });
    const failing = await api.startJob({ projectId: second.id, runCommand: 'exit 3', title: 'Failing across', hardwareTier: TIER });
    try {
      await page.goto('/jobs/all');
      await expect(page.getByRole('heading', { level: 1, name: 'Jobs across projects' })).toBeVisible();
      const table = page.getByRole('table', { name: /Your jobs across projects/ });
      const longRow = table.getByRole('row').filter({ hasText: 'Long across' });
      await expect(longRow).toBeVisible();
      await expect(longRow.getByRole('link', { name: new RegExp(`${first.name}$`) })).toHaveAttribute('href', `/projects/${first.id}`);
      // The failing job ends while the page is open: the list follows without a reload.
      await expect(table.getByRole('row').filter({ hasText: 'Failing across' }).getByText('Failed')).toBeVisible({ timeout: 20_000 });
      await expect(longRow.getByText('Running')).toBeVisible({ timeout: 20_000 });
      await expect(page.getByText(/Live: updating every 2 s/)).toBeVisible();
      await expectNoSeriousA11yViolations(page);

      await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Failed' });
      await expect(page).toHaveURL(/status=failed/);
      await expect(table.getByRole('row').filter({ hasText: 'Failing across' })).toBeVisible();
      await expect(table.getByRole('row').filter({ hasText: 'Long across' })).toHaveCount(0);

      // click, not check(): the box follows the URL, which the navigation sets a moment later.
      await page.getByRole('checkbox', { name: 'Everyone’s jobs' }).click();
      await expect(page).toHaveURL(/everyone=true/);
      await expect(page.getByRole('table', { name: /Everyone’s jobs across projects/ })).toBeVisible();

      await page.reload();
      await expect(page.getByRole('checkbox', { name: 'Everyone’s jobs' })).toBeChecked();
      await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('failed');
      await page
        .getByRole('table')
        .getByRole('link', { name: new RegExp(`#${failing.number} Failing across`) })
        .click();
      await expect(page).toHaveURL(new RegExp(`/jobs/${failing.id}`));
    } finally {
      await api.call('POST', `/api/embedded/v1/jobs/${long.id}/stop`).catch(() => undefined);
    }
  });
});
