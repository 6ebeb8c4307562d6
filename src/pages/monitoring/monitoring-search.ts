// The monitoring page's URL state: which model and metric, the window, chart or table, and the
// table's page. In the frame's bundle with the route (a few lines), shared with the page.
import { z } from 'zod';
import { tableSearchSchema } from '../../hooks/use-table-url-state';

export const WINDOW_DAYS = [7, 30, 90] as const;

export const monitoringSearchSchema = tableSearchSchema.extend({
  model: z.string().optional().catch(undefined),
  metric: z.string().optional().catch(undefined),
  view: z.enum(['chart', 'table']).default('chart').catch('chart'),
  /** Days back from the metric's last value (or from now); absent: every value. */
  days: z.literal(WINDOW_DAYS).optional().catch(undefined),
});
export type MonitoringSearch = z.output<typeof monitoringSearchSchema>;
