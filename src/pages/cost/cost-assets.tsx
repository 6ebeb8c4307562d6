// The assets view: the node pools (one a hardware tier), what their nodes cost over the window
// (capacity), what the workloads on them used (their allocations by hardware tier), and the gap:
// idle. A chart of capacity against use a day, with its table, and a table of the pools.
import { useQuery } from '@tanstack/react-query';
import { COST_CURRENCY, costQueries } from '../../api/cost';
import { formatCents, stepStart, stepStarts, toCents, totalCents } from '../../api/cost-money';
import { errorDetails } from '../../api/error-details';
import { EmptyState } from '../../components/empty-state';
import { ApiErrorAlert } from '../../components/inline-alert';
import { PageSection } from '../../components/page-section';
import { TableSkeleton } from '../../components/skeleton';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import type { CostWindow } from './cost-window';
import type { CapacityPoint } from './cost-charts';
import { useCostCharts } from './use-cost-charts';

const utcDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const money = (cents: number) => formatCents(cents, COST_CURRENCY);

interface Pool {
  pool: string;
  nodes: number;
  capacity: number;
  used: number;
}

export function AssetsView({ window }: { window: CostWindow }) {
  const assets = useQuery(costQueries.assets({ window: window.api }));
  const used = useQuery(costQueries.allocation({ window: window.api, aggregate: ['hardwareTier'], filter: '', idle: 'hide' }));
  if (assets.isPending || used.isPending) return <TableSkeleton rows={5} columns={5} label="Loading the node pools…" />;
  if (assets.isError) return <ApiErrorAlert title="Could not load the assets" error={errorDetails(assets.error)} />;
  if (used.isError) return <ApiErrorAlert title="Could not load the use of the node pools" error={errorDetails(used.error)} />;
  if (assets.data.length === 0) return <EmptyState title="No assets in this window">No node pool cost anything in the window.</EmptyState>;

  // A pool's use is the allocations of the tier it serves: the pool is named by the tier's id
  // (an allocation's nodeType), or failing that by the tier's name (the aggregate's name).
  const pools = new Map<string, Pool & { names: Set<string> }>();
  for (const asset of assets.data) {
    const pool = pools.get(asset.pool) ?? { pool: asset.pool, nodes: 0, capacity: 0, used: 0, names: new Set<string>() };
    pool.names.add(asset.name);
    pool.capacity += asset.totalCost;
    pools.set(asset.pool, pool);
  }
  const tierNames = new Map<string, string>();
  for (const row of used.data.rows) {
    const pool = (row.tierId ? pools.get(row.tierId) : undefined) ?? pools.get(row.name);
    if (!pool) continue;
    pool.used += row.totalCost;
    if (row.tierName) tierNames.set(pool.pool, row.tierName);
  }
  const list = [...pools.values()].map(({ names, ...pool }) => ({ ...pool, nodes: names.size })).sort((a, b) => b.capacity - a.capacity);
  const capacityCents = toCents(list.map((pool) => pool.capacity));
  const usedCents = toCents(list.map((pool) => pool.used));
  const idleCents = toCents(list.map((pool) => Math.max(0, pool.capacity - pool.used)));

  const days = stepStarts(window.from, window.to, 'day');
  const index = new Map(days.map((start, i) => [start, i]));
  const points = days.map((start) => ({ start, capacity: 0, used: 0 }));
  for (const asset of assets.data) {
    const point = points[index.get(stepStart(asset.start, 'day')) ?? -1];
    if (point) point.capacity += asset.totalCost;
  }
  for (const row of used.data.rows) {
    const point = points[index.get(stepStart(row.start, 'day')) ?? -1];
    if (point) point.used += row.totalCost;
  }

  return (
    <div className="space-y-8">
      <PageSection title={`Node pools (${COST_CURRENCY}, the whole window)`}>
        <Table caption={`Node pools: capacity, use and idle, ${COST_CURRENCY}`}>
          <TableHead>
            <Th>Node pool (hardware tier)</Th>
            <Th className="text-right">Nodes</Th>
            <Th className="text-right">Capacity</Th>
            <Th className="text-right">Used</Th>
            <Th className="text-right">Idle</Th>
            <Th className="text-right">Idle share</Th>
          </TableHead>
          <TableBody>
            {list.map((pool, i) => (
              <tr key={pool.pool}>
                <Td>{tierNames.has(pool.pool) && tierNames.get(pool.pool) !== pool.pool ? `${tierNames.get(pool.pool)} (${pool.pool})` : pool.pool}</Td>
                <Td className="text-right">{pool.nodes}</Td>
                <Td className="text-right font-mono">{money(capacityCents[i]!)}</Td>
                <Td className="text-right font-mono">{money(usedCents[i]!)}</Td>
                <Td className="text-right font-mono">{money(idleCents[i]!)}</Td>
                <Td className="text-right">{pool.capacity > 0 ? `${Math.round((Math.max(0, pool.capacity - pool.used) / pool.capacity) * 100)} %` : '—'}</Td>
              </tr>
            ))}
          </TableBody>
          <tfoot className="border-t-2 border-slate-300 font-semibold dark:border-slate-600">
            <tr>
              <th scope="row" className="px-4 py-2.5 text-left">
                Total
              </th>
              <Td className="text-right">{list.reduce((sum, pool) => sum + pool.nodes, 0)}</Td>
              <Td className="text-right font-mono">{money(totalCents(list.map((pool) => pool.capacity)))}</Td>
              <Td className="text-right font-mono">{money(totalCents(list.map((pool) => pool.used)))}</Td>
              <Td className="text-right font-mono">{money(totalCents(list.map((pool) => Math.max(0, pool.capacity - pool.used))))}</Td>
              <Td />
            </tr>
          </tfoot>
        </Table>
      </PageSection>
      <PageSection title={`Capacity against use (${COST_CURRENCY} per day, UTC)`}>
        <CapacityChartOrPlaceholder points={points} />
        <details>
          <summary className="cursor-pointer text-sm font-medium text-blue-700 dark:text-blue-400">The chart as a table</summary>
          <Table caption={`Capacity, use and idle a day, ${COST_CURRENCY}, UTC`}>
            <TableHead>
              <Th>Day (UTC)</Th>
              <Th className="text-right">Capacity</Th>
              <Th className="text-right">Used</Th>
              <Th className="text-right">Idle</Th>
            </TableHead>
            <TableBody>
              {points.map((point) => (
                <tr key={point.start}>
                  <Td>{utcDay.format(point.start)}</Td>
                  <Td className="text-right font-mono">{money(Math.round(point.capacity * 100))}</Td>
                  <Td className="text-right font-mono">{money(Math.round(point.used * 100))}</Td>
                  <Td className="text-right font-mono">{money(Math.round(Math.max(0, point.capacity - point.used) * 100))}</Td>
                </tr>
              ))}
            </TableBody>
          </Table>
        </details>
      </PageSection>
    </div>
  );
}

function CapacityChartOrPlaceholder({ points }: { points: readonly CapacityPoint[] }) {
  const { charts, failed } = useCostCharts();
  if (failed)
    return (
      <p className="text-sm text-red-700 dark:text-red-300">The chart could not be loaded; the table below holds the same figures. Reload to try again.</p>
    );
  return charts ? <charts.CapacityChart points={points} currency={COST_CURRENCY} unit="per day" /> : <div className="skeleton h-80 w-full" />;
}
