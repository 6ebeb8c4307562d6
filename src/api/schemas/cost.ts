// Cost: GET /api/cost/v1/allocation and GET /api/cost/v1/asset. Answers are `{data: [...]}`
// without metadata. Amounts are fractional although the spec says integer (format double).
// Amounts are in dollars. The embedded Domino answers the spec's flat list, each allocation with
// its `window`, every step's items one after another (docs/decisions/0035-cost-engine.md).
import { z } from 'zod';
import { QueryBooleanSchema } from './common';
import { endpoint } from './endpoint';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const WINDOW_WORDS = ['today', 'week', 'month', 'yesterday', 'lastweek', 'lastmonth'] as const;

function isCostWindow(window: string): boolean {
  if ((WINDOW_WORDS as readonly string[]).includes(window.toLowerCase())) return true;
  if (/^\d+[mhd]$/.test(window)) return true;
  const [start, end, ...rest] = window.split(',');
  return rest.length === 0 && start !== undefined && end !== undefined && RFC3339.test(start) && RFC3339.test(end) && Date.parse(start) <= Date.parse(end);
}

/** `today|week|month|yesterday|lastweek|lastmonth`, a duration (30m, 12h, 7d), or `start,end` in RFC 3339. */
export const CostWindowSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'window is required' : 'window must be a string') })
  .refine(isCostWindow, 'window must be today, week, month, yesterday, lastweek, lastmonth, a duration like 30m, 12h or 7d, or "start,end" in RFC 3339');

const timestamp = (label: string) => z.string().regex(RFC3339, `${label} must be an RFC 3339 timestamp`);

export const CostAssetsQuerySchema = z.object({
  window: CostWindowSchema,
  aggregate: z.string().optional(),
  start: timestamp('start').optional(),
  end: timestamp('end').optional(),
  accumulate: QueryBooleanSchema.default(false),
  filter: z.string().optional(),
});

/** The allocation query: the asset query plus kubecost's sharing and idle options. */
export const CostAllocationQuerySchema = CostAssetsQuerySchema.extend({
  shareIdle: QueryBooleanSchema.optional(),
  /** Workload types (comma-separated) whose cost is spread over the other allocations. */
  shareNamespaces: z.string().optional(),
  shareSplit: z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(['even', 'weighted'], { error: 'shareSplit must be even or weighted' }))
    .optional(),
  shareCost: z.string().optional(),
  shareLabels: z.string().optional(),
  reconcile: QueryBooleanSchema.optional(),
  shareTenancyCosts: QueryBooleanSchema.optional(),
  idle: QueryBooleanSchema.optional(),
  external: QueryBooleanSchema.optional(),
});

// kubecost writes null where it has no figure; read it as absent. The nulls are dropped once per
// object (withoutNulls in its transform), not by a transform per field: an answer holds thousands
// of figures, and a per-field transform costs several times its check.
const amount = z.number().nullish();

type WithoutNulls<T> = { [K in keyof T]: Exclude<T[K], null> };
/** A figure, or undefined for kubecost's null. */
const present = (value: number | null | undefined): number | undefined => (value === null ? undefined : value);

/** The same object with every null value read as absent (a shallow copy; small objects only). */
function withoutNulls<T extends object>(value: T): WithoutNulls<T> {
  const out = { ...value } as Record<string, unknown>;
  for (const key in out) if (out[key] === null) out[key] = undefined;
  return out as WithoutNulls<T>;
}

export const CostWindowV1Schema = z
  .object({
    start: z.string().nullish(),
    end: z.string().nullish(),
    minutes: amount,
  })
  .transform(withoutNulls);

