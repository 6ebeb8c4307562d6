// The shell, users and organizations, against the real server with its demo workspace.
import { uniqueName } from './api-client';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

const PAGES = [
  { path: '/', heading: 'Overview' },
  { path: '/projects', heading: 'Projects' },
  { path: '/jobs', heading: 'Jobs' },
  { path: '/datasets', heading: 'Datasets' },
  { path: '/models', heading: 'Models' },
  { path: '/model-apis', heading: 'Model APIs' },
  { path: '/cost', heading: 'Cost' },
  { path: '/environments', heading: 'Environments' },
  { path: '/organizations', heading: 'Organizations' },
  { path: '/users', heading: 'Users' },
  { path: '/monitoring', heading: 'Monitoring' },
];

test.describe('the shell', () => {
  test('every family is reachable from the sidebar and each page passes an axe scan', async ({ page }) => {
    // Eleven pages, each loaded and scanned: about 25 s on this 2-core machine, more while it is busy.
    test.setTimeout(90_000);
    await page.goto('/');
    await expect(page.getByRole('banner').getByText('Demo workspace')).toBeVisible();
    await expect(page.getByRole('button', { name: /Domino Admin \(user menu\)/ })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const { path, heading } of PAGES) {
      if (path !== '/') await nav.getByRole('link', { name: new RegExp(`^${heading}`) }).click();
      await expect(page).toHaveURL(new RegExp(`${path === '/' ? '/$' : `${path}(\\?|$)`}`));
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    }
  });

  test('the dark theme passes an axe scan on every page and is remembered', async ({ page }) => {
    // Eleven pages, each loaded and scanned: about 25 s on this 2-core machine, more while it is busy.
    test.setTimeout(90_000);
    await page.goto('/');
    await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'Dark' }).check();
    await expect(page.locator('html')).toHaveClass(/dark/);
    for (const { path, heading } of PAGES) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    }
    // The choice is remembered.
    await page.reload();
    await expect(page.locator('html')).toHaveClass(/dark/);
  });

  test('works at 1024 px wide', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto('/users');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByRole('table')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test.describe('unknown addresses', () => {
    test.use({ expectedConsoleErrors: [/status of 404/] });
    test('show a not-found page inside the layout', async ({ page }) => {
      await page.goto('/no/such/page');
      await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
      await page.goto('/organizations/0123456789abcdef01234567');
      await expect(page.getByRole('heading', { level: 1, name: 'Organization not found' })).toBeVisible();
      await expect(page.getByText(/requestId|Request ID/i).first()).toBeVisible();
    });
  });

  test('no request from the page carries an API key, and the key is nowhere in the page', async ({ page }) => {
    // The fixture fails the test if any request carries X-Domino-Api-Key or Authorization.
    await page.goto('/organizations');
    await expect(page.getByRole('heading', { level: 1, name: 'Organizations' })).toBeVisible();
    const html = await page.content();
    expect(html).not.toContain('e2e-admin-key');
  });
});

