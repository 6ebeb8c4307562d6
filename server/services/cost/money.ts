// Exact money for the cost engine: integer micro-cents (1e-8 dollars) throughout. An execution's
// cost up to a moment is floor(rate × elapsed), so the pieces of any split of its time (days,
// hours, steps) add up to exactly its whole cost. The CPU / GPU / RAM parts of a tier's single rate
// are in thousandths (docs/decisions/0036-cost-split-and-money.md).

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Micro-cents in a dollar: what the wire's amounts are in. */
export const MICRO_CENTS_PER_DOLLAR = 100_000_000;

/** floor(rate × ms / 1 minute) for a rate in micro-cents per minute, exact while rate × minutes < 2^53. */
export function costAt(rateUcpm: number, ms: number): number {
  const minutes = Math.floor(ms / MINUTE_MS);
  return rateUcpm * minutes + Math.floor((rateUcpm * (ms - minutes * MINUTE_MS)) / MINUTE_MS);
}

/**
 * Kubecost's default list prices ($ per core-hour, per GiB-hour, per GPU-hour) weigh a tier's
 * resources; a tier's rate is split in those proportions.
 */
const CPU_WEIGHT = 0.031611;
const RAM_WEIGHT = 0.004237;
const GPU_WEIGHT = 0.95;

export interface Split {
  /** Thousandths of the rate that are CPU, and GPU; RAM is the rest. */
  cpu: number;
  gpu: number;
}

export function splitOf(cores: number, memoryGiB: number, gpus: number): Split {
  const [cpu, gpu] = distribute(1000, [cores * CPU_WEIGHT, gpus * GPU_WEIGHT, memoryGiB * RAM_WEIGHT]);
  return { cpu: cpu!, gpu: gpu! };
}

/** The CPU and GPU parts of an amount (cumulative: floor of the share; RAM takes the rest). */
export function cpuPart(amount: number, split: Split): number {
  return Math.floor((amount * split.cpu) / 1000);
}
export function gpuPart(amount: number, split: Split): number {
  return Math.floor((amount * split.gpu) / 1000);
}

/**
 * An integer total in integer parts proportional to the weights (largest remainder: the parts add
 * up to the total exactly). No positive weight: equal parts.
 */
export function distribute(total: number, weights: readonly number[]): number[] {
  const n = weights.length;
  if (n === 0) return [];
  let sum = 0;
  for (const w of weights) sum += w > 0 ? w : 0;
  const shares = sum > 0 ? weights.map((w) => (w > 0 ? w / sum : 0)) : weights.map(() => 1 / n);
  const parts = shares.map((share) => Math.floor(total * share));
  let left = total - parts.reduce((a, b) => a + b, 0);
  if (left !== 0) {
    const order = shares.map((share, i) => ({ i, remainder: total * share - parts[i]! })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
    // left < 0 only when floating point made the shares add up to a hair over 1.
    const step = left > 0 ? 1 : -1;
    for (let k = 0; left !== 0; k = (k + 1) % n) {
      const i = order[step > 0 ? k : n - 1 - k]!.i;
      if (step < 0 && parts[i]! === 0) continue;
      parts[i] = parts[i]! + step;
      left -= step;
    }
  }
  return parts;
}

export function dollars(microCents: number): number {
  return microCents / MICRO_CENTS_PER_DOLLAR;
}
