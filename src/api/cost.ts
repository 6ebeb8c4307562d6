// Cost allocation and assets: fetchers over the contract, query keys and `costQueries`. The views
// ask for one set per step (accumulate=false: daily sets for windows over 48 h, hourly ones
// otherwise) and sum them here into days, weeks or months (cost-money.ts), so one answer serves
// every step and both rate and cumulative views; a list of names asks for one set (accumulate). Both answer shapes (the spec's flat list,
// kubecost's step maps) arrive flat from the contract's schema.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { DominoApiError, request } from './http';
import type { AggregateKey, IdleMode } from './cost-options';
import { costEndpoints, type CostAllocationV1, type CostAssetsV1 } from './schemas/cost';

/** Domino does not name the currency of its amounts; deployments bill in US dollars. */
export const COST_CURRENCY = 'USD';

export interface AllocationRequest {
  /** The API's window: a word, a duration or "start,end". */
  window: string;
  aggregate: readonly AggregateKey[];
  /** kubecost v2 filter text, empty for none. */
  filter: string;
  idle: IdleMode;
  /** One set for the whole window (what a list of names needs) instead of one a step. */
  accumulate?: boolean;
}

export interface AssetsRequest {
  window: string;
}

/** One allocation as the pages use it: its name and key values, its set's time, the split of its cost. */
export interface CostRow {
  name: string;
  /** The name's parts, one per aggregate key ("churn/maya" → ["churn", "maya"]). */
  keys: string[];
  /** ms, UTC. */
  start: number;
  end: number;
  cpuCost: number;
  gpuCost: number;
  ramCost: number;
  /** Storage, load balancers and anything else of the total outside CPU, GPU and RAM. */
  otherCost: number;
  totalCost: number;
  cpuCoreHours: number;
  /** CPU usage ÷ request, when known. */
  cpuEfficiency: number | undefined;
  projectId: string | undefined;
  /** The hardware tier it ran on, when one (`nodeType`, or the embedded Domino's label): a node pool's name. */
  tierId: string | undefined;
  tierName: string | undefined;
}

export interface AllocationAnswer {
  rows: CostRow[];
  /** The end of the latest set in the answer (ms): the data is complete up to here. */
  completeUntil: number | undefined;
}

const add = (...values: (number | undefined)[]) => values.reduce<number>((sum, value) => sum + (value ?? 0), 0);

export function toCostRow(allocation: CostAllocationV1, keyCount: number, fallbackStart: number): CostRow {
  const name = allocation.name ?? '__unallocated__';
  const parts = name.split('/');
  // Only the first keyCount - 1 slashes separate keys: a value with a slash stays whole at the end.
  const keys = keyCount <= 1 ? [name] : [...parts.slice(0, keyCount - 1), parts.slice(keyCount - 1).join('/')];
  const cpuCost = add(allocation.cpuCost, allocation.cpuCostAdjustment);
  const gpuCost = add(allocation.gpucost, allocation.gpucostAdjustment);
  const ramCost = add(allocation.ramCost, allocation.ramCostAdjustment);
  const totalCost = allocation.totalCost ?? add(cpuCost, gpuCost, ramCost, allocation.pv?.pvCost, allocation.loadBalancerCost);
  const start = allocation.window?.start ? Date.parse(allocation.window.start) : fallbackStart;
  const end = allocation.window?.end ? Date.parse(allocation.window.end) : start;
  return {
    name,
    keys,
    start,
    end,
    cpuCost,
    gpuCost,
    ramCost,
    otherCost: totalCost - cpuCost - gpuCost - ramCost,
    totalCost,
    cpuCoreHours: allocation.cpuCoreHours ?? 0,
    cpuEfficiency: allocation.cpuEfficincy,
    projectId: allocation.labels?.project_id,
    tierId: allocation.nodeType ?? allocation.labels?.hardware_tier_id,
    tierName: allocation.labels?.hardware_tier_name,
  };
}

function idleQuery(idle: IdleMode) {
  if (idle === 'hide') return { idle: false };
  return { idle: true, shareIdle: idle === 'share' };
}

export async function fetchAllocation(input: AllocationRequest, signal?: AbortSignal): Promise<AllocationAnswer> {
  const envelope = await request(costEndpoints.getCostAllocation, {
    query: {
      window: input.window,
      aggregate: input.aggregate.join(','),
      accumulate: input.accumulate ?? false,
      ...(input.filter ? { filter: input.filter } : {}),
      ...idleQuery(input.idle),
    },
    signal,
  });
  const fallbackStart = Date.now();
  const rows = envelope.data.map((allocation) => toCostRow(allocation, input.aggregate.length, fallbackStart));
  let completeUntil: number | undefined;
  for (const row of rows) if (completeUntil === undefined || row.end > completeUntil) completeUntil = row.end;
  return { rows, completeUntil };
}

/** One node pool's asset cost in one set. */
export interface AssetRow {
  /** The node pool (a hardware tier's pool): the pool label, else the asset's name. */
  pool: string;
  name: string;
  start: number;
  end: number;
  cpuCost: number;
  gpuCost: number;
  ramCost: number;
  totalCost: number;
}

export function toAssetRow(asset: CostAssetsV1, fallbackStart: number): AssetRow {
  const name = asset.name ?? asset.properties?.providerId ?? 'unnamed';
  const start = asset.window?.start ? Date.parse(asset.window.start) : fallbackStart;
  return {
    pool: asset.labels?.label_dominodatalab_com_node_pool ?? name,
    name,
    start,
    end: asset.window?.end ? Date.parse(asset.window.end) : start,
    cpuCost: asset.cpuCost ?? 0,
    gpuCost: asset.gpuCost ?? 0,
    ramCost: asset.ramCost ?? 0,
    totalCost: asset.totalCost ?? add(asset.cpuCost, asset.gpuCost, asset.ramCost),
  };
}

export async function fetchAssets(input: AssetsRequest, signal?: AbortSignal): Promise<AssetRow[]> {
  const envelope = await request(costEndpoints.getCostAssets, { query: { window: input.window, accumulate: false }, signal });
  const fallbackStart = Date.now();
  return envelope.data.map((asset) => toAssetRow(asset, fallbackStart));
}

/** Whether the caller may see cost at all: Domino answers 403 (or 401) to anyone but a site admin. */
export function isCostRefusal(error: unknown): boolean {
  return error instanceof DominoApiError && (error.status === 403 || error.status === 401);
}

export const costKeys = {
  all: ['cost'] as const,
  allocations: () => [...costKeys.all, 'allocation'] as const,
  allocation: (input: AllocationRequest) => [...costKeys.allocations(), input] as const,
  assets: (input: AssetsRequest) => [...costKeys.all, 'assets', input] as const,
};

// A relative window ("today", "7d") moves with the clock: a minute-old answer is still current
// enough to read, and switching views back and forth does not refetch.
const COST_STALE_MS = 60_000;

export const costQueries = {
  allocation: (input: AllocationRequest) =>
    queryOptions({
      queryKey: costKeys.allocation(input),
      queryFn: ({ signal }) => fetchAllocation(input, signal),
      staleTime: COST_STALE_MS,
      // A new window or aggregate keeps the last chart on screen until the next one arrives.
      placeholderData: keepPreviousData,
    }),
  assets: (input: AssetsRequest) =>
    queryOptions({
      queryKey: costKeys.assets(input),
      queryFn: ({ signal }) => fetchAssets(input, signal),
      staleTime: COST_STALE_MS,
      placeholderData: keepPreviousData,
    }),
};
