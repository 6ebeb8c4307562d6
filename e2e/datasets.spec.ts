// The datasets family against the real server: a dataset created from the dashboard, files
// uploaded through it with their progress bars, a snapshot followed to active, a tag, a Reader
// granted with the user picker and the role select; then that Reader, with their own key straight
// against the API, can read and is refused an update. And an axe scan of the list, a dataset page
// and its access panel in both themes.
import type { Page } from '@playwright/test';
import { uniqueProjectName, type ApiUser, type CreatedProject, type DominoApi } from './api-client';
import { E2E_DOMINO_URL } from './environment';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

function createProject(api: DominoApi, prefix: string): Promise<CreatedProject> {
  return api.createProject({ name: uniqueProjectName(prefix), description: 'made by the datasets spec' });
}

/** A dataset name unique on this server (names are unique per project, but the list is shared). */
function uniqueDatasetName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

/** The reader's own call to the embedded Domino, with their key (not through the console). */
async function asUser(user: ApiUser, method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { 'X-Domino-Api-Key': user.apiKey };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${E2E_DOMINO_URL}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}

async function openTab(page: Page, name: 'Files' | 'Snapshots' | 'Access') {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

test.describe('datasets', () => {
  test('create, upload with progress, snapshot to active, tag, grant a Reader; the Reader reads and may not update', async ({ page, api }) => {
    test.setTimeout(90_000);
    const project = await createProject(api, 'datasets');
    const reader = await api.createUser('reader');
    const name = uniqueDatasetName('e2e');

    // Create it from the list page.
    await page.goto('/datasets');
    await expect(page.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();
    await page.getByRole('button', { name: 'New dataset' }).first().click();
    const create = page.getByRole('dialog', { name: 'New dataset' });
    await create.getByRole('textbox', { name: 'Name' }).fill(name);
    await create.getByRole('textbox', { name: 'Description' }).fill('Uploaded by the browser test');
    await create.getByRole('combobox', { name: 'Project' }).selectOption(project.id);
    await create.getByRole('button', { name: 'Create dataset' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const datasetId = page.url().split('/datasets/')[1]!.split(/[?#]/)[0]!;

    // Upload two files through the file input: each gets a progress bar that reaches 100 %.
    const big = Buffer.alloc(8 * 1024 * 1024, 'x');
    await page.getByLabel('Files to upload').setInputFiles([
      { name: 'rows.csv', mimeType: 'text/csv', buffer: Buffer.from('id,value\n1,a\n2,b\n') },
      { name: 'big.bin', mimeType: 'application/octet-stream', buffer: big },
    ]);
    const uploads = page.getByRole('list', { name: 'Uploads' });
    for (const file of ['rows.csv', 'big.bin']) {
      const bar = uploads.getByRole('progressbar', { name: `Upload of ${file}` });
      await expect(bar).toBeVisible();
      await expect(bar).toHaveAttribute('value', '100', { timeout: 20_000 });
      await expect(uploads.getByRole('listitem').filter({ hasText: file })).toContainText('Uploaded');
    }
    const files = page.getByRole('table', { name: 'Live files' });
    await expect(files.getByRole('link', { name: 'rows.csv' })).toBeVisible();
    await expect(files.getByRole('link', { name: 'big.bin' })).toBeVisible();

    // Snapshot everything and watch its status become active.
    await openTab(page, 'Snapshots');
    await expect(page.getByText('No snapshots yet')).toBeVisible();
    await page.getByRole('button', { name: 'Take snapshot' }).click();
    const snapshots = page.getByRole('table', { name: 'Snapshots' });
    const row = snapshots.getByRole('row').nth(1);
    await expect(row.getByText('active', { exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(row).toContainText('2 files');

    // Tag it.
    await row.getByRole('button', { name: 'Tag' }).click();
    await row.getByRole('textbox', { name: 'Tag name' }).fill('v1');
    await row.getByRole('button', { name: 'Add tag' }).click();
    await expect(row.getByRole('button', { name: 'Remove tag v1' })).toBeVisible();

    // Grant the reader Reader: the user picker, the role select, then the confirmation.
    await openTab(page, 'Access');
    const form = page.getByRole('form', { name: 'Grant access' });
    await form.getByRole('combobox', { name: 'Filter users' }).fill(reader.userName);
    await form.getByRole('radio', { name: new RegExp(reader.userName) }).check();
    await form.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Reader' });
    await form.getByRole('button', { name: 'Grant access' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Grant access?' });
    await expect(confirm).toContainText('They become Reader of this dataset.');
    await confirm.getByRole('button', { name: 'Grant' }).click();
    await expect(confirm).toBeHidden();
    const grants = page.getByRole('table', { name: 'Grants' });
    await expect(grants.getByRole('row').filter({ hasText: reader.userName })).toContainText('Reader');

    // As the reader, with their own key: reading works...
    const got = await asUser(reader, 'GET', `/api/datasetrw/v1/datasets/${datasetId}`);
    expect(got.status, got.text).toBe(200);
    expect(JSON.parse(got.text).dataset).toMatchObject({ id: datasetId, name, tags: { v1: expect.any(String) } });
    const content = await asUser(reader, 'GET', `/api/embedded/v1/datasets/${datasetId}/files/content?path=rows.csv`);
    expect(content).toEqual({ status: 200, text: 'id,value\n1,a\n2,b\n' });
    const listed = await asUser(reader, 'GET', `/api/datasetrw/v1/datasets/${datasetId}/snapshots`);
    expect(JSON.parse(listed.text).snapshots).toHaveLength(1);
    // ...and an update is refused.
    const update = await asUser(reader, 'PATCH', `/api/datasetrw/v1/datasets/${datasetId}`, { description: 'changed by a reader' });
    expect(update.status, update.text).toBe(403);
    expect(JSON.parse(update.text).errors.join(' ')).toMatch(/\S/);
    const after = await api.call<{ dataset: { description?: string } }>('GET', `/api/datasetrw/v1/datasets/${datasetId}`);
    expect(after.dataset.description).toBe('Uploaded by the browser test');
  });

  for (const theme of ['Light', 'Dark'] as const) {
    test(`the list, a dataset page and its access panel pass an axe scan (${theme.toLowerCase()} theme)`, async ({ page, api }) => {
      test.setTimeout(90_000);
      const project = await createProject(api, 'datasets-axe');
      const name = uniqueDatasetName('axe');
      const { dataset } = await api.call<{ dataset: { id: string } }>('POST', '/api/datasetrw/v1/datasets', {
        name,
        description: 'For the axe scan',
        projectId: project.id,
      });
      await api.putDatasetFile(dataset.id, 'notes/readme.txt', 'A file to list.\n');
      const { snapshot } = await api.call<{ snapshot: { id: string } }>('POST', `/api/datasetrw/v1/datasets/${dataset.id}/snapshots`, {
        relativeFilePaths: [],
      });
      await expect
        .poll(async () => (await api.call<{ snapshot: { status: string } }>('GET', `/api/datasetrw/v1/snapshots/${snapshot.id}`)).snapshot.status, {
          timeout: 20_000,
        })
        .toBe('active');

      await page.goto('/datasets');
      await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: theme }).check();
      await expect(page.getByRole('table', { name: 'Datasets you can see' }).getByRole('link', { name })).toBeVisible();
      await expectNoSeriousA11yViolations(page);

      await page.getByRole('link', { name }).click();
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await expect(page.getByRole('table', { name: 'Live files' })).toBeVisible();
      await expectNoSeriousA11yViolations(page);

      await openTab(page, 'Snapshots');
      await expect(page.getByRole('table', { name: 'Snapshots' }).getByText('active', { exact: true })).toBeVisible();
      await expectNoSeriousA11yViolations(page);

      await openTab(page, 'Access');
      await expect(page.getByRole('table', { name: 'Grants' })).toBeVisible();
      await expect(page.getByRole('form', { name: 'Grant access' })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });
  }
});