export const CostAllocationLabelsV1Schema = z
  .object({
    organization_id: z.string().optional(),
    organization_name: z.string().optional(),
    project_id: z.string().optional(),
    project_name: z.string().optional(),
    project_owner_id: z.string().optional(),
    project_owner_name: z.string().optional(),
    starting_user_id: z.string().optional(),
    starting_user_name: z.string().optional(),
    workload_id: z.string().optional(),
    workload_type: z.string().optional(),
    // Domino 6.2: the project's billing tag when the execution started.
    billing_tag: z.string().optional(),
    // The embedded Domino's: the tier the execution ran on (also its `nodeType`).
    hardware_tier_id: z.string().optional(),
    hardware_tier_name: z.string().optional(),
  })
  // kubecost passes any label of the workload through; keep them (label:<name> aggregates).
  .catchall(z.string());

export const CostAllocationPvV1Schema = z
  .object({
    pvByteHours: amount,
    pvBytes: amount,
    pvCost: amount,
    pvCostAdjustment: amount,
    pvs: z.record(z.string(), z.object({ byteHours: amount, cost: amount }).transform(withoutNulls)).nullish(),
  })
  .transform(withoutNulls);

/**
 * One allocation. Read in every spelling seen: 5.9.1's `cpuEfficincy`, `gpucost`,
 * `gpucostAdjustment`; 6.2's and kubecost's `cpuEfficiency`, `gpuCost`, `gpuCostAdjustment`
 * (kubecost also puts labels under `properties.labels`). The output carries both spellings with
 * the same value, so a reader may use either.
 */
export const CostAllocationV1Schema = z
  .object({
    name: z.string().optional(),
    nodeType: z.string().optional(),
    window: CostWindowV1Schema.nullish(),
    labels: CostAllocationLabelsV1Schema.nullish(),
    properties: z.object({ labels: CostAllocationLabelsV1Schema.nullish() }).nullish(),
    cpuCoreHours: amount,
    cpuCoreRequestAverage: amount,
    cpuCoreUsageAverage: amount,
    cpuCores: amount,
    cpuCost: amount,
    cpuCostAdjustment: amount,
    cpuEfficincy: amount,
    cpuEfficiency: amount,
    discount: amount,
    gpuCount: amount,
    gpuHours: amount,
    gpucost: amount,
    gpuCost: amount,
    gpucostAdjustment: amount,
    gpuCostAdjustment: amount,
    loadBalancerCost: amount,
    loadBalancerCostAdjustment: amount,
    pv: CostAllocationPvV1Schema.nullish(),
    ramCost: amount,
    ramCostAdjustment: amount,
    totalCost: amount,
  })
  // Built field by field: a spread of a 30-field object, or a rest pattern over it, cost ten times
  // the whole check here (an answer has thousands of entries).
  .transform((raw) => ({
    name: raw.name,
    nodeType: raw.nodeType,
    window: raw.window ?? undefined,
    labels: raw.labels ?? raw.properties?.labels ?? undefined,
    cpuCoreHours: present(raw.cpuCoreHours),
    cpuCoreRequestAverage: present(raw.cpuCoreRequestAverage),
    cpuCoreUsageAverage: present(raw.cpuCoreUsageAverage),
    cpuCores: present(raw.cpuCores),
    cpuCost: present(raw.cpuCost),
    cpuCostAdjustment: present(raw.cpuCostAdjustment),
    cpuEfficincy: present(raw.cpuEfficincy ?? raw.cpuEfficiency),
    cpuEfficiency: present(raw.cpuEfficiency ?? raw.cpuEfficincy),
    discount: present(raw.discount),
    gpuCount: present(raw.gpuCount),
    gpuHours: present(raw.gpuHours),
    gpucost: present(raw.gpucost ?? raw.gpuCost),
    gpuCost: present(raw.gpuCost ?? raw.gpucost),
    gpucostAdjustment: present(raw.gpucostAdjustment ?? raw.gpuCostAdjustment),
    gpuCostAdjustment: present(raw.gpuCostAdjustment ?? raw.gpucostAdjustment),
    loadBalancerCost: present(raw.loadBalancerCost),
    loadBalancerCostAdjustment: present(raw.loadBalancerCostAdjustment),
    pv: raw.pv ?? undefined,
    ramCost: present(raw.ramCost),
    ramCostAdjustment: present(raw.ramCostAdjustment),
    totalCost: present(raw.totalCost),
  }));
