import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { failure, fakeDomino } from '../../test/fake-domino';
import { json, metadata } from '../../test/fetch-mock';
import { renderApp } from '../../test/render-app';
import {
  churn,
  embeddedInfo,
  finishedJob,
  sparkEnvironment,
  sparkRevisions,
  standardEnvironment,
  standardRevisions,
  type RevisionDetailsWire,
} from '../../test/wire-fixtures';

describe('environments list', () => {
  it('lists what the caller sees, and searches and filters through the URL where the server can', async () => {
    const { calls } = fakeDomino();
    const { router } = renderApp('/environments');
    const table = await screen.findByRole('table', { name: 'Environments you can see' });
    expect(within(table).getByRole('link', { name: 'Spark 3.5' })).toHaveAttribute('href', `/environments/${sparkEnvironment.id}`);
    // The failed latest build is said in words, not only in colour.
    const spark = within(table).getByRole('link', { name: 'Spark 3.5' }).closest('tr')!;
    expect(within(spark).getByText('failed')).toBeInTheDocument();

    fireEvent.change(screen.getByRole('combobox', { name: 'Visibility' }), { target: { value: 'private' } });
    await waitFor(() => expect(router.state.location.search).toMatchObject({ visibility: 'private' }));
    expect(await screen.findByRole('link', { name: 'maya-sandbox' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Spark 3.5' })).not.toBeInTheDocument();

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: 'nothing-like-it' } });
    await waitFor(() => expect(router.state.location.search).toMatchObject({ q: 'nothing-like-it', visibility: 'private' }));
    expect(await screen.findByText('No environment matches')).toBeInTheDocument();
    expect(calls.some((call) => call.url.startsWith('/api/embedded/v1/environments?') && call.url.includes('search=nothing-like-it'))).toBe(true);
  });

  it('against a Domino without the search extension: the spec’s list, no search or filter', async () => {
    const { calls } = fakeDomino({ world: { info: { ...embeddedInfo, extensions: [] } } });
    renderApp('/environments?q=spark&visibility=private');
    await screen.findByRole('link', { name: 'Spark 3.5' });
    expect(screen.queryByRole('searchbox', { name: 'Search' })).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Visibility' })).not.toBeInTheDocument();
    expect(calls.some((call) => call.url === '/api/environments/beta/environments?offset=0&limit=25')).toBe(true);
    expect(calls.some((call) => call.url.startsWith('/api/embedded/v1/environments'))).toBe(false);
  });
});

describe('new environment form', () => {
  it('checks on leaving a field and on submit, sends the contract’s body, and shows the API’s 400', async () => {
    const { calls } = fakeDomino({
      answer: ({ method, path }) =>
        method === 'POST' && path === '/api/environments/beta/environments' ? failure(400, 'image: "not an image!" is not an image reference') : undefined,
    });
    renderApp('/environments');
    await screen.findByRole('table', { name: 'Environments you can see' });
    fireEvent.click(screen.getByRole('button', { name: 'New environment' }));
    const dialog = await screen.findByRole('dialog', { name: 'New environment' });
    const variables = within(dialog).getByRole('textbox', { name: 'Environment variables (optional)' });
    fireEvent.change(variables, { target: { value: 'GOOD=1\n9BAD=2' } });
    expect(within(dialog).queryByText(/is not a variable name/)).not.toBeInTheDocument();
    fireEvent.blur(variables);
    expect(within(dialog).getByText(/Line 2: “9BAD” is not a variable name/)).toBeInTheDocument();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Create environment' }));
    expect(within(dialog).getByText('The name is required')).toBeInTheDocument();
    expect(within(dialog).getByText(/The base image is required/)).toBeInTheDocument();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Name' }), { target: { value: 'my-env' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Base image' }), { target: { value: 'not an image!' } });
    fireEvent.change(variables, { target: { value: 'GOOD=1' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Tags (optional)' }), { target: { value: 'a, b, a' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create environment' }));
    expect(await within(dialog).findByText('image: "not an image!" is not an image reference')).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      name: 'my-env',
      visibility: 'private',
      addBaseDependencies: true,
      image: 'not an image!',
      environmentVariables: [{ key: 'GOOD', value: '1' }],
      tags: ['a', 'b'],
    });
  });

  it('offers global environments to site administrators only', async () => {
    fakeDomino({ world: { info: { ...embeddedInfo, callerIsAdmin: false } } });
    renderApp('/environments');
    await screen.findByRole('table', { name: 'Environments you can see' });
    fireEvent.click(screen.getByRole('button', { name: 'New environment' }));
    const dialog = await screen.findByRole('dialog', { name: 'New environment' });
    expect(within(dialog).getByRole('option', { name: /Global — everyone \(site administrators only\)/ })).toBeDisabled();
    expect(within(dialog).getByText('Only site administrators may create global environments.')).toBeInTheDocument();
  });
});

