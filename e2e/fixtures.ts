// Browser-test fixtures: the page fails its test on any console error or uncaught exception, and
// on any request that carries an API key; `api` creates data through the embedded Domino's API
// (e2e/api-client.ts), as the administrator.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { DominoApi } from './api-client';
import { E2E_ADMIN_KEY, E2E_DOMINO_URL } from './environment';

export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
    `axe violations on ${page.url()}`,
  ).toEqual([]);
}

export const test = base.extend<{ api: DominoApi; consoleErrors: string[]; expectedConsoleErrors: RegExp[] }>({
  api: async ({}, use) => {
    await use(new DominoApi(E2E_DOMINO_URL, E2E_ADMIN_KEY));
  },
  // A test that provokes an error on purpose (a 404 page, a refused request) lists what it expects,
  // e.g. test.use({ expectedConsoleErrors: [/status of 404/] }): Chromium logs every 4xx.
  expectedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, expectedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        if (expectedConsoleErrors.some((pattern) => pattern.test(message.text()))) return;
        errors.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
      page.on('request', (request) => {
        const headers = request.headers();
        if ('x-domino-api-key' in headers || 'authorization' in headers) errors.push(`request carried a credential: ${request.method()} ${request.url()}`);
      });
      await use(errors);
      expect(errors, 'console errors, page errors or credentials in requests').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
