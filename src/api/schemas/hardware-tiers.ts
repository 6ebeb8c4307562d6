// Hardware tiers: GET /api/hardwaretiers/v1/hardwaretiers and .../{hardwareTierId}. Absent from the
// 5.9.1 reference; shapes are Domino 6.2's. Ids are names like `small-k8s`.
import { z } from 'zod';
import { looseEnum, MetadataV1Schema, PaginatedMetadataV1Schema, paginationQuery, QueryBooleanSchema } from './common';
import { endpoint } from './endpoint';

export const INFORMATION_UNITS = ['MB', 'MiB', 'GB', 'GiB'] as const;

/** An amount of memory. */
export const InformationV1Schema = z.object({
  value: z.number(),
  units: looseEnum(INFORMATION_UNITS),
});
export type InformationV1 = z.output<typeof InformationV1Schema>;

export const HardwareTierResourcesV1Schema = z.object({
  cores: z.number(),
  memory: InformationV1Schema,
  allowSharedMemoryToExceedDefault: z.boolean(),
  coresLimit: z.number().optional(),
  memoryLimit: InformationV1Schema.optional(),
  memorySwapLimit: InformationV1Schema.optional(),
  sharedMemoryLimit: InformationV1Schema.optional(),
});

export const HardwareTierFlagsV1Schema = z.object({
  isDefault: z.boolean(),
  isVisible: z.boolean(),
  isGlobal: z.boolean(),
  isArchived: z.boolean(),
  isDataAnalystTier: z.boolean(),
  isModelApiTier: z.boolean().optional(),
  isDefaultForModelApi: z.boolean().optional(),
});

export const HardwareTierGpuConfigurationV1Schema = z.object({
  numberOfGpus: z.number().int(),
  gpuKey: z.string(),
});

export const CAPACITY_LEVELS = ['CanExecuteWithCurrentInstances', 'RequiresLaunchingInstance', 'Full', 'Unknown'] as const;

export const HardwareTierCapacityV1Schema = z.object({
  numberOfExecutors: z.number().int(),
  maxNumberOfExecutors: z.number().int(),
  executingRuns: z.number().int(),
  queuedRuns: z.number().int(),
  maxConcurrentRuns: z.number().int(),
  availableCapacityWithoutLaunching: z.number().int(),
  maxAvailableCapacity: z.number().int(),
  capacityLevel: looseEnum(CAPACITY_LEVELS),
});

export const HardwareTierComputeClusterRestrictionsV1Schema = z.object({
  restrictToSpark: z.boolean(),
  restrictToRay: z.boolean(),
  restrictToDask: z.boolean(),
  restrictToMpi: z.boolean(),
});

export const HardwareTierOverProvisioningV1Schema = z.object({
  instances: z.number().int(),
  schedulingEnabled: z.boolean(),
  daysOfWeek: z.array(z.string()),
  timezone: z.string(),
  fromTime: z.string(),
  toTime: z.string(),
});

const stringMap = z.record(z.string(), z.string());

export const HardwareTierPodCustomizationV1Schema = z.object({
  additionalAnnotations: stringMap.optional(),
  additionalLabels: stringMap.optional(),
  additionalLimits: stringMap.optional(),
  additionalRequests: stringMap.optional(),
  capabilities: z.array(z.string()).optional(),
  hugepages: stringMap.optional(),
});

export const HardwareTierV1Schema = z.object({
  id: z.string(),
  name: z.string(),
  resources: HardwareTierResourcesV1Schema,
  flags: HardwareTierFlagsV1Schema,
  centsPerMinute: z.number(),
  creationTime: z.string(),
  updateTime: z.string(),
  podCustomization: HardwareTierPodCustomizationV1Schema,
  metadata: stringMap,
  maxSimultaneousExecutions: z.number().int().optional(),
  gpuConfiguration: HardwareTierGpuConfigurationV1Schema.optional(),
  capacity: HardwareTierCapacityV1Schema.optional(),
  computeClusterRestrictions: HardwareTierComputeClusterRestrictionsV1Schema.optional(),
  overProvisioning: HardwareTierOverProvisioningV1Schema.optional(),
  availabilityZones: z.array(z.string()).optional(),
  dataPlaneId: z.string().optional(),
  nodePool: z.string().optional(),
  tags: z.array(z.string()).optional(),
});
export type HardwareTierV1 = z.output<typeof HardwareTierV1Schema>;

export const HardwareTierEnvelopeV1Schema = z.object({ hardwareTier: HardwareTierV1Schema, metadata: MetadataV1Schema });

export const PaginatedHardwareTierEnvelopeV1Schema = z.object({
  hardwareTiers: z.array(HardwareTierV1Schema),
  metadata: PaginatedMetadataV1Schema,
});

export const ListHardwareTiersQuerySchema = paginationQuery().extend({
  includeArchived: QueryBooleanSchema.default(false),
});

const TIERS = '/api/hardwaretiers/v1/hardwaretiers';

export const hardwareTiersEndpoints = {
  getHardwareTiers: endpoint({
    method: 'GET',
    path: TIERS,
    family: 'hardwareTiers',
    source: 'domino-6.2',
    query: ListHardwareTiersQuerySchema,
    response: PaginatedHardwareTierEnvelopeV1Schema,
  }),
  getHardwareTier: endpoint({
    method: 'GET',
    path: `${TIERS}/{hardwareTierId}`,
    family: 'hardwareTiers',
    source: 'domino-6.2',
    params: z.object({ hardwareTierId: z.string().min(1) }),
    response: HardwareTierEnvelopeV1Schema,
  }),
};
