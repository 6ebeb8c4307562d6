import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toastStore } from '../../lib/toast-store';
import { json, metadata, mockFetch, type RecordedCall } from '../../test/fetch-mock';
import { renderApp } from '../../test/render-app';

const admin = { id: 'a'.repeat(24), userName: 'admin', firstName: 'Domino', lastName: 'Admin', fullName: 'Domino Admin', avatarUrl: '', email: 'admin@example.com' };
const maya = { id: 'b'.repeat(24), userName: 'maya.chen', firstName: 'Maya', lastName: 'Chen', fullName: 'Maya Chen', avatarUrl: '' };
const users = [admin, maya];

function project(id: string, name: string, owner: { id: string; userName: string }, visibility: string, description = '') {
  return { id: id.repeat(24), name, description, visibility, ownerId: owner.id, ownerUsername: owner.userName, collaborators: [] as { id: string; role: string }[], internalTags: [] };
}

const projects = [
  project('1', 'customer-churn', maya, 'public', 'Predict which subscribers will cancel'),
  project('2', 'credit-risk', admin, 'private', 'PD model for loans'),
  project('3', 'demand-forecasting', maya, 'searchable', 'Weekly forecasts'),
];
const churn = { ...projects[0]!, collaborators: [{ id: admin.id, role: 'contributor' }] };
const goal = { id: '9'.repeat(24), title: 'Beat the baseline', isComplete: false, projectId: churn.id, createdAt: '2026-01-01T00:00:00Z', creatorId: maya.id };

/** Enough of a Domino for the projects pages; `extra` answers first. */
function fakeDomino(extra: (call: RecordedCall, url: URL) => Response | undefined = () => undefined, extensions = ['project-files', 'project-status', 'workspaces']) {
  return mockFetch((call) => {
    const url = new URL(call.url, 'http://console');
    const answer = extra(call, url);
    if (answer) return answer;
    const path = url.pathname;
    if (path === '/api/users/v1/self') return json({ user: admin, metadata });
    if (path === '/api/embedded/v1/info') return json({ version: '0.1.0', extensions, demo: false });
    if (path === '/api/users/v1/users') return json({ users, metadata: { ...metadata, offset: 0, limit: 500, totalCount: users.length } });
    if (path === '/api/projects/beta/projects' && call.method === 'GET') {
      return json({ projects, metadata: { ...metadata, offset: 0, limit: 100, totalCount: projects.length } });
    }
    if (path === `/api/projects/v1/projects/${churn.id}`) return json({ project: churn, metadata });
    if (path === `/api/embedded/v1/projects/${churn.id}/status`) {
      return json({ status: { status: 'active', isBlocked: false }, isArchived: false, createdAt: '2026-01-01T00:00:00Z', yourRole: 'admin', metadata });
    }
    if (path === `/api/projects/v1/projects/${churn.id}/goals`) return json({ goals: [goal], metadata });
    if (path === `/api/embedded/v1/projects/${churn.id}/workspaces`) return json({ workspaces: [], metadata: { ...metadata, offset: 0, limit: 100, totalCount: 0 } });
    if (path.startsWith('/api/projects/v1/projects/')) return json({ requestId: 'req-404', errors: ['Project not found'] }, { status: 404 });
    return json({ requestId: 'r', errors: [`unexpected ${call.method} ${path}`] }, { status: 500 });
  });
}

beforeEach(() => {
  // jsdom has no layout: give the virtualized table's scroll box a size so it renders rows.
  vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(720);
  vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(1024);
});

// The first render loads lazy route chunks; under a busy machine that takes longer than 1 s.
const FIRST_RENDER = { timeout: 10_000 };

afterEach(() => {
  for (const toast of toastStore.getSnapshot()) toastStore.dismiss(toast.id);
});

