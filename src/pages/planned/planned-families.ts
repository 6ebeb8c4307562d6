// What each not-yet-built family will show, loaded only with the placeholder page.

export interface PlannedFamily {
  family: string;
  plannedContent: readonly string[];
  endpoints: readonly string[];
}

export const PLANNED_FAMILIES = {
  models: {
    family: 'Models',
    plannedContent: [
      'The model registry: registered models and their versions',
      'Each version’s stage and the Model APIs deployed from it',
      'The review flow that moves a version between stages',
    ],
    endpoints: ['GET /api/registeredmodels/beta', 'GET /api/registeredmodels/beta/{modelName}/versions'],
  },
  cost: {
    family: 'Cost',
    plannedContent: ['Cost allocation over a time window, by project, user or organization', 'Asset costs', 'Charts of both'],
    endpoints: ['GET /api/cost/v1/allocation', 'GET /api/cost/v1/asset'],
  },
} as const satisfies Record<string, PlannedFamily>;

export type PlannedFamilyKey = keyof typeof PLANNED_FAMILIES;
