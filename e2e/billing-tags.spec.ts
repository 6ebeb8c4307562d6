// Billing tags end to end against the real server: an admin adds tags (two at once) and
// deactivates one after a confirmation, sets the mode to required, creates a project that must
// carry a tag, and retags it on its Settings tab; then an axe scan of the page in both themes.
// The mode is set back to optional after each test: the other specs create untagged projects.
import { uniqueProjectName } from './api-client';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

test.describe('billing tags', () => {
  test.afterEach(async ({ api }) => {
    await api.call('PUT', '/api/cost/v1/billingtagSettings/mode', { mode: 'optional' });
  });

  test('add tags, deactivate one, require tags, create a tagged project and retag it', async ({ page, api }) => {
    test.setTimeout(90_000);
    const first = uniqueProjectName('cc-e2e-a').toLowerCase();
    const second = uniqueProjectName('cc-e2e-b').toLowerCase();
    const projectName = uniqueProjectName('billing');

    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Billing tags' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Billing tags' })).toBeVisible();

    // Two tags at once.
    await page.getByRole('textbox', { name: 'New tags' }).fill(`${first}\n${second}`);
    await page.getByRole('button', { name: 'Add tags' }).click();
    const table = page.getByRole('table', { name: /Billing tags/ });
    await expect(table.getByRole('cell', { name: first, exact: true })).toBeVisible();
    await expect(table.getByRole('cell', { name: second, exact: true })).toBeVisible();

    // Deactivate the second, after the confirmation.
    await page.getByRole('button', { name: `Deactivate ${second}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Deactivate ${second}?` });
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await expect(page.getByRole('button', { name: `Re-activate ${second}` })).toBeVisible();
    await page.getByRole('combobox', { name: 'Status' }).selectOption('inactive');
    await expect(page).toHaveURL(/status=inactive/);
    await expect(table.getByRole('cell', { name: second, exact: true })).toBeVisible();
    await expect(table.getByRole('cell', { name: first, exact: true })).toHaveCount(0);

    // Required mode.
    await page.getByRole('radio', { name: /^Required/ }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Billing tag settings saved')).toBeVisible();
    expect((await api.call<{ mode: string }>('GET', '/api/cost/v1/billingtagSettings/mode')).mode).toBe('required');

    // A new project must carry a tag; the inactive one is not offered.
    await page.goto('/projects');
    await page.getByRole('button', { name: 'Create project' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create project' });
    await dialog.getByRole('textbox', { name: 'Project name' }).fill(projectName);
    const picker = dialog.getByRole('combobox', { name: 'Billing tag' });
    await expect(picker.getByRole('option', { name: first })).toHaveCount(1);
    await expect(picker.getByRole('option', { name: second })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await expect(dialog.getByText(/Choose a billing tag/)).toBeVisible();
    await picker.selectOption(first);
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await expect(page.getByRole('heading', { level: 1, name: projectName })).toBeVisible();
    await expect(page.getByText(`Billing tag: ${first}`)).toBeVisible();

    // Retag it on Settings, to one of the demo's tags.
    const demoTag = 'cc-1001-research';
    await page.getByRole('tab', { name: 'Settings' }).click();
    const retag = page.getByRole('form', { name: 'Change the billing tag' });
    await retag.getByRole('combobox', { name: 'Billing tag' }).selectOption(demoTag);
    await retag.getByRole('button', { name: 'Save billing tag' }).click();
    await expect(page.getByText(`Billing tag: ${demoTag}`)).toBeVisible();
    const projects = await api.call<{ projects: Array<{ name: string; billingTag?: { tag: string } }> }>('GET', '/api/projects/beta/projects?limit=1000');
    expect(projects.projects.find((p) => p.name === projectName)?.billingTag).toEqual({ tag: demoTag });
  });

  for (const theme of ['Light', 'Dark'] as const) {
    test(`the billing tags page passes an axe scan (${theme.toLowerCase()} theme)`, async ({ page }) => {
      await page.goto('/admin/billing-tags');
      await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: theme }).check();
      await expect(page.getByRole('table', { name: /Billing tags/ }).getByRole('cell', { name: 'cc-1001-research', exact: true })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('button', { name: 'Deactivate cc-1001-research' }).click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    });
  }
});
