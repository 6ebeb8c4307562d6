// /admin/billing-tags: the site administrators' page for billing tags (Domino 6.2). In the first
// load only this route and its URL state; the page and the billing API load with it.
import { createRoute, stripSearchParams } from '@tanstack/react-router';
import { z } from 'zod';
import { TABLE_SEARCH_DEFAULTS, tableSearchSchema } from '../../hooks/use-table-url-state';
import { rootRoute } from '../root-route';

export const BILLING_TAG_STATUS_FILTERS = ['all', 'active', 'inactive'] as const;

export const billingTagsSearchSchema = tableSearchSchema.extend({
  status: z.enum(BILLING_TAG_STATUS_FILTERS).default('all').catch('all'),
});

export const billingTagsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'admin/billing-tags',
  validateSearch: billingTagsSearchSchema,
  search: { middlewares: [stripSearchParams({ ...TABLE_SEARCH_DEFAULTS, status: 'all' as const })] },
}).lazy(() => import('./billing-tags-page').then((module) => module.billingTagsLazyRoute));
