// The cost engine: folds ended executions into the rollups (once each), and answers allocation
// and asset queries from the rollups, adding the few open executions live and reading raw rows
// only for the partial hours at a window's edges (decision 35). Numbers are accumulated in flat
// typed arrays indexed by (step, item, measure); objects are made only for the answer.
import type { HardwareTierRow } from '../../db/hardware-tiers-repository';
import { MEASURE_COUNT, ROLLUP_LEVELS, type CostDimRow, type CostRepository, type RawExecution } from '../../db/cost-repository';
import { passes, type FilterClause } from './filter';
import { filterValuesOf, keyOf, labelsOf, type AggregatePart } from './labels';
import { costAt, cpuPart, DAY_MS, distribute as distributeInto, gpuPart, HOUR_MS, splitOf, type Split } from './money';
import type { CostWindow } from './window';

// Measure offsets (the rollup column order).
export const CPU = 0;
export const GPU = 1;
export const RAM = 2;
export const RUN_MS = 3;
export const CORE_MS = 4;
export const USAGE_CORE_MS = 5;
export const GPU_MS = 6;
export const RAM_GIB_MS = 7;
const M = MEASURE_COUNT;

/** Executions longer than this are "long": the edge scans read them by a separate index. */
const SHORT_MAX_MS = DAY_MS;
const FOLD_BATCH = 20_000;
const KEY_SEPARATOR = '\u001f';

export interface CostItem {
  key: string;
  name: string;
  /** The labels every label set of the item shares. */
  labels: Record<string, string>;
}

interface View {
  items: CostItem[];
  /** Item of each label set (by dim id); -1 when the filter leaves it out. */
  itemOfDim: Int32Array;
  /** 1 when the label set's cost is shared over the others (shareNamespaces). */
  sharedDim: Uint8Array;
  /** The rollup level whose keys are these items' keys, when there is one. */
  level?: number;
  itemOfKey?: Map<string, number>;
}

export interface AllocationRequest {
  steps: CostWindow[];
  aggregate: AggregatePart[];
  filter: FilterClause[];
  /** Workload types whose cost is spread over the rest. */
  shareNamespaces: ReadonlySet<string>;
  shareSplit: 'even' | 'weighted';
  idle: boolean;
  shareIdle: boolean;
  now: number;
}

export interface AllocationResult {
  items: CostItem[];
  /** (step × items + item) × M measures. */
  measures: Float64Array;
  /** Idle per step: [cpu, gpu, ram] micro-cents (zero when idle is not asked for or is shared). */
  idle: Float64Array;
}

export interface TierPool {
  tier: HardwareTierRow;
  nodes: number;
  rateUcpm: number;
  split: Split;
}

export class CostEngine {
  private dims: CostDimRow[] = [];
  private lastDimId = 0;
  private views = new Map<string, View>();
  private splits = new Map<string, Split>();

  constructor(
    private readonly repo: CostRepository,
    private readonly tiers: () => HardwareTierRow[],
  ) {}

  private splitFor(cores: number, memoryGiB: number, gpus: number): Split {
    const key = `${cores}/${memoryGiB}/${gpus}`;
    let split = this.splits.get(key);
    if (!split) this.splits.set(key, (split = splitOf(cores, memoryGiB, gpus)));
    return split;
  }

  /** Reads label sets made since the last look (the triggers make them as executions start). */
  private refreshDims(): void {
    const fresh = this.repo.dimsAfter(this.lastDimId);
    if (fresh.length === 0) return;
    for (const dim of fresh) this.dims[dim.id] = dim;
    this.lastDimId = fresh[fresh.length - 1]!.id;
    this.views.clear();
  }