export type CostAllocationV1 = z.output<typeof CostAllocationV1Schema>;

// A kubecost step map is told from a flat item by its values all being objects and none of its
// keys being one of an item's own object fields.
const ALLOCATION_OBJECT_FIELDS = new Set(['window', 'labels', 'properties', 'pv']);
function isStepMap(item: unknown): boolean {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
  for (const key in item) {
    const value = (item as Record<string, unknown>)[key];
    if (ALLOCATION_OBJECT_FIELDS.has(key) || typeof value !== 'object' || value === null) return false;
  }
  return true;
}
const NOT_A_STEP_MAP = Symbol('not a kubecost step map');
// Told apart before parsing: a flat item tried as a map would fail once per field, each failure a
// built issue (most of the time of a large answer).
const AllocationStepMapSchema = z.preprocess(
  (item) => (isStepMap(item) ? item : NOT_A_STEP_MAP),
  z
    .record(z.string(), CostAllocationV1Schema)
    .transform((step) => Object.entries(step).map(([key, allocation]) => ({ ...allocation, name: allocation.name ?? key }))),
);

/** `{data}` as a flat list (the spec) or one name -> allocation map per step (kubecost); flat out. */
export const CostAllocationEnvelopeV1Schema = z.object({
  data: z.array(z.union([AllocationStepMapSchema, CostAllocationV1Schema])).transform((items) => items.flat()),
});

export const CostAssetsV1Schema = z
  .object({
    name: z.string().optional(),
    type: z.string().optional(),
    window: CostWindowV1Schema.nullish(),
    labels: z
      .object({
        instance: z.string().optional(),
        job: z.string().optional(),
        label_dominodatalab_com_domino_node: z.string().optional(),
        label_dominodatalab_com_node_pool: z.string().optional(),
      })
      .nullish(),
    properties: z
      .object({
        category: z.string().optional(),
        cluster: z.string().optional(),
        provider: z.string().optional(),
        providerId: z.string().optional(),
        // kubecost's spelling.
        providerID: z.string().optional(),
        service: z.string().optional(),
        name: z.string().optional(),
      })
      .nullish(),
    cpuCost: amount,
    gpuCost: amount,
    ramCost: amount,
    totalCost: amount,
  })
  .transform((raw) => {
    const { window, labels, properties, ...asset } = withoutNulls(raw);
    const { providerID, name: propertiesName, ...rest } = properties ?? {};
    return {
      ...asset,
      name: asset.name ?? propertiesName,
      window: window ?? undefined,
      labels: labels ?? undefined,
      properties: properties ? { ...rest, providerId: rest.providerId ?? providerID } : undefined,
    };
  });
export type CostAssetsV1 = z.output<typeof CostAssetsV1Schema>;

const ASSET_OBJECT_FIELDS = new Set(['window', 'labels', 'properties']);
const AssetStepMapSchema = z
  .record(z.string(), CostAssetsV1Schema)
  .refine((step) => !Object.keys(step).some((key) => ASSET_OBJECT_FIELDS.has(key)))
  .transform((step) => Object.entries(step).map(([key, asset]) => ({ ...asset, name: asset.name ?? key })));

/** `{data}` as a flat list (the spec) or one key -> asset map per step (kubecost); flat out. */
export const CostAssetsEnvelopeV1Schema = z.object({
  data: z.array(z.union([AssetStepMapSchema, CostAssetsV1Schema])).transform((items) => items.flat()),
});

export const costEndpoints = {
  getCostAllocation: endpoint({
    method: 'GET',
    path: '/api/cost/v1/allocation',
    family: 'cost',
    source: 'reference',
    query: CostAllocationQuerySchema,
    response: CostAllocationEnvelopeV1Schema,
  }),
  getCostAssets: endpoint({
    method: 'GET',
    path: '/api/cost/v1/asset',
    family: 'cost',
    source: 'reference',
    query: CostAssetsQuerySchema,
    response: CostAssetsEnvelopeV1Schema,
  }),
};
