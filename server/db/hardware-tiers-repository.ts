import type { Db } from './database';

export interface HardwareTierRow {
  id: string;
  name: string;
  cores: number;
  memoryGiB: number;
  gpuCount: number;
  gpuType: string | null;
  centsPerMinute: number;
  maxSimultaneousExecutions: number;
  maxRunMinutes: number;
  isDefault: boolean;
  isArchived: boolean;
  sortOrder: number;
}

interface RawTier {
  id: string;
  name: string;
  cores: number;
  memory_gib: number;
  gpu_count: number;
  gpu_type: string | null;
  cents_per_minute: number;
  max_simultaneous_executions: number;
  max_run_minutes: number;
  is_default: number;
  is_archived: number;
  sort_order: number;
}

const fromRaw = (r: RawTier): HardwareTierRow => ({
  id: r.id,
  name: r.name,
  cores: r.cores,
  memoryGiB: r.memory_gib,
  gpuCount: r.gpu_count,
  gpuType: r.gpu_type,
  centsPerMinute: r.cents_per_minute,
  maxSimultaneousExecutions: r.max_simultaneous_executions,
  maxRunMinutes: r.max_run_minutes,
  isDefault: r.is_default === 1,
  isArchived: r.is_archived === 1,
  sortOrder: r.sort_order,
});

export type HardwareTiersRepository = ReturnType<typeof hardwareTiersRepository>;

export function hardwareTiersRepository(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO hardware_tiers (id, name, cores, memory_gib, gpu_count, gpu_type, cents_per_minute, max_simultaneous_executions, max_run_minutes, is_default, is_archived, sort_order)
     VALUES (@id, @name, @cores, @memoryGiB, @gpuCount, @gpuType, @centsPerMinute, @maxSimultaneousExecutions, @maxRunMinutes, @isDefault, @isArchived, @sortOrder)
     ON CONFLICT (id) DO NOTHING`,
  );
  const all = db.prepare<[], RawTier>('SELECT * FROM hardware_tiers ORDER BY sort_order, id');
  const byId = db.prepare<[string], RawTier>('SELECT * FROM hardware_tiers WHERE id = ?');
  return {
    /** Inserts a tier unless one with its id exists (an operator's changes are kept). */
    insertIfMissing(tier: HardwareTierRow): void {
      upsert.run({ ...tier, isDefault: tier.isDefault ? 1 : 0, isArchived: tier.isArchived ? 1 : 0 });
    },
    list(): HardwareTierRow[] {
      return all.all().map(fromRaw);
    },
    findById(id: string): HardwareTierRow | undefined {
      const raw = byId.get(id);
      return raw && fromRaw(raw);
    },
  };
}
