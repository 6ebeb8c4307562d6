import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultCost } from '../../test/fake-cost';
import { failure, fakeDomino } from '../../test/fake-domino';
import { renderApp } from '../../test/render-app';
import { churn, embeddedInfo } from '../../test/wire-fixtures';

// In the fixture's last 30 days (31 UTC days, today's included): customer-churn 9.891 a day × 20,
// credit-risk 2 × 20, demand-forecasting 0.444 × 10 (untagged), and idle = the pools' 18 a day
// less what was used (117.74 over the 20 days with work, 18 × 11 on the others).
const TOTALS = { churn: 'USD 197.82', credit: 'USD 40.00', forecasting: 'USD 4.44', idle: 'USD 315.74', all: 'USD 558.00' };

const money = (text: string | null) => text?.replace(/\u00a0/g, ' ').trim();

async function byProjectTable() {
  return screen.findByRole('table', { name: /^Cost by project, USD/ }, { timeout: 10_000 });
}

/** The first cell of each line of a table's body, without its header and totals rows. */
function lineNames(table: HTMLElement) {
  return within(table)
    .getAllByRole('row')
    .slice(1, -1)
    .map((row) => within(row).getAllByRole('cell')[0]!.textContent);
}

function totalOf(table: HTMLElement, column: string) {
  return money(table.querySelector(`[data-total="${column}"]`)?.textContent ?? null);
}

/**
 * The fixture counts back from today, and "this month" is as long as today's date: the clock is
 * pinned to midday of a month's first day (only Date is faked; timers run as they do), so the
 * figures below hold on any day the tests run.
 */
const PINNED_NOW = new Date('2026-12-01T12:00:00Z');

