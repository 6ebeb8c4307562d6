// The Model APIs family's routes: the list (page state in the URL) and a Model API's page. Pages
// and loaders load lazily: the frame's initial bundle carries only these lines.
import { createRoute, stripSearchParams } from '@tanstack/react-router';
import { z } from 'zod';
import { TABLE_SEARCH_DEFAULTS, tableSearchSchema } from '../../hooks/use-table-url-state';
import { rootRoute } from '../root-route';

const pages = () => import('./model-apis-pages');

export const modelApisSearchSchema = tableSearchSchema.extend({ project: z.string().optional().catch(undefined) });
export type ModelApisSearch = z.output<typeof modelApisSearchSchema>;

export const modelApisRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'model-apis',
  validateSearch: modelApisSearchSchema,
  search: { middlewares: [stripSearchParams(TABLE_SEARCH_DEFAULTS)] },
  loaderDeps: ({ search: { page, pageSize, project } }) => ({ page, pageSize, project }),
  loader: (options) => pages().then((module) => module.loadModelApis(options.context.queryClient, options.deps)),
}).lazy(() => pages().then((module) => module.modelApisLazyRoute));

export const modelApiRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'model-apis/$modelApiId',
  loader: (options) => pages().then((module) => module.loadModelApi(options.context.queryClient, options.params.modelApiId)),
}).lazy(() => pages().then((module) => module.modelApiLazyRoute));

export const modelApiRoutes = [modelApisRoute, modelApiRoute] as const;