  /**
   * Adds an execution's measures over [a, b) ∩ [start, end) into `out` at `offset`; false when they
   * do not overlap. Money is the difference of cumulative floors, so pieces add up exactly.
   */
  private addPiece(e: RawExecution, end: number, a: number, b: number, out: Float64Array, offset: number): boolean {
    const start = e[6];
    const from = Math.max(a, start);
    const to = Math.min(b, end);
    if (to <= from) return false;
    const split = this.splitFor(e[2], e[3], e[4]);
    const rate = e[5];
    const c1 = costAt(rate, from - start);
    const c2 = costAt(rate, to - start);
    const cpu = cpuPart(c2, split) - cpuPart(c1, split);
    const gpu = gpuPart(c2, split) - gpuPart(c1, split);
    const ms = to - from;
    const duration = end - start;
    out[offset + CPU]! += cpu;
    out[offset + GPU]! += gpu;
    out[offset + RAM]! += c2 - c1 - cpu - gpu;
    out[offset + RUN_MS]! += ms;
    out[offset + CORE_MS]! += e[2] * ms;
    out[offset + USAGE_CORE_MS]! += duration > 0 ? (e[8] * 1000 * ms) / duration : 0;
    out[offset + GPU_MS]! += e[4] * ms;
    out[offset + RAM_GIB_MS]! += e[3] * ms;
    return true;
  }

  /** Folds every ended execution not yet in the rollups into them, a batch per transaction. */
  fold(): number {
    let folded = 0;
    for (;;) {
      const count = this.repo.transaction(() => {
        const batch = this.repo.unrolled(FOLD_BATCH);
        if (batch.length === 0) return 0;
        this.refreshDims();
        this.foldBatch(batch);
        this.repo.markRolledUpTo(batch[batch.length - 1]![0]);
        return batch.length;
      });
      if (count === 0) return folded;
      folded += count;
    }
  }

  private foldBatch(batch: RawExecution[]): void {
    const daily = new Map<string, Float64Array>();
    const hourly = new Map<string, Float64Array>();
    const keyed = new Map<string, Float64Array>();
    const slot = (map: Map<string, Float64Array>, key: string) => {
      let m = map.get(key);
      if (!m) map.set(key, (m = new Float64Array(M)));
      return m;
    };
    const piece = new Float64Array(M);
    for (const e of batch) {
      const dim = this.dims[e[1]]!;
      const end = e[7]!;
      const keys = [
        [ROLLUP_LEVELS.project, dim.projectId],
        [ROLLUP_LEVELS.user, dim.userId],
        [ROLLUP_LEVELS.projectUser, dim.projectId + KEY_SEPARATOR + dim.userId],
        [ROLLUP_LEVELS.tier, dim.tierId],
      ] as const;
      for (let day = Math.floor(e[6] / DAY_MS); day * DAY_MS < end; day++) {
        piece.fill(0);
        if (!this.addPiece(e, end, day * DAY_MS, (day + 1) * DAY_MS, piece, 0)) continue;
        addInto(slot(daily, `${day}|${e[1]}`), piece);
        for (const [level, key] of keys) addInto(slot(keyed, `${level}|${day}|${key}`), piece);
      }
      for (let hour = Math.floor(e[6] / HOUR_MS); hour * HOUR_MS < end; hour++) {
        piece.fill(0);
        if (this.addPiece(e, end, hour * HOUR_MS, (hour + 1) * HOUR_MS, piece, 0)) addInto(slot(hourly, `${hour}|${e[1]}`), piece);
      }
    }
    for (const [key, m] of daily) {
      const [day, dimId] = key.split('|');
      this.repo.upsertDaily(Number(day), Number(dimId), m);
    }
    for (const [key, m] of hourly) {
      const [hour, dimId] = key.split('|');
      this.repo.upsertHourly(Number(hour), Number(dimId), m);
    }
    for (const [key, m] of keyed) {
      const first = key.indexOf('|');
      const second = key.indexOf('|', first + 1);
      this.repo.upsertDailyKey(Number(key.slice(0, first)), Number(key.slice(first + 1, second)), key.slice(second + 1), m);
    }
  }

