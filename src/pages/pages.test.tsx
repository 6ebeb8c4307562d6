import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { toastStore } from '../lib/toast-store';
import { json, metadata } from '../test/fetch-mock';
import { failure, fakeDomino } from '../test/fake-domino';
import { renderApp } from '../test/render-app';
import { embeddedInfo, maya, objectId, omar, riskAnalytics } from '../test/wire-fixtures';

const toastTitled = (title: string) => toastStore.getSnapshot().find((toast) => toast.title === title);

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
    fakeDomino({ answer: ({ path }) => (path === '/api/users/v1/users' ? failure(503, 'database is locked', 'req-500') : undefined) });
    renderApp('/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'The server failed' })).toBeInTheDocument();
    expect(screen.getByText('database is locked')).toBeInTheDocument();
    expect(screen.getByText('req-500')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    // Inside the frame, not instead of it.
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });
});

describe('a failing API', () => {
  it('shows its error with Try again, and keeps trying in the background until the page loads', async () => {
    let failures = 0;
    fakeDomino({
      answer: ({ path }) => {
        if (path !== '/api/users/v1/users' || failures >= 1) return undefined;
        failures++;
        return failure(503, 'database is locked', 'req-503');
      },
    });
    renderApp('/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'The server failed' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(screen.getByText(/Trying again in \d s/)).toBeInTheDocument();
    // Nobody clicks: the background try loads the page.
    expect(await screen.findByRole('heading', { level: 1, name: 'Users' }, { timeout: 5_000 })).toBeInTheDocument();
  }, 10_000);
});

describe('user page', () => {
  it('finds the user by paging the list, and says so when nobody has the id', async () => {
    fakeDomino();
    renderApp(`/users/${objectId('e')}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'User not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to users' })).toHaveAttribute('href', '/users');
  });

  it('notes a 403 on git credentials instead of failing the page', async () => {
    fakeDomino({ answer: ({ path }) => (path.startsWith('/api/users/beta/credentials/') ? failure(403, 'Forbidden') : undefined) });
    renderApp(`/users/${maya.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Maya Chen' })).toBeInTheDocument();
    expect(await screen.findByText('Only this user or an administrator can see their git credentials.')).toBeInTheDocument();
  });
});

describe('organization page', () => {
  it('resolves member names and rolls back a role change the API refuses, before any refetch could restore it', async () => {
    // Two admins: a demotion the page allows, which the API then refuses.
    const twoAdmins = { ...riskAnalytics, members: [...riskAnalytics.members, { userId: omar.id, organizationRole: 'admin' as const }] };
    const domino = fakeDomino({
      world: { organizations: [twoAdmins] },
      answer: ({ method }) => (method === 'PUT' ? failure(400, 'Risk Analytics must keep at least one admin') : undefined),
    });
    renderApp(`/organizations/${riskAnalytics.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Risk Analytics' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Maya Chen' })).toHaveAttribute('href', `/users/${maya.id}`);

    // The refusal waits until the optimistic change is on screen...
    const refusal = domino.hold(({ method }) => method === 'PUT');
    fireEvent.click(screen.getByRole('button', { name: 'Make Domino Admin a member' }));
    expect(await screen.findByRole('button', { name: 'Make Domino Admin an admin' })).toBeInTheDocument();

    // ...and the refetch that follows it waits until the rollback has been seen: the server's
    // (unchanged) members must not be what puts the admin back.
    const refetch = domino.hold(({ method, path }) => method === 'GET' && path === `/api/organizations/v1/organizations/${riskAnalytics.id}`);
    refusal.release();
    await waitFor(() => expect(toastTitled('Could not change the role of Domino Admin')).toBeDefined());
    expect(toastTitled('Could not change the role of Domino Admin')?.description).toBe('Risk Analytics must keep at least one admin. The change was undone.');
    expect(await screen.findByRole('button', { name: 'Make Domino Admin a member' })).toBeInTheDocument();
    await waitFor(() => expect(refetch.waiting).toBe(1));

    refetch.release();
    await waitFor(() => expect(refetch.waiting).toBe(0));
    expect(screen.getByRole('button', { name: 'Make Domino Admin a member' })).toBeInTheDocument();
  });

  it('says in a toast that a member change went through', async () => {
    fakeDomino({
      answer: ({ method }) =>
        method === 'PUT'
          ? json({
              org: { ...riskAnalytics, members: riskAnalytics.members.map((m) => (m.userId === maya.id ? { ...m, organizationRole: 'admin' as const } : m)) },
              metadata,
            })
          : undefined,
    });
    renderApp(`/organizations/${riskAnalytics.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Make Maya Chen an admin' }));
    await waitFor(() => expect(toastTitled('Maya Chen is now an admin of Risk Analytics')).toBeDefined());
  });

  it('says in a toast that a member was removed, after the confirmation', async () => {
    fakeDomino({
      answer: ({ method }) =>
        method === 'DELETE' ? json({ org: { ...riskAnalytics, members: riskAnalytics.members.filter((m) => m.userId !== maya.id) }, metadata }) : undefined,
    });
    renderApp(`/organizations/${riskAnalytics.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove Maya Chen' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Remove member' }));
    await waitFor(() => expect(toastTitled('Removed Maya Chen from Risk Analytics')).toBeDefined());
  });

  it('does not offer the sole admin a way to leave the organization without one, and says why', async () => {
    const { calls } = fakeDomino();
    renderApp(`/organizations/${riskAnalytics.id}`);
    const demote = await screen.findByRole('button', { name: 'Make Domino Admin a member' });
    expect(demote).toBeDisabled();
    const leave = screen.getByRole('button', { name: 'Leave Risk Analytics' });
    expect(leave).toBeDisabled();
    expect(demote).toHaveAccessibleDescription('Risk Analytics must keep at least one admin: make another member an admin first.');
    expect(leave).toHaveAccessibleDescription('Risk Analytics must keep at least one admin: make another member an admin first.');
    // The other member can still be promoted.
    expect(screen.getByRole('button', { name: 'Make Maya Chen an admin' })).toBeEnabled();
    expect(calls.some((call) => call.method === 'PUT' || call.method === 'DELETE')).toBe(false);
  });

  it('shows a 404 from the API as the organization not-found page', async () => {
    fakeDomino();
    renderApp(`/organizations/${objectId('f')}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Organization not found' })).toBeInTheDocument();
    expect(screen.getByText('req-404')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to organizations' })).toHaveAttribute('href', '/organizations');
  });
});

describe('links that cannot lead anywhere', () => {
  // One bad-link page for every resource: the id in the address is not an id at all.
  for (const [path, noun, back] of [
    ['/jobs/not-a-job', 'job', 'Back to jobs'],
    ['/projects/not-a-project', 'project', 'Back to projects'],
    ['/organizations/xyz', 'organization', 'Back to organizations'],
    ['/users/42', 'user', 'Back to users'],
    ['/jobs?projectId=nope', 'project', 'Back to jobs'],
  ] as const) {
    it(`${path}: says the link is bad, without asking the API`, async () => {
      const { calls } = fakeDomino();
      renderApp(path);
      expect(await screen.findByRole('heading', { level: 1, name: 'Bad link' })).toBeInTheDocument();
      expect(screen.getByText(new RegExp(`is not a valid ${noun} id`))).toBeInTheDocument();
      expect(screen.getByRole('link', { name: back })).toBeInTheDocument();
      const asked = calls.map((call) => call.url);
      expect(asked.some((url) => /not-a-|xyz|nope|users\/42/.test(url))).toBe(false);
    });
  }

  it('an unknown job has the same kind of not-found page as an unknown project', async () => {
    fakeDomino();
    renderApp(`/jobs/${objectId('9')}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Job not found' })).toBeInTheDocument();
    expect(screen.getByText('404')).toBeInTheDocument();
  });
});

describe('frame', () => {
  it('has the sidebar in order, the demo badge and a 404 page for unknown addresses', async () => {
    fakeDomino();
    renderApp('/no/such/page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the overview' })).toHaveAttribute('href', '/');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    // Cost is for site administrators: it appears once the embedded Domino says the caller is one.
    await within(nav).findByRole('link', { name: 'Cost' });
    const labels = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent?.trim());
    expect(labels).toEqual([
      'Overview',
      'Projects',
      'Jobs',
      'Datasets',
      'Models',
      'Model APIs',
      'Cost',
      'Environments',
      'Organizations',
      'Users',
      'Monitoring',
      // The Administration group, for site administrators.
      'Billing tags',
    ]);
    expect(await screen.findByText('Demo workspace')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: /user menu/ })).toHaveTextContent('Domino Admin');
  });
});

describe('the job sandbox banner', () => {
  it('says jobs cannot run, and how to fix it, when the embedded Domino has no sandbox', async () => {
    fakeDomino({ world: { info: { ...embeddedInfo, sandbox: 'unavailable', sandboxHint: 'Install it with `sudo apt-get install bubblewrap`.' } } });
    renderApp('/users');
    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Jobs cannot run: the job sandbox is not available');
    expect(banner).toHaveTextContent('sudo apt-get install bubblewrap');
  });

  it('shows nothing when jobs run sandboxed', async () => {
    fakeDomino({ world: { info: { ...embeddedInfo, sandbox: 'bwrap' } } });
    renderApp('/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'Users' })).toBeInTheDocument();
    expect(screen.queryByText(/job sandbox/)).not.toBeInTheDocument();
  });
});
