// Hardware tiers, as Domino 6.2 answers them (the 5.9.1 reference has none), with their live capacity.
import type { Wire } from '../../src/api/schemas/common';
import type { HardwareTierV1Schema } from '../../src/api/schemas/hardware-tiers';
import type { ServerContext } from '../context';
import type { HardwareTierRow } from '../db/hardware-tiers-repository';
import type { JobRow } from '../db/jobs-repository';
import { clampLimit } from '../http/envelopes';
import { notFound } from '../http/errors';

const TIERS_CREATED = '2026-01-01T00:00:00.000Z';

/** `liveJobs`: the unfinished jobs, read once for a whole list of tiers. */
export function toHardwareTierV1(tier: HardwareTierRow, liveJobs: readonly JobRow[]): Wire<typeof HardwareTierV1Schema> {
  const live = liveJobs.filter((j) => j.hardwareTierId === tier.id);
  const executing = live.filter((j) => j.status !== 'Queued').length;
  return {
    id: tier.id,
    name: tier.name,
    resources: { cores: tier.cores, memory: { value: tier.memoryGiB, units: 'GiB' }, allowSharedMemoryToExceedDefault: false },
    flags: { isDefault: tier.isDefault, isVisible: true, isGlobal: true, isArchived: tier.isArchived, isDataAnalystTier: false },
    centsPerMinute: tier.centsPerMinute,
    creationTime: TIERS_CREATED,
    updateTime: TIERS_CREATED,
    podCustomization: {},
    // Embedded: the longest a run may take on this tier before it is stopped.
    metadata: { maxRunMinutes: String(tier.maxRunMinutes) },
    maxSimultaneousExecutions: tier.maxSimultaneousExecutions,
    ...(tier.gpuCount > 0 ? { gpuConfiguration: { numberOfGpus: tier.gpuCount, gpuKey: tier.gpuType ?? 'nvidia.com/gpu' } } : {}),
    capacity: {
      numberOfExecutors: 1,
      maxNumberOfExecutors: 1,
      executingRuns: executing,
      queuedRuns: live.length - executing,
      maxConcurrentRuns: tier.maxSimultaneousExecutions,
      availableCapacityWithoutLaunching: Math.max(0, tier.maxSimultaneousExecutions - executing),
      maxAvailableCapacity: tier.maxSimultaneousExecutions,
      capacityLevel: executing >= tier.maxSimultaneousExecutions ? 'Full' : 'CanExecuteWithCurrentInstances',
    },
  };
}

export function listHardwareTiers(ctx: ServerContext, query: { includeArchived: boolean; offset: number; limit: number }) {
  const all = ctx.hardwareTiers.list().filter((t) => query.includeArchived || !t.isArchived);
  const limit = clampLimit(query.limit);
  const liveJobs = ctx.jobs.live();
  return {
    hardwareTiers: all.slice(query.offset, query.offset + limit).map((t) => toHardwareTierV1(t, liveJobs)),
    page: { offset: query.offset, limit, totalCount: all.length },
  };
}

export function hardwareTier(ctx: ServerContext, tierId: string): Wire<typeof HardwareTierV1Schema> {
  const tier = ctx.hardwareTiers.findById(tierId);
  if (!tier) throw notFound(`Hardware tier ${tierId} not found`);
  return toHardwareTierV1(tier, ctx.jobs.live());
}
