// Cost allocation and assets (GET /api/cost/v1/allocation, /asset): the parameters checked and
// resolved, the engine asked, the answer shaped as the spec's flat list (decision 35).
import type { z } from 'zod';
import type { Wire } from '../../src/api/schemas/common';
import type { CostAllocationEnvelopeV1Schema, CostAllocationQuerySchema, CostAssetsEnvelopeV1Schema, CostAssetsQuerySchema } from '../../src/api/schemas/cost';
import type { ServerContext } from '../context';
import { badRequest } from '../http/errors';
import { CORE_MS, CPU, GPU, GPU_MS, RAM, RUN_MS, USAGE_CORE_MS, type CostItem } from './cost/engine';
import { parseFilter, passes } from './cost/filter';
import { ALLOCATION_KEYS, CLUSTER, DEFAULT_AGGREGATE, IDLE, labelName, parseAggregate, UNALLOCATED, type AggregatePart } from './cost/labels';
import { cpuPart, dollars, gpuPart, HOUR_MS } from './cost/money';
import { iso, resolveWindow, stepsOf, type CostWindow } from './cost/window';
import { MEASURE_COUNT } from '../db/cost-repository';

type AllocationWire = Wire<typeof CostAllocationEnvelopeV1Schema>['data'][number];
type AssetWire = Wire<typeof CostAssetsEnvelopeV1Schema>['data'][number];

/** The workload types an execution is recorded as (`workload_type`, shareNamespaces). */
export const WORKLOAD_TYPES = ['job', 'workspace', 'model_api'] as const;

const windowWire = (step: CostWindow) => ({ start: iso(step.start), end: iso(step.end), minutes: (step.end - step.start) / 60_000 });

function allocationWire(name: string, step: CostWindow, m: ArrayLike<number>, at: number, labels: Record<string, string>): AllocationWire {
  const ms = step.end - step.start;
  const cpu = m[at + CPU]!;
  const gpu = m[at + GPU]!;
  const ram = m[at + RAM]!;
  const coreMs = m[at + CORE_MS]!;
  const efficiency = coreMs > 0 ? m[at + USAGE_CORE_MS]! / coreMs : 0;
  return {
    name,
    ...(labels.hardware_tier_id ? { nodeType: labels.hardware_tier_id } : {}),
    window: windowWire(step),
    labels,
    cpuCoreHours: coreMs / HOUR_MS,
    cpuCoreRequestAverage: ms > 0 ? coreMs / ms : 0,
    cpuCoreUsageAverage: ms > 0 ? m[at + USAGE_CORE_MS]! / ms : 0,
    cpuCores: ms > 0 ? coreMs / ms : 0,
    cpuCost: dollars(cpu),
    cpuCostAdjustment: 0,
    cpuEfficincy: efficiency,
    cpuEfficiency: efficiency,
    discount: 0,
    gpuCount: ms > 0 ? m[at + GPU_MS]! / ms : 0,
    gpuHours: m[at + GPU_MS]! / HOUR_MS,
    gpucost: dollars(gpu),
    gpuCost: dollars(gpu),
    gpucostAdjustment: 0,
    gpuCostAdjustment: 0,
    loadBalancerCost: 0,
    loadBalancerCostAdjustment: 0,
    pv: { pvByteHours: 0, pvBytes: 0, pvCost: 0, pvCostAdjustment: 0 },
    ramCost: dollars(ram),
    ramCostAdjustment: 0,
    totalCost: dollars(cpu + gpu + ram),
  };
}

function workloadTypes(text: string | undefined): Set<string> {
  const types = new Set<string>();
  if (text === undefined || text.trim() === '') return types;
  for (const raw of text.split(',')) {
    const type = raw.trim();
    if (!(WORKLOAD_TYPES as readonly string[]).includes(type))
      throw badRequest(`shareNamespaces: unknown workload type "${type}"; use ${WORKLOAD_TYPES.join(', ')}, comma-separated`);
    types.add(type);
  }
  return types;
}

export function costAllocation(ctx: ServerContext, query: z.output<typeof CostAllocationQuerySchema>): AllocationWire[] {
  const now = ctx.clock.now().getTime();
  const window = resolveWindow(query, now);
  const aggregate = parseAggregate(query.aggregate) ?? DEFAULT_AGGREGATE;
  const filterText = query.filter?.trim() ?? '';
  const filter = filterText === '' ? [] : parseFilter(filterText, ALLOCATION_KEYS);
  const idle = query.idle ?? true;
  const shareIdle = query.shareIdle ?? false;
  if (shareIdle && !idle) throw badRequest('shareIdle: idle cost cannot be shared when idle=false');
  const shareNamespaces = workloadTypes(query.shareNamespaces);
  if (query.shareSplit !== undefined && shareNamespaces.size === 0)
    throw badRequest('shareSplit: only applies with shareNamespaces (there is nothing to split)');
  // Nothing here corresponds to these; accepted as kubecost accepts them (decision 35).
  void [query.shareCost, query.shareLabels, query.reconcile, query.shareTenancyCosts, query.external];
  const steps = stepsOf(window, query.accumulate);
  const result = ctx.costEngine.allocation(
    { steps, aggregate, filter, shareNamespaces, shareSplit: query.shareSplit ?? 'weighted', idle, shareIdle, now },
    filterText,
  );
  const { items, measures } = result;
  const n = items.length;
  const answer: AllocationWire[] = [];
  const order = new Int32Array(n);
  const totals = new Float64Array(n);
  for (let step = 0; step < steps.length; step++) {
    let count = 0;
    for (let item = 0; item < n; item++) {
      const at = (step * n + item) * MEASURE_COUNT;
      const total = measures[at + CPU]! + measures[at + GPU]! + measures[at + RAM]!;
      if (measures[at + RUN_MS]! === 0 && total === 0) continue;
      totals[item] = total;
      order[count++] = item;
    }
    const present = Array.from(order.subarray(0, count)).sort((a, b) => totals[b]! - totals[a]! || compareNames(items[a]!, items[b]!));
    for (const item of present) answer.push(allocationWire(items[item]!.name, steps[step]!, measures, (step * n + item) * MEASURE_COUNT, items[item]!.labels));
    if (idle && !shareIdle) {
      const [cpu, gpu, ram] = [result.idle[step * 3]!, result.idle[step * 3 + 1]!, result.idle[step * 3 + 2]!];
      if (cpu + gpu + ram > 0) {
        const m = new Float64Array(MEASURE_COUNT);
        m[CPU] = cpu;
        m[GPU] = gpu;
        m[RAM] = ram;
        answer.push(allocationWire(IDLE, steps[step]!, m, 0, {}));
      }
    }
  }
  return answer;
}

