// Every route of the projects family; router.tsx spreads this list into the route tree. This file
// is in the initial bundle, so it holds only the search schemas and loaders: the pages, and the
// API module their loaders call, are imported on demand.
import { createRoute, stripSearchParams } from '@tanstack/react-router';
import { z } from 'zod';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { searchTextSchema } from '../../hooks/use-table-url-state';
import { requireObjectId } from '../bad-link';
import { rootRoute } from '../root-route';
import { PROJECTS_SEARCH_DEFAULTS, projectsSearchSchema } from './projects-search';

export const projectsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'projects',
  validateSearch: projectsSearchSchema,
  search: { middlewares: [stripSearchParams(PROJECTS_SEARCH_DEFAULTS)] },
  // Filters and sorting work on the loaded list in the browser: nothing in the search changes what is fetched.
  loaderDeps: () => ({}),
  loader: async ({ context: { queryClient } }) => {
    const { projectsQueries } = await import('../../api/projects');
    await queryClient.ensureQueryData(projectsQueries.allVisible());
  },
}).lazy(() => import('./projects-page').then((module) => module.projectsLazyRoute));

export const PROJECT_TABS = ['overview', 'files', 'jobs', 'datasets', 'runs', 'collaborators', 'repositories', 'settings'] as const;
export type ProjectTab = (typeof PROJECT_TABS)[number];

/**
 * tab picks the panel; commit ('main' or a 40-hex id) and path (a directory or a file) are the
 * Files tab's place, history its page of commits. Other pages link to
 * /projects/<id>?tab=files&commit=<id>&path=<path>.
 */
export const projectSearchSchema = z.object({
  tab: z.enum(PROJECT_TABS).default('overview').catch('overview'),
  commit: z
    .string()
    .regex(/^(main|[0-9a-fA-F]{40})$/)
    .default('main')
    .catch('main'),
  path: searchTextSchema,
  history: z.number().int().min(1).default(1).catch(1),
});
export type ProjectSearch = z.output<typeof projectSearchSchema>;
export const PROJECT_SEARCH_DEFAULTS: ProjectSearch = { tab: 'overview', commit: 'main', path: '', history: 1 };

export const projectRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'projects/$projectId',
  validateSearch: projectSearchSchema,
  search: { middlewares: [stripSearchParams(PROJECT_SEARCH_DEFAULTS)] },
  beforeLoad: ({ params }) => requireObjectId(params.projectId, 'project'),
  // The tabs load their own data; switching tabs does not re-run the loader.
  loaderDeps: () => ({}),
  loader: async ({ context: { queryClient }, params }) => {
    const { projectsQueries } = await import('../../api/projects');
    const [info] = await Promise.all([
      queryClient.ensureQueryData(embeddedQueries.info()),
      queryClient.ensureQueryData(projectsQueries.detail(params.projectId)),
    ]);
    // The status decides the header's badges and which actions are offered: wait for it too, but
    // a failure only hides the status (prefetch never throws), it does not fail the page.
    if (hasExtension(info, 'project-status')) await queryClient.prefetchQuery(projectsQueries.status(params.projectId));
  },
}).lazy(() => import('./project-page').then((module) => module.projectLazyRoute));

export const projectRoutes = [projectsRoute, projectRoute] as const;
