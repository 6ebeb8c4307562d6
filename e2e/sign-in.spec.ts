// Each person acts as themselves, in a real Chromium against the real server: one browser context
// per person. The shared server is single-user (loopback); a second one, started here with
// DOMINO_CONSOLE_AUTH=required, is multi-user.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Browser, Page } from '@playwright/test';
import { uniqueProjectName, type ApiUser } from './api-client';
import { E2E_ADMIN_KEY, E2E_DOMINO_PORT, E2E_PORT } from './environment';
import { expect, test } from './fixtures';

const userMenu = (page: Page, fullName: string) => page.getByRole('button', { name: new RegExp(`${fullName}.*user menu`) });

async function signInWithKey(page: Page, key: string) {
  await page.getByLabel('API key or token').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A context of its own: cookies are per context, so each person is a separate browser. */
async function browserOf(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  return { context, page: await context.newPage() };
}

test.describe('single-user console', () => {
  let person: ApiUser;
  let theirs: string;
  let someoneElses: string;

  test.beforeAll(async ({ api }) => {
    person = await api.createUser('signer');
    theirs = (await api.as(person).createProject({ name: uniqueProjectName('signers-own') })).name;
    someoneElses = (await api.createProject({ name: uniqueProjectName('admins-private') })).name;
  });

  test('a person signs in with their own key, sees their name and only the private projects they may, and signs out', async ({ browser, baseURL }) => {
    const { context, page } = await browserOf(browser, baseURL!);
    await page.goto('/projects');
    await expect(userMenu(page, 'Domino Admin')).toBeVisible();
    await expect(page.getByRole('table').getByRole('link', { name: someoneElses })).toBeVisible();

    await userMenu(page, 'Domino Admin').click();
    await page.getByRole('menuitem', { name: 'Sign in as someone else' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Domino Console' })).toBeVisible();
    await signInWithKey(page, person.apiKey);
    await expect(userMenu(page, person.fullName)).toBeVisible();

    await page.goto(`/projects?q=${encodeURIComponent(theirs)}`);
    await expect(page.getByRole('table').getByRole('link', { name: theirs })).toBeVisible();
    await page.goto(`/projects?q=${encodeURIComponent(someoneElses)}`);
    await expect(page.getByText(/No projects match/)).toBeVisible();
    // The cookie is HttpOnly and named for this port; the page's script cannot read it.
    const cookies = await context.cookies();
    expect(cookies.map((cookie) => [cookie.name, cookie.httpOnly, cookie.sameSite])).toEqual([[`domino_console_session_${E2E_PORT}`, true, 'Lax']]);
    expect(await page.evaluate(() => document.cookie)).toBe('');

    await userMenu(page, person.fullName).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page.getByText('The console’s own key acts again.')).toBeVisible();
    await expect(userMenu(page, 'Domino Admin')).toBeVisible();
    await context.close();
  });

  test('the admin switches to another user of the demo from the menu, and back', async ({ browser, baseURL }) => {
    const { context, page } = await browserOf(browser, baseURL!);
    await page.goto('/');
    await userMenu(page, 'Domino Admin').click();
    await page.getByRole('menuitem', { name: /Switch user/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Switch user' });
    await dialog.getByRole('combobox', { name: 'Filter users' }).fill(person.userName);
    await dialog.getByRole('radio', { name: new RegExp(person.fullName) }).check();
    await dialog.getByRole('button', { name: 'Switch' }).click();
    await expect(dialog).toBeHidden();
    await expect(userMenu(page, person.fullName)).toBeVisible();
    // Acting as them for real: the admin's private project is out of sight.
    await page.goto(`/projects?q=${encodeURIComponent(someoneElses)}`);
    await expect(page.getByText(/No projects match/)).toBeVisible();

    await userMenu(page, person.fullName).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(userMenu(page, 'Domino Admin')).toBeVisible();
    await context.close();
  });

  test('an admin hands a person a sign-in link; opening it once signs them in, a second time does not', async ({ browser, baseURL }) => {
    const admin = await browserOf(browser, baseURL!);
    await admin.page.goto(`/users/${person.id}`);
    await admin.page.getByRole('button', { name: 'Create a sign-in link' }).click();
    const link = await admin.page.getByLabel(`Sign-in link for ${person.fullName}`).inputValue();
    expect(link).toMatch(/\/sign-in#link=/);
    await admin.context.close();

    const theirBrowser = await browserOf(browser, baseURL!);
    await theirBrowser.page.goto(link);
    await expect(userMenu(theirBrowser.page, person.fullName)).toBeVisible();
    await expect(theirBrowser.page).not.toHaveURL(/#link=/);
    await theirBrowser.context.close();

    const someoneLater = await browserOf(browser, baseURL!);
    await someoneLater.page.goto(link);
    await expect(someoneLater.page.getByText('The sign-in link did not work')).toBeVisible();
    await someoneLater.context.close();
  });
});

test.describe('multi-user console (DOMINO_CONSOLE_AUTH=required)', () => {
  const port = E2E_PORT + 1;
  const origin = `http://localhost:${port}`;
  let server: ChildProcess;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    // Its own embedded Domino on a fresh data dir; no demo, so it starts fast and runs no jobs.
    server = spawn('node_modules/.bin/tsx', ['e2e/start-server.ts'], {
      env: { ...process.env, E2E_PORT: String(port), E2E_DOMINO_PORT: String(E2E_DOMINO_PORT + 1), DOMINO_CONSOLE_AUTH: 'required', DOMINO_DEMO: '0' },
      stdio: 'ignore',
    });
    await expect
      .poll(
        () =>
          fetch(`${origin}/version`).then(
            (res) => res.status,
            () => 0,
          ),
        { timeout: 60_000 },
      )
      .toBe(200);
  });

  test.afterAll(() => {
    server?.kill('SIGTERM');
  });

  test.use({ expectedConsoleErrors: [/status of 401/] });

  test('shows an unsigned browser only the sign-in page, and forwards nothing under /api without a session', async ({ browser }) => {
    const { context, page } = await browserOf(browser, origin);
    await page.goto('/projects');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Domino Console' })).toBeVisible();
    await expect(page.getByText(/it serves more than one person/)).toBeVisible();
    for (const path of ['/api/users/v1/self', '/api/projects/beta/projects', '/api/embedded/v1/info', '/api/users/v1/users']) {
      expect((await page.request.get(path)).status(), path).toBe(401);
    }

    expect(await (await page.request.get('/console/api/session')).json()).toMatchObject({ mode: 'multi-user', signedIn: false });
    // This server's Domino has its own users: sign in with its admin key (start-server.ts gives it the same one).
    await signInWithKey(page, E2E_ADMIN_KEY);
    await expect(page).toHaveURL(/\/projects$/);
    await expect(userMenu(page, 'Domino Admin')).toBeVisible();
    expect((await page.request.get('/api/users/v1/self')).status()).toBe(200);

    await userMenu(page, 'Domino Admin').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page.getByText(/You signed out/)).toBeVisible();
    expect((await page.request.get('/api/users/v1/self')).status()).toBe(401);
    await context.close();
  });
});