let exported: Blob[] = [];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: PINNED_NOW });
  exported = [];
  // jsdom has no object URLs: the export's Blob is kept to be read.
  URL.createObjectURL = vi.fn((blob: Blob) => {
    exported.push(blob);
    return 'blob:cost';
  });
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('cost page', () => {
  it('shows the last 30 days by project: chart, breakdown and a table with its totals, idle apart', async () => {
    const { calls } = fakeDomino();
    renderApp('/cost');
    const table = await byProjectTable();
    const rows = within(table).getAllByRole('row').slice(1, -1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]!.textContent)).toEqual(['Idle', 'customer-churn', 'credit-risk', 'demand-forecasting']);
    expect(money(within(rows[0]!).getAllByRole('cell')[5]!.textContent)).toBe(TOTALS.idle);
    expect(money(within(rows[1]!).getAllByRole('cell')[5]!.textContent)).toBe(TOTALS.churn);
    expect(totalOf(table, 'total')).toBe(TOTALS.all);
    // Efficiency is weighted by core hours: churn's two users at 50 % and 80 %.
    expect(within(rows[1]!).getByText('65 %')).toBeInTheDocument();
    expect(
      await screen.findByRole('img', { name: /^Cost over time, stacked by 4 entries .* 31 steps of a day, USD per day, UTC\.$/ }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Legend, from the bottom of each bar up' })).toHaveTextContent('customer-churn');
    expect(screen.getByRole('img', { name: /^Breakdown of the window's cost, in USD: Idle USD\s315\.74; customer-churn USD\s197\.82/ })).toBeInTheDocument();
    expect(screen.getByText(/^Data complete up to/)).toHaveTextContent('UTC');
    expect(calls.map((call) => call.url)).toContain('/api/cost/v1/allocation?window=30d&aggregate=project&accumulate=false&idle=true&shareIdle=false');
  });

  it('reads kubecost’s answer (one map of allocations a step) to the same figures', async () => {
    fakeDomino({ world: { cost: { ...defaultCost(), shape: 'steps' } } });
    renderApp('/cost');
    const table = await byProjectTable();
    expect(totalOf(table, 'total')).toBe(TOTALS.all);
    expect(within(table).getByRole('button', { name: 'Drill into customer-churn' })).toBeInTheDocument();
  });

  it('exports exactly the table as CSV: the same lines in the same order, and totals that add up to the cent', async () => {
    fakeDomino();
    renderApp('/cost?sort=name&ascending=true');
    const table = await byProjectTable();
    fireEvent.click(screen.getByRole('button', { name: /^Export CSV \(4 lines and the totals\)/ }));
    expect(exported).toHaveLength(1);
    const lines = (await exported[0]!.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Project,CPU (USD),GPU (USD),RAM (USD),Other (USD),Total (USD),CPU efficiency');
    expect(lines.slice(1, -1).map((line) => line.split(',')[0])).toEqual(['credit-risk', 'customer-churn', 'demand-forecasting', 'Idle']);
    const totals = lines.at(-1)!.split(',');
    expect(totals[0]).toBe('Total');
    expect(`USD ${totals[5]}`).toBe(totalOf(table, 'total'));
    // Each column of the lines adds up to its total, in cents.
    for (let column = 1; column <= 5; column++) {
      const sum = lines.slice(1, -1).reduce((acc, line) => acc + Math.round(Number(line.split(',')[column]) * 100), 0);
      expect(sum).toBe(Math.round(Number(totals[column]) * 100));
    }
  });

  it('drills into a project by user, links to the project and its jobs, and comes back up by the trail', async () => {
    const { calls } = fakeDomino();
    const { router } = renderApp('/cost');
    fireEvent.click(within(await byProjectTable()).getByRole('button', { name: 'Drill into customer-churn' }));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ by: 'user', filter: { project: ['customer-churn'] } }));
    const table = await screen.findByRole('table', { name: /^Cost by user, USD/ });
    await waitFor(() => expect(lineNames(table)).toEqual(['maya.chen', 'admin']));
    expect(totalOf(table, 'total')).toBe(TOTALS.churn);
    expect(calls.some((call) => decodeURIComponent(call.url).includes('filter=project:"customer-churn"'))).toBe(true);
    const trail = screen.getByRole('navigation', { name: 'Drill-down' });
    expect(within(trail).getByText('customer-churn')).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Open project customer-churn' })).toHaveAttribute('href', `/projects/${churn.id}`);
    expect(screen.getByRole('link', { name: 'Jobs of customer-churn' })).toHaveAttribute('href', `/jobs?projectId=${churn.id}`);

    fireEvent.click(within(table).getByRole('button', { name: 'Drill into maya.chen' }));
    await waitFor(() =>
      expect(router.state.location.search).toMatchObject({ by: 'workloadType', filter: { project: ['customer-churn'], user: ['maya.chen'] } }),
    );
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Drill-down' })).getByRole('button', { name: 'All projects' }));
    await waitFor(() => expect(router.state.location.search).not.toHaveProperty('filter'));
    expect(totalOf(await byProjectTable(), 'total')).toBe(TOTALS.all);
  });

  it('changes the window, the aggregation, the idle handling and the filters through the URL', async () => {
    const { calls } = fakeDomino();
    const { router } = renderApp('/cost');
    await byProjectTable();
    fireEvent.change(screen.getByRole('combobox', { name: 'Window (UTC)' }), { target: { value: '7d' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Aggregate by' }), { target: { value: 'billingTag' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Idle capacity' }), { target: { value: 'hide' } });
    await waitFor(() => expect(router.state.location.search).toMatchObject({ window: '7d', by: 'billingTag', idle: 'hide' }));
    const table = await screen.findByRole('table', { name: /^Cost by billing tag, USD/ });
    await waitFor(() => expect(lineNames(table)).toEqual(['CC-1001', 'CC-2002', 'Unallocated']));
    expect(calls.some((call) => call.url.includes('window=7d&aggregate=billingTag&accumulate=false&idle=false'))).toBe(true);

    const adder = screen.getByRole('form', { name: 'Add a filter' });
    fireEvent.change(within(adder).getByRole('combobox', { name: 'Filter on' }), { target: { value: 'user' } });
    const value = within(adder).getByRole('combobox', { name: 'Value' });
    await waitFor(() => expect(within(value).getByRole('option', { name: 'maya.chen' })).toBeInTheDocument());
    fireEvent.change(value, { target: { value: 'maya.chen' } });
    fireEvent.click(within(adder).getByRole('button', { name: 'Add filter' }));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ filter: { user: ['maya.chen'] } }));
    expect(screen.getByRole('button', { name: 'Remove filter User: maya.chen' })).toBeInTheDocument();
    await waitFor(() => expect(calls.some((call) => decodeURIComponent(call.url).includes('filter=user:"maya.chen"'))).toBe(true));

    // A second key names each line by both values.
    fireEvent.change(screen.getByRole('combobox', { name: 'Then by' }), { target: { value: 'project' } });
    const both = await screen.findByRole('table', { name: /^Cost by billing tag and project, USD/ });
    await waitFor(() =>
      expect(
        within(both)
          .getAllByRole('columnheader')
          .slice(0, 2)
          .map((cell) => cell.textContent),
      ).toEqual([expect.stringMatching(/^Billing tag/), 'Project']),
    );
  });

  it('shows the steps as a table too, weeks summed from days, cumulative on request, the unit always named', async () => {
    fakeDomino();
    const { router } = renderApp('/cost?display=table&step=week&mode=cumulative&idle=hide');
    const table = await screen.findByRole('table', { name: 'Cost over time by step, USD cumulative since the window’s start, UTC' }, { timeout: 10_000 });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(money(rows[0]!.textContent)).toMatch(/^Week of/);
    // Cumulative: the last week's total is the window's.
    expect(money(within(rows.at(-1)!).getAllByRole('cell').at(-1)!.textContent)).toBe('USD 242.26');
    fireEvent.click(screen.getByRole('button', { name: 'Per week' }));
    await waitFor(() => expect(router.state.location.search).not.toHaveProperty('mode'));
    expect(await screen.findByRole('heading', { name: 'Cost over time (USD per week, UTC)' })).toBeInTheDocument();
  });

  it('keeps a budget in the URL and shows this month against its 75 % and 100 % marks with a forecast', async () => {
    fakeDomino();
    const { router } = renderApp('/cost');
    await byProjectTable();
    const form = screen.getByRole('form', { name: 'Monthly budget' });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Monthly budget (USD)' }), { target: { value: '20' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Set budget' }));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ budget: 20 }));
    const budget = screen.getByRole('region', { name: 'Budget' });
    // Today is the only day of the month in the fixture: 18 a day with idle apart, 90 % of 20.
    expect(await within(budget).findByText(/^USD 18\.00/)).toHaveTextContent('(90 %, past 75 % of the budget)');
    expect(within(budget).getByText('Forecast for the month’s end')).toBeInTheDocument();
    expect(within(budget).getByText(/USD 20\.00 \(USD 15\.00\)/)).toBeInTheDocument();
    fireEvent.click(within(budget).getByRole('button', { name: 'Remove budget' }));
    await waitFor(() => expect(router.state.location.search).not.toHaveProperty('budget'));
  });

  it('has a monthly chargeback by billing tag with idle shared, totals and CSV', async () => {
    const { calls } = fakeDomino();
    renderApp('/cost?view=chargeback');
    const month = await screen.findByRole('combobox', { name: 'Month (UTC)' }, { timeout: 10_000 });
    const options = within(month).getAllByRole('option');
    expect(options[0]).toHaveTextContent('(so far)');
    // This month so far, as the fixture counts back from today.
    fireEvent.change(month, { target: { value: (options[0] as HTMLOptionElement).value } });
    const table = await screen.findByRole('table', { name: /^Chargeback by billing tag/ }, { timeout: 10_000 });
    await waitFor(() => expect(lineNames(table)).toEqual(['CC-1001', 'CC-2002', 'No billing tag']));
    // Idle shared: the tags carry the pools' whole cost, 18 for the one day.
    expect(totalOf(table, 'total')).toBe('USD 18.00');
    expect(calls.some((call) => call.url.includes('aggregate=billingTag') && call.url.includes('shareIdle=true'))).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: /^Export CSV/ }));
    expect((await exported[0]!.text()).split('\r\n')[3]).toMatch(/^No billing tag,/);
  });

  it('shows the node pools: capacity, use and idle, and capacity against use by day', async () => {
    fakeDomino();
    renderApp('/cost?view=assets&window=7d');
    const pools = await screen.findByRole('table', { name: 'Node pools: capacity, use and idle, USD' }, { timeout: 10_000 });
    const rows = within(pools).getAllByRole('row').slice(1);
    // gpu-k8s: 12 a day for 8 days (7 × 24 h reach back into an eighth UTC day); used 8.336 a day.
    expect(money(rows[0]!.textContent)).toMatch(/^GPU large \(gpu-k8s\)1USD 96\.00USD 66\.69USD 29\.31/);
    expect(await screen.findByRole('img', { name: /^Capacity against use over 8 days, USD per day, UTC/ }, { timeout: 10_000 })).toBeInTheDocument();
  });

  it('is for site administrators: others do not see it in the nav, and the page says why', async () => {
    fakeDomino({ world: { info: { ...embeddedInfo, callerIsAdmin: false } } });
    renderApp('/cost');
    expect(await screen.findByText('Cost is for site administrators')).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).queryByRole('link', { name: 'Cost' })).toBeNull();
  });

  it('says the same when Domino refuses the allocation (403)', async () => {
    fakeDomino({ answer: (request) => (request.path === '/api/cost/v1/allocation' ? failure(403, 'Only site administrators may read cost') : undefined) });
    renderApp('/cost');
    expect(await screen.findByText('Cost is for site administrators', undefined, { timeout: 10_000 })).toBeInTheDocument();
  });
});

describe('overview cost card', () => {
  it('shows an administrator this month’s cost so far and its top projects', async () => {
    fakeDomino();
    renderApp('/');
    const top = await screen.findByRole('list', { name: 'Top projects this month' }, { timeout: 10_000 });
    // Today is the fixture's only day of the month: the pools' 18, idle included.
    expect(money(screen.getByText('Cost this month so far (UTC)').nextElementSibling!.textContent)).toBe('USD 18.00');
    expect(
      within(top)
        .getAllByRole('listitem')
        .map((item) => money(item.textContent)),
    ).toEqual(['customer-churnUSD 9.89', 'credit-riskUSD 2.00', 'demand-forecastingUSD 0.44']);
    expect(screen.getByRole('link', { name: 'See where it goes' })).toHaveAttribute('href', '/cost?window=month');
  });

  it('is not shown to others', async () => {
    const { calls } = fakeDomino({ world: { info: { ...embeddedInfo, callerIsAdmin: false } } });
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    await screen.findByRole('heading', { name: 'Users' });
    expect(screen.queryByText('Cost this month so far (UTC)')).toBeNull();
    expect(calls.some((call) => call.url.startsWith('/api/cost/'))).toBe(false);
  });
});
