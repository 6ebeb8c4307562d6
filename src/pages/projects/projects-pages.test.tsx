import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { toastStore } from '../../lib/toast-store';
import { FAKE_COMMIT_ID, failure, fakeDomino } from '../../test/fake-domino';
import { renderApp } from '../../test/render-app';
import { churn, churnGoal, embeddedInfo, objectId, oldPipeline } from '../../test/wire-fixtures';

beforeEach(() => {
  // jsdom has no layout: give the virtualized table's scroll box a size so it renders rows.
  vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(720);
  vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(1024);
});

describe('projects list', () => {
  it('shows every project with its owner, visibility and collaborators, and filters from the URL', async () => {
    fakeDomino();
    const { router } = renderApp('/projects');
    expect(await screen.findByRole('heading', { level: 1, name: 'Projects' })).toBeInTheDocument();
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('link', { name: 'customer-churn' })).toHaveAttribute('href', `/projects/${churn.id}`);
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(table).toHaveAttribute('aria-rowcount', '4');

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search projects' }), { target: { value: 'forecast' } });
    await waitFor(() => expect(router.state.location.search).toMatchObject({ q: 'forecast' }));
    expect(within(screen.getByRole('table')).queryByRole('link', { name: 'customer-churn' })).not.toBeInTheDocument();
    expect(screen.getByText('1 of 3 projects match')).toBeInTheDocument();

    fireEvent.change(screen.getByRole('combobox', { name: 'Visibility' }), { target: { value: 'private' } });
    expect(await screen.findByText('No projects match these filters')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(4));
    expect(router.state.location.searchStr).toBe('');
  });

  it('sorts by a column header, keeping the order in the URL', async () => {
    fakeDomino();
    const { router } = renderApp('/projects?sort=owner&order=desc');
    const table = await screen.findByRole('table');
    const names = () =>
      within(screen.getByRole('table'))
        .getAllByRole('link')
        .filter((link) => link.getAttribute('href')?.startsWith('/projects/'))
        .map((link) => link.textContent);
    expect(names()).toEqual(['customer-churn', 'demand-forecasting', 'credit-risk']);
    expect(within(table).getByRole('columnheader', { name: /Owner/ })).toHaveAttribute('aria-sort', 'descending');
    expect(within(table).getByRole('columnheader', { name: /^Project/ })).not.toHaveAttribute('aria-sort');
    fireEvent.click(within(table).getByRole('button', { name: /^Project/ }));
    // Name, ascending is the default: it leaves the URL.
    await waitFor(() => expect(router.state.location.searchStr).toBe(''));
    expect(names()).toEqual(['credit-risk', 'customer-churn', 'demand-forecasting']);
  });

  it('checks the new project name as it is typed and shows the API refusal inside the dialog', async () => {
    fakeDomino({ answer: ({ method }) => (method === 'POST' ? failure(400, 'mainRepository.uri: not reachable') : undefined) });
    renderApp('/projects');
    fireEvent.click(await screen.findByRole('button', { name: 'Create project' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create project' });
    const name = within(dialog).getByRole('textbox', { name: 'Project name' });
    fireEvent.change(name, { target: { value: 'my project' } });
    expect(within(dialog).getByText('Name must not contain white space')).toBeInTheDocument();
    fireEvent.change(name, { target: { value: 'Credit-Risk' } });
    expect(within(dialog).getByText('You already have a project named “Credit-Risk”.')).toBeInTheDocument();
    fireEvent.change(name, { target: { value: 'fraud' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create project' }));
    expect(await within(dialog).findByText('mainRepository.uri: not reachable')).toBeInTheDocument();
  });
});

describe('project page', () => {
  it('leads from the breadcrumb to the projects list and to the owner', async () => {
    fakeDomino();
    renderApp(`/projects/${churn.id}`);
    const trail = await screen.findByRole('navigation', { name: 'Breadcrumb' });
    expect(within(trail).getByRole('link', { name: 'Projects' })).toHaveAttribute('href', '/projects');
    expect(within(trail).getByRole('link', { name: churn.ownerUsername })).toHaveAttribute('href', `/users/${churn.ownerId}`);
  });

  it('shows a goal completed at the click, and puts the box back when the API refuses, before any refetch could', async () => {
    const domino = fakeDomino({
      answer: ({ method }) => (method === 'PATCH' ? failure(403, 'You may not change project maya.chen/customer-churn') : undefined),
    });
    renderApp(`/projects/${churn.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'customer-churn' })).toBeInTheDocument();
    const checkbox = await screen.findByRole('checkbox', { name: churnGoal.title });

    const refusal = domino.hold(({ method }) => method === 'PATCH');
    fireEvent.click(checkbox);
    // In the same tick as the click: a controlled checkbox must not flip back while the change is pending.
    expect(checkbox).toBeChecked();

    // The goals' refetch after the refusal waits until the box is seen back: only the rollback may restore it.
    const refetch = domino.hold(({ method, path }) => method === 'GET' && path === `/api/projects/v1/projects/${churn.id}/goals`);
    refusal.release();
    await waitFor(() => expect(toastStore.getSnapshot().map((toast) => toast.title)).toContain(`Could not complete “${churnGoal.title}”`));
    expect(toastStore.getSnapshot().find((toast) => toast.title.startsWith('Could not complete'))?.description).toBe(
      'You may not change project maya.chen/customer-churn. The change was undone.',
    );
    await waitFor(() => expect(screen.getByRole('checkbox', { name: churnGoal.title })).not.toBeChecked());
    await waitFor(() => expect(refetch.waiting).toBe(1));

    refetch.release();
    await waitFor(() => expect(refetch.waiting).toBe(0));
    expect(screen.getByRole('checkbox', { name: churnGoal.title })).not.toBeChecked();
  });

  it('says the project was not found for an unknown id', async () => {
    fakeDomino();
    renderApp(`/projects/${objectId('f')}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Project not found' })).toBeInTheDocument();
    expect(screen.getByText('req-404')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to projects' })).toHaveAttribute('href', '/projects');
  });

  it('offers the raw content endpoint when file browsing is not available', async () => {
    fakeDomino({ world: { info: { ...embeddedInfo, extensions: [] } } });
    renderApp(`/projects/${churn.id}?tab=files`);
    expect(await screen.findByText('File browsing needs the embedded Domino')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Commit id' })).toBeInTheDocument();
    // Without project-status there is no status to show or change.
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    expect(await screen.findByRole('heading', { name: 'Goals' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Status' })).not.toBeInTheDocument();
  });
});

describe('editing a project (project-edit)', () => {
  it('checks the name on blur against the owner’s names, confirms a visibility change and sends only what changed', async () => {
    const domino = fakeDomino();
    renderApp(`/projects/${churn.id}?tab=settings`);
    const section = (await screen.findByRole('heading', { name: 'Name, description and visibility' })).closest('section')!;
    const name = within(section).getByRole('textbox', { name: 'Name' });
    expect(name).toHaveValue('customer-churn');
    fireEvent.change(name, { target: { value: 'demand-forecasting' } });
    // Not while typing: on blur.
    expect(within(section).queryByText(/already has a project/)).not.toBeInTheDocument();
    fireEvent.blur(name);
    expect(await within(section).findByText('The owner, maya.chen, already has a project named “demand-forecasting”.')).toBeInTheDocument();
    fireEvent.click(within(section).getByRole('button', { name: 'Save changes' }));
    expect(name).toHaveFocus();
    expect(domino.calls.some((call) => call.method === 'PATCH')).toBe(false);

    fireEvent.change(name, { target: { value: 'churn-v2' } });
    fireEvent.change(within(section).getByRole('textbox', { name: 'Description' }), { target: { value: 'Who cancels, and why' } });
    fireEvent.click(within(section).getByRole('radio', { name: /Private/ }));
    fireEvent.click(within(section).getByRole('button', { name: 'Save changes' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Make customer-churn private?' });
    expect(domino.calls.some((call) => call.method === 'PATCH')).toBe(false);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Make it private' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'churn-v2' })).toBeInTheDocument();
    const patch = domino.calls.find((call) => call.method === 'PATCH')!;
    expect(patch.url).toContain(`/api/embedded/v1/projects/${churn.id}`);
    expect(patch.body).toEqual({ name: 'churn-v2', description: 'Who cancels, and why', visibility: 'private' });
    expect(toastStore.getSnapshot().map((toast) => toast.title)).toContain('Saved churn-v2');
    // The saved values are the form's new starting point: nothing left to save.
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('churn-v2'));
    expect(screen.getByRole('button', { name: 'Save changes' })).toHaveAttribute('aria-disabled', 'true');
  });

  it('saves a description without asking, and shows the API’s refusal in the form', async () => {
    const domino = fakeDomino({
      answer: ({ method, body }) =>
        method === 'PATCH' && (body as { description?: string }).description === 'taken' ? failure(400, 'description: refused by the server') : undefined,
    });
    renderApp(`/projects/${churn.id}?tab=settings`);
    const description = await screen.findByRole('textbox', { name: 'Description' });
    fireEvent.change(description, { target: { value: 'taken' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('description: refused by the server')).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(domino.calls.filter((call) => call.method === 'PATCH').map((call) => call.body)).toEqual([{ description: 'taken' }]);
  });

  it('is not offered against a Domino without the extension', async () => {
    fakeDomino({ world: { info: { ...embeddedInfo, extensions: embeddedInfo.extensions.filter((name) => name !== 'project-edit') } } });
    renderApp(`/projects/${churn.id}?tab=settings`);
    expect(await screen.findByRole('heading', { name: 'Results' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Name, description and visibility' })).not.toBeInTheDocument();
  });
});

describe('archived projects (archived-projects)', () => {
  it('lists them from the URL and restores one into the live list', async () => {
    const domino = fakeDomino();
    const { router } = renderApp('/projects?show=archived');
    const table = await screen.findByRole('table', { name: /Archived projects/ });
    expect(within(table).getByRole('link', { name: 'old-pipeline' })).toHaveAttribute('href', `/projects/${oldPipeline.id}`);
    fireEvent.click(within(table).getByRole('button', { name: 'Restore old-pipeline' }));
    expect(await screen.findByText('No archived projects')).toBeInTheDocument();
    expect(domino.calls.some((call) => call.method === 'POST' && call.url.endsWith(`/api/embedded/v1/projects/${oldPipeline.id}/unarchive`))).toBe(true);
    expect(toastStore.getSnapshot().map((toast) => toast.title)).toContain('Restored old-pipeline');

    fireEvent.change(screen.getByRole('combobox', { name: 'Show' }), { target: { value: 'live' } });
    await waitFor(() => expect(router.state.location.searchStr).toBe(''));
    expect(await within(await screen.findByRole('table')).findByRole('link', { name: 'old-pipeline' })).toBeInTheDocument();
  });

  it('filters the archived list by the search box too', async () => {
    fakeDomino();
    renderApp('/projects?show=archived&q=nothing-like-it');
    expect(await screen.findByText('No archived projects match these filters')).toBeInTheDocument();
  });

  it('offers no archived view against a Domino without the extension', async () => {
    fakeDomino({ world: { info: { ...embeddedInfo, extensions: [] } } });
    renderApp('/projects?show=archived');
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('link', { name: 'customer-churn' })).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Show' })).not.toBeInTheDocument();
  });
});

describe('project files', () => {
  const hostileReadme = [
    '# Churn model',
    '',
    'Predicts <b>who leaves</b>.',
    '',
    '<script>window.__pwned = true</script>',
    '',
    '<img src="x" onerror="window.__pwned = true">',
    '',
    '[run me](javascript:window.__pwned=true) · [tabbed](java\tscript:alert(1)) · [docs](https://docs.example.com/churn) · [guide](docs/guide.md) · [mail](mailto:team@example.com)',
    '',
    '![tracker](https://tracker.example.com/pixel.png) ![plot](docs/plot.png) ![escape](../../etc/passwd)',
  ].join('\n');

  it('renders the README as elements: HTML stays text, only safe links, images only from the project', async () => {
    fakeDomino({ world: { projectFiles: { [churn.id]: { 'README.md': hostileReadme, 'docs/guide.md': '# Guide\n' } } } });
    renderApp(`/projects/${churn.id}`);
    // The renderer is a lazy chunk: its first import in a test run takes a while.
    const readme = await screen.findByRole('article', { name: 'README.md' }, { timeout: 15_000 });
    expect(within(readme).getByRole('heading', { level: 1, name: 'Churn model' })).toBeInTheDocument();
    // Raw HTML is shown as the text it is, never parsed.
    expect(readme.querySelector('script, b')).toBeNull();
    expect(readme).toHaveTextContent('<script>window.__pwned = true</script>');
    expect(readme).toHaveTextContent('<img src="x" onerror="window.__pwned = true">');
    expect((window as { __pwned?: boolean }).__pwned).toBeUndefined();
    // javascript: (however spelled) is text, not a link.
    expect(within(readme).queryByRole('link', { name: 'run me' })).toBeNull();
    expect(within(readme).queryByRole('link', { name: 'tabbed' })).toBeNull();
    expect(within(readme).getByText('run me')).toBeInTheDocument();
    expect(within(readme).getByRole('link', { name: 'docs' })).toHaveAttribute('href', 'https://docs.example.com/churn');
    expect(within(readme).getByRole('link', { name: 'docs' })).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    expect(within(readme).getByRole('link', { name: 'mail' })).toHaveAttribute('href', 'mailto:team@example.com');
    // A relative link opens the file in the Files tab, at the README's commit.
    const guide = new URL(within(readme).getByRole('link', { name: 'guide' }).getAttribute('href')!, 'http://console');
    expect(guide.pathname).toBe(`/projects/${churn.id}`);
    expect(Object.fromEntries(guide.searchParams)).toEqual({ tab: 'files', path: 'docs/guide.md', commit: FAKE_COMMIT_ID });
    // Images: the project's own file through its content endpoint; another host or a path out of the project is its alt text.
    const images = readme.querySelectorAll('img');
    expect(images).toHaveLength(1);
    expect(images[0]).toHaveAttribute('src', `/api/projects/beta/projects/${churn.id}/files/${FAKE_COMMIT_ID}/docs/plot.png/content`);
    expect(within(readme).getByText('[tracker]')).toBeInTheDocument();
    expect(within(readme).getByText('[escape]')).toBeInTheDocument();
  });

  it('shows no README section for a project without one', async () => {
    fakeDomino({ world: { projectFiles: { [churn.id]: { 'train.py': 'print(1)\n' } } } });
    renderApp(`/projects/${churn.id}`);
    expect(await screen.findByRole('heading', { name: 'Goals' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('status', { name: /README/ })).toBeNull());
    expect(screen.queryByRole('heading', { name: /README/ })).toBeNull();
  });

  it('highlights a script as tokens, copies it, opens it raw and runs it with its command prefilled', async () => {
    const script = 'import pandas as pd\n\ndef train():\n    return "ok"  # done\n';
    fakeDomino({ world: { projectFiles: { [churn.id]: { 'src/train model.py': script, 'src/notes.txt': 'plain' } } } });
    renderApp(`/projects/${churn.id}?tab=files&path=src%2Ftrain%20model.py`);
    const viewer = await screen.findByRole('region', { name: 'Contents of train model.py' }, { timeout: 10_000 });
    await waitFor(() => expect(viewer.querySelector('.hljs-keyword')).not.toBeNull(), { timeout: 15_000 });
    expect([...viewer.querySelectorAll('.hljs-keyword')].map((token) => token.textContent)).toEqual(['import', 'as', 'def', 'return']);
    expect(viewer.querySelector('.hljs-string')).toHaveTextContent('"ok"');
    expect(viewer.querySelector('pre:not([aria-hidden]) code')!.textContent).toBe(script);
    expect(screen.getByRole('link', { name: /^Raw ?train model\.py \(opens in a new tab\)$/ })).toHaveAttribute(
      'href',
      `/api/projects/beta/projects/${churn.id}/files/${FAKE_COMMIT_ID}/src/train%20model.py/content`,
    );
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fireEvent.click(screen.getByRole('button', { name: /^Copy ?the contents of train model\.py$/ }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(script));

    fireEvent.click(screen.getByRole('button', { name: 'Run this file' }));
    const dialog = await screen.findByRole('dialog', { name: 'Run a job' });
    expect(within(dialog).getByRole('textbox', { name: /Command/ })).toHaveValue("python 'src/train model.py'");
  });

  it('offers no run for a file a job cannot run, and shows a file over 512 KB without highlighting', async () => {
    const big = `x = 1\n`.repeat(90_000);
    fakeDomino({ world: { projectFiles: { [churn.id]: { 'notes.txt': 'plain', 'big.py': big } } } });
    const { router } = renderApp(`/projects/${churn.id}?tab=files&path=notes.txt`);
    expect(await screen.findByRole('region', { name: 'Contents of notes.txt' })).toHaveTextContent('plain');
    expect(screen.queryByRole('button', { name: 'Run this file' })).toBeNull();
    await router.navigate({
      to: '/projects/$projectId',
      params: { projectId: churn.id },
      search: { tab: 'files', path: 'big.py', commit: 'main', history: 1 },
    });
    expect(await screen.findByText('Shown without highlighting: the file is larger than 512 KB.')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Contents of big.py' }).querySelector('.hljs-keyword, .hljs-number')).toBeNull();
  });
});
