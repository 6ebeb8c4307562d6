// Model monitoring against the real server's demo workspace: the drifting credit scorer's accuracy
// as a chart with its target band and out-of-range values, the table alternative, its alerts, a
// value logged from the form (and a refused one), and axe scans in both themes.
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

const MODEL = 'credit-scorer-v3';

test.describe('monitoring', () => {
  test('view a metric chart and its alerts, the table, and log a value', async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto('/monitoring');
    await expect(page.getByRole('heading', { level: 1, name: 'Monitoring' })).toBeVisible();
    await page.getByRole('combobox', { name: 'Model' }).selectOption(MODEL);
    await page.getByRole('combobox', { name: 'Metric' }).selectOption('accuracy');
    await expect(page).toHaveURL(new RegExp(`model=${MODEL}.*metric=accuracy|metric=accuracy.*model=${MODEL}`));
    const chart = page.getByRole('img', { name: /^accuracy: 60 values, \d+ out of the target range \(≥ 0\.8\)/ });
    await expect(chart).toBeVisible();
    await expect(chart.locator('.metric-series > path').first()).toBeVisible();
    await expect(page.getByRole('list', { name: 'Legend' }).getByText('Out of range (triangles)')).toBeVisible();
    expect(Number(await chart.locator('.metric-out-of-range').getAttribute('data-count'))).toBeGreaterThan(0);

    const alerts = page.getByRole('table', { name: 'Alerts of accuracy' });
    await expect(alerts.getByRole('row').nth(1)).toContainText('Out of range');

    await page.getByRole('button', { name: 'Table' }).click();
    const values = page.getByRole('table', { name: 'Values of accuracy, newest first' });
    await expect(values.getByRole('row').nth(1)).toContainText('Out of range');
    await expect(page.getByText(/of 60 values/)).toBeVisible();

    const form = page.getByRole('form', { name: 'Log a value' });
    await form.getByRole('textbox', { name: 'Value' }).fill('0.91');
    await form.getByRole('textbox', { name: 'Time' }).fill(new Date().toISOString());
    await form.getByRole('button', { name: 'Log value' }).click();
    await expect(form.getByText(/^Logged 0\.91 at/)).toBeVisible();
    await expect(page.getByText(/of 61 values/)).toBeVisible({ timeout: 10_000 });
  });

  for (const theme of ['Light', 'Dark'] as const) {
    test(`the chart, the table and the alerts pass an axe scan (${theme.toLowerCase()} theme)`, async ({ page }) => {
      await page.goto(`/monitoring?model=${MODEL}&metric=psi`);
      await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: theme }).check();
      await expect(page.getByRole('img', { name: /^psi: 60 values/ })).toBeVisible();
      await expect(page.getByRole('table', { name: 'Alerts of psi' })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('button', { name: 'Table' }).click();
      await expect(page.getByRole('table', { name: 'Values of psi, newest first' })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });
  }
});
