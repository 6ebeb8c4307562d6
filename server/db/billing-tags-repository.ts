import type { BillingTagMode } from '../../src/api/schemas/billing-tags';
import type { Db } from './database';

export interface BillingTagRow {
  id: string;
  tag: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface BillingTagSettingsRow {
  mode: BillingTagMode;
  notifications: boolean;
}

interface RawTag {
  id: string;
  tag: string;
  active: number;
  created_at: string;
  updated_at: string;
}

const fromRaw = (raw: RawTag): BillingTagRow => ({ id: raw.id, tag: raw.tag, active: raw.active === 1, createdAt: raw.created_at, updatedAt: raw.updated_at });

export type BillingTagsRepository = ReturnType<typeof billingTagsRepository>;

export function billingTagsRepository(db: Db) {
  const insert = db.prepare('INSERT INTO billing_tags (id, tag, active, created_at, updated_at) VALUES (@id, @tag, 1, @now, @now)');
  // The unique index ignores case, and so does every lookup by name.
  const byTag = db.prepare<[string], RawTag>('SELECT * FROM billing_tags WHERE tag = ? COLLATE NOCASE');
  const byId = db.prepare<[string], RawTag>('SELECT * FROM billing_tags WHERE id = ?');
  const active = db.prepare<[], RawTag>('SELECT * FROM billing_tags WHERE active = 1 ORDER BY tag COLLATE NOCASE');
  // Every tag with the number of live projects carrying it (the admin page's column).
  const summaries = db.prepare<{ active: number | null }, RawTag & { project_count: number }>(
    `SELECT t.*, (SELECT count(*) FROM projects p WHERE p.billing_tag_id = t.id AND p.is_archived = 0) AS project_count
     FROM billing_tags t WHERE (@active IS NULL OR t.active = @active) ORDER BY t.tag COLLATE NOCASE`,
  );
  const setActive = db.prepare('UPDATE billing_tags SET active = @active, updated_at = @now WHERE id = @id');
  const settings = db.prepare<[], { mode: BillingTagMode; notifications: number }>('SELECT mode, notifications FROM billing_tag_settings WHERE singleton = 1');
  const setSettings = db.prepare('UPDATE billing_tag_settings SET mode = @mode, notifications = @notifications WHERE singleton = 1');

  return {
    insert(row: { id: string; tag: string; now: string }): void {
      insert.run(row);
    },
    findByTag(tag: string): BillingTagRow | undefined {
      const raw = byTag.get(tag);
      return raw && fromRaw(raw);
    },
    findById(id: string): BillingTagRow | undefined {
      const raw = byId.get(id);
      return raw && fromRaw(raw);
    },
    listActive(): BillingTagRow[] {
      return active.all().map(fromRaw);
    },
    listWithProjectCounts(activeOnly: boolean | undefined): Array<BillingTagRow & { projectCount: number }> {
      return summaries
        .all({ active: activeOnly === undefined ? null : activeOnly ? 1 : 0 })
        .map((raw) => ({ ...fromRaw(raw), projectCount: raw.project_count }));
    },
    setActive(id: string, isActive: boolean, now: string): void {
      setActive.run({ id, active: isActive ? 1 : 0, now });
    },
    settings(): BillingTagSettingsRow {
      const row = settings.get()!;
      return { mode: row.mode, notifications: row.notifications === 1 };
    },
    setSettings(next: BillingTagSettingsRow): void {
      setSettings.run({ mode: next.mode, notifications: next.notifications ? 1 : 0 });
    },
  };
}
