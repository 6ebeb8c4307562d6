// API keys, kept by their SHA-256 (decision 3). A key may carry an id (to revoke it by) and an
// expiry (keys minted for a console session); an expired key names no one.
import type { Db } from './database';

export interface KeyOwner {
  id: string;
  userName: string;
  isAdmin: boolean;
}

export interface KeyRecord {
  id: string | null;
  userId: string;
  expiresAt: string | null;
}

export type ApiKeysRepository = ReturnType<typeof apiKeysRepository>;

export function apiKeysRepository(db: Db) {
  const insert = db.prepare('INSERT OR IGNORE INTO api_keys (key_hash, user_id, created_at, id, expires_at) VALUES (?, ?, ?, ?, ?)');
  const owner = db.prepare<[string, string], { id: string; user_name: string; is_admin: number }>(
    `SELECT u.id, u.user_name, u.is_admin FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = ? AND (k.expires_at IS NULL OR k.expires_at > ?)`,
  );
  const byId = db.prepare<[string], { id: string; user_id: string; expires_at: string | null }>('SELECT id, user_id, expires_at FROM api_keys WHERE id = ?');
  const remove = db.prepare('DELETE FROM api_keys WHERE key_hash = ?');
  const removeById = db.prepare('DELETE FROM api_keys WHERE id = ?');
  const removeExpired = db.prepare('DELETE FROM api_keys WHERE expires_at IS NOT NULL AND expires_at <= ?');
  return {
    remove(keyHash: string): void {
      remove.run(keyHash);
    },
    removeById(id: string): boolean {
      return removeById.run(id).changes === 1;
    },
    /** Forgets keys whose time is up (they already name no one). */
    removeExpired(now: string): number {
      return removeExpired.run(now).changes;
    },
    insert(keyHash: string, userId: string, createdAt: string, options: { id?: string; expiresAt?: string } = {}): void {
      insert.run(keyHash, userId, createdAt, options.id ?? null, options.expiresAt ?? null);
    },
    findById(id: string): KeyRecord | undefined {
      const row = byId.get(id);
      return row && { id: row.id, userId: row.user_id, expiresAt: row.expires_at };
    },
    /** Whose key this is, if it exists and has not expired by `now`. */
    ownerOf(keyHash: string, now: string): KeyOwner | undefined {
      const row = owner.get(keyHash, now);
      return row && { id: row.id, userName: row.user_name, isAdmin: row.is_admin === 1 };
    },
  };
}
