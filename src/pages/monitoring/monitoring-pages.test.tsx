import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { failure, fakeDomino } from '../../test/fake-domino';
import { renderApp } from '../../test/render-app';
import { embeddedInfo, monitoredModel } from '../../test/wire-fixtures';

const MODEL = monitoredModel.modelMonitoringId;

describe('monitoring page', () => {
  it('opens on the first model’s metric: a chart with the target band, out-of-range values named, not only coloured', async () => {
    const { calls } = fakeDomino();
    renderApp('/monitoring');
    const chart = await screen.findByRole('img', { name: /^accuracy: 4 values, 1 out of the target range \(≥ 0\.8\)/ }, { timeout: 10_000 });
    const legend = screen.getByRole('list', { name: 'Legend' });
    expect(within(legend).getByText('Out of range (triangles)')).toBeInTheDocument();
    expect(within(legend).getByText('Target range (≥ 0.8)')).toBeInTheDocument();
    // The band, and the out-of-range value drawn as a triangle.
    expect(within(chart).getByText('Target range')).toBeInTheDocument();
    expect(chart.querySelector('.metric-out-of-range')).toHaveAttribute('data-count', '1');
    expect(chart.querySelector('.metric-series > path')?.getAttribute('d')?.match(/[ML]/g)).toHaveLength(4);
    expect(screen.getByText(/Target range: ≥ 0\.8/)).toBeInTheDocument();
    // The whole span the models list gives, both ends inclusive.
    expect(
      calls.some(
        (call) =>
          call.url ===
          `/api/metricValues/v1/${MODEL}/accuracy?startingReferenceTimestampInclusive=2026-11-01T00%3A00%3A00.000Z&endingReferenceTimestampInclusive=2026-11-04T00%3A00%3A00.000Z`,
      ),
    ).toBe(true);
  });

  it('offers the values as a paged table, kept in the URL', async () => {
    fakeDomino();
    const { router } = renderApp(`/monitoring?model=${MODEL}&metric=accuracy`);
    await screen.findByRole('img', { name: /^accuracy: 4 values/ }, { timeout: 10_000 });
    fireEvent.click(screen.getByRole('button', { name: 'Table' }));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ view: 'table' }));
    const table = await screen.findByRole('table', { name: 'Values of accuracy, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(4);
    expect(within(rows[0]!).getByText('0.74')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('▲ Out of range')).toBeInTheDocument();
    expect(within(rows[3]!).getByText('segment=sme')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Table' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('lists the metric’s alerts, out of range by default, in range too on request', async () => {
    const { calls } = fakeDomino();
    renderApp(`/monitoring?model=${MODEL}&metric=accuracy`);
    const alerts = await screen.findByRole('table', { name: 'Alerts of accuracy' });
    expect(within(alerts).getByText('0.74')).toBeInTheDocument();
    expect(within(alerts).getByText('A logged value')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Include alerts whose value was in range' }));
    await waitFor(() => expect(calls.some((call) => call.url.includes('/monitoring/alerts?') && call.url.includes('outOfRangeOnly=false'))).toBe(true));
  });

  it('says when a metric has no values in the window, and when nothing is monitored', async () => {
    fakeDomino();
    renderApp(`/monitoring?model=${MODEL}&metric=psi`);
    expect(await screen.findByText('No values in this window')).toBeInTheDocument();
  });

  it('with no monitored model: an empty state that says how one appears', async () => {
    fakeDomino({ world: { monitoredModels: [] } });
    renderApp('/monitoring');
    expect(await screen.findByText('No monitored models yet')).toBeInTheDocument();
  });

  it('logs a value: checked on leaving a field and on submit, the API’s 400 shown as said', async () => {
    const { calls } = fakeDomino({
      answer: ({ method, path }) =>
        method === 'POST' && path === '/api/metricValues/v1' ? failure(400, 'newMetricValues[0].value must be a finite number') : undefined,
    });
    renderApp(`/monitoring?model=${MODEL}&metric=accuracy`);
    const form = await screen.findByRole('form', { name: 'Log a value' });
    const time = within(form).getByRole('textbox', { name: 'Time' });
    fireEvent.change(time, { target: { value: '2026-12-01 10:00' } });
    fireEvent.blur(time);
    expect(within(form).getByText(/The time must be an RFC 3339 timestamp with a timezone/)).toBeInTheDocument();
    fireEvent.click(within(form).getByRole('button', { name: 'Log value' }));
    expect(within(form).getByText('The value is required')).toBeInTheDocument();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    fireEvent.change(time, { target: { value: '2026-12-01T10:00:00+01:00' } });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Value' }), { target: { value: '0.9' } });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Tags (optional)' }), { target: { value: 'region=eu, segment=sme' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Log value' }));
    expect(await within(form).findByText('newMetricValues[0].value must be a finite number')).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      newMetricValues: [
        {
          modelMonitoringId: MODEL,
          metric: 'accuracy',
          value: 0.9,
          referenceTimestamp: '2026-12-01T10:00:00+01:00',
          tags: [
            { key: 'region', value: 'eu' },
            { key: 'segment', value: 'sme' },
          ],
        },
      ],
    });
  });

  it('against a Domino without the extensions: the model and metric are typed, the window counts back from now, no alerts', async () => {
    const { calls } = fakeDomino({ world: { info: { ...embeddedInfo, extensions: [] } } });
    const { router } = renderApp('/monitoring');
    expect(await screen.findByText('Choose a model and a metric')).toBeInTheDocument();
    const model = screen.getByRole('search', { name: 'Choose the model' });
    fireEvent.change(within(model).getByRole('searchbox'), { target: { value: MODEL } });
    fireEvent.submit(model);
    const metric = screen.getByRole('search', { name: 'Choose the metric' });
    fireEvent.change(within(metric).getByRole('searchbox'), { target: { value: 'accuracy' } });
    fireEvent.submit(metric);
    await waitFor(() => expect(router.state.location.search).toMatchObject({ model: MODEL, metric: 'accuracy' }));
    await waitFor(() => expect(calls.some((call) => call.url.startsWith(`/api/metricValues/v1/${MODEL}/accuracy?`))).toBe(true));
    const asked = new URL(calls.find((call) => call.url.startsWith('/api/metricValues/v1/'))!.url, 'http://x');
    const span =
      Date.parse(asked.searchParams.get('endingReferenceTimestampInclusive')!) - Date.parse(asked.searchParams.get('startingReferenceTimestampInclusive')!);
    expect(span).toBe(30 * 24 * 3600 * 1000);
    expect(calls.some((call) => call.url.startsWith('/api/embedded/v1/monitoring'))).toBe(false);
    expect(screen.queryByRole('heading', { name: 'Alerts' })).not.toBeInTheDocument();
    // A value is still checked against a range (the reference's alert), but no range is kept.
    const rangeForm = await screen.findByRole('form', { name: 'Target range' });
    expect(within(rangeForm).queryByRole('button', { name: 'Save as the target range' })).not.toBeInTheDocument();
    expect(within(rangeForm).getByRole('button', { name: 'Check the value and record an alert' })).toBeInTheDocument();
  });

  it('edits the target range, checks a value against it (an alert), and removes the range after a confirmation', async () => {
    const { calls } = fakeDomino();
    renderApp(`/monitoring?model=${MODEL}&metric=accuracy`);
    const form = await screen.findByRole('form', { name: 'Target range' }, { timeout: 10_000 });
    expect(within(form).getByText(/Configured: ≥ 0\.8/)).toBeInTheDocument();
    fireEvent.change(within(form).getByLabelText('Acceptable values are'), { target: { value: 'between' } });
    fireEvent.change(within(form).getByLabelText('Lower limit'), { target: { value: '0.9' } });
    fireEvent.change(within(form).getByLabelText('Upper limit'), { target: { value: '0.8' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save as the target range' }));
    expect(await within(form).findByText('targetRange.lowerLimit must not be greater than upperLimit')).toBeInTheDocument();
    expect(calls.some((call) => call.method === 'PUT')).toBe(false);

    fireEvent.change(within(form).getByLabelText('Upper limit'), { target: { value: '1' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save as the target range' }));
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'PUT')).toMatchObject({
        url: `/api/embedded/v1/monitoring/models/${MODEL}/metrics/accuracy/range`,
        body: { condition: 'between', lowerLimit: 0.9, upperLimit: 1 },
      }),
    );
    // The page shows the new range (the form is remade for it).
    expect(await screen.findByText(/Target range: between 0\.9 and 1/)).toBeInTheDocument();

    const again = screen.getByRole('form', { name: 'Target range' });
    fireEvent.change(within(again).getByLabelText('Value to check (optional)'), { target: { value: '0.85' } });
    fireEvent.click(within(again).getByRole('button', { name: 'Check the value and record an alert' }));
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'POST' && call.url === '/api/metricAlerts/v1')?.body).toMatchObject({
        modelMonitoringId: MODEL,
        metric: 'accuracy',
        value: 0.85,
        targetRange: { condition: 'between', lowerLimit: 0.9, upperLimit: 1 },
      }),
    );
    expect(await within(again).findByText(/An alert was recorded for 0\.85/)).toBeInTheDocument();

    fireEvent.click(within(again).getByRole('button', { name: 'Remove the range' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove the target range of accuracy?' });
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'DELETE' && call.url.endsWith('/metrics/accuracy/range'))).toBe(true));
    expect(await screen.findByText(/No target range is configured for this metric/)).toBeInTheDocument();
  });
});