  /** The items of an aggregate under a filter, and which label set goes where (cached until a new label set appears). */
  private viewOf(aggregate: AggregatePart[], filter: FilterClause[], shareNamespaces: ReadonlySet<string>, filterText: string): View {
    const cacheKey = `${JSON.stringify(aggregate)}|${filterText}|${[...shareNamespaces].join(',')}`;
    const cached = this.views.get(cacheKey);
    if (cached) return cached;
    const size = this.lastDimId + 1;
    const itemOfDim = new Int32Array(size).fill(-1);
    const sharedDim = new Uint8Array(size);
    const items: CostItem[] = [];
    const index = new Map<string, number>();
    for (let id = 1; id < size; id++) {
      const dim = this.dims[id];
      if (!dim) continue;
      if (!filter.every((clause) => passes(clause, filterValuesOf(dim, clause.key, clause.label)))) continue;
      const labels = labelsOf(dim);
      const parts = aggregate.map((part) =>
        'key' in part ? keyOf(dim, part.key) : ([labels[part.label] ?? '__unallocated__', labels[part.label] ?? '__unallocated__'] as const),
      );
      const key = parts.map((p) => p[0]).join(KEY_SEPARATOR);
      let item = index.get(key);
      if (item === undefined) {
        item = items.length;
        index.set(key, item);
        items.push({ key, name: parts.map((p) => p[1]).join('/'), labels });
      } else {
        const common = items[item]!.labels;
        for (const name of Object.keys(common)) if (common[name] !== labels[name]) delete common[name];
      }
      itemOfDim[id] = item;
      if (shareNamespaces.has(dim.workloadType)) sharedDim[id] = 1;
    }
    const view: View = { items, itemOfDim, sharedDim };
    // The common aggregations without a filter read their own daily rollup.
    const keys = aggregate.map((part) => ('key' in part ? part.key : '')).join(',');
    const level =
      filter.length === 0 && shareNamespaces.size === 0
        ? { project: ROLLUP_LEVELS.project, user: ROLLUP_LEVELS.user, 'project,user': ROLLUP_LEVELS.projectUser }[keys]
        : undefined;
    if (level !== undefined) {
      view.level = level;
      view.itemOfKey = index;
    }
    this.views.set(cacheKey, view);
    return view;
  }

  /** Each tier's simulated node pool: maxSimultaneousExecutions nodes at the tier's rate. */
  pools(): TierPool[] {
    return this.tiers()
      .filter((tier) => !tier.isArchived)
      .map((tier) => ({
        tier,
        nodes: Math.max(1, tier.maxSimultaneousExecutions),
        rateUcpm: Math.round(tier.centsPerMinute * 1_000_000),
        split: this.splitFor(tier.cores, tier.memoryGiB, tier.gpuCount),
      }));
  }

  /** When the pools start costing: midnight of the first recorded execution's day (none: never). */
  assetStart(): number | undefined {
    const start = this.repo.dataStart();
    return start === undefined ? undefined : Math.floor(start / DAY_MS) * DAY_MS;
  }

  /** One node's cost over [a, b), clipped to the pools' lifetime [assetStart, now). */
  nodeCost(pool: TierPool, a: number, b: number, assetStart: number | undefined, now: number): number {
    if (assetStart === undefined) return 0;
    const from = Math.max(a, assetStart);
    const to = Math.min(b, now);
    return to > from ? costAt(pool.rateUcpm, to) - costAt(pool.rateUcpm, from) : 0;
  }