describe('projects list', () => {
  it('shows every project with its owner, visibility and collaborators, and filters from the URL', async () => {
    fakeDomino();
    const { router } = renderApp('/projects');
    expect(await screen.findByRole('heading', { level: 1, name: 'Projects' }, FIRST_RENDER)).toBeInTheDocument();
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('link', { name: 'customer-churn' })).toHaveAttribute('href', `/projects/${churn.id}`);
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(table).toHaveAttribute('aria-rowcount', '4');

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search projects' }), { target: { value: 'forecast' } });
    await waitFor(() => expect(router.state.location.search).toMatchObject({ q: 'forecast' }));
    expect(within(screen.getByRole('table')).queryByRole('link', { name: 'customer-churn' })).not.toBeInTheDocument();
    expect(screen.getByText('1 of 3 projects match')).toBeInTheDocument();

    fireEvent.change(screen.getByRole('combobox', { name: 'Visibility' }), { target: { value: 'private' } });
    expect(await screen.findByText('No projects match these filters', {}, FIRST_RENDER)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(4));
    expect(router.state.location.searchStr).toBe('');
  });

  it('sorts by a column header, keeping the order in the URL', async () => {
    fakeDomino();
    const { router } = renderApp('/projects?sort=owner&order=desc');
    const table = await screen.findByRole('table', {}, FIRST_RENDER);
    const names = () => within(screen.getByRole('table')).getAllByRole('link').filter((link) => link.getAttribute('href')?.startsWith('/projects/')).map((link) => link.textContent);
    expect(names()).toEqual(['customer-churn', 'demand-forecasting', 'credit-risk']);
    expect(within(table).getByRole('columnheader', { name: /Owner/ })).toHaveAttribute('aria-sort', 'descending');
    fireEvent.click(within(table).getByRole('button', { name: /^Project/ }));
    // Name, ascending is the default: it leaves the URL.
    await waitFor(() => expect(router.state.location.searchStr).toBe(''));
    expect(names()).toEqual(['credit-risk', 'customer-churn', 'demand-forecasting']);
  });

  it('checks the new project name as it is typed and shows the API refusal inside the dialog', async () => {
    fakeDomino((call) =>
      call.method === 'POST' ? json({ requestId: 'req-400', errors: ['mainRepository.uri: not reachable'] }, { status: 400 }) : undefined,
    );
    renderApp('/projects');
    fireEvent.click(await screen.findByRole('button', { name: 'Create project' }, FIRST_RENDER));
    const dialog = await screen.findByRole('dialog', { name: 'Create project' }, FIRST_RENDER);
    const name = within(dialog).getByRole('textbox', { name: 'Project name' });
    fireEvent.change(name, { target: { value: 'my project' } });
    expect(within(dialog).getByText('Name must not contain white space')).toBeInTheDocument();
    fireEvent.change(name, { target: { value: 'Credit-Risk' } });
    expect(within(dialog).getByText('You already have a project named “Credit-Risk”.')).toBeInTheDocument();
    fireEvent.change(name, { target: { value: 'fraud' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create project' }));
    expect(await within(dialog).findByText('mainRepository.uri: not reachable', {}, FIRST_RENDER)).toBeInTheDocument();
  });
});

describe('project page', () => {
  it('rolls back a goal the API refuses to complete, with a toast that says why', async () => {
    const { calls } = fakeDomino((call) =>
      call.method === 'PATCH' ? json({ requestId: 'req-403', errors: ['You may not change project maya.chen/customer-churn'] }, { status: 403 }) : undefined,
    );
    renderApp(`/projects/${churn.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'customer-churn' }, FIRST_RENDER)).toBeInTheDocument();
    const checkbox = await screen.findByRole('checkbox', { name: 'Beat the baseline' }, FIRST_RENDER);
    fireEvent.click(checkbox);
    await waitFor(() => expect(calls.some((call) => call.method === 'PATCH')).toBe(true), FIRST_RENDER);
    await waitFor(() => expect(toastStore.getSnapshot().map((toast) => toast.title)).toContain('Could not complete “Beat the baseline”'), FIRST_RENDER);
    expect(toastStore.getSnapshot().find((toast) => toast.title.startsWith('Could not complete'))?.description).toBe(
      'You may not change project maya.chen/customer-churn. The change was undone.',
    );
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Beat the baseline' })).not.toBeChecked(), FIRST_RENDER);
  });

  it('says the project was not found for an unknown id', async () => {
    fakeDomino();
    renderApp(`/projects/${'f'.repeat(24)}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Project not found' }, FIRST_RENDER)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to projects' })).toHaveAttribute('href', '/projects');
  });

  it('offers the raw content endpoint when file browsing is not available', async () => {
    fakeDomino(undefined, []);
    renderApp(`/projects/${churn.id}?tab=files`);
    expect(await screen.findByText('File browsing needs the embedded Domino', {}, FIRST_RENDER)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Commit id' })).toBeInTheDocument();
    // Without project-status there is no status to show or change.
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    expect(await screen.findByRole('heading', { name: 'Goals' }, FIRST_RENDER)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Status' })).not.toBeInTheDocument();
  });
});
