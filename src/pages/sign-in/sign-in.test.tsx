// Who acts, on screen: the sign-in page, the guard of a multi-user console, the user menu's
// sign-in, switch and sign-out, and an administrator's sign-in links — against the fake Domino,
// whose proxy answers are typed against the console contract.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { z } from 'zod';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SESSION_HEADER, type ConsoleSessionSchema } from '../../api/schemas/console';
import { pageLoad } from '../../lib/page-load';
import { failure, fakeDomino, type FakeRequest } from '../../test/fake-domino';
import { json } from '../../test/fetch-mock';
import { renderApp } from '../../test/render-app';
import { embeddedInfo, maya, omar } from '../../test/wire-fixtures';

type SessionWire = z.input<typeof ConsoleSessionSchema>;

const asMaya = { id: maya.id, userName: maya.userName, fullName: `${maya.firstName} ${maya.lastName}` };
const asOmar = { id: omar.id, userName: omar.userName, fullName: `${omar.firstName} ${omar.lastName}` };

const singleUser: SessionWire = {
  mode: 'single-user',
  signedIn: false,
  user: asMaya,
  identity: 'configured',
  canSwitchUser: false,
  signInLinks: false,
  warnings: [],
};
const multiUserSignedOut: SessionWire = { mode: 'multi-user', signedIn: false, identity: 'nobody', canSwitchUser: false, signInLinks: true, warnings: [] };
const signedInAsOmar = (mode: SessionWire['mode']): SessionWire => ({ ...singleUser, mode, signedIn: true, user: asOmar, identity: 'omar-session' });

/** A fake console whose session is `session` until a sign-in, link or switch answers `next`. */
function consoleAnswering(session: SessionWire, answers: Partial<Record<string, (request: FakeRequest) => Response>> = {}) {
  let current = session;
  return (request: FakeRequest) => {
    if (request.method === 'GET' && request.path === '/console/api/session') return json(current);
    const answer = answers[`${request.method} ${request.path}`];
    if (!answer) return undefined;
    const response = answer(request);
    if (response.ok && request.path !== '/console/api/sign-out')
      void response
        .clone()
        .json()
        .then((next: SessionWire) => (current = next));
    return response;
  };
}

const calledWith = (domino: ReturnType<typeof fakeDomino>, path: string) =>
  domino.calls.filter((call) => new URL(call.url, 'http://console').pathname === path);

afterEach(() => {
  window.location.hash = '';
});