  allocation(request: AllocationRequest, filterText: string): AllocationResult {
    this.fold();
    this.refreshDims();
    const { steps, now } = request;
    const view = this.viewOf(request.aggregate, request.filter, request.shareNamespaces, filterText);
    const nItems = view.items.length;
    const nSteps = steps.length;
    const measures = new Float64Array(nSteps * nItems * M);
    const sharing = request.shareNamespaces.size > 0;
    const shared = sharing ? new Float64Array(nSteps * nItems * M) : undefined;
    const pools = this.pools();
    const tierIndex = new Map(pools.map((pool, i) => [pool.tier.id, i]));
    const nTiers = pools.length;
    // All allocations' cost per step and tier (idle is what the pools cost beyond it), and the
    // filtered allocations' cost per step (the filtered view's share of idle).
    const tierCost = new Float64Array(nSteps * nTiers);
    const filteredCost = new Float64Array(nSteps);
    const allCost = new Float64Array(nSteps);
    if (nSteps === 0) return { items: view.items, measures, idle: new Float64Array(0) };

    const windowStart = steps[0]!.start;
    const windowEnd = steps[nSteps - 1]!.end;
    const stepAt = (ms: number) => {
      let lo = 0;
      let hi = nSteps - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (steps[mid]!.start <= ms) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    const addDimRow = (step: number, dimId: number, row: ArrayLike<unknown>, from: number, withTiers: boolean) => {
      const cost = (row[from] as number) + (row[from + 1] as number) + (row[from + 2] as number);
      if (withTiers) {
        const t = tierIndex.get(this.dims[dimId]!.tierId);
        if (t !== undefined) tierCost[step * nTiers + t]! += cost;
        allCost[step]! += cost;
      }
      const item = view.itemOfDim[dimId]!;
      if (item < 0) return;
      filteredCost[step]! += cost;
      const target = shared && view.sharedDim[dimId] ? shared : measures;
      const offset = (step * nItems + item) * M;
      for (let j = 0; j < M; j++) target[offset + j]! += row[from + j] as number;
    };

    // Full days (when steps are days or the whole window), then the hours around them, then the
    // partial hours at the edges.
    const hourlySteps = nSteps > 1 && steps[0]!.end - steps[0]!.start <= HOUR_MS && windowEnd - windowStart <= 48 * HOUR_MS;
    const firstDay = Math.ceil(windowStart / DAY_MS);
    const endDay = Math.floor(windowEnd / DAY_MS);
    const hourRanges: Array<[number, number]> = [];
    if (!hourlySteps && firstDay < endDay) {
      const dayStep = new Int32Array(endDay - firstDay);
      for (let d = firstDay; d < endDay; d++) dayStep[d - firstDay] = stepAt(d * DAY_MS);
      if (view.level !== undefined) {
        for (const row of this.repo.daysByKey(view.level, firstDay, endDay)) {
          const item = view.itemOfKey!.get(row[1] as string);
          if (item === undefined) continue;
          const step = dayStep[(row[0] as number) - firstDay]!;
          const offset = (step * nItems + item) * M;
          for (let j = 0; j < M; j++) measures[offset + j]! += row[2 + j] as number;
          filteredCost[step]! += (row[2] as number) + (row[3] as number) + (row[4] as number);
        }
        for (const row of this.repo.daysByKey(ROLLUP_LEVELS.tier, firstDay, endDay)) {
          const step = dayStep[(row[0] as number) - firstDay]!;
          const cost = (row[2] as number) + (row[3] as number) + (row[4] as number);
          const t = tierIndex.get(row[1] as string);
          if (t !== undefined) tierCost[step * nTiers + t]! += cost;
          allCost[step]! += cost;
        }
      } else {
        for (const row of this.repo.daysByDim(firstDay, endDay)) addDimRow(dayStep[(row[0] as number) - firstDay]!, row[1] as number, row, 2, true);
      }
      hourRanges.push([windowStart, firstDay * DAY_MS], [endDay * DAY_MS, windowEnd]);
    } else {
      hourRanges.push([windowStart, windowEnd]);
    }
    const edges: Array<[number, number]> = [];
    for (const [a, b] of hourRanges) {
      if (b <= a) continue;
      const firstHour = Math.ceil(a / HOUR_MS);
      const endHour = Math.floor(b / HOUR_MS);
      if (firstHour < endHour) {
        for (const row of this.repo.hoursByDim(firstHour, endHour)) addDimRow(stepAt((row[0] as number) * HOUR_MS), row[1] as number, row, 2, true);
        edges.push([a, firstHour * HOUR_MS], [endHour * HOUR_MS, b]);
      } else {
        edges.push([a, b]);
      }
    }
    const piece = new Float64Array(M);
    for (const [a, b] of edges) {
      if (b <= a) continue;
      const step = stepAt(a);
      for (const e of this.repo.overlapping(a, b, SHORT_MAX_MS)) {
        piece.fill(0);
        if (this.addPiece(e, e[7]!, a, b, piece, 0)) addDimRow(step, e[1], piece, 0, true);
      }
    }
    // Open executions count up to now, in every step.
    for (const e of this.repo.open()) {
      if (!this.dims[e[1]]) continue;
      for (let step = stepAt(Math.max(windowStart, e[6])); step < nSteps; step++) {
        piece.fill(0);
        if (this.addPiece(e, now, steps[step]!.start, steps[step]!.end, piece, 0)) addDimRow(step, e[1], piece, 0, true);
      }
    }

    if (shared) this.shareNamespaces(shared, measures, nSteps, nItems, request.shareSplit);

    const idle = new Float64Array(nSteps * 3);
    if (request.idle) {
      const assetStart = this.assetStart();
      for (let step = 0; step < nSteps; step++) {
        for (let t = 0; t < nTiers; t++) {
          const pool = pools[t]!;
          const asset = pool.nodes * this.nodeCost(pool, steps[step]!.start, steps[step]!.end, assetStart, now);
          const unused = Math.max(0, asset - tierCost[step * nTiers + t]!);
          const cpu = cpuPart(unused, pool.split);
          const gpu = gpuPart(unused, pool.split);
          idle[step * 3]! += cpu;
          idle[step * 3 + 1]! += gpu;
          idle[step * 3 + 2]! += unused - cpu - gpu;
        }
        // A filtered view carries its share of idle: in proportion to its part of all allocations.
        if (request.filter.length > 0) {
          const share = allCost[step]! > 0 ? filteredCost[step]! / allCost[step]! : 0;
          for (let j = 0; j < 3; j++) idle[step * 3 + j] = Math.floor(idle[step * 3 + j]! * share);
        }
      }
      if (request.shareIdle) this.shareIdle(idle, measures, nSteps, nItems);
    }
    return { items: view.items, measures, idle };
  }

  /** Spreads the shared workload types' cost over the other items of each step (even or by cost). */
  private shareNamespaces(shared: Float64Array, measures: Float64Array, nSteps: number, nItems: number, how: 'even' | 'weighted'): void {
    for (let step = 0; step < nSteps; step++) {
      const recipients: number[] = [];
      const weights: number[] = [];
      const pool = [0, 0, 0];
      for (let item = 0; item < nItems; item++) {
        const offset = (step * nItems + item) * M;
        for (let j = 0; j < 3; j++) pool[j]! += shared[offset + j]!;
        if (measures[offset + RUN_MS]! > 0) {
          recipients.push(item);
          weights.push(how === 'even' ? 1 : measures[offset + CPU]! + measures[offset + GPU]! + measures[offset + RAM]!);
        }
      }
      if (recipients.length === 0) {
        // Nothing to spread over: the shared items stay themselves.
        for (let k = step * nItems * M; k < (step + 1) * nItems * M; k++) measures[k]! += shared[k]!;
        continue;
      }
      for (let j = 0; j < 3; j++) {
        const parts = distributeInto(pool[j]!, weights);
        recipients.forEach((item, k) => (measures[(step * nItems + item) * M + j]! += parts[k]!));
      }
    }
  }

  /** Spreads each step's idle over its items in proportion to their cost; idle left only where no item has cost. */
  private shareIdle(idle: Float64Array, measures: Float64Array, nSteps: number, nItems: number): void {
    for (let step = 0; step < nSteps; step++) {
      const recipients: number[] = [];
      const weights: number[] = [];
      for (let item = 0; item < nItems; item++) {
        const offset = (step * nItems + item) * M;
        const cost = measures[offset + CPU]! + measures[offset + GPU]! + measures[offset + RAM]!;
        if (cost > 0) {
          recipients.push(item);
          weights.push(cost);
        }
      }
      if (recipients.length === 0) continue;
      for (let j = 0; j < 3; j++) {
        const parts = distributeInto(idle[step * 3 + j]!, weights);
        recipients.forEach((item, k) => (measures[(step * nItems + item) * M + j]! += parts[k]!));
        idle[step * 3 + j] = 0;
      }
    }
  }
}

function addInto(target: Float64Array, piece: Float64Array): void {
  for (let j = 0; j < M; j++) target[j]! += piece[j]!;
}
