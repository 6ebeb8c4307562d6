// The datasets family's routes: the list (state in the URL) and a dataset's page. Pages and their
// loaders load lazily: the frame's initial bundle carries only these few lines (its budget).
import { createRoute, stripSearchParams } from '@tanstack/react-router';
import { z } from 'zod';
import type { DatasetRwPermissionV1 } from '../../api/schemas/datasets';
import { TABLE_SEARCH_DEFAULTS, tableSearchSchema } from '../../hooks/use-table-url-state';
import { rootRoute } from '../root-route';

const pages = () => import('./datasets-pages');

/** q is the embedded search (shown only where the server has it); project and min filter the list. */
export const datasetsSearchSchema = tableSearchSchema.extend({
  project: z.string().optional().catch(undefined),
  // A permission's name, checked by the page's select (the contract's list stays out of this bundle).
  min: z
    .custom<DatasetRwPermissionV1>((value) => typeof value === 'string' && value.endsWith('V2'))
    .optional()
    .catch(undefined),
});
export type DatasetsSearch = z.output<typeof datasetsSearchSchema>;

export const datasetsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'datasets',
  validateSearch: datasetsSearchSchema,
  search: { middlewares: [stripSearchParams(TABLE_SEARCH_DEFAULTS)] },
  loaderDeps: ({ search: { page, pageSize, q, project, min } }) => ({ page, pageSize, q, project, min }),
  loader: (options) => pages().then((module) => module.loadDatasets(options.context.queryClient, options.deps)),
}).lazy(() => pages().then((module) => module.datasetsLazyRoute));

export const datasetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'datasets/$datasetId',
  loader: (options) => pages().then((module) => module.loadDataset(options.context.queryClient, options.params.datasetId)),
}).lazy(() => pages().then((module) => module.datasetLazyRoute));

export const datasetRoutes = [datasetsRoute, datasetRoute] as const;