describe('environment page', () => {
  it('shows the revisions, a failed build’s reason and log, and the jobs of a revision', async () => {
    fakeDomino();
    const { router } = renderApp(`/environments/${sparkEnvironment.id}`);
    const table = await screen.findByRole('table', { name: 'Revisions' });
    const failed = within(table).getByText('#2').closest('tr')!;
    expect(within(failed).getByText('failed')).toBeInTheDocument();
    // The latest revision is shown first: its failure and its build log.
    expect(await screen.findByText('line 3: RUN exited with status 2')).toBeInTheDocument();
    expect(await screen.findByText('spark-connector.lic not found in /opt/licenses')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Build log of revision #2' })).toBeInTheDocument();

    fireEvent.click(within(table).getByRole('button', { name: 'Build log and jobs of revision #1' }));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ revision: sparkRevisions[1]!.id }));
    expect(await screen.findByRole('heading', { name: 'Build log of revision #1' })).toBeInTheDocument();
    expect(screen.queryByText('line 3: RUN exited with status 2')).not.toBeInTheDocument();
  });

  it('links the jobs that used a revision to their pages', async () => {
    fakeDomino();
    renderApp(`/environments/${standardEnvironment.id}`);
    const jobs = await screen.findByRole('table', { name: 'Jobs on revision #2' });
    expect(within(jobs).getByRole('link', { name: /#2 Check the standard environment/ })).toHaveAttribute(
      'href',
      `/jobs/${finishedJob.id}?projectId=${churn.id}`,
    );
  });

  it('follows a build until it settles, then stops asking', async () => {
    const building: RevisionDetailsWire = { ...standardRevisions[0]!, id: '0000000000000000000000b3', number: 3, status: 'queued', isActive: false };
    let asked = 0;
    const { calls } = fakeDomino({
      answer: ({ method, path }) => {
        if (method !== 'GET' || path !== `/api/embedded/v1/environments/${standardEnvironment.id}/revisions`) return undefined;
        asked++;
        const status = asked === 1 ? 'queued' : asked === 2 ? 'building' : 'succeeded';
        return json({ revisions: [{ ...building, status }, ...standardRevisions], metadata });
      },
    });
    renderApp(`/environments/${standardEnvironment.id}`);
    const table = await screen.findByRole('table', { name: 'Revisions' });
    const row = () => within(table).getByText('#3').closest('tr')!;
    expect(within(row()).getByText('queued')).toBeInTheDocument();
    await waitFor(() => expect(within(row()).getByText('building')).toBeInTheDocument(), { timeout: 4000 });
    await waitFor(() => expect(within(row()).getByText('succeeded')).toBeInTheDocument(), { timeout: 4000 });
    const settled = asked;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(asked).toBe(settled);
    expect(calls.filter((call) => call.url.endsWith('/revisions')).length).toBe(settled);
  }, 12_000);

  it('restricts a revision as an administrator; for others the button is disabled and says why', async () => {
    const { calls } = fakeDomino();
    renderApp(`/environments/${standardEnvironment.id}`);
    const table = await screen.findByRole('table', { name: 'Revisions' });
    fireEvent.click(within(table).getByRole('button', { name: 'Restrict revision #1' }));
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'PATCH')).toMatchObject({
        url: `/api/environments/beta/environments/${standardEnvironment.id}/revisions/${standardRevisions[1]!.id}`,
        body: { isRestricted: true },
      }),
    );
    expect(await within(table).findByRole('button', { name: 'Lift the restriction of revision #1' })).toBeInTheDocument();
  });

  it('for someone who is not a site administrator: restrict is disabled with the reason', async () => {
    fakeDomino({ world: { info: { ...embeddedInfo, callerIsAdmin: false } } });
    renderApp(`/environments/${standardEnvironment.id}`);
    const table = await screen.findByRole('table', { name: 'Revisions' });
    expect(within(table).getByRole('button', { name: 'Restrict revision #1' })).toBeDisabled();
    expect(within(table).getByRole('button', { name: 'Restrict revision #1' })).toHaveAttribute('title', 'Only site administrators may restrict a revision.');
    expect(screen.getByText('Only site administrators may restrict a revision.')).toBeInTheDocument();
  });

  it('archives only after the confirmation', async () => {
    const { calls } = fakeDomino();
    renderApp(`/environments/${standardEnvironment.id}`);
    await screen.findByRole('table', { name: 'Revisions' });
    fireEvent.click(screen.getByRole('button', { name: 'Archive' }));
    const confirm = await screen.findByRole('alertdialog', { name: `Archive ${standardEnvironment.name}?` });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Archive' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Archive environment' }));
    await waitFor(() =>
      expect(calls.some((call) => call.method === 'DELETE' && call.url === `/api/environments/v1/environments/${standardEnvironment.id}`)).toBe(true),
    );
    expect(await screen.findByText('Archived')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New revision' })).toBeDisabled();
  });

  it('creates a revision from the active one and shows the new build', async () => {
    const { calls } = fakeDomino();
    const { router } = renderApp(`/environments/${standardEnvironment.id}`);
    await screen.findByRole('table', { name: 'Revisions' });
    fireEvent.click(screen.getByRole('button', { name: 'New revision' }));
    const dialog = await screen.findByRole('dialog', { name: 'New revision' });
    expect(within(dialog).getByRole('textbox', { name: 'Dockerfile instructions (optional)' })).toHaveValue('ENV MPLBACKEND=Agg');
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Summary of this revision (optional)' }), { target: { value: 'More' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create and build' }));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ revision: 'c7'.repeat(12) }));
    expect(calls.find((call) => call.method === 'POST')?.body).toMatchObject({ dockerfileInstructions: 'ENV MPLBACKEND=Agg', summary: 'More' });
    expect(await screen.findByRole('heading', { name: 'Build log of revision #3' })).toBeInTheDocument();
  });

  it('against a Domino without the revisions list: the revisions the environment names', async () => {
    fakeDomino({ world: { info: { ...embeddedInfo, extensions: [] } } });
    renderApp(`/environments/${sparkEnvironment.id}`);
    const table = await screen.findByRole('table', { name: 'Revisions' });
    expect(within(within(table).getByText('#2').closest('tr')!).getByText('Latest')).toBeInTheDocument();
    expect(within(within(table).getByText('#1').closest('tr')!).getByText('Active')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: /Build log/ })).not.toBeInTheDocument();
  });

  it('an unknown id is the environment’s not-found page', async () => {
    fakeDomino();
    renderApp('/environments/0123456789abcdef01234567');
    expect(await screen.findByRole('heading', { name: 'Environment not found' })).toBeInTheDocument();
  });
});

