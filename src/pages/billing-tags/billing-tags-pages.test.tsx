import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeDomino, failure } from '../../test/fake-domino';
import { json, metadata } from '../../test/fetch-mock';
import { renderApp } from '../../test/render-app';
import { churn, embeddedInfo, type ProjectWire } from '../../test/wire-fixtures';

const bodiesOf = (calls: ReadonlyArray<{ method: string; url: string; body: unknown }>, method: string, url: string) =>
  calls.filter((call) => call.method === method && call.url === url).map((call) => call.body);

describe('billing tags admin page', () => {
  it('lists every tag with its status, filters by status in the URL, and is in the sidebar for admins', async () => {
    fakeDomino();
    const { router } = renderApp('/admin/billing-tags');
    const table = await screen.findByRole('table', { name: /Billing tags: all tags/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]!.textContent)).toEqual(['cc-1001-research', 'cc-2040-marketing', 'cc-0900-legacy']);
    expect(within(rows[2]!).getByText('Inactive')).toBeInTheDocument();
    const sidebar = screen.getByRole('navigation', { name: 'Main' });
    expect(within(sidebar).getByRole('link', { name: 'Billing tags' })).toHaveAttribute('href', '/admin/billing-tags');

    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'inactive' } });
    await waitFor(() => expect(router.state.location.search).toMatchObject({ status: 'inactive' }));
    const inactive = await screen.findByRole('table', { name: /Billing tags: inactive/ });
    expect(within(inactive).getAllByRole('row')).toHaveLength(2);
    expect(within(inactive).getByRole('button', { name: 'Re-activate cc-0900-legacy' })).toBeInTheDocument();
  });

  it('adds several tags at once, checking names first, and re-activates an inactive tag', async () => {
    const { calls } = fakeDomino();
    renderApp('/admin/billing-tags');
    await screen.findByRole('table', { name: /Billing tags/ });
    const box = screen.getByRole('textbox', { name: 'New tags' });
    fireEvent.change(box, { target: { value: 'cc-3100-risk, bad/name' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add tags' }));
    expect(await screen.findByText(/"bad\/name" is not a valid billing tag/)).toBeInTheDocument();
    expect(bodiesOf(calls, 'POST', '/api/cost/v1/billingtags')).toEqual([]);

    fireEvent.change(box, { target: { value: 'cc-3100-risk\ncc-4200-platform CC-3100-RISK' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add tags' }));
    await waitFor(() => expect(bodiesOf(calls, 'POST', '/api/cost/v1/billingtags')).toEqual([{ billingTags: ['cc-3100-risk', 'cc-4200-platform'] }]));
    expect(await screen.findByText('cc-4200-platform')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Re-activate cc-0900-legacy' }));
    await waitFor(() => expect(bodiesOf(calls, 'POST', '/api/cost/v1/billingtags')).toContainEqual({ billingTags: ['cc-0900-legacy'] }));
    expect(await screen.findByRole('button', { name: 'Deactivate cc-0900-legacy' })).toBeInTheDocument();
  });

  it('deactivates only after a confirmation that says what happens to projects', async () => {
    const { calls } = fakeDomino();
    renderApp('/admin/billing-tags');
    fireEvent.click(await screen.findByRole('button', { name: 'Deactivate cc-1001-research' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Deactivate cc-1001-research?' });
    expect(dialog).toHaveTextContent('Projects that carry it keep it');
    expect(dialog).toHaveTextContent('1 live projects carry it now');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Deactivate cc-1001-research' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Deactivate' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'DELETE' && call.url === '/api/cost/v1/billingtags/cc-1001-research')).toBe(true));
    expect(await screen.findByRole('button', { name: 'Re-activate cc-1001-research' })).toBeInTheDocument();
  });

  it('saves the mode and notifications, with each mode explained, sending only what changed', async () => {
    const { calls } = fakeDomino();
    renderApp('/admin/billing-tags');
    const required = await screen.findByRole('radio', { name: /^Required/ });
    expect(required).toHaveAccessibleDescription(/Every new or copied project must carry an active tag/);
    fireEvent.click(required);
    fireEvent.click(screen.getByRole('checkbox', { name: /Notifications/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(bodiesOf(calls, 'PUT', '/api/cost/v1/billingtagSettings')).toEqual([{ mode: 'required', notifications: true }]));
    // Said once saved, though the form is rebuilt from the fresh settings meanwhile.
    expect(await screen.findByText('Billing tag settings saved')).toBeInTheDocument();
    // Then only the mode: through its own path.
    fireEvent.click(await screen.findByRole('radio', { name: /^Disabled/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(bodiesOf(calls, 'PUT', '/api/cost/v1/billingtagSettings/mode')).toEqual([{ mode: 'disabled' }]));
  });

  it('tells someone who is not an admin why, and shows the tags they may pick', async () => {
    fakeDomino({ world: { info: { ...embeddedInfo, callerIsAdmin: false } } });
    renderApp('/admin/billing-tags');
    expect(await screen.findByText('Only site administrators manage billing tags')).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Active billing tags' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['cc-1001-research', 'cc-2040-marketing']);
    expect(screen.queryByRole('textbox', { name: 'New tags' })).not.toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).queryByRole('link', { name: 'Billing tags' })).not.toBeInTheDocument();
  });

  it('looks up one tag by name, active or not, and re-activates an inactive one from there', async () => {
    const { calls } = fakeDomino();
    renderApp('/admin/billing-tags');
    const form = await screen.findByRole('form', { name: 'Look up a billing tag' });
    const name = within(form).getByRole('textbox', { name: 'Tag name' });
    fireEvent.change(name, { target: { value: 'bad/name' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Look up' }));
    expect(await within(form).findByText(/"bad\/name" is not a valid billing tag/)).toBeInTheDocument();

    fireEvent.change(name, { target: { value: 'CC-0900-LEGACY' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Look up' }));
    expect(await within(form).findByText('Inactive')).toBeInTheDocument();
    expect(calls.some((call) => call.method === 'GET' && call.url === '/api/cost/v1/billingtags/CC-0900-LEGACY')).toBe(true);
    fireEvent.click(within(form).getByRole('button', { name: 'Re-activate cc-0900-legacy' }));
    await waitFor(() => expect(bodiesOf(calls, 'POST', '/api/cost/v1/billingtags')).toEqual([{ billingTags: ['cc-0900-legacy'] }]));
    expect(await within(form).findByText('Active')).toBeInTheDocument();

    fireEvent.change(name, { target: { value: 'cc-7777-nobody' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Look up' }));
    expect(await within(form).findByText(/No tag is named/)).toHaveTextContent('No tag is named cc-7777-nobody. Add it to create it.');
  });

  it('against a Domino before 6.2 says it has no billing tags', async () => {
    fakeDomino({ answer: ({ path }) => (path.startsWith('/api/cost/v1/billingtag') ? failure(404, 'Not found') : undefined) });
    renderApp('/admin/billing-tags');
    expect(await screen.findByText('This Domino has no billing tags')).toBeInTheDocument();
  });
});

describe('billing tag picker in the project forms', () => {
  const created = (calls: ReadonlyArray<{ method: string; url: string; body: unknown }>) => bodiesOf(calls, 'POST', '/api/projects/beta/projects');
  const answerCreate = ({ method, path, body }: { method: string; path: string; body: unknown }) =>
    method === 'POST' && path === '/api/projects/beta/projects'
      ? json({ project: { ...churn, id: '0000000000000000000000aa', name: (body as { name: string }).name }, metadata })
      : undefined;

  it('offers only active tags and sends the chosen one on create', async () => {
    const { calls } = fakeDomino({ answer: answerCreate });
    renderApp('/projects');
    fireEvent.click(await screen.findByRole('button', { name: 'Create project' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create project' });
    const picker = await within(dialog).findByRole('combobox', { name: 'Billing tag (optional)' });
    await waitFor(() =>
      expect(
        within(picker)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['No tag', 'cc-1001-research', 'cc-2040-marketing']),
    );
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Project name' }), { target: { value: 'fraud' } });
    fireEvent.change(picker, { target: { value: 'cc-2040-marketing' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create project' }));
    await waitFor(() => expect(created(calls)).toEqual([{ name: 'fraud', description: '', visibility: 'private', billingTag: { tag: 'cc-2040-marketing' } }]));
  });

  it('requires a tag in required mode before sending anything', async () => {
    const { calls } = fakeDomino({ world: { billingTagSettings: { mode: 'required', notifications: false } }, answer: answerCreate });
    renderApp('/projects');
    fireEvent.click(await screen.findByRole('button', { name: 'Create project' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create project' });
    const picker = await within(dialog).findByRole('combobox', { name: 'Billing tag' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Project name' }), { target: { value: 'fraud' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create project' }));
    expect(await within(dialog).findByText(/Choose a billing tag/)).toBeInTheDocument();
    expect(created(calls)).toEqual([]);
    await waitFor(() => expect(within(picker).getAllByRole('option')).toHaveLength(3));
    fireEvent.change(picker, { target: { value: 'cc-1001-research' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create project' }));
    await waitFor(() => expect(created(calls)).toHaveLength(1));
  });

  it('is not offered in disabled mode, and no tag is sent', async () => {
    const { calls } = fakeDomino({ world: { billingTagSettings: { mode: 'disabled', notifications: false } }, answer: answerCreate });
    renderApp('/projects');
    fireEvent.click(await screen.findByRole('button', { name: 'Create project' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create project' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Project name' }), { target: { value: 'fraud' } });
    await waitFor(() => expect(calls.some((call) => call.url === '/api/cost/v1/billingtagSettings/mode')).toBe(true));
    expect(within(dialog).queryByRole('combobox', { name: /Billing tag/ })).not.toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create project' }));
    await waitFor(() => expect(created(calls)).toEqual([{ name: 'fraud', description: '', visibility: 'private' }]));
  });

  it('starts the copy with the source’s active tag and sends it', async () => {
    const tagged: ProjectWire = { ...churn, billingTag: { tag: 'cc-1001-research' } };
    const { calls } = fakeDomino({
      world: { projects: [tagged] },
      answer: ({ method, path }) =>
        method === 'POST' && path.endsWith('/copy-project')
          ? json({ project: { ...tagged, id: '0000000000000000000000ab', name: 'customer-churn-copy' }, metadata })
          : undefined,
    });
    renderApp(`/projects/${churn.id}?tab=settings`);
    fireEvent.click(await screen.findByRole('button', { name: 'Copy project…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Copy project' });
    const picker = await within(dialog).findByRole('combobox', { name: 'Billing tag (optional)' });
    await waitFor(() => expect(picker).toHaveValue('cc-1001-research'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy project' }));
    await waitFor(() =>
      expect(bodiesOf(calls, 'POST', `/api/projects/v1/projects/${churn.id}/copy-project`)[0]).toMatchObject({ billingTag: { tag: 'cc-1001-research' } }),
    );
  });
});

describe('a project’s billing tag', () => {
  it('shows the tag in the header and lets the owner or an admin change it (embedded project-billing-tag)', async () => {
    const { calls } = fakeDomino({ world: { projects: [{ ...churn, billingTag: { tag: 'cc-1001-research' } }] } });
    renderApp(`/projects/${churn.id}?tab=settings`);
    expect(await screen.findByText('Billing tag: cc-1001-research')).toBeInTheDocument();
    const form = await screen.findByRole('form', { name: 'Change the billing tag' });
    const picker = within(form).getByRole('combobox', { name: 'Billing tag (optional)' });
    await waitFor(() => expect(within(picker).getAllByRole('option')).toHaveLength(3));
    fireEvent.change(picker, { target: { value: 'cc-2040-marketing' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save billing tag' }));
    await waitFor(() =>
      expect(bodiesOf(calls, 'PUT', `/api/embedded/v1/projects/${churn.id}/billing-tag`)).toEqual([{ billingTag: { tag: 'cc-2040-marketing' } }]),
    );
    expect(await screen.findByText('Billing tag: cc-2040-marketing')).toBeInTheDocument();
  });

  it('tells whoever manages an untagged project that it needs one, when notifications are on (and only then)', async () => {
    const { calls } = fakeDomino({ world: { billingTagSettings: { mode: 'optional', notifications: true } } });
    renderApp(`/projects/${churn.id}?tab=settings`);
    expect(await screen.findByText('This project needs a billing tag')).toBeInTheDocument();
    expect(calls.some((call) => call.url === '/api/cost/v1/billingtagSettings/notifications')).toBe(true);
  });

  it('says nothing of it when notifications are off', async () => {
    const { calls } = fakeDomino({ world: { billingTagSettings: { mode: 'optional', notifications: false } } });
    renderApp(`/projects/${churn.id}?tab=settings`);
    expect(await screen.findByText(/This project has no billing tag/)).toBeInTheDocument();
    await waitFor(() => expect(calls.some((call) => call.url === '/api/cost/v1/billingtagSettings/notifications')).toBe(true));
    expect(screen.queryByText('This project needs a billing tag')).not.toBeInTheDocument();
  });

  it('has no change control against a Domino without the extension', async () => {
    fakeDomino({
      world: {
        projects: [{ ...churn, billingTag: { tag: 'cc-1001-research' } }],
        info: { ...embeddedInfo, extensions: embeddedInfo.extensions.filter((e) => e !== 'project-billing-tag') },
      },
    });
    renderApp(`/projects/${churn.id}?tab=settings`);
    expect(await screen.findByText(/This project’s compute is charged to/)).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Change the billing tag' })).not.toBeInTheDocument();
  });
});
