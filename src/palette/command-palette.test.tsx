import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeDomino } from '../test/fake-domino';
import { renderApp } from '../test/render-app';
import { churn, maya, runningJob } from '../test/wire-fixtures';
import { currentProjectOf } from './command-palette';
import { parseJobReference } from './match';

async function openPalette() {
  fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
  // The palette is a lazy chunk: its first import in a test run takes a while.
  const dialog = await screen.findByRole('dialog', { name: 'Go to' }, { timeout: 10_000 });
  const box = within(dialog).getByRole('combobox', { name: 'Go to' });
  await waitFor(() => expect(box).toHaveFocus());
  return { dialog, box };
}

function options(dialog: HTMLElement) {
  return within(dialog).queryAllByRole('option');
}

describe('command palette', () => {
  it('opens with Ctrl+K, finds a project by typing, walks with ↑/↓ and goes with Enter', async () => {
    fakeDomino();
    const { router } = renderApp('/');
    await screen.findByRole('heading', { level: 1 });
    const { dialog, box } = await openPalette();
    // An empty box offers the pages (and the projects) at once.
    await waitFor(() => expect(within(dialog).getByRole('option', { name: 'Overview' })).toBeInTheDocument());
    // ↓ moves on, ↑ from the first wraps to the last, ↓ from the last back to the first.
    const all = options(dialog);
    expect(all.length).toBeGreaterThan(3);
    expect(all[0]).toHaveAttribute('aria-selected', 'true');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(all[1]).toHaveAttribute('aria-selected', 'true');
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    expect(all.at(-1)).toHaveAttribute('aria-selected', 'true');
    expect(all[0]).toHaveAttribute('aria-selected', 'false');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(all[0]).toHaveAttribute('aria-selected', 'true');

    fireEvent.change(box, { target: { value: 'CHURN' } });
    const project = await within(dialog).findByRole('option', { name: /^customer-churn/ });
    await waitFor(() => expect(options(dialog)[0]).toBe(project));
    expect(project).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveAttribute('aria-activedescendant', project.id);

    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(router.state.location.pathname).toBe(`/projects/${churn.id}`));
    expect(screen.queryByRole('dialog', { name: 'Go to' })).toBeNull();
  });

  it('finds a user and an organization, and says when nothing matches', async () => {
    fakeDomino();
    const { router } = renderApp('/');
    await screen.findByRole('heading', { level: 1 });
    const { dialog, box } = await openPalette();
    fireEvent.change(box, { target: { value: 'risk' } });
    expect(await within(dialog).findByRole('option', { name: /^Risk Analytics/ })).toBeInTheDocument();
    fireEvent.change(box, { target: { value: 'zzz-nothing' } });
    expect(await within(dialog).findByText('Nothing matches “zzz-nothing”.')).toBeInTheDocument();
    fireEvent.change(box, { target: { value: 'maya' } });
    fireEvent.click(await within(dialog).findByRole('option', { name: /^maya\.chen/ }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/users/${maya.id}`));
  });

  it('goes to #N of the project being looked at, and to owner/project#N from anywhere', async () => {
    fakeDomino();
    const { router } = renderApp(`/projects/${churn.id}`);
    await screen.findByRole('heading', { level: 1, name: churn.name });
    let { dialog, box } = await openPalette();
    fireEvent.change(box, { target: { value: `#${runningJob.number}` } });
    expect(await within(dialog).findByRole('option', { name: new RegExp(`^Job #${runningJob.number} Sweep`) })).toBeInTheDocument();
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(router.state.location.pathname).toBe(`/jobs/${runningJob.id}`));

    await router.navigate({ to: '/' });
    // After a navigation focus moves to the new page's heading: open the palette after that.
    await waitFor(() => expect(document.activeElement?.tagName).toBe('H1'));
    ({ dialog, box } = await openPalette());
    fireEvent.change(box, { target: { value: `maya.chen/customer-churn#2` } });
    const job = await within(dialog).findByRole('option', { name: /^Job #2/ });
    expect(job).toHaveTextContent('maya.chen/customer-churn');
    fireEvent.change(box, { target: { value: `maya.chen/customer-churn#99` } });
    expect(await within(dialog).findByText('Nothing matches “maya.chen/customer-churn#99”.')).toBeInTheDocument();
  });

  it('closes with Esc and gives focus back to what had it', async () => {
    fakeDomino();
    renderApp('/');
    await screen.findByRole('heading', { level: 1 });
    const button = screen.getByRole('button', { name: /^Go to/ });
    button.focus();
    const { dialog } = await openPalette();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Go to' })).toBeNull());
    expect(button).toHaveFocus();
  });
});

describe('palette helpers', () => {
  it('reads job references', () => {
    expect(parseJobReference('#12')).toEqual({ number: 12 });
    expect(parseJobReference(' maya/churn#7 ')).toEqual({ number: 7, owner: 'maya', project: 'churn' });
    expect(parseJobReference('#0')).toBeUndefined();
    expect(parseJobReference('churn#x')).toBeUndefined();
    expect(parseJobReference('12')).toBeUndefined();
  });

  it('knows the project of a project page, a job page and a project’s jobs list', () => {
    const id = 'a'.repeat(24);
    expect(currentProjectOf({ pathname: `/projects/${id}`, search: {} } as never)).toBe(id);
    expect(currentProjectOf({ pathname: `/jobs/${'b'.repeat(24)}`, search: { projectId: id } } as never)).toBe(id);
    expect(currentProjectOf({ pathname: '/jobs', search: { projectId: id } } as never)).toBe(id);
    expect(currentProjectOf({ pathname: '/users', search: { projectId: id } } as never)).toBeUndefined();
  });
});
