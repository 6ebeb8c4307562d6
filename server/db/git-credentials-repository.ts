import type { Db } from './database';

export interface GitCredentialRow {
  id: string;
  userId: string;
  name: string;
  gitServiceProvider: string;
  domain: string;
  protocol: string;
  fingerprint: string;
  createdAt: string;
}

interface RawGitCredential {
  id: string;
  user_id: string;
  name: string;
  git_service_provider: string;
  domain: string;
  protocol: string;
  fingerprint: string;
  created_at: string;
}

const fromRaw = (raw: RawGitCredential): GitCredentialRow => ({
  id: raw.id,
  userId: raw.user_id,
  name: raw.name,
  gitServiceProvider: raw.git_service_provider,
  domain: raw.domain,
  protocol: raw.protocol,
  fingerprint: raw.fingerprint,
  createdAt: raw.created_at,
});

export type GitCredentialsRepository = ReturnType<typeof gitCredentialsRepository>;

export function gitCredentialsRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO git_credentials (id, user_id, name, git_service_provider, domain, protocol, fingerprint, created_at)
     VALUES (@id, @userId, @name, @gitServiceProvider, @domain, @protocol, @fingerprint, @createdAt)`,
  );
  const ofUser = db.prepare<[string], RawGitCredential>('SELECT * FROM git_credentials WHERE user_id = ? ORDER BY created_at, id');
  const remove = db.prepare('DELETE FROM git_credentials WHERE id = ? AND user_id = ?');
  return {
    insert(row: GitCredentialRow): void {
      insert.run(row);
    },
    listOfUser(userId: string): GitCredentialRow[] {
      return ofUser.all(userId).map(fromRaw);
    },
    remove(userId: string, id: string): boolean {
      return remove.run(id, userId).changes > 0;
    },
  };
}