describe('a multi-user console', () => {
  it('shows only the sign-in page to a browser without a session, and returns to the page asked for', async () => {
    const domino = fakeDomino({
      answer: consoleAnswering(multiUserSignedOut, { 'POST /console/api/sign-in': () => json(signedInAsOmar('multi-user')) }),
    });
    const { router } = renderApp('/projects?q=churn');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to Domino Console' })).toBeInTheDocument();
    expect(screen.getByText(/it serves more than one person/)).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(calledWith(domino, '/api/projects/beta/projects')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('API key or token'), { target: { value: '  omar-key  ' } });
    fireEvent.click(screen.getByRole('radio', { name: 'a bearer token' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/projects'));
    expect(router.state.location.search).toMatchObject({ q: 'churn' });
    expect(calledWith(domino, '/console/api/sign-in')[0]!.body).toEqual({ credential: 'omar-key', kind: 'bearer' });
  });

  it('says a refused key plainly, clears the field, and warns when keys would cross the network unencrypted', async () => {
    fakeDomino({
      answer: consoleAnswering(
        { ...multiUserSignedOut, warnings: ['This console is served over plain HTTP to other machines.'] },
        { 'POST /console/api/sign-in': () => failure(401, 'That key or token was not accepted.') },
      ),
    });
    renderApp('/sign-in');
    expect(await screen.findByText('This console is served over plain HTTP to other machines.')).toBeInTheDocument();
    const field = screen.getByLabelText('API key or token');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDisabled();
    fireEvent.change(field, { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('That key or token was not accepted.')).toHaveAttribute('role', 'alert');
    expect(field).toHaveValue('');
  });

  it('signs in with the link in the fragment, and takes the token out of the address bar', async () => {
    const domino = fakeDomino({
      answer: consoleAnswering(multiUserSignedOut, { 'POST /console/api/redeem-link': () => json(signedInAsOmar('multi-user')) }),
    });
    window.location.hash = '#link=one-time-token';
    const { router } = renderApp('/sign-in');
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(calledWith(domino, '/console/api/redeem-link')[0]!.body).toEqual({ token: 'one-time-token' });
    expect(window.location.hash).toBe('');
  });

  it('says when a sign-in link no longer works', async () => {
    fakeDomino({
      answer: consoleAnswering(multiUserSignedOut, { 'POST /console/api/redeem-link': () => failure(400, 'This sign-in link was used or has expired.') }),
    });
    window.location.hash = '#link=used-token';
    renderApp('/sign-in');
    expect(await screen.findByText('The sign-in link did not work')).toBeInTheDocument();
    expect(screen.getByText('This sign-in link was used or has expired.')).toBeInTheDocument();
  });

  it('signs out from the user menu with a fresh load of the sign-in page', async () => {
    const domino = fakeDomino({
      world: { self: omar },
      answer: consoleAnswering(signedInAsOmar('multi-user'), { 'POST /console/api/sign-out': () => json({ signedIn: false }) }),
    });
    const load = vi.spyOn(pageLoad, 'to').mockImplementation(() => {});
    renderApp('/');
    fireEvent.click(await screen.findByRole('button', { name: /Omar Haddad.*user menu/ }));
    expect(screen.getByText('Signed in to this console')).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: 'Sign in as someone else' })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('menuitem', { name: 'Sign out' }));
    // A fresh page load, so nothing of Omar's stays even in memory.
    await waitFor(() => expect(load).toHaveBeenCalledWith('/sign-in?reason=signed-out'));
    expect(calledWith(domino, '/console/api/sign-out')).toHaveLength(1);
    load.mockRestore();
  });
  it('sends the person to sign in, saying why, when Domino stops accepting their key mid-session', async () => {
    const ended = () =>
      new Response(JSON.stringify({ requestId: 'req-401', errors: ['Your session ended; sign in again.'] }), {
        status: 401,
        headers: { 'content-type': 'application/json', [SESSION_HEADER]: 'ended' },
      });
    const answerConsole = consoleAnswering(signedInAsOmar('multi-user'));
    fakeDomino({ world: { self: omar }, answer: (request) => (request.path === '/api/projects/beta/projects' ? ended() : answerConsole(request)) });
    const { router } = renderApp('/projects');
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(router.state.location.search).toMatchObject({ reason: 'ended', redirect: '/projects' });
    expect(await screen.findByText(/Your session ended: it expired, or Domino no longer accepts the key/)).toBeInTheDocument();
  });
});

describe('a single-user console', () => {
  it('acts with its own key, and offers signing in as someone else but not signing out', async () => {
    fakeDomino({ world: { self: maya }, answer: consoleAnswering(singleUser) });
    renderApp('/');
    fireEvent.click(await screen.findByRole('button', { name: /Maya Chen.*user menu/ }));
    expect(screen.getByText('Acting with the console’s own key')).toBeInTheDocument();
    expect(screen.getByRole('menuitem', { name: 'Sign in as someone else' })).toHaveAttribute('href', '/sign-in');
    expect(screen.queryByRole('menuitem', { name: 'Sign out' })).not.toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: /Switch user/ })).not.toBeInTheDocument();
  });

  it('switches user from the menu when the demo allows it', async () => {
    const domino = fakeDomino({
      world: { self: maya },
      answer: consoleAnswering({ ...singleUser, canSwitchUser: true }, { 'POST /console/api/switch-user': () => json(signedInAsOmar('single-user')) }),
    });
    renderApp('/');
    fireEvent.click(await screen.findByRole('button', { name: /Maya Chen.*user menu/ }));
    fireEvent.click(screen.getByRole('menuitem', { name: /Switch user/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByRole('radio', { name: /Maya Chen/ })).not.toBeInTheDocument(); // who acts now
    fireEvent.click(within(dialog).getByRole('button', { name: 'Switch' }));
    expect(await within(dialog).findByText('Choose whom to act as.')).toBeInTheDocument();
    fireEvent.click(await within(dialog).findByRole('radio', { name: /Omar Haddad/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Switch' }));
    await waitFor(() => expect(calledWith(domino, '/console/api/switch-user')).toHaveLength(1));
    expect(calledWith(domino, '/console/api/switch-user')[0]!.body).toEqual({ userId: omar.id });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});

describe('sign-in links on a user’s page', () => {
  it('lets an administrator make a single-use link that carries its token in the fragment', async () => {
    const domino = fakeDomino({
      world: { info: { ...embeddedInfo, extensions: [...embeddedInfo.extensions, 'sign-in-links'], callerIsAdmin: true } },
      answer: ({ method, path }) =>
        method === 'POST' && path === `/api/embedded/v1/users/${omar.id}/sign-in-links`
          ? json({ token: 'tok-123', userId: omar.id, expiresAt: '2026-12-01T12:15:00.000Z' })
          : undefined,
    });
    renderApp(`/users/${omar.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Create a sign-in link' }));
    expect(await screen.findByLabelText('Sign-in link for Omar Haddad')).toHaveValue(`${window.location.origin}/sign-in#link=tok-123`);
    expect(calledWith(domino, `/api/embedded/v1/users/${omar.id}/sign-in-links`)).toHaveLength(1);
  });

  it('is not offered to someone who is not an administrator', async () => {
    fakeDomino({ world: { info: { ...embeddedInfo, extensions: [...embeddedInfo.extensions, 'sign-in-links'], callerIsAdmin: false } } });
    renderApp(`/users/${omar.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Omar Haddad' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create a sign-in link' })).not.toBeInTheDocument();
  });
});
