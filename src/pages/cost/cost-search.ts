// The cost page's URL state: everything a view is (window, aggregation, filters, idle, step, rate
// or cumulative, chart or table, sort, page, budget), so a view can be bookmarked and shared. In
// the frame's bundle with the route (a few lines), shared with the page.
import { z } from 'zod';
import { AGGREGATE_KEYS, COST_STEPS, IDLE_MODES, WINDOW_PRESETS, type AggregateKey } from '../../api/cost-options';
import { DEFAULT_PAGE_SIZE, PAGE_SIZES } from '../../hooks/use-table-url-state';

export const COST_VIEWS = ['allocation', 'chargeback', 'assets'] as const;
export const COST_SORT_COLUMNS = ['name', 'cpu', 'gpu', 'ram', 'other', 'total', 'efficiency'] as const;
export type CostSortColumn = (typeof COST_SORT_COLUMNS)[number];

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
const values = z.array(z.string().max(300)).max(50).optional().catch(undefined);

export const costSearchSchema = z.object({
  view: z.enum(COST_VIEWS).default('allocation').catch('allocation'),
  window: z
    .enum([...WINDOW_PRESETS, 'custom'])
    .default('30d')
    .catch('30d'),
  /** The custom range: whole UTC days, both inclusive. */
  from: day,
  to: day,
  by: z.enum(AGGREGATE_KEYS).default('project').catch('project'),
  /** A second aggregate key ("project, then user"). */
  then: z.enum(AGGREGATE_KEYS).optional().catch(undefined),
  filter: z
    .object(Object.fromEntries(AGGREGATE_KEYS.map((key) => [key, values])) as Record<AggregateKey, typeof values>)
    .partial()
    .default({})
    .catch({}),
  idle: z.enum(IDLE_MODES).default('separate').catch('separate'),
  step: z.enum(COST_STEPS).default('day').catch('day'),
  mode: z.enum(['rate', 'cumulative']).default('rate').catch('rate'),
  display: z.enum(['chart', 'table']).default('chart').catch('chart'),
  sort: z.enum(COST_SORT_COLUMNS).default('total').catch('total'),
  ascending: z.boolean().default(false).catch(false),
  page: z.number().int().min(1).default(1).catch(1),
  pageSize: z.literal(PAGE_SIZES).default(DEFAULT_PAGE_SIZE).catch(DEFAULT_PAGE_SIZE),
  /** The view's monthly budget, in the currency's units. */
  budget: z.number().positive().max(1e12).optional().catch(undefined),
  /** The chargeback month, "2026-11"; absent: last month. */
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional()
    .catch(undefined),
});
export type CostSearch = z.output<typeof costSearchSchema>;

export const COST_SEARCH_DEFAULTS = costSearchSchema.parse({});
