// Users, their API keys and git credentials: the one code path the API and the demo both use.
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { NewEmbeddedUserSchema, NewGitCredentialSchema } from '../../src/api/schemas/embedded';
import type { Wire } from '../../src/api/schemas/common';
import type { GitCredentialsAccessorV1Schema, UserV1Schema } from '../../src/api/schemas/users';
import type { BaseContext, ServerContext } from '../context';
import type { GitCredentialRow } from '../db/git-credentials-repository';
import type { UserRow } from '../db/users-repository';
import type { KeyOwner } from '../db/api-keys-repository';
import { clampLimit } from '../http/envelopes';
import { conflict, forbidden, notFound, unauthorized } from '../http/errors';
import { hashSecret, newObjectId, newSecret } from '../http/ids';

export function toUserV1(user: UserRow): Wire<typeof UserV1Schema> {
  return {
    id: user.id,
    userName: user.userName,
    firstName: user.firstName,
    lastName: user.lastName,
    fullName: `${user.firstName} ${user.lastName}`,
    // No avatar service here: clients fall back to initials on an empty URL.
    avatarUrl: '',
    email: user.email,
  };
}

export function createUser(ctx: ServerContext, input: z.output<typeof NewEmbeddedUserSchema>): UserRow {
  if (ctx.users.findByUserName(input.userName)) throw conflict(`A user named "${input.userName}" already exists`);
  if (ctx.organizations.findByName(input.userName)) throw conflict(`"${input.userName}" is already the name of an organization`);
  const user: UserRow = {
    id: newObjectId(ctx.clock),
    userName: input.userName,
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    isAdmin: input.isAdmin,
    createdAt: ctx.clock.now().toISOString(),
  };
  ctx.users.insert(user);
  return user;
}

/** Stores the key's hash for the user; the key itself is shown once, to the caller. */
export function addApiKey(ctx: Pick<BaseContext, 'apiKeys' | 'clock'>, userId: string, key: string = newSecret()): string {
  ctx.apiKeys.insert(hashSecret(key), userId, ctx.clock.now().toISOString());
  return key;
}

export function toGitCredentialsAccessorV1(row: GitCredentialRow): Wire<typeof GitCredentialsAccessorV1Schema> {
  return {
    id: row.id,
    name: row.name,
    gitServiceProvider: row.gitServiceProvider,
    domain: row.domain,
    fingerprint: row.fingerprint,
    protocol: row.protocol,
  };
}

/** Only a fingerprint of the secret is kept: the embedded Domino never clones with it. */
function fingerprintOf(secret: string): string {
  const digest = crypto.createHash('md5').update(secret).digest('hex');
  return digest.match(/../g)!.join(':');
}

export function addGitCredential(ctx: ServerContext, userId: string, input: z.output<typeof NewGitCredentialSchema>): GitCredentialRow {
  const row: GitCredentialRow = {
    id: newObjectId(ctx.clock),
    userId,
    name: input.name,
    gitServiceProvider: input.gitServiceProvider,
    domain: input.domain,
    protocol: input.protocol,
    fingerprint: fingerprintOf(input.secret),
    createdAt: ctx.clock.now().toISOString(),
  };
  ctx.gitCredentials.insert(row);
  return row;
}

function existingUser(ctx: ServerContext, userId: string): UserRow {
  const user = ctx.users.findById(userId);
  if (!user) throw notFound(`User ${userId} not found`);
  return user;
}

/** A user's git credentials are theirs: only they and site admins may see or change them (Domino's UpdateUser). */
function requireSelfOrAdmin(ctx: ServerContext, actor: KeyOwner, userId: string, what: string): void {
  existingUser(ctx, userId);
  if (userId !== actor.id && !actor.isAdmin) throw forbidden(`Only the user or an administrator may ${what} a user's git credentials`);
}

export function currentUser(ctx: ServerContext, actor: KeyOwner): Wire<typeof UserV1Schema> {
  return toUserV1(existingUser(ctx, actor.id));
}

export function listUsers(ctx: ServerContext, query: { offset: number; limit: number }) {
  const limit = clampLimit(query.limit);
  const { rows, totalCount } = ctx.users.list(query.offset, limit);
  return { users: rows.map(toUserV1), page: { offset: query.offset, limit, totalCount } };
}

