// Model APIs against the real server: an async Model API on a project's function (made through
// the API), its page in the dashboard, an async prediction sent from the form and its result
// arriving, and a failing one showing the model's error. And an axe scan of the list and the page
// in both themes.
import { uniqueProjectName, type DominoApi } from './api-client';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

const MODEL = `def predict(tenure_months, monthly_spend=0):
    return {"score": round(0.001 * monthly_spend / (1 + tenure_months), 4)}

def boom(x):
    raise ValueError(f"cannot score {x}")
`;

async function builtEnvironment(api: DominoApi): Promise<string> {
  const { environment } = await api.call<{ environment: { id: string } }>('POST', '/api/environments/beta/environments', {
    name: `e2e-mapi-${Date.now().toString(36)}`,
    image: 'quay.io/domino/standard:py3.11',
    visibility: 'global',
    addBaseDependencies: false,
  });
  await expect
    .poll(
      async () =>
        (await api.call<{ revisions: Array<{ status: string }> }>('GET', `/api/embedded/v1/environments/${environment.id}/revisions`)).revisions[0]?.status,
      { timeout: 30_000 },
    )
    .toBe('succeeded');
  return environment.id;
}

async function modelApi(api: DominoApi, fn: string): Promise<{ id: string; name: string }> {
  const project = await api.createProject({ name: uniqueProjectName('mapi'), description: 'made by the Model APIs spec' });
  await api.putFile(project.id, 'model.py', MODEL);
  const environmentId = await builtEnvironment(api);
  const name = `e2e-${fn}-${Date.now().toString(36)}`;
  return api.call('POST', '/api/modelServing/v1/modelApis', {
    name,
    environmentId,
    isAsync: true,
    replicas: 1,
    version: { projectId: project.id, source: { type: 'File', file: 'model.py', function: fn }, logHttpRequestResponse: false, monitoringEnabled: false },
  });
}

test.describe('Model APIs', () => {
  // Chromium logs every 4xx: the refused parameters below are one on purpose.
  test.use({ expectedConsoleErrors: [/status of 422/] });

  test('send an async prediction from the page and see its result; parameters the model does not take are refused', async ({ page, api }) => {
    test.setTimeout(90_000);
    const created = await modelApi(api, 'predict');
    await page.goto('/model-apis');
    await page.getByRole('table', { name: 'Model APIs you can see' }).getByRole('link', { name: created.name }).click();
    await expect(page.getByRole('heading', { level: 1, name: created.name })).toBeVisible();
    await expect(page.getByText('Running').first()).toBeVisible({ timeout: 20_000 });

    const editor = page.getByRole('textbox', { name: 'Parameters (JSON object)' });
    await editor.fill('{"tenure_months": 3, "monthly_spend": 100}');
    await page.getByRole('button', { name: 'Send prediction' }).click();
    await expect(page.getByLabel('Result')).toContainText('"score": 0.025', { timeout: 20_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Succeeded' })).toBeVisible();

    // Parameters the function does not take: refused at submit (422), with Python's own words.
    await editor.fill('{"colour": "red"}');
    await page.getByRole('button', { name: 'Send prediction' }).click();
    await expect(page.getByText(/unexpected keyword argument 'colour'|missing a required argument/)).toBeVisible();
  });

  test('a failing model: the page shows the model’s error as the prediction fails', async ({ page, api }) => {
    test.setTimeout(90_000);
    const created = await modelApi(api, 'boom');
    await page.goto(`/model-apis/${created.id}`);
    await page.getByRole('textbox', { name: 'Parameters (JSON object)' }).fill('{"x": 7}');
    await page.getByRole('button', { name: 'Send prediction' }).click();
    // The prediction's alert says it (the instance log below may show the same line).
    await expect(page.getByRole('alert').getByText('ValueError: cannot score 7')).toBeVisible({ timeout: 20_000 });
  });

  for (const theme of ['Light', 'Dark'] as const) {
    test(`the list and a Model API's page pass an axe scan (${theme.toLowerCase()} theme)`, async ({ page, api }) => {
      test.setTimeout(90_000);
      const created = await modelApi(api, 'predict');
      await page.goto('/model-apis');
      await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: theme }).check();
      await expect(page.getByRole('link', { name: created.name })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('link', { name: created.name }).click();
      await expect(page.getByRole('heading', { level: 1, name: created.name })).toBeVisible();
      await page.getByRole('textbox', { name: 'Parameters (JSON object)' }).fill('{"tenure_months": 1}');
      await page.getByRole('button', { name: 'Send prediction' }).click();
      await expect(page.getByLabel('Result')).toBeVisible({ timeout: 20_000 });
      await expectNoSeriousA11yViolations(page);
    });
  }
});
