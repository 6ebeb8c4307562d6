// The model registry's routes: the list (state in the URL), a model's page and a version's page.
// Pages and their loaders load lazily, behind one dynamic import: the frame's initial bundle
// carries only these few lines (its budget).
import { createRoute, stripSearchParams } from '@tanstack/react-router';
import { z } from 'zod';
import { searchTextSchema, TABLE_SEARCH_DEFAULTS, tableSearchSchema } from '../../hooks/use-table-url-state';
import { rootRoute } from '../root-route';

const pages = () => import('./models-pages');

/** q searches names; project and stage (the latest version's) filter the list. */
export const modelsSearchSchema = tableSearchSchema.extend({
  project: z.string().optional().catch(undefined),
  stage: z.string().optional().catch(undefined),
});
export type ModelsSearch = z.output<typeof modelsSearchSchema>;

export const modelsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'models',
  validateSearch: modelsSearchSchema,
  search: { middlewares: [stripSearchParams(TABLE_SEARCH_DEFAULTS)] },
  loaderDeps: ({ search: { page, pageSize, q, project, stage } }) => ({ page, pageSize, q, project, stage }),
  loader: (options) => pages().then((module) => module.loadModels(options.context.queryClient, options.deps)),
}).lazy(() => pages().then((module) => module.modelsLazyRoute));

export const MODEL_TABS = ['versions', 'history'] as const;
export type ModelTab = (typeof MODEL_TABS)[number];
export const modelSearchSchema = z.object({
  tab: z.enum(MODEL_TABS).default('versions').catch('versions'),
  page: z.number().int().min(1).default(1).catch(1),
  /** The stage history's "which version was where" time (RFC 3339), or none for now. */
  at: searchTextSchema,
});
export type ModelSearch = z.output<typeof modelSearchSchema>;

export const modelRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'models/$modelName',
  validateSearch: modelSearchSchema,
  search: { middlewares: [stripSearchParams({ tab: 'versions', page: 1, at: '' })] },
  loaderDeps: () => ({}),
  loader: (options) => pages().then((module) => module.loadModel(options.context.queryClient, options.params.modelName)),
}).lazy(() => pages().then((module) => module.modelLazyRoute));

export const VERSION_TABS = ['overview', 'review', 'activity'] as const;
export type VersionTab = (typeof VERSION_TABS)[number];
export const versionSearchSchema = z.object({
  tab: z.enum(VERSION_TABS).default('overview').catch('overview'),
  /** The review's comparison shows only the parameters and metrics that differ. */
  // A literal, not z.boolean(): the initial bundle has no other use for zod's boolean schema.
  diff: z.literal(true).optional().catch(undefined),
});

export const versionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'models/$modelName/versions/$version',
  validateSearch: versionSearchSchema,
  search: { middlewares: [stripSearchParams({ tab: 'overview' })] },
  loaderDeps: () => ({}),
  loader: (options) => pages().then((module) => module.loadVersion(options.context.queryClient, options.params.modelName, options.params.version)),
}).lazy(() => pages().then((module) => module.versionLazyRoute));

export const modelRoutes = [modelsRoute, modelRoute, versionRoute] as const;
