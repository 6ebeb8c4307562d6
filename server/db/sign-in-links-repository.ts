// Single-use sign-in links: a token an admin hands a user, kept only as its SHA-256.
import type { Db } from './database';

export type SignInLinksRepository = ReturnType<typeof signInLinksRepository>;

export function signInLinksRepository(db: Db) {
  const insert = db.prepare('INSERT INTO sign_in_links (token_hash, user_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
  // Using a link is a compare-and-set: of two redemptions at once, one wins.
  const use = db.prepare<[string, string, string], { user_id: string }>(
    'UPDATE sign_in_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id',
  );
  const purge = db.prepare('DELETE FROM sign_in_links WHERE expires_at <= ?');
  return {
    insert(link: { tokenHash: string; userId: string; createdBy: string; createdAt: string; expiresAt: string }): void {
      insert.run(link.tokenHash, link.userId, link.createdBy, link.createdAt, link.expiresAt);
    },
    /** The user a valid, unused link is for, marking it used; undefined when it is unknown, used or expired. */
    use(tokenHash: string, now: string): string | undefined {
      return use.get(now, tokenHash, now)?.user_id;
    },
    purgeExpired(now: string): void {
      purge.run(now);
    },
  };
}