describe('run-job dialog', () => {
  it('picks an environment and a revision, and sends both', async () => {
    const { calls } = fakeDomino({
      answer: ({ method, path }) => (method === 'POST' && path === '/api/jobs/v1/jobs' ? failure(400, 'stop here') : undefined),
    });
    renderApp(`/jobs?projectId=${churn.id}`);
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('button', { name: 'Run a job' }));
    const dialog = await screen.findByRole('dialog', { name: 'Run a job' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Command' }), { target: { value: 'env-info' } });
    const picker = within(dialog).getByRole('combobox', { name: 'Environment' });
    await within(dialog).findByRole('option', { name: 'Spark 3.5 (curated)' });
    fireEvent.change(picker, { target: { value: sparkEnvironment.id } });
    const revision = within(dialog).getByRole('combobox', { name: 'Revision' });
    // The failed build cannot be chosen.
    expect(await within(dialog).findByRole('option', { name: 'Revision #2 — failed' })).toBeDisabled();
    fireEvent.change(revision, { target: { value: `SomeRevision(${sparkRevisions[1]!.id})` } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Run job' }));
    expect(await within(dialog).findByText('stop here')).toBeInTheDocument();
    expect(calls.find((call) => call.url === '/api/jobs/v1/jobs')?.body).toMatchObject({
      environmentId: sparkEnvironment.id,
      environmentRevisionSpec: `SomeRevision(${sparkRevisions[1]!.id})`,
    });
  });
});