test.describe('users', () => {
  test('pages through users, searches the loaded page, and opens a user with their git credentials', async ({ page, api }) => {
    const user = await api.createUser('searchable');
    await page.goto('/users?pageSize=100');
    await expect(page.getByRole('table')).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search users on this page' }).fill(user.userName);
    await expect(page).toHaveURL(/q=/);
    await expect(page.getByRole('table').getByRole('link', { name: user.fullName })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search users on this page' }).fill('zzz-nobody-zzz');
    await expect(page.getByText(/No users match/)).toBeVisible();
    await page.getByRole('button', { name: 'Clear the search' }).click();

    await page.getByRole('searchbox', { name: 'Search users on this page' }).fill('Maya');
    await page.getByRole('link', { name: 'Maya Chen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Maya Chen' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Git credentials' })).toBeVisible();
    await expect(page.getByText('GitHub (work)')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('adds and removes a git credential with a confirmation', async ({ page, api }) => {
    const user = await api.createUser('creds');
    await page.goto(`/users/${user.id}`);
    await page.getByRole('button', { name: 'Add git credential' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add git credential' });
    await dialog.getByLabel('Name').fill('Work GitHub');
    await dialog.getByLabel('Domain').fill('github.com');
    await dialog.getByLabel('Access token').fill('ghp_secret_value');
    await dialog.getByRole('button', { name: 'Add credential' }).click();
    await expect(dialog).toBeHidden();
    const credential = page.getByRole('cell', { name: 'Work GitHub', exact: true });
    await expect(credential).toBeVisible();
    await expect(page.getByText('ghp_secret_value')).toHaveCount(0);

    await page.getByRole('button', { name: 'Remove git credential Work GitHub' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove git credential?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(credential).toBeVisible();
    await page.getByRole('button', { name: 'Remove git credential Work GitHub' }).click();
    await confirm.getByRole('button', { name: 'Remove credential' }).click();
    await expect(credential).toHaveCount(0);
  });
});

test.describe('organizations', () => {
  test('creates an organization with a member, adds and removes members with confirmation', async ({ page, api }) => {
    const newcomer = await api.createUser('newcomer');
    const name = uniqueName('QA Team');
    await page.goto('/organizations');
    await expect(page.getByRole('tab', { name: 'All' })).toBeVisible(); // the admin may list all
    await page.getByRole('button', { name: 'Create organization' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create organization' });
    await dialog.getByRole('textbox', { name: 'Organization name' }).fill(name);
    await dialog.getByRole('combobox', { name: 'Filter users' }).fill('Maya');
    await dialog.getByRole('checkbox', { name: /Maya Chen/ }).check();
    await dialog.getByRole('button', { name: 'Create organization' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const members = page.getByRole('table');
    await expect(members.getByText('Maya Chen')).toBeVisible();
    await expect(members.getByText('Domino Admin')).toBeVisible();

    await page.getByRole('button', { name: 'Add member' }).click();
    const add = page.getByRole('dialog', { name: 'Add member' });
    await add.getByRole('radio', { name: new RegExp(newcomer.fullName) }).check();
    await add.getByRole('button', { name: 'Add member' }).click();
    await expect(members.getByText(newcomer.fullName)).toBeVisible();

    await page.getByRole('button', { name: `Make ${newcomer.fullName} an admin` }).click();
    await expect(page.getByRole('button', { name: `Make ${newcomer.fullName} a member` })).toBeVisible();

    await page.getByRole('button', { name: `Remove ${newcomer.fullName}` }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove member?' });
    await confirm.getByRole('button', { name: 'Remove member' }).click();
    await expect(members.getByText(newcomer.fullName)).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
  });

  test.describe('refusals', () => {
    test.use({ expectedConsoleErrors: [/status of 400/] });
    test('the same name again (any case) is refused with the API’s message, and nothing is lost', async ({ page, api }) => {
      const name = uniqueName('Dup Team');
      await api.call('POST', '/api/organizations/v1/organizations', { name, members: [] });
      await page.goto('/organizations');
      await page.getByRole('button', { name: 'Create organization' }).click();
      const dialog = page.getByRole('dialog', { name: 'Create organization' });
      await dialog.getByRole('textbox', { name: 'Organization name' }).fill(name.toUpperCase());
      await dialog.getByRole('button', { name: 'Create organization' }).click();
      await expect(dialog.getByRole('alert')).toContainText('already exists');
      // The dialog keeps what was typed.
      await expect(dialog.getByRole('textbox', { name: 'Organization name' })).toHaveValue(name.toUpperCase());
    });
  });

  test('filters by exact name in any letter case and switches between Mine and All', async ({ page }) => {
    await page.goto('/organizations?tab=all');
    await expect(page.getByRole('tab', { name: 'All', selected: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Growth Data Science' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Organization name' }).fill('risk ANALYTICS');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/q=risk/);
    await expect(page.getByRole('link', { name: 'Risk Analytics' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Growth Data Science' })).toHaveCount(0);
    await page.getByRole('tab', { name: 'Mine' }).click();
    await expect(page.getByRole('tab', { name: 'Mine', selected: true })).toBeVisible();
  });
});
