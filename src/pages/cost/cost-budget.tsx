// A view's monthly budget (kept in the URL, so a shared link carries it): this month's cost so far
// for the same aggregation and filters, the forecast for the month's end at the current run rate,
// and where both stand against Domino's marks at 75 % and 100 %.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { COST_CURRENCY, costQueries, type AllocationRequest } from '../../api/cost';
import { budgetState, forecastMonthEnd, formatCents, totalCents, type BudgetState } from '../../api/cost-money';
import { Button } from '../../components/button';
import { inputClasses } from '../../components/field';
import type { SetCostSearch } from './cost-page';
import type { CostSearch } from './cost-search';

const STATE_WORDS: Record<BudgetState, string> = { within: 'within budget', warning: 'past 75 % of the budget', over: 'over budget' };
const STATE_CLASSES: Record<BudgetState, string> = {
  within: 'text-emerald-800 dark:text-emerald-300',
  warning: 'text-amber-800 dark:text-amber-300',
  over: 'text-red-800 dark:text-red-300',
};

function BudgetForm({ budget, setSearch }: { budget: number | undefined; setSearch: SetCostSearch }) {
  const [text, setText] = useState(budget ? String(budget) : '');
  const value = Number(text);
  const valid = text.trim() !== '' && Number.isFinite(value) && value > 0 && value <= 1e12;
  return (
    <form
      aria-label="Monthly budget"
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) setSearch({ budget: Math.round(value * 100) / 100 });
      }}
    >
      <label className="text-sm">
        <span className="block font-medium text-slate-700 dark:text-slate-300">Monthly budget ({COST_CURRENCY})</span>
        <input inputMode="decimal" value={text} onChange={(event) => setText(event.target.value)} className={`${inputClasses} h-9 w-40`} />
      </label>
      <Button type="submit" size="sm" className="h-9" disabled={!valid}>
        {budget ? 'Change budget' : 'Set budget'}
      </Button>
      {budget ? (
        <Button size="sm" variant="ghost" className="h-9" onClick={() => setSearch({ budget: undefined })}>
          Remove budget
        </Button>
      ) : null}
      {text.trim() !== '' && !valid ? <p className="text-sm text-red-700 dark:text-red-400">A budget is a positive amount, e.g. 5000.</p> : null}
    </form>
  );
}

/** Spent (solid), forecast (hatched) and the 75 % / 100 % marks on one bar. */
function BudgetMeter({ spent, forecast, budget }: { spent: number; forecast: number; budget: number }) {
  const scale = Math.max(budget, forecast) * 1.1;
  const pct = (value: number) => `${Math.min(100, (value / scale) * 100)}%`;
  return (
    <div
      aria-hidden="true"
      className="relative h-6 w-full max-w-2xl rounded border border-slate-300 bg-slate-100 text-slate-700 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-300"
    >
      <div className="absolute inset-y-0 left-0 bg-[repeating-linear-gradient(45deg,#93c5fd_0_4px,transparent_4px_8px)]" style={{ width: pct(forecast) }} />
      <div className="absolute inset-y-0 left-0 bg-blue-600" style={{ width: pct(spent) }} />
      {[0.75, 1].map((mark) => (
        <div key={mark} className="absolute -inset-y-1 border-l-2 border-dashed border-current" style={{ left: pct(budget * mark) }}>
          <span className="absolute top-7 -translate-x-1/2 text-xs">{mark * 100} %</span>
        </div>
      ))}
    </div>
  );
}

export function BudgetPanel({ search, setSearch, request, now }: { search: CostSearch; setSearch: SetCostSearch; request: AllocationRequest; now: number }) {
  const budget = search.budget;
  const month = useQuery({ ...costQueries.allocation({ ...request, window: 'month' }), enabled: budget !== undefined });
  let figures = null;
  if (budget !== undefined) {
    if (month.isPending) figures = <p className="text-sm text-slate-600 dark:text-slate-400">Loading this month’s cost…</p>;
    else if (month.isError) figures = <p className="text-sm text-red-700 dark:text-red-400">Could not load this month’s cost for the budget.</p>;
    else {
      const spent = totalCents(month.data.rows.map((row) => row.totalCost)) / 100;
      const forecast = forecastMonthEnd(spent, now);
      const spentState = budgetState(spent, budget);
      const forecastState = budgetState(forecast, budget);
      const money = (amount: number) => formatCents(Math.round(amount * 100), COST_CURRENCY);
      figures = (
        <div className="space-y-8">
          <dl className="grid max-w-2xl grid-cols-1 gap-2 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-600 dark:text-slate-400">This month so far (UTC)</dt>
              <dd className="font-semibold text-slate-900 dark:text-slate-50">
                {money(spent)}{' '}
                <span className={STATE_CLASSES[spentState]}>
                  ({Math.round((spent / budget) * 100)} %, {STATE_WORDS[spentState]})
                </span>
              </dd>
            </div>
            <div>
              <dt className="text-slate-600 dark:text-slate-400">Forecast for the month’s end</dt>
              <dd className="font-semibold text-slate-900 dark:text-slate-50">
                {money(forecast)} <span className={STATE_CLASSES[forecastState]}>({STATE_WORDS[forecastState]})</span>
              </dd>
            </div>
            <div>
              <dt className="text-slate-600 dark:text-slate-400">Budget (75 % mark)</dt>
              <dd className="font-semibold text-slate-900 dark:text-slate-50">
                {money(budget)} ({money(budget * 0.75)})
              </dd>
            </div>
          </dl>
          <BudgetMeter spent={spent} forecast={forecast} budget={budget} />
          <p className="text-xs text-slate-600 dark:text-slate-400">
            The forecast carries the month’s average rate so far to its last day. The bar: spent (solid), forecast (hatched), marks at 75 % and 100 %.
          </p>
        </div>
      );
    }
  }
  return (
    <section aria-label="Budget" className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h2 className="text-base font-semibold text-slate-900 dark:text-slate-50">Budget for this view</h2>
      <BudgetForm key={budget ?? 'none'} budget={budget} setSearch={setSearch} />
      {figures}
      {budget === undefined ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Set a monthly budget to see this month’s cost against it and the forecast. It is kept in the link, so sharing the link shares the budget.
        </p>
      ) : null}
    </section>
  );
}
