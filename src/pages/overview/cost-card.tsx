// The overview's cost card, for site administrators only (Domino refuses cost to anyone else):
// this month's cost so far (UTC, idle included) and its top projects, with a way into the cost page.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { COST_CURRENCY, costQueries } from '../../api/cost';
import { formatCents, IDLE, rankNames, toCents, totalCents } from '../../api/cost-money';
import { useIsSiteAdmin } from '../../hooks/use-site-admin';

const TOP = 3;
const linkClasses = 'font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400';

function CostCardBody() {
  const month = useQuery(costQueries.allocation({ window: 'month', aggregate: ['project'], filter: '', idle: 'separate' }));
  let value;
  let top = null;
  if (month.isPending)
    value = (
      <>
        <span className="skeleton inline-block h-8 w-24 align-middle" aria-hidden="true" />
        <span className="sr-only">Loading</span>
      </>
    );
  else if (month.isError) value = <span className="text-base font-normal text-slate-600 dark:text-slate-400">Not available</span>;
  else {
    const rows = month.data.rows;
    value = formatCents(totalCents(rows.map((row) => row.totalCost)), COST_CURRENCY);
    // Rounded together with idle, as the cost page's table does, so the two show the same cents.
    const all = rankNames(rows);
    const cents = toCents(all.map((entry) => entry.total));
    const ranked = all.map((entry, index) => ({ ...entry, cents: cents[index]! })).filter((entry) => entry.name !== IDLE);
    top =
      ranked.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">Nothing has run this month yet.</p>
      ) : (
        <ol aria-label="Top projects this month" className="space-y-0.5 text-slate-700 dark:text-slate-300">
          {ranked.slice(0, TOP).map((entry) => (
            <li key={entry.name} className="flex justify-between gap-3">
              <span className="truncate">{entry.name}</span>
              <span className="font-mono">{formatCents(entry.cents, COST_CURRENCY)}</span>
            </li>
          ))}
        </ol>
      );
  }
  return (
    <section className="rounded-lg border border-slate-200 p-5 dark:border-slate-800">
      <h2 className="text-sm font-medium text-slate-600 dark:text-slate-400">Cost this month so far (UTC)</h2>
      <p className="mt-2 text-3xl font-semibold text-slate-900 dark:text-slate-50">{value}</p>
      <div className="mt-3 space-y-2 text-sm">
        {top}
        <Link to="/cost" search={{ window: 'month' }} className={linkClasses}>
          See where it goes
        </Link>
      </div>
    </section>
  );
}

export function CostCard() {
  return useIsSiteAdmin() ? <CostCardBody /> : null;
}
