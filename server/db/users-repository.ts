import type { Db } from './database';

export interface UserRow {
  id: string;
  userName: string;
  firstName: string;
  lastName: string;
  email: string;
  isAdmin: boolean;
  createdAt: string;
}

interface RawUser {
  id: string;
  user_name: string;
  first_name: string;
  last_name: string;
  email: string;
  is_admin: number;
  created_at: string;
}

const fromRaw = (raw: RawUser): UserRow => ({
  id: raw.id,
  userName: raw.user_name,
  firstName: raw.first_name,
  lastName: raw.last_name,
  email: raw.email,
  isAdmin: raw.is_admin === 1,
  createdAt: raw.created_at,
});

export type UsersRepository = ReturnType<typeof usersRepository>;

export function usersRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO users (id, user_name, first_name, last_name, email, is_admin, created_at)
     VALUES (@id, @userName, @firstName, @lastName, @email, @isAdmin, @createdAt)`,
  );
  const byId = db.prepare<[string], RawUser>('SELECT * FROM users WHERE id = ?');
  const byUserName = db.prepare<[string], RawUser>('SELECT * FROM users WHERE user_name = ? COLLATE NOCASE');
  const page = db.prepare<[number, number], RawUser>('SELECT * FROM users ORDER BY user_name COLLATE NOCASE LIMIT ? OFFSET ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
  const firstAdmin = db.prepare<[], RawUser>('SELECT * FROM users WHERE is_admin = 1 ORDER BY created_at, id LIMIT 1');

  return {
    insert(user: UserRow): void {
      insert.run({ ...user, isAdmin: user.isAdmin ? 1 : 0 });
    },
    findById(id: string): UserRow | undefined {
      const raw = byId.get(id);
      return raw && fromRaw(raw);
    },
    findByUserName(userName: string): UserRow | undefined {
      const raw = byUserName.get(userName);
      return raw && fromRaw(raw);
    },
    list(offset: number, limit: number): { rows: UserRow[]; totalCount: number } {
      return { rows: page.all(limit, offset).map(fromRaw), totalCount: count.get()!.n };
    },
    firstAdmin(): UserRow | undefined {
      const raw = firstAdmin.get();
      return raw && fromRaw(raw);
    },
  };
}
