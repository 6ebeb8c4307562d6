// The cost pages against the real server's demo workspace (90 days of cost on every tier): the
// window, the aggregation and a filter changed through the controls; a drill-down into a project
// and back; a budget set in the URL; the CSV export read back and checked against the table's
// totals to the cent; the chargeback and the assets view; axe scans in both themes.
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

const PROJECT = 'customer-churn';

const byProject = (page: Page) => page.getByRole('table', { name: /^Cost by project, USD/ });
/** A money cell's text as cents: "USD 1,234.56" → 123456. */
const cents = (text: string | null) => Math.round(Number((text ?? '').replace(/[^0-9.-]/g, '')) * 100);

test.describe('cost', () => {
  test('change the window, the aggregation and a filter; drill into a project and back; set a budget', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto('/cost');
    await expect(page.getByRole('heading', { level: 1, name: 'Cost' })).toBeVisible();
    // The first load on a busy machine: the page's chunks, Recharts and the 30 daily sets.
    await expect(byProject(page).getByRole('button', { name: `Drill into ${PROJECT}` })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('img', { name: /^Cost over time, stacked by \d+ entries .* steps of a day, USD per day, UTC\.$/ })).toBeVisible({
      timeout: 20_000,
    });
    await expect(page.getByText(/^Data complete up to .* UTC\)\./)).toBeVisible();

    await page.getByRole('combobox', { name: 'Window (UTC)' }).selectOption('7d');
    await expect(page).toHaveURL(/window=7d/);
    await page.getByRole('combobox', { name: 'Aggregate by' }).selectOption('billingTag');
    const byTag = page.getByRole('table', { name: /^Cost by billing tag, USD/ });
    await expect(byTag.getByRole('cell', { name: 'cc-2040-marketing', exact: true })).toBeVisible();
    await page.getByRole('combobox', { name: 'Aggregate by' }).selectOption('project');

    const adder = page.getByRole('form', { name: 'Add a filter' });
    await adder.getByRole('combobox', { name: 'Filter on' }).selectOption('billingTag');
    await expect(adder.getByRole('combobox', { name: 'Value' }).getByRole('option', { name: 'cc-2040-marketing' })).toBeAttached();
    await adder.getByRole('combobox', { name: 'Value' }).selectOption('cc-2040-marketing');
    await adder.getByRole('button', { name: 'Add filter' }).click();
    await expect(page.getByRole('button', { name: 'Remove filter Billing tag: cc-2040-marketing' })).toBeVisible();
    await expect(byProject(page).getByRole('button', { name: `Drill into ${PROJECT}` })).toBeVisible();
    await expect(byProject(page).getByRole('button', { name: 'Drill into credit-risk-scoring' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Remove filter Billing tag: cc-2040-marketing' }).click();
    await expect(byProject(page).getByRole('button', { name: 'Drill into credit-risk-scoring' })).toBeVisible();

    await byProject(page)
      .getByRole('button', { name: `Drill into ${PROJECT}` })
      .click();
    const byUser = page.getByRole('table', { name: /^Cost by user, USD/ });
    await expect(byUser.getByRole('button', { name: 'Drill into maya.chen' })).toBeVisible();
    const trail = page.getByRole('navigation', { name: 'Drill-down' });
    await expect(trail.getByText(PROJECT)).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('link', { name: `Open project ${PROJECT}` })).toHaveAttribute('href', /^\/projects\/[0-9a-f]{24}$/);
    await expect(page.getByRole('link', { name: `Jobs of ${PROJECT}` })).toHaveAttribute('href', /^\/jobs\?projectId=[0-9a-f]{24}$/);
    await trail.getByRole('button', { name: 'All projects' }).click();
    await expect(byProject(page).getByRole('button', { name: `Drill into ${PROJECT}` })).toBeVisible();

    const budget = page.getByRole('region', { name: 'Budget' });
    await budget.getByRole('textbox', { name: 'Monthly budget (USD)' }).fill('1000');
    await budget.getByRole('button', { name: 'Set budget' }).click();
    await expect(page).toHaveURL(/budget=1000/);
    await expect(budget.getByText('This month so far (UTC)')).toBeVisible();
    await expect(budget.getByText('Forecast for the month’s end')).toBeVisible();
    // The budget travels with the link.
    await page.reload();
    await expect(page.getByRole('region', { name: 'Budget' }).getByText(/^USD\s1,000\.00 \(USD\s750\.00\)$/)).toBeVisible({ timeout: 20_000 });
  });

  test('the CSV export holds the table’s lines and totals to the cent', async ({ page }) => {
    await page.goto('/cost?window=30d');
    const table = byProject(page);
    await expect(table.getByRole('button', { name: `Drill into ${PROJECT}` })).toBeVisible({ timeout: 20_000 });
    const tableTotal = cents(await table.locator('[data-total="total"]').textContent());
    const rowCount = await table.locator('tbody tr').count();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Export CSV/ }).click()]);
    const lines = fs
      .readFileSync((await download.path())!, 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('Project,CPU (USD),GPU (USD),RAM (USD),Other (USD),Total (USD),CPU efficiency');
    expect(lines.length - 2).toBe(rowCount);
    const totals = lines.at(-1)!.split(',');
    expect(totals[0]).toBe('Total');
    expect(Math.round(Number(totals[5]) * 100)).toBe(tableTotal);
    for (let column = 1; column <= 5; column++) {
      const sum = lines.slice(1, -1).reduce((acc, line) => acc + Math.round(Number(line.split(',')[column]) * 100), 0);
      expect(sum, `column ${column} adds up to its total`).toBe(Math.round(Number(totals[column]) * 100));
    }
  });

  test('the monthly chargeback and the node pools', async ({ page }) => {
    await page.goto('/cost');
    await page.getByRole('tab', { name: 'Monthly chargeback' }).click();
    const chargeback = page.getByRole('table', { name: /^Chargeback by billing tag/ });
    // The demo's cost-centre tags (seed-demo-billing-tags.ts), each project carrying one.
    await expect(chargeback.getByRole('cell', { name: 'cc-2040-marketing', exact: true })).toBeVisible();
    await expect(chargeback.getByRole('cell', { name: 'cc-3100-risk', exact: true })).toBeVisible();

    await page.getByRole('tab', { name: 'Assets' }).click();
    const pools = page.getByRole('table', { name: /^Node pools: capacity, use and idle/ });
    await expect(pools.getByRole('cell', { name: /\(small-k8s\)$/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /^Capacity against use over \d+ days, USD per day, UTC/ })).toBeVisible();
  });

  for (const theme of ['Light', 'Dark'] as const) {
    test(`the allocation, chargeback and asset views pass an axe scan (${theme.toLowerCase()} theme)`, async ({ page }) => {
      await page.goto('/cost?budget=5000');
      await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: theme }).check();
      await expect(page.getByRole('img', { name: /^Cost over time/ })).toBeVisible();
      await expect(page.getByRole('img', { name: /^Breakdown of the window's cost/ })).toBeVisible();
      await expect(byProject(page)).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('tab', { name: 'Monthly chargeback' }).click();
      await expect(page.getByRole('table', { name: /^Chargeback by billing tag/ })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('tab', { name: 'Assets' }).click();
      await expect(page.getByRole('img', { name: /^Capacity against use/ })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });
  }
});
