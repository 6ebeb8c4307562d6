import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { toastStore } from '../lib/toast-store';
import { json, metadata, mockFetch, type RecordedCall } from '../test/fetch-mock';
import { renderApp } from '../test/render-app';

const admin = { id: 'a'.repeat(24), userName: 'admin', firstName: 'Domino', lastName: 'Admin', fullName: 'Domino Admin', avatarUrl: '', email: 'admin@example.com' };
const maya = { id: 'b'.repeat(24), userName: 'maya.chen', firstName: 'Maya', lastName: 'Chen', fullName: 'Maya Chen', avatarUrl: '', email: 'maya@example.com' };
const omar = { id: 'c'.repeat(24), userName: 'omar.haddad', firstName: 'Omar', lastName: 'Haddad', fullName: 'Omar Haddad', avatarUrl: '' };
const users = [admin, maya, omar];
const org = {
  id: 'd'.repeat(24),
  name: 'Risk Analytics',
  members: [
    { userId: admin.id, organizationRole: 'admin' },
    { userId: maya.id, organizationRole: 'member' },
  ],
};

/** A small fake Domino: enough of the API for the users and organizations pages. */
function fakeDomino(overrides: (call: RecordedCall, url: URL) => Response | undefined = () => undefined) {
  return mockFetch((call) => {
    const url = new URL(call.url, 'http://console');
    const override = overrides(call, url);
    if (override) return override;
    const path = url.pathname;
    if (path === '/api/users/v1/self') return json({ user: admin, metadata });
    if (path === '/api/embedded/v1/info') return json({ version: '0.1.0', extensions: ['git-credentials'], demo: true });
    if (path === '/api/users/v1/users') {
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 10);
      return json({ users: users.slice(offset, offset + limit), metadata: { ...metadata, offset, limit, totalCount: users.length } });
    }
    if (path.startsWith('/api/organizations/v1/organizations/all')) return json({ orgs: [org], metadata: { ...metadata, offset: 0, limit: 1, totalCount: 1 } });
    if (path === '/api/organizations/v1/organizations') return json({ orgs: [org], metadata: { ...metadata, offset: 0, limit: 25, totalCount: 1 } });
    if (path === `/api/organizations/v1/organizations/${org.id}`) return json({ org, metadata });
    if (path.startsWith('/api/organizations/v1/organizations/')) return json({ requestId: 'req-404', errors: ['Organization not found'] }, { status: 404 });
    if (path.startsWith('/api/users/beta/credentials/')) return json({ credentials: [], metadata });
    return json({ requestId: 'r', errors: [`unexpected ${call.method} ${path}`] }, { status: 500 });
  });
}

