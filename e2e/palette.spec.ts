// The command palette (Ctrl/⌘ K) against the real server: keyboard only from opening to arriving,
// a project by name, a job by #N in the current project and by owner/project#N, a page; focus
// trapped in it and given back on Esc; axe clean in both themes.
import { uniqueProjectName } from './api-client';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

test.describe('command palette', () => {
  test.describe.configure({ timeout: 90_000 });

  test('goes to a project, a job by #N and by owner/project#N, and a page, with the keyboard only', async ({ page, api }) => {
    const project = await api.createProject({ name: uniqueProjectName('palette'), description: 'made by the palette spec' });
    const job = await api.startJob({ projectId: project.id, runCommand: 'echo palette', title: 'Palette job', hardwareTier: 'medium-k8s' });

    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Go to' });
    const box = dialog.getByRole('combobox', { name: 'Go to' });
    await expect(box).toBeFocused();
    // Tab stays inside the dialog.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(dialog.locator(':focus')).toHaveCount(1);

    await box.focus();
    await page.keyboard.type(project.name);
    const option = dialog.getByRole('option', { name: new RegExp(`^${project.name}`) });
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/projects/${project.id}$`));
    await expect(dialog).toBeHidden();

    // #N is a job of the project being looked at.
    await expect(page.getByRole('heading', { level: 1, name: project.name })).toBeFocused();
    await page.keyboard.press('Control+k');
    await expect(box).toBeFocused();
    await page.keyboard.type(`#${job.number}`);
    await expect(dialog.getByRole('option', { name: new RegExp(`^Job #${job.number} Palette job`) })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/jobs/${job.id}`));
    await expect(page.getByRole('heading', { level: 1, name: `#${job.number} Palette job` })).toBeVisible();

    // owner/project#N from anywhere; ↓ and Esc.
    await page.goto('/users');
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    const opener = page.getByRole('button', { name: /^Go to/ });
    await opener.focus();
    await page.keyboard.press('Control+k');
    await expect(box).toBeFocused();
    await page.keyboard.type(`admin/${project.name}#${job.number}`);
    await expect(dialog.getByRole('option', { name: new RegExp(`^Job #${job.number}`) })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();

    // A page, in the dark theme.
    await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'Dark' }).check();
    await page.keyboard.press('Control+k');
    await expect(box).toBeFocused();
    await page.keyboard.type('archived');
    await expect(dialog.getByRole('option', { name: 'Archived projects' })).toHaveAttribute('aria-selected', 'true');
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/projects\?show=archived/);
  });
});
