import type { Db } from './database';

export interface KeyOwner {
  id: string;
  userName: string;
  isAdmin: boolean;
}

export type ApiKeysRepository = ReturnType<typeof apiKeysRepository>;

export function apiKeysRepository(db: Db) {
  const insert = db.prepare('INSERT OR IGNORE INTO api_keys (key_hash, user_id, created_at) VALUES (?, ?, ?)');
  const owner = db.prepare<[string], { id: string; user_name: string; is_admin: number }>(
    `SELECT u.id, u.user_name, u.is_admin FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = ?`,
  );
  const remove = db.prepare('DELETE FROM api_keys WHERE key_hash = ?');
  return {
    remove(keyHash: string): void {
      remove.run(keyHash);
    },
    insert(keyHash: string, userId: string, createdAt: string): void {
      insert.run(keyHash, userId, createdAt);
    },
    ownerOf(keyHash: string): KeyOwner | undefined {
      const row = owner.get(keyHash);
      return row && { id: row.id, userName: row.user_name, isAdmin: row.is_admin === 1 };
    },
  };
}
