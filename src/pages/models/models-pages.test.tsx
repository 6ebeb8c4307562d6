import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultRegistry, type FakeRegistry } from '../../test/fake-registry';
import { fakeDomino } from '../../test/fake-domino';
import { renderApp } from '../../test/render-app';
import { churn, churnScoring, creditRisk, embeddedInfo } from '../../test/wire-fixtures';

afterEach(() => vi.unstubAllGlobals());

const realDomino = { ...embeddedInfo, extensions: [] };

/** The registry with `count` versions of churn-predictor (version 1 in Production, the rest in None). */
function manyVersions(count: number): FakeRegistry {
  const registry = defaultRegistry();
  const model = registry.models[0]!;
  const template = model.versions[0]!;
  model.versions = Array.from({ length: count }, (_, index) => ({
    ...template,
    version: index + 1,
    stage: index === 0 ? 'Production' : 'None',
    review: undefined,
  }));
  return registry;
}

describe('models list', () => {
  it('lists models with the latest version’s stage and metrics, and keeps search and stage filter in the URL', async () => {
    const { calls } = fakeDomino();
    const { router } = renderApp('/models');
    const table = await screen.findByRole('table', { name: 'Registered models' });
    const row = within(table).getByRole('row', { name: /churn-predictor/ });
    expect(within(row).getByRole('link', { name: 'churn-predictor' })).toHaveAttribute('href', '/models/churn-predictor');
    expect(row).toHaveTextContent('v2');
    expect(row).toHaveTextContent('None');
    expect(row).toHaveTextContent('auc 0.86');

    await screen.findByRole('option', { name: 'Production' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Stage of the latest version' }), { target: { value: 'Production' } });
    await waitFor(() => expect(router.state.location.search).toMatchObject({ stage: 'Production' }));
    expect(await screen.findByText('No model matches')).toBeInTheDocument();

    fireEvent.change(screen.getByRole('combobox', { name: 'Stage of the latest version' }), { target: { value: 'None' } });
    await screen.findByRole('link', { name: 'churn-predictor' });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: 'credit' } });
    await waitFor(() => expect(router.state.location.search).toMatchObject({ q: 'credit', stage: 'None' }));
    expect(await screen.findByText('No model matches')).toBeInTheDocument();
    expect(calls.some((call) => call.url.includes('/api/registeredmodels/v1/ui?') && call.url.includes('searchPattern=credit'))).toBe(true);
  });
});

describe('model page', () => {
  it('shows each visible version’s stage, review and metrics, asking details for the rows on screen only', async () => {
    const { calls } = fakeDomino({ world: { registry: manyVersions(22) } });
    renderApp('/models/churn-predictor');
    const table = await screen.findByRole('table', { name: 'Versions of churn-predictor' });
    const first = within(table).getByRole('row', { name: /^Version 1\b/ });
    await waitFor(() => expect(first).toHaveTextContent('Production'));
    expect(first).toHaveTextContent('auc 0.81');
    expect(within(table).getAllByRole('row')).toHaveLength(21);
    const asked = calls.map((call) => /\/versions\/(\d+)$/.exec(call.url.split('?')[0]!)?.[1]).filter(Boolean);
    await waitFor(() => expect(new Set(asked).size).toBe(20));
    expect(asked).not.toContain('21');
    expect(asked).not.toContain('22');
  });

  it('lists the Model APIs serving the model, each linked to its page', async () => {
    const registry = defaultRegistry();
    registry.modelApis = [
      {
        id: churnScoring.id,
        name: churnScoring.name,
        description: churnScoring.description,
        project: { id: churn.id, name: churn.name, ownerUsername: churn.ownerUsername, isGitBasedProject: false },
        updatedAt: '2026-11-20T10:00:00Z',
        activeVersionNumber: 1,
        activeVersionStatus: 'Running',
      },
    ];
    fakeDomino({ world: { registry } });
    renderApp('/models/churn-predictor');
    const table = await screen.findByRole('table', { name: 'Model APIs' });
    expect(within(table).getByRole('link', { name: churnScoring.name })).toHaveAttribute('href', `/model-apis/${churnScoring.id}`);
    expect(within(table).getByText('Running')).toBeInTheDocument();
  });

  it('edits the description and discoverability', async () => {
    const { calls } = fakeDomino();
    renderApp('/models/churn-predictor');
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit model' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Description' }), { target: { value: 'Retrained monthly' } });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Discoverable/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'PATCH')).toBe(true));
    expect(calls.find((call) => call.method === 'PATCH')).toMatchObject({ body: { description: 'Retrained monthly', discoverable: true } });
  });

  it('against a Domino without the registry’s extensions: no stage history tab', async () => {
    fakeDomino({ world: { info: realDomino } });
    renderApp('/models/churn-predictor');
    await screen.findByRole('table', { name: 'Versions of churn-predictor' });
    expect(screen.queryByRole('tab', { name: 'Stage history' })).not.toBeInTheDocument();
  });

  it('shows the stage history', async () => {
    fakeDomino();
    renderApp('/models/churn-predictor?tab=history');
    const changes = await screen.findByRole('table', { name: 'Stage changes, newest first' });
    expect(within(changes).getByRole('row', { name: /v1/ })).toHaveTextContent('Moved directly');
  });
});

