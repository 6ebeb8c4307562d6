// What each not-yet-built family will show, loaded only with the placeholder page.

export interface PlannedFamily {
  family: string;
  plannedContent: readonly string[];
  endpoints: readonly string[];
}

export const PLANNED_FAMILIES = {
  cost: {
    family: 'Cost',
    plannedContent: ['Cost allocation over a time window, by project, user or organization', 'Asset costs', 'Charts of both'],
    endpoints: ['GET /api/cost/v1/allocation', 'GET /api/cost/v1/asset'],
  },
} as const satisfies Record<string, PlannedFamily>;

export type PlannedFamilyKey = keyof typeof PLANNED_FAMILIES;