export function gitCredentialsOf(ctx: ServerContext, actor: KeyOwner, userId: string): Array<Wire<typeof GitCredentialsAccessorV1Schema>> {
  requireSelfOrAdmin(ctx, actor, userId, 'see');
  return ctx.gitCredentials.listOfUser(userId).map(toGitCredentialsAccessorV1);
}

export function addGitCredentialFor(
  ctx: ServerContext,
  actor: KeyOwner,
  userId: string,
  input: z.output<typeof NewGitCredentialSchema>,
): Wire<typeof GitCredentialsAccessorV1Schema> {
  requireSelfOrAdmin(ctx, actor, userId, 'change');
  return toGitCredentialsAccessorV1(addGitCredential(ctx, userId, input));
}

export function removeGitCredential(ctx: ServerContext, actor: KeyOwner, userId: string, credentialId: string): void {
  requireSelfOrAdmin(ctx, actor, userId, 'change');
  if (!ctx.gitCredentials.remove(userId, credentialId)) throw notFound(`Git credential ${credentialId} not found`);
}

/** A new user with a first API key of their own (embedded: Domino's users come from its identity provider). */
export function createUserWithKey(ctx: ServerContext, input: z.output<typeof NewEmbeddedUserSchema>): { user: Wire<typeof UserV1Schema>; apiKey: string } {
  return ctx.db.transaction(() => {
    const user = createUser(ctx, input);
    return { user: toUserV1(user), apiKey: addApiKey(ctx, user.id) };
  })();
}

/** A new key for a user: lasting until revoked, or expiring (a console session's key). */
export function issueApiKey(
  ctx: ServerContext,
  userId: string,
  options: { expiresInSeconds?: number } = {},
): { apiKey: string; keyId: string; expiresAt?: string } {
  existingUser(ctx, userId);
  const apiKey = newSecret();
  const keyId = newObjectId(ctx.clock);
  const now = ctx.clock.now();
  const expiresAt = options.expiresInSeconds === undefined ? undefined : new Date(now.getTime() + options.expiresInSeconds * 1000).toISOString();
  ctx.apiKeys.removeExpired(now.toISOString());
  ctx.apiKeys.insert(hashSecret(apiKey), userId, now.toISOString(), { id: keyId, expiresAt });
  return { apiKey, keyId, ...(expiresAt ? { expiresAt } : {}) };
}

/** Revokes a key by its id: its owner or a site admin may. */
export function revokeApiKey(ctx: ServerContext, actor: KeyOwner, keyId: string): void {
  const key = ctx.apiKeys.findById(keyId);
  // Someone else's key does not exist for you.
  if (!key || (key.userId !== actor.id && !actor.isAdmin)) throw notFound(`API key ${keyId} not found`);
  ctx.apiKeys.removeById(keyId);
}

export const SIGN_IN_LINK_MINUTES = 15;
/** A session key's life when the redeemer does not say: the console's default absolute limit. */
const DEFAULT_SESSION_SECONDS = 12 * 3600;

export function createSignInLink(ctx: ServerContext, actor: KeyOwner, userId: string): { userId: string; token: string; expiresAt: string } {
  existingUser(ctx, userId);
  const token = newSecret();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000).toISOString();
  ctx.signInLinks.purgeExpired(now.toISOString());
  ctx.signInLinks.insert({ tokenHash: hashSecret(token), userId, createdBy: actor.id, createdAt: now.toISOString(), expiresAt });
  return { userId, token, expiresAt };
}

/** Turns a sign-in link into a session key, once; a used, expired or unknown link is one answer, so none can be probed. */
export function redeemSignInLink(ctx: ServerContext, token: string, options: { expiresInSeconds?: number } = {}) {
  const userId = ctx.signInLinks.use(hashSecret(token), ctx.clock.now().toISOString());
  if (!userId) throw unauthorized('This sign-in link is not valid: it was used already, it expired, or it never existed. Ask for a new one.');
  const key = issueApiKey(ctx, userId, { expiresInSeconds: options.expiresInSeconds ?? DEFAULT_SESSION_SECONDS });
  return { user: toUserV1(existingUser(ctx, userId)), apiKey: key.apiKey, keyId: key.keyId, expiresAt: key.expiresAt! };
}
