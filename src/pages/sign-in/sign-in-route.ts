// The sign-in page: outside the app's frame, and the one page a multi-user console shows to a
// browser that has no session. `reason` says why it is here; `redirect` is where to go after.
import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../root-route';

export const signInSearchSchema = z.object({
  reason: z.enum(['required', 'ended', 'signed-out']).optional().catch(undefined),
  /** A path inside the console to return to (never another origin). */
  redirect: z
    .string()
    .optional()
    .catch(undefined)
    .transform((value) => (value && value.startsWith('/') && !value.startsWith('//') ? value : undefined)),
});

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'sign-in',
  validateSearch: signInSearchSchema,
}).lazy(() => import('./sign-in-page').then((module) => module.signInLazyRoute));
