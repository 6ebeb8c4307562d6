import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeDomino } from '../../test/fake-domino';
import { renderApp } from '../../test/render-app';
import { churnScoring, churnScoringVersion, embeddedInfo } from '../../test/wire-fixtures';
import { parametersProblem } from './prediction-form';

describe('Model APIs list', () => {
  it('lists Model APIs with their status, linked to their pages; the nav has an entry', async () => {
    fakeDomino();
    renderApp('/model-apis');
    const table = await screen.findByRole('table', { name: 'Model APIs you can see' });
    expect(within(table).getByRole('link', { name: 'churn-scoring' })).toHaveAttribute('href', `/model-apis/${churnScoring.id}`);
    expect(within(table).getByText('Running')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Model APIs' })).toHaveAttribute('href', '/model-apis');
  });

  it('says so when there are none', async () => {
    fakeDomino({ world: { modelApis: [] } });
    renderApp('/model-apis');
    expect(await screen.findByText('No Model APIs yet')).toBeInTheDocument();
  });
});

describe('Model API page', () => {
  it('shows versions and logs, sends a prediction and shows its result arriving', async () => {
    const { calls } = fakeDomino();
    renderApp(`/model-apis/${churnScoring.id}`);
    await screen.findByRole('heading', { level: 1, name: 'churn-scoring' });
    const versions = screen.getByRole('table', { name: 'Versions of churn-scoring' });
    expect(within(versions).getByText('churn-predictor v1')).toBeInTheDocument();
    expect(await screen.findByText(/Worker 1 ready/)).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Instance log' })).toBeInTheDocument();
    // The selected version, as Domino answers it on its own.
    const selected = await screen.findByLabelText('The selected version');
    expect(selected).toHaveTextContent(`Version 1:`);
    expect(selected).toHaveTextContent(churnScoringVersion.environmentRevisionId);

    const editor = screen.getByRole('textbox', { name: 'Parameters (JSON object)' });
    fireEvent.change(editor, { target: { value: '{"tenure_months": 3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send prediction' }));
    expect(await screen.findByText(/Not valid JSON/)).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST' && c.url.startsWith('/api/modelApis/async/v1/'))).toBe(false);

    fireEvent.change(editor, { target: { value: '{"tenure_months": 3}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send prediction' }));
    expect(await screen.findByText('Processing')).toBeInTheDocument();
    const result = await screen.findByLabelText('Result', {}, { timeout: 3000 });
    expect(result).toHaveTextContent('"tenure_months": 3');
    expect(screen.getByText('Succeeded')).toBeInTheDocument();
    const sent = calls.find((c) => c.method === 'POST' && c.url === `/api/modelApis/async/v1/${churnScoring.id}`);
    expect(sent?.body).toEqual({ parameters: { tenure_months: 3 } });
  });

  it('shows the model’s error when the prediction fails', async () => {
    fakeDomino();
    renderApp(`/model-apis/${churnScoring.id}`);
    const editor = await screen.findByRole('textbox', { name: 'Parameters (JSON object)' });
    fireEvent.change(editor, { target: { value: '{"fail": true}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send prediction' }));
    expect(await screen.findByText('ValueError: cannot score this', {}, { timeout: 3000 })).toBeInTheDocument();
  });

  it('stops the API (replicas 0) and archives only after confirmation', async () => {
    const { calls } = fakeDomino();
    renderApp(`/model-apis/${churnScoring.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ replicas: 0, name: 'churn-scoring' }));
    fireEvent.click(screen.getByRole('button', { name: 'Archive' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Archive churn-scoring?' });
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(churnScoringVersion.modelApiId).toBe(churnScoring.id);
  });

  it('makes an access token and shows its secret once; the export log is there to choose', async () => {
    fakeDomino();
    renderApp(`/model-apis/${churnScoring.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Create an access token' }));
    expect(await screen.findByText('secret-token-shown-once')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy the access token' })).toBeInTheDocument();
    fireEvent.change(screen.getByRole('combobox', { name: 'Log' }), { target: { value: 'export' } });
    // The shared log viewer, on the export log: its lines, read from the export log endpoint.
    expect(await screen.findByRole('region', { name: 'Export log' })).toBeInTheDocument();
    expect(await screen.findByText('Not exported to an external registry')).toBeInTheDocument();
  });

  it('against a Domino without the token extension: no access token section', async () => {
    fakeDomino({ world: { info: { ...embeddedInfo, extensions: [] } } });
    renderApp(`/model-apis/${churnScoring.id}`);
    await screen.findByRole('heading', { level: 1, name: 'churn-scoring' });
    expect(screen.queryByRole('button', { name: 'Create an access token' })).not.toBeInTheDocument();
  });

  it('an unknown Model API: the error page', async () => {
    fakeDomino({ world: { modelApis: [] } });
    renderApp(`/model-apis/${churnScoring.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Model API not found' })).toBeInTheDocument();
  });

  it('a link that is not an id: the bad-link page, without asking Domino', async () => {
    const { calls } = fakeDomino();
    renderApp('/model-apis/not-an-id');
    expect(await screen.findByRole('heading', { level: 1, name: 'Bad link' })).toBeInTheDocument();
    expect(calls.some((c) => c.url.includes('/modelApis/not-an-id'))).toBe(false);
  });
});

describe('parametersProblem', () => {
  it('accepts JSON objects only', () => {
    expect(parametersProblem('{"a": 1}')).toBeUndefined();
    expect(parametersProblem('[1]')).toMatch(/must be a JSON object/);
    expect(parametersProblem('null')).toMatch(/must be a JSON object/);
    expect(parametersProblem('{')).toMatch(/Not valid JSON/);
  });
});