describe('review flow', () => {
  it('approves after a confirmation, and the new stage shows at once', async () => {
    const { calls } = fakeDomino();
    renderApp('/models/churn-predictor/versions/2?tab=review');
    const reviewers = await screen.findByRole('table', { name: 'Reviewers' });
    expect(within(reviewers).getByRole('row', { name: /Domino Admin/ })).toHaveTextContent('Pending');
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Approve this version?' });
    expect(confirm).toHaveTextContent('moves to Production');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(calls.find((call) => call.url.endsWith('/responses'))).toMatchObject({ method: 'POST', body: { decision: 'Approved' } });
    const header = screen.getByRole('heading', { level: 1, name: 'churn-predictor v2' }).parentElement!.parentElement!;
    await waitFor(() => expect(header).toHaveTextContent('Production'));
    expect(await screen.findByText(/The last review, to move it to Production, was/)).toBeInTheDocument();
  });

  it('needs notes to request changes, then shows them with the decision', async () => {
    fakeDomino();
    renderApp('/models/churn-predictor/versions/2?tab=review');
    fireEvent.click(await screen.findByRole('button', { name: 'Request changes' }));
    expect(await screen.findByText(/notes are required to request changes/)).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    fireEvent.change(screen.getByRole('textbox', { name: 'Notes' }), { target: { value: 'Add the <b>November</b> data' } });
    fireEvent.click(screen.getByRole('button', { name: 'Request changes' }));
    fireEvent.click(within(screen.getByRole('alertdialog', { name: 'Request changes?' })).getByRole('button', { name: 'Request changes' }));
    const reviewers = await screen.findByRole('table', { name: 'Reviewers' });
    await waitFor(() => expect(within(reviewers).getByRole('row', { name: /Domino Admin/ })).toHaveTextContent('Changes requested'));
    // User text is text: the tags are shown, not rendered.
    expect(within(reviewers).getByText('Add the <b>November</b> data')).toBeInTheDocument();
  });

  it('compares with the version in the target stage, differences marked in words, and shows differences only', async () => {
    const { router } = (fakeDomino(), renderApp('/models/churn-predictor/versions/2?tab=review'));
    const table = await screen.findByRole('table', { name: 'Version 2 compared with the version in Production' });
    expect(within(table).getByRole('row', { name: /max_depth/ })).toHaveTextContent('53≠ Differs');
    expect(within(table).getByRole('row', { name: /n_estimators/ })).toHaveTextContent('= Same');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show differences only' }));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ diff: true }));
    expect(within(table).queryByRole('row', { name: /n_estimators/ })).not.toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /auc/ })).toHaveTextContent('≠ Differs');
  });

  it('against a Domino without the stage history, finds the version in the target stage by asking the versions', async () => {
    fakeDomino({ world: { info: realDomino } });
    renderApp('/models/churn-predictor/versions/2?tab=review');
    const table = await screen.findByRole('table', { name: 'Version 2 compared with the version in Production' });
    expect(within(table).getByRole('row', { name: /max_depth/ })).toHaveTextContent('53≠ Differs');
    expect(screen.queryByRole('tab', { name: 'Activity' })).not.toBeInTheDocument();
  });

  it('requests a review with a target stage, reviewers from the project’s members, and notes', async () => {
    const registry = defaultRegistry();
    registry.models[0]!.versions[1]!.review = undefined;
    const { calls } = fakeDomino({ world: { registry } });
    renderApp('/models/churn-predictor/versions/2?tab=review');
    const form = await screen.findByRole('form', { name: 'Request a review' });
    fireEvent.click(within(form).getByRole('button', { name: 'Request review' }));
    expect(await within(form).findByText('Choose at least one reviewer')).toBeInTheDocument();
    fireEvent.change(within(form).getByRole('combobox', { name: 'Move to stage' }), { target: { value: 'Staging' } });
    // The project's members other than me (the admin): its owner, Maya.
    fireEvent.click(await within(form).findByRole('checkbox', { name: /Maya Chen/ }));
    expect(within(form).queryByRole('checkbox', { name: /Domino Admin/ })).not.toBeInTheDocument();
    fireEvent.change(within(form).getByRole('textbox', { name: 'Notes for the reviewers' }), { target: { value: 'Ready for staging' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Request review' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST' && call.url.endsWith('/reviews'))).toBe(true));
    expect(calls.find((call) => call.method === 'POST' && call.url.endsWith('/reviews'))?.body).toEqual({
      targetStage: 'Staging',
      reviewers: [{ userId: churn.ownerId }],
      notes: 'Ready for staging',
    });
    expect(await screen.findByRole('heading', { name: 'Review: move to Staging' })).toBeInTheDocument();
  });

  it('shows the activity timeline', async () => {
    fakeDomino();
    renderApp('/models/churn-predictor/versions/2?tab=activity');
    const activity = await screen.findByRole('list', { name: 'Activity' });
    expect(activity).toHaveTextContent('Maya Chen (maya.chen) requested a review to move it to Production');
    expect(activity).toHaveTextContent('Better AUC on the October data');
  });
});

