// The projects family against the real server: the list, creating, goals, collaborators, files
// with their history, copying, editing, archiving and restoring, an axe scan of every view, and
// the not-found page.
import type { Page } from '@playwright/test';
import { uniqueProjectName, type CreatedProject, type DominoApi } from './api-client';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

function createProject(api: DominoApi, prefix: string): Promise<CreatedProject> {
  return api.createProject({ name: uniqueProjectName(prefix), description: `${prefix} project made by the projects spec` });
}

async function openProject(page: Page, project: CreatedProject, tab?: string) {
  await page.goto(`/projects/${project.id}${tab ? `?tab=${tab}` : ''}`);
  await expect(page.getByRole('heading', { level: 1, name: project.name })).toBeVisible();
}

/** Uploads a text file through the Files tab's dialog. */
async function uploadFile(page: Page, path: string, content: string, message: string) {
  await page.getByRole('button', { name: 'Upload file' }).click();
  const dialog = page.getByRole('dialog', { name: 'Upload file' });
  await dialog.getByLabel('File', { exact: true }).setInputFiles({ name: path.split('/').pop()!, mimeType: 'text/plain', buffer: Buffer.from(content) });
  await dialog.getByRole('textbox', { name: 'Path in the project' }).fill(path);
  await dialog.getByRole('textbox', { name: 'Commit message (optional)' }).fill(message);
  await dialog.getByRole('button', { name: 'Upload and commit' }).click();
  await expect(dialog).toBeHidden();
}

