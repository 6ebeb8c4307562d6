// The families the console will have but does not yet: each gets its address now (so the sidebar
// and links are stable) and an honest placeholder page. Building a family replaces its entry here
// (and in planned-families.ts) with a pages/<family>/ folder of its own.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { PlannedFamilyKey } from './planned-families';
import { rootRoute } from '../root-route';

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    /** Which placeholder a planned family's route shows; the texts load with the page. */
    plannedFamily?: PlannedFamilyKey;
  }
}

const PlannedPage = lazyRouteComponent(() => import('./planned-page'), 'PlannedPage');

function plannedRoute<const P extends PlannedFamilyKey>(path: P) {
  return createRoute({ getParentRoute: () => rootRoute, path, staticData: { plannedFamily: path }, component: PlannedPage });
}

export const costRoute = plannedRoute('cost');
