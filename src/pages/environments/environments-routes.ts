// The environments family's routes: the list (state in the URL) and an environment's page. Pages
// and their loaders load lazily: the frame's initial bundle carries only these few lines.
import { createRoute, stripSearchParams } from '@tanstack/react-router';
import { z } from 'zod';
import { TABLE_SEARCH_DEFAULTS, tableSearchSchema } from '../../hooks/use-table-url-state';
import { rootRoute } from '../root-route';

const pages = () => import('./environments-pages');

// The contract's visibilities, spelled here so the contract stays out of the initial bundle.
const VISIBILITY = z.enum(['global', 'private', 'organization']);

/** q and visibility are the embedded search (shown only where the server has it). */
export const environmentsSearchSchema = tableSearchSchema.extend({ visibility: VISIBILITY.optional().catch(undefined) });
export type EnvironmentsSearch = z.output<typeof environmentsSearchSchema>;

export const environmentsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'environments',
  validateSearch: environmentsSearchSchema,
  search: { middlewares: [stripSearchParams(TABLE_SEARCH_DEFAULTS)] },
  loaderDeps: ({ search: { page, pageSize, q, visibility } }) => ({ page, pageSize, q, visibility }),
  loader: (options) => pages().then((module) => module.loadEnvironments(options.context.queryClient, options.deps)),
}).lazy(() => pages().then((module) => module.environmentsLazyRoute));

/** revision: the revision whose build log and jobs are shown (the latest when absent). */
export const environmentSearchSchema = z.object({ revision: z.string().optional().catch(undefined) });

export const environmentRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'environments/$environmentId',
  validateSearch: environmentSearchSchema,
  loader: (options) => pages().then((module) => module.loadEnvironment(options.context.queryClient, options.params.environmentId)),
}).lazy(() => pages().then((module) => module.environmentLazyRoute));

export const environmentRoutes = [environmentsRoute, environmentRoute] as const;
