// Embedded-only extensions of the embedded Domino, under /api/embedded/v1/. A real deployment
// answers 404 at /api/embedded/v1/info, so the dashboard shows these features only where listed.
import { z } from 'zod';
import { objectIdParams, requiredText as name } from './common';
import { EMBEDDED_PREFIX, endpoint } from './endpoint';
import { GitCredentialsAccessorV1Schema, GitServiceProviderV1Schema, UserV1Schema } from './users';

/** Names of the extensions `GET /api/embedded/v1/info` can list. */
export const EMBEDDED_EXTENSIONS = [
  'users',
  'api-keys',
  'session-keys',
  'sign-in-links',
  'git-credentials',
  'project-files',
  'project-status',
  'project-edit',
  'archived-projects',
  'workspaces',
  'job-stop',
  'job-execution-status-filter',
  'jobs-across-projects',
  'dataset-search',
  'dataset-stats',
  'dataset-files',
  'mlflow-tracking',
  'model-review-inbox',
  'model-stage-history',
  'project-experiment-runs',
  'environment-search',
  'environment-revisions',
  'environment-build-logs',
  'environment-revision-jobs',
  'monitored-models',
  'metric-ranges',
  'metric-alerts',
  'model-api-access-tokens',
  'billing-tags-all',
  'project-billing-tag',
] as const;
export type EmbeddedExtension = (typeof EMBEDDED_EXTENSIONS)[number];

export const EmbeddedInfoSchema = z.object({
  version: z.string(),
  // Extra names from a newer server are kept so an older dashboard still parses the answer.
  extensions: z.array(z.string()),
  demo: z.boolean().optional(),
  /** How jobs run: in the bubblewrap sandbox, without one (DOMINO_UNSANDBOXED_JOBS=1), or not at all. */
  sandbox: z.enum(['bwrap', 'unsandboxed', 'unavailable']).optional(),
  /** What to do about it, when jobs do not run sandboxed. */
  sandboxHint: z.string().optional(),
  /** Whether the caller is a site administrator (who may create users, keys and sign-in links). */
  callerIsAdmin: z.boolean().optional(),
});
export type EmbeddedInfo = z.output<typeof EmbeddedInfoSchema>;

export const USER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const NewEmbeddedUserSchema = z.object({
  userName: name('userName', 64).regex(USER_NAME_PATTERN, 'userName may contain only letters, digits, ".", "_" and "-", and must start with a letter or digit'),
  firstName: name('firstName'),
  lastName: name('lastName'),
  email: z.email('email must be a valid email address'),
  isAdmin: z.boolean().default(false),
});
export type NewEmbeddedUser = z.input<typeof NewEmbeddedUserSchema>;

export const CreatedEmbeddedUserSchema = z.object({ user: UserV1Schema, apiKey: z.string() });
/** The longest a minted key may live: a console session's absolute limit is well inside it. */
export const MAX_KEY_SECONDS = 30 * 24 * 3600;

/** Body of POST .../users/{userId}/api-keys: a key that expires, for a console session (none: it lasts until revoked). */
export const NewApiKeySchema = z.object({
  expiresInSeconds: z
    .number({ error: 'expiresInSeconds must be a number of seconds' })
    .int()
    .min(60, 'expiresInSeconds must be at least 60')
    .max(MAX_KEY_SECONDS, `expiresInSeconds must be at most ${MAX_KEY_SECONDS}`)
    .optional(),
});

/** A new key, shown once; `keyId` revokes it. */
export const ApiKeyEnvelopeSchema = z.object({ apiKey: z.string(), keyId: z.string().optional(), expiresAt: z.string().optional() });

/** A single-use sign-in link's token (valid for 15 minutes): the console turns it into a session. */
export const SignInLinkEnvelopeSchema = z.object({ userId: z.string(), token: z.string(), expiresAt: z.string() });
export type SignInLinkEnvelope = z.output<typeof SignInLinkEnvelopeSchema>;

export const RedeemSignInLinkSchema = z.object({
  token: name('token', 200),
  expiresInSeconds: NewApiKeySchema.shape.expiresInSeconds,
});

/** What redeeming a sign-in link yields: whose it was, and a key for their session. */
export const SessionKeyEnvelopeSchema = z.object({ user: UserV1Schema, apiKey: z.string(), keyId: z.string(), expiresAt: z.string() });

export const NewGitCredentialSchema = z.object({
  name: name('name'),
  gitServiceProvider: GitServiceProviderV1Schema,
  domain: name('domain', 253),
  protocol: z.enum(['https', 'ssh'], { error: 'protocol must be https or ssh' }),
  /** A personal access token (https) or a private key (ssh); only its fingerprint is kept. */
  secret: z.string().min(1, 'secret must not be empty').max(20_000),
});
export type NewGitCredential = z.input<typeof NewGitCredentialSchema>;

export const GitCredentialEnvelopeSchema = z.object({ credential: GitCredentialsAccessorV1Schema });

const embedded = { family: 'embedded', source: 'embedded' } as const;

export const embeddedEndpoints = {
  getInfo: endpoint({ method: 'GET', path: `${EMBEDDED_PREFIX}/info`, ...embedded, response: EmbeddedInfoSchema }),
  createUser: endpoint({ method: 'POST', path: `${EMBEDDED_PREFIX}/users`, ...embedded, body: NewEmbeddedUserSchema, response: CreatedEmbeddedUserSchema }),
  addApiKey: endpoint({
    method: 'POST',
    path: `${EMBEDDED_PREFIX}/users/{userId}/api-keys`,
    ...embedded,
    params: objectIdParams('userId'),
    body: NewApiKeySchema,
    response: ApiKeyEnvelopeSchema,
  }),
  revokeApiKey: endpoint({
    method: 'DELETE',
    path: `${EMBEDDED_PREFIX}/api-keys/{keyId}`,
    ...embedded,
    params: objectIdParams('keyId'),
    response: null,
    successStatus: 204,
  }),
  createSignInLink: endpoint({
    method: 'POST',
    path: `${EMBEDDED_PREFIX}/users/{userId}/sign-in-links`,
    ...embedded,
    params: objectIdParams('userId'),
    response: SignInLinkEnvelopeSchema,
  }),
  redeemSignInLink: endpoint({
    method: 'POST',
    path: `${EMBEDDED_PREFIX}/sign-in-links/redeem`,
    ...embedded,
    body: RedeemSignInLinkSchema,
    response: SessionKeyEnvelopeSchema,
  }),
  addGitCredential: endpoint({
    method: 'POST',
    path: `${EMBEDDED_PREFIX}/users/{userId}/git-credentials`,
    ...embedded,
    params: objectIdParams('userId'),
    body: NewGitCredentialSchema,
    response: GitCredentialEnvelopeSchema,
  }),
  removeGitCredential: endpoint({
    method: 'DELETE',
    path: `${EMBEDDED_PREFIX}/users/{userId}/git-credentials/{credentialId}`,
    ...embedded,
    params: objectIdParams('userId', 'credentialId'),
    response: null,
    successStatus: 204,
  }),
};
