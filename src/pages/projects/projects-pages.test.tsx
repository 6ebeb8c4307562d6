import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { toastStore } from '../../lib/toast-store';
import { failure, fakeDomino } from '../../test/fake-domino';
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