describe('users page', () => {
  it('lists users and filters the loaded page from the search box, keeping q in the URL', async () => {
    fakeDomino();
    const { router } = renderApp('/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'Users' })).toBeInTheDocument();
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('link', { name: 'Maya Chen' })).toHaveAttribute('href', `/users/${maya.id}`);

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search users on this page' }), { target: { value: 'omar' } });
    await waitFor(() => expect(router.state.location.search).toMatchObject({ q: 'omar' }));
    expect(within(screen.getByRole('table')).queryByRole('link', { name: 'Maya Chen' })).not.toBeInTheDocument();
    expect(within(screen.getByRole('table')).getByRole('link', { name: 'Omar Haddad' })).toBeInTheDocument();

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search users on this page' }), { target: { value: 'nobody' } });
    expect(await screen.findByText('No users match “nobody”')).toBeInTheDocument();
  });

  it('shows the API error with its requestId and a retry', async () => {
    fakeDomino((_call, url) => (url.pathname === '/api/users/v1/users' ? json({ requestId: 'req-500', errors: ['database is locked'] }, { status: 503 }) : undefined));
    renderApp('/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'The server failed' })).toBeInTheDocument();
    expect(screen.getByText('database is locked')).toBeInTheDocument();
    expect(screen.getByText('req-500')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    // Inside the frame, not instead of it.
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });
});

describe('user page', () => {
  it('finds the user by paging the list, and says so when nobody has the id', async () => {
    fakeDomino();
    renderApp(`/users/${'e'.repeat(24)}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'User not found' })).toBeInTheDocument();
  });

  it('notes a 403 on git credentials instead of failing the page', async () => {
    fakeDomino((_call, url) => (url.pathname.startsWith('/api/users/beta/credentials/') ? json({ requestId: 'r', errors: ['Forbidden'] }, { status: 403 }) : undefined));
    renderApp(`/users/${maya.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Maya Chen' })).toBeInTheDocument();
    expect(await screen.findByText('Only this user or an administrator can see their git credentials.')).toBeInTheDocument();
  });
});

describe('organization page', () => {
  it('resolves member names and rolls back a role change the API refuses', async () => {
    const { calls } = fakeDomino((call) =>
      call.method === 'PUT' ? json({ requestId: 'req-400', errors: ['Risk Analytics must keep at least one admin'] }, { status: 400 }) : undefined,
    );
    renderApp(`/organizations/${org.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Risk Analytics' })).toBeInTheDocument();
    const demote = await screen.findByRole('button', { name: 'Make Domino Admin a member' });
    fireEvent.click(demote);

    await waitFor(() => expect(calls.some((call) => call.method === 'PUT')).toBe(true));
    await waitFor(() => expect(toastStore.getSnapshot().some((toast) => toast.title === 'Could not change the role of Domino Admin')).toBe(true));
    const toast = toastStore.getSnapshot().find((t) => t.title === 'Could not change the role of Domino Admin');
    expect(toast?.description).toBe('Risk Analytics must keep at least one admin. The change was undone.');
    // Rolled back: the admin can still be demoted, i.e. is still an admin.
    expect(await screen.findByRole('button', { name: 'Make Domino Admin a member' })).toBeInTheDocument();
    toastStore.dismiss(toast!.id);
  });

  it('shows a 404 from the API as a page-level "Not found"', async () => {
    fakeDomino();
    renderApp(`/organizations/${'f'.repeat(24)}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Not found' })).toBeInTheDocument();
    expect(screen.getByText('req-404')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to organizations' })).toBeInTheDocument();
  });
});

describe('frame', () => {
  it('has the sidebar in order, the demo badge and a 404 page for unknown addresses', async () => {
    fakeDomino();
    renderApp('/no/such/page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const labels = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent?.replace('Planned', '').trim());
    expect(labels).toEqual(['Overview', 'Projects', 'Jobs', 'Datasets', 'Models', 'Cost', 'Environments', 'Organizations', 'Users', 'Monitoring']);
    expect(await screen.findByText('Demo workspace')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: /user menu/ })).toHaveTextContent('Domino Admin');
  });

  it('honestly marks families that are not built yet', async () => {
    fakeDomino();
    renderApp('/cost');
    expect(await screen.findByRole('heading', { level: 1, name: 'Cost' })).toBeInTheDocument();
    expect(screen.getByText('This part of the console is not built yet.')).toBeInTheDocument();
  });
});

describe('the job sandbox banner', () => {
  it('says jobs cannot run, and how to fix it, when the embedded Domino has no sandbox', async () => {
    fakeDomino((_call, url) =>
      url.pathname === '/api/embedded/v1/info' ? json({ version: '0.1.0', extensions: [], demo: false, sandbox: 'unavailable', sandboxHint: 'Install it with `sudo apt-get install bubblewrap`.' }) : undefined,
    );
    renderApp('/users');
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Jobs cannot run: the job sandbox is not available');
    expect(banner).toHaveTextContent('sudo apt-get install bubblewrap');
  });

  it('shows nothing when jobs run sandboxed', async () => {
    fakeDomino((_call, url) => (url.pathname === '/api/embedded/v1/info' ? json({ version: '0.1.0', extensions: [], demo: false, sandbox: 'bwrap' }) : undefined));
    renderApp('/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'Users' })).toBeInTheDocument();
    expect(screen.queryByText(/job sandbox/)).not.toBeInTheDocument();
  });
});
