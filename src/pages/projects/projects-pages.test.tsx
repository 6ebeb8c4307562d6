import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { toastStore } from '../../lib/toast-store';
import { failure, fakeDomino } from '../../test/fake-domino';
import { renderApp } from '../../test/render-app';
import { churn, churnGoal, embeddedInfo, objectId } from '../../test/wire-fixtures';

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