function compareNames(a: CostItem, b: CostItem): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

const ASSET_KEYS = ['cluster', 'type', 'category', 'provider', 'service', 'hardwareTier'] as const;

interface AssetNode {
  name: string;
  tierId: string;
  tierName: string;
  labels: Record<string, string>;
}

function assetValues(node: AssetNode, key: string, label?: string): string[] {
  switch (key) {
    case 'cluster':
      return [CLUSTER];
    case 'type':
      return ['Node'];
    case 'category':
      return ['Compute'];
    case 'provider':
      return ['embedded'];
    case 'service':
      return ['Kubernetes'];
    case 'hardwareTier':
      return [node.tierId, node.tierName];
    default: {
      const name = labelName(label ?? '');
      return [node.labels[name] ?? node.labels[`label_dominodatalab_com_${name}`] ?? ''];
    }
  }
}

/** Assets: each tier's simulated nodes (maxSimultaneousExecutions of them) at the tier's rate, while the cluster has existed. */
export function costAssets(ctx: ServerContext, query: z.output<typeof CostAssetsQuerySchema>): AssetWire[] {
  const now = ctx.clock.now().getTime();
  const window = resolveWindow(query, now);
  const aggregate = parseAggregate(query.aggregate, ASSET_KEYS);
  const filterText = query.filter?.trim() ?? '';
  const filter = filterText === '' ? [] : parseFilter(filterText, ASSET_KEYS);
  const steps = stepsOf(window, query.accumulate);
  const engine = ctx.costEngine;
  engine.fold();
  const assetStart = engine.assetStart();
  const answer: AssetWire[] = [];
  const nodes = engine.pools().flatMap((pool) =>
    Array.from({ length: pool.nodes }, (_, i) => {
      const name = `${pool.tier.id}-node-${i + 1}`;
      const node: AssetNode = {
        name,
        tierId: pool.tier.id,
        tierName: pool.tier.name,
        labels: { instance: name, label_dominodatalab_com_node_pool: pool.tier.id, label_dominodatalab_com_domino_node: name },
      };
      return { pool, node };
    }),
  );
  const kept = nodes.filter(({ node }) => filter.every((clause) => passes(clause, assetValues(node, clause.key, clause.label))));
  for (const step of steps) {
    const groups = new Map<string, { name: string; cpu: number; gpu: number; ram: number; nodes: AssetNode[] }>();
    for (const { pool, node } of kept) {
      const cost = engine.nodeCost(pool, step.start, step.end, assetStart, now);
      const cpu = cpuPart(cost, pool.split);
      const gpu = gpuPart(cost, pool.split);
      const name = aggregate ? aggregate.map((part) => assetName(node, part)).join('/') : node.name;
      let group = groups.get(name);
      if (!group) groups.set(name, (group = { name, cpu: 0, gpu: 0, ram: 0, nodes: [] }));
      group.cpu += cpu;
      group.gpu += gpu;
      group.ram += cost - cpu - gpu;
      group.nodes.push(node);
    }
    for (const group of groups.values()) {
      const single = group.nodes.length === 1 ? group.nodes[0] : undefined;
      const sameTier = group.nodes.every((node) => node.tierId === group.nodes[0]!.tierId);
      answer.push({
        name: group.name,
        type: 'Node',
        window: windowWire(step),
        labels: single ? single.labels : sameTier ? { label_dominodatalab_com_node_pool: group.nodes[0]!.tierId } : {},
        properties: {
          category: 'Compute',
          cluster: CLUSTER,
          provider: 'embedded',
          service: 'Kubernetes',
          ...(single ? { providerId: single.name, name: single.name } : {}),
        },
        cpuCost: dollars(group.cpu),
        gpuCost: dollars(group.gpu),
        ramCost: dollars(group.ram),
        totalCost: dollars(group.cpu + group.gpu + group.ram),
      });
    }
  }
  return answer;
}

function assetName(node: AssetNode, part: AggregatePart): string {
  if ('label' in part) return assetValues(node, 'label', part.label)[0] || UNALLOCATED;
  return assetValues(node, part.key)[0]!;
}
