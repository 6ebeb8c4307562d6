// The projects list's URL state: its schema and defaults, shared by the route and the page (the
// page is loaded on demand; this file is in the initial bundle, so it holds no contract schemas).
import { z } from 'zod';
import { searchTextSchema } from '../../hooks/use-table-url-state';

export const PROJECT_SORT_KEYS = ['name', 'owner', 'visibility', 'collaborators'] as const;
export type ProjectSortKey = (typeof PROJECT_SORT_KEYS)[number];
// Kept as literals here (not imported from the contract) so the schemas stay out of the initial bundle.
export const VISIBILITY_FILTERS = ['all', 'public', 'searchable', 'private'] as const;
export type VisibilityFilter = (typeof VISIBILITY_FILTERS)[number];

/** Live projects, or the archived ones (embedded 'archived-projects'). */
export const PROJECT_SHOW = ['live', 'archived'] as const;

/** q searches names and descriptions; owner is a user name ('' = anyone). */
export const projectsSearchSchema = z.object({
  show: z.enum(PROJECT_SHOW).default('live').catch('live'),
  q: searchTextSchema,
  visibility: z.enum(VISIBILITY_FILTERS).default('all').catch('all'),
  owner: searchTextSchema,
  sort: z.enum(PROJECT_SORT_KEYS).default('name').catch('name'),
  order: z.enum(['asc', 'desc']).default('asc').catch('asc'),
});
export type ProjectsSearch = z.output<typeof projectsSearchSchema>;
export const PROJECTS_SEARCH_DEFAULTS: ProjectsSearch = { show: 'live', q: '', visibility: 'all', owner: '', sort: 'name', order: 'asc' };