test.describe('projects', () => {
  test('the list shows the demo projects, filters from the URL and passes an axe scan', async ({ page }) => {
    await page.goto('/projects');
    await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
    const table = page.getByRole('table', { name: /^Projects/ });
    await expect(table.getByRole('link', { name: 'customer-churn' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('searchbox', { name: 'Search projects' }).fill('churn');
    await expect(page).toHaveURL(/[?&]q=churn/);
    await expect(page.getByRole('table').getByRole('link', { name: 'customer-churn' })).toBeVisible();
    await expect(page.getByRole('table').getByRole('link', { name: 'demand-forecasting' })).toHaveCount(0);

    await page.getByRole('combobox', { name: 'Visibility' }).selectOption('private');
    await expect(page.getByText('No projects match these filters')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.getByRole('table').getByRole('link', { name: 'demand-forecasting' })).toBeVisible();
    await expect(page).toHaveURL(/\/projects$/);
  });

  test('creates a project from the dashboard', async ({ page }) => {
    const name = uniqueProjectName('created');
    await page.goto('/projects');
    await page.getByRole('button', { name: 'Create project' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create project' });
    const nameField = dialog.getByRole('textbox', { name: 'Project name' });
    await nameField.fill('has a space');
    await expect(dialog.getByText('Name must not contain white space')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await nameField.fill(name);
    await expect(dialog.getByText('Name must not contain white space')).toBeHidden();
    await dialog.getByRole('textbox', { name: 'Description' }).fill('Made in the browser');
    await dialog.getByRole('radio', { name: /^Public/ }).check();
    await dialog.getByRole('button', { name: 'Create project' }).click();

    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page).toHaveURL(/\/projects\/[0-9a-f]{24}$/);
    await expect(page.getByText('Made in the browser')).toBeVisible();
    await expect(page.getByRole('main').getByText('Public', { exact: true })).toBeVisible();

    // The name is now taken for this owner: the dialog says so before asking the server.
    await page.goto('/projects');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('dialog', { name: 'Create project' }).getByRole('textbox', { name: 'Project name' }).fill(name);
    await expect(page.getByText(`You already have a project named “${name}”.`)).toBeVisible();
  });

  test('adds a goal and completes it', async ({ page, api }) => {
    const project = await createProject(api, 'goals');
    await openProject(page, project);
    await page.getByRole('textbox', { name: 'New goal' }).fill('Write the model card');
    await page.getByRole('button', { name: 'Add goal' }).click();
    const goal = page.getByRole('checkbox', { name: 'Write the model card' });
    await expect(goal).toBeEnabled();
    await expect(goal).not.toBeChecked();
    await goal.check();
    await expect(page.getByText('1 of 1 complete')).toBeVisible();

    await page.reload();
    await expect(page.getByRole('checkbox', { name: 'Write the model card' })).toBeChecked();
    const { goals } = await api.call<{ goals: Array<{ title: string; isComplete: boolean }> }>('GET', `/api/projects/v1/projects/${project.id}/goals`);
    expect(goals).toEqual([expect.objectContaining({ title: 'Write the model card', isComplete: true })]);
  });

  test('blocks the project with a reason and unblocks it', async ({ page, api }) => {
    const project = await createProject(api, 'status');
    await openProject(page, project);
    await page.getByRole('button', { name: 'Block…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Block project' });
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Waiting for the data export');
    await dialog.getByRole('button', { name: 'Block project' }).click();
    await expect(page.getByText('Waiting for the data export')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Unblock' })).toBeVisible();
    const { status } = await api.call<{ status: { status: string; isBlocked: boolean; blockedReason?: string } }>(
      'GET',
      `/api/embedded/v1/projects/${project.id}/status`,
    );
    expect(status).toMatchObject({ isBlocked: true, blockedReason: 'Waiting for the data export' });
    await page.getByRole('button', { name: 'Unblock' }).click();
    await expect(page.getByRole('button', { name: 'Block…' })).toBeVisible();
  });

  test('adds a collaborator and changes their role', async ({ page, api }) => {
    const project = await createProject(api, 'collab');
    const user = await api.createUser('collab');
    await openProject(page, project, 'collaborators');
    await page.getByRole('button', { name: 'Add collaborator' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add collaborator' });
    await dialog.getByRole('combobox', { name: 'Filter users' }).fill(user.userName);
    await dialog.getByRole('radio', { name: new RegExp(user.userName) }).check();
    await dialog.getByRole('combobox', { name: 'Role' }).selectOption('launcherUser');
    await dialog.getByRole('button', { name: 'Add collaborator' }).click();

    const role = page.getByRole('combobox', { name: `Role of ${user.fullName}` });
    await expect(role).toHaveValue('launcherUser');
    await expect
      .poll(async () => (await api.call<{ project: { collaborators: unknown[] } }>('GET', `/api/projects/v1/projects/${project.id}`)).project.collaborators)
      .toEqual([{ id: user.id, role: 'launcherUser' }]);

    await role.selectOption('resultsConsumer');
    await expect(page.getByRole('status').filter({ hasText: `${user.fullName} is now a results consumer` })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('combobox', { name: `Role of ${user.fullName}` })).toHaveValue('resultsConsumer');
  });

  test('uploads a file, then a new version, and shows the old content at the older commit', async ({ page, api }) => {
    const project = await createProject(api, 'files');
    await openProject(page, project, 'files');
    await expect(page.getByRole('table', { name: `Files in ${project.name}` }).getByRole('link', { name: 'README.md' })).toBeVisible();

    await uploadFile(page, 'notes/plan.txt', 'version one\n', 'First version of the plan');
    const contents = page.getByRole('region', { name: 'Contents of plan.txt' });
    await expect(contents).toHaveText(/version one/);
    await expect(page).toHaveURL(/path=notes%2Fplan\.txt|path=notes\/plan\.txt/);

    await uploadFile(page, 'notes/plan.txt', 'version two\nwith a second line\n', 'Second version of the plan');
    await expect(contents).toHaveText(/version two/);

    await page.getByRole('link', { name: /^Browse files at commit [0-9a-f]{7}: First version of the plan$/ }).click();
    await expect(page).toHaveURL(/commit=[0-9a-f]{40}/);
    await expect(page.getByText('You are looking at the files as they were at commit')).toBeVisible();
    await expect(contents).toHaveText(/version one/);
    await expect(contents).not.toHaveText(/version two/);

    // The breadcrumb leads back to the folder at the same commit.
    await page.getByRole('navigation', { name: 'File path' }).getByRole('link', { name: 'notes' }).click();
    await expect(page.getByRole('table', { name: 'Files in notes' }).getByRole('link', { name: 'plan.txt' })).toBeVisible();
    await page.getByRole('link', { name: 'Show the latest version' }).click();
    await expect(page).not.toHaveURL(/commit=/);
  });

  test('renders the README with its HTML inert and its image from the project, highlights a script and runs it', async ({ page, api }) => {
    // Two pages, an axe scan and a job run.
    test.setTimeout(90_000);
    const project = await createProject(api, 'readme');
    // A 1×1 PNG, committed next to the README that shows it.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    await api.putFile(project.id, 'docs/dot.png', png);
    await api.putFile(
      project.id,
      'README.md',
      [
        '# Readme check',
        '',
        '<script>window.__pwned = "script"</script>',
        '',
        '<img src="x" onerror="window.__pwned = \'onerror\'">',
        '',
        '[click me](javascript:window.__pwned=1) and the [plan](docs/plan.md).',
        '',
        '![a dot](docs/dot.png) ![a tracker](https://tracker.example.com/p.png)',
      ].join('\n'),
    );
    await api.putFile(project.id, 'run.sh', '# say hello\necho "hello from run.sh"\n');
    await openProject(page, project);
    const readme = page.getByRole('article', { name: 'README.md' });
    await expect(readme.getByRole('heading', { level: 1, name: 'Readme check' })).toBeVisible();
    await expect(readme).toContainText('<script>window.__pwned = "script"</script>');
    await expect(readme).toContainText(`<img src="x" onerror="window.__pwned = 'onerror'">`);
    await expect(readme.getByRole('link', { name: 'click me' })).toHaveCount(0);
    // The project's own image loads through the content endpoint; the other host's is not fetched.
    const dot = readme.getByRole('img', { name: 'a dot' });
    await expect(dot).toBeVisible();
    await expect.poll(() => dot.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBe(1);
    await expect(readme.getByText('[a tracker]')).toBeVisible();
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await expectNoSeriousA11yViolations(page);

    await readme.getByRole('link', { name: 'plan' }).click();
    await expect(page).toHaveURL(/tab=files/);
    await expect(page).toHaveURL(/path=docs%2Fplan\.md/);

    await page.goto(`/projects/${project.id}?tab=files&path=run.sh`);
    const contents = page.getByRole('region', { name: 'Contents of run.sh' });
    await expect(contents.locator('.hljs-comment')).toHaveText('# say hello');
    await expect(contents.locator('.hljs-built_in')).toHaveText('echo');
    await expect(page.getByRole('link', { name: 'Raw run.sh (opens in a new tab)' })).toHaveAttribute('target', '_blank');
    await page.getByRole('button', { name: 'Run this file' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run a job' });
    await expect(dialog.getByRole('textbox', { name: 'Command' })).toHaveValue('bash run.sh');
    await dialog.getByRole('button', { name: 'Run job' }).click();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f]{24}/);
    await expect(page.getByRole('region', { name: 'Log output' }).getByText('hello from run.sh')).toBeVisible({ timeout: 20_000 });
  });

  test('copies the project and opens the copy', async ({ page, api }) => {
    const project = await createProject(api, 'copy');
    await api.call('POST', `/api/projects/v1/projects/${project.id}/goals`, { title: 'Copied goal' });
    await openProject(page, project, 'settings');
    await page.getByRole('button', { name: 'Copy project…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Copy project' });
    const nameField = dialog.getByRole('textbox', { name: 'Name of the copy' });
    await expect(nameField).toHaveValue(`${project.name}-copy`);
    const copyName = `${project.name}-fork`;
    await nameField.fill(copyName);
    await dialog.getByRole('radio', { name: /^Searchable/ }).check();
    await dialog.getByRole('button', { name: 'Copy project' }).click();

    await expect(page.getByRole('heading', { level: 1, name: copyName })).toBeVisible();
    await expect(page.getByRole('main').getByText('Searchable', { exact: true })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Copied goal' })).toBeVisible();
  });

  test('archives the project after typing its name, and it leaves the list', async ({ page, api }) => {
    const project = await createProject(api, 'archive');
    await openProject(page, project, 'settings');
    await page.getByRole('button', { name: 'Archive project…' }).click();
    const dialog = page.getByRole('alertdialog', { name: `Archive ${project.name}?` });
    const confirm = dialog.getByRole('button', { name: 'Archive project' });
    await expect(confirm).toHaveAttribute('aria-disabled', 'true');
    await dialog.getByRole('textbox', { name: /to confirm/ }).fill(project.name);
    await expect(confirm).not.toHaveAttribute('aria-disabled');
    await confirm.click();

    await expect(page).toHaveURL(/\/projects$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search projects' }).fill(project.name);
    await expect(page.getByText('No projects match these filters')).toBeVisible();

    // Its own page still opens, read-only, with a banner.
    await openProject(page, project);
    await expect(page.getByText('This project is archived', { exact: true })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'New goal' })).toHaveCount(0);
  });

  test('edits the name, description and visibility (confirming the visibility), and the list shows the change', async ({ page, api }) => {
    const project = await createProject(api, 'edit');
    const renamed = `${project.name}-renamed`;
    await openProject(page, project, 'settings');
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Name, description and visibility' }) });
    await section.getByRole('textbox', { name: 'Name' }).fill('has space');
    await section.getByRole('textbox', { name: 'Description' }).focus();
    await expect(section.getByText('Name must not contain white space')).toBeVisible();
    await section.getByRole('textbox', { name: 'Name' }).fill(renamed);
    await section.getByRole('textbox', { name: 'Description' }).fill('Edited in the browser');
    await section.getByRole('radio', { name: /^Public/ }).check();
    await expectNoSeriousA11yViolations(page);
    await section.getByRole('button', { name: 'Save changes' }).click();
    const confirm = page.getByRole('alertdialog', { name: `Make ${project.name} public?` });
    await expectNoSeriousA11yViolations(page);
    await confirm.getByRole('button', { name: 'Make it public' }).click();
    await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
    await expect(page.getByText(`Saved ${renamed}`)).toBeVisible();

    const saved = await api.call<{ project: unknown }>('GET', `/api/projects/v1/projects/${project.id}`);
    expect(saved.project).toMatchObject({ name: renamed, description: 'Edited in the browser', visibility: 'public' });
    await page.goto(`/projects?q=${renamed}`);
    await expect(page.getByRole('table').getByRole('link', { name: renamed })).toBeVisible();
  });

  test('finds an archived project in the archived view and restores it, from the list and from its page', async ({ page, api }) => {
    const fromList = await createProject(api, 'restore-list');
    const fromPage = await createProject(api, 'restore-page');
    for (const project of [fromList, fromPage]) await api.call('DELETE', `/api/projects/beta/projects/${project.id}`);

    await page.goto('/projects');
    await page.getByRole('combobox', { name: 'Show' }).selectOption('archived');
    await expect(page).toHaveURL(/[?&]show=archived/);
    const archived = page.getByRole('table', { name: /Archived projects/ });
    await expect(archived.getByRole('link', { name: fromList.name })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await archived.getByRole('button', { name: `Restore ${fromList.name}` }).click();
    await expect(archived.getByRole('link', { name: fromList.name })).toHaveCount(0);
    await page.getByRole('combobox', { name: 'Show' }).selectOption('live');
    await page.getByRole('searchbox', { name: 'Search projects' }).fill(fromList.name);
    await expect(page.getByRole('table').getByRole('link', { name: fromList.name })).toBeVisible();

    await openProject(page, fromPage);
    await expect(page.getByText('This project is archived', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: `Restore ${fromPage.name}` }).click();
    await expect(page.getByText('This project is archived', { exact: true })).toBeHidden();
    // Changeable again: the goal form is back.
    await expect(page.getByRole('textbox', { name: 'New goal' })).toBeVisible();
  });

  for (const theme of ['Light', 'Dark'] as const) {
    test(`every tab of a project passes an axe scan (${theme.toLowerCase()} theme)`, async ({ page, api }) => {
      // Nine axe scans: more than the default 30 s on a busy machine.
      test.setTimeout(90_000);
      const project = await createProject(api, 'axe');
      await api.call('POST', `/api/projects/v1/projects/${project.id}/goals`, { title: 'A goal to look at' });
      await api.call('POST', `/api/projects/v1/projects/${project.id}/repositories`, { uri: 'https://github.com/acme/axe-check.git' });
      const tabs: Array<{ name: string; ready: (page: Page) => Promise<void> }> = [
        { name: 'Overview', ready: (p) => expect(p.getByRole('checkbox', { name: 'A goal to look at' })).toBeVisible() },
        { name: 'Files', ready: (p) => expect(p.getByRole('link', { name: 'README.md' })).toBeVisible() },
        { name: 'Jobs', ready: (p) => expect(p.getByRole('tabpanel')).toBeVisible() },
        { name: 'Datasets', ready: (p) => expect(p.getByRole('heading', { name: 'Shared datasets' })).toBeVisible() },
        { name: 'Collaborators', ready: (p) => expect(p.getByRole('button', { name: 'Add collaborator' })).toBeVisible() },
        { name: 'Repositories', ready: (p) => expect(p.getByRole('cell', { name: 'axe-check', exact: true })).toBeVisible() },
        { name: 'Settings', ready: (p) => expect(p.getByRole('button', { name: 'Save results setting' })).toBeVisible() },
      ];
      await openProject(page, project);
      await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: theme }).check();
      for (const tab of tabs) {
        await page.getByRole('tab', { name: tab.name }).click();
        await expect(page.getByRole('tab', { name: tab.name })).toHaveAttribute('aria-selected', 'true');
        await tab.ready(page);
        await expectNoSeriousA11yViolations(page);
      }
      // A file view and the upload dialog too.
      await page.goto(`/projects/${project.id}?tab=files&path=README.md`);
      await expect(page.getByRole('region', { name: 'Contents of README.md' })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('button', { name: 'Upload file' }).click();
      await expect(page.getByRole('dialog', { name: 'Upload file' })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });
  }
});

test.describe('a project that does not exist', () => {
  test.use({ expectedConsoleErrors: [/status of 404/] });

  test('shows a clear not-found page with the way back', async ({ page }) => {
    await page.goto(`/projects/${'f'.repeat(24)}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Project not found' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('link', { name: 'Back to projects' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
  });
});