describe('needs my review', () => {
  it('lists the reviews waiting for me on the overview, with a count in the sidebar', async () => {
    fakeDomino();
    renderApp('/');
    const table = await screen.findByRole('table', { name: 'Model reviews waiting for you' });
    expect(within(table).getByRole('link', { name: 'churn-predictor v2' })).toHaveAttribute('href', '/models/churn-predictor/versions/2?tab=review');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    await waitFor(() => expect(within(nav).getByRole('link', { name: /review waits for you/ })).toHaveAttribute('href', '/models'));
    expect(within(nav).getByRole('link', { name: /review waits for you/ })).toHaveTextContent('Models1 review waits for you');
  });

  it('against a Domino without the inbox: neither the section nor the count', async () => {
    const { calls } = fakeDomino({ world: { info: realDomino } });
    renderApp('/');
    await screen.findByRole('heading', { name: 'Signed in as' });
    expect(screen.queryByRole('heading', { name: 'Needs my review' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Models' })).toBeInTheDocument();
    expect(calls.some((call) => call.url.includes('/model-reviews'))).toBe(false);
  });
});

describe('project experiment runs', () => {
  it('lists the runs and registers a run’s model as a new model', async () => {
    const { calls, world } = fakeDomino();
    world.registry.models.length = 0;
    const { router } = renderApp(`/projects/${churn.id}?tab=runs`);
    const table = await screen.findByRole('table', { name: `Experiment runs of ${churn.name}` });
    expect(within(table).getByRole('row', { name: /nightly-train/ })).toHaveTextContent('max_depth = 4');
    fireEvent.click(within(table).getByRole('button', { name: 'Register a model from run nightly-train' }));
    const dialog = screen.getByRole('dialog', { name: 'Register a model' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Model name' }), { target: { value: 'churn-v2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Register' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST' && call.url === '/api/registeredmodels/v1')).toBe(true));
    expect(calls.find((call) => call.method === 'POST' && call.url === '/api/registeredmodels/v1')?.body).toMatchObject({
      modelName: 'churn-v2',
      experimentRunId: 'c'.repeat(32),
      discoverable: false,
    });
    void router;
  });

  it('lets the project’s owner set its model stages', async () => {
    const { calls } = fakeDomino();
    renderApp(`/projects/${creditRisk.id}?tab=runs`);
    expect(await screen.findByText('No experiment runs yet')).toBeInTheDocument();
    const field = await screen.findByRole('textbox', { name: 'Stages, in order' });
    expect(field).toHaveValue('None, Staging, Production, Archived');
    fireEvent.change(field, { target: { value: 'Staging, Canary, Production, Archived' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save stages' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'PUT')).toBe(true));
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ stages: ['Staging', 'Canary', 'Production', 'Archived'].map((label) => ({ label })) });
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Stages, in order' })).toHaveValue('Staging, Canary, Production, Archived'));
  });

  it('against a Domino without the extension: no Experiment runs tab', async () => {
    fakeDomino({ world: { info: realDomino } });
    renderApp(`/projects/${churn.id}`);
    await screen.findByRole('tab', { name: 'Overview' });
    expect(screen.queryByRole('tab', { name: 'Experiment runs' })).not.toBeInTheDocument();
  });
});
