// The embedded Domino's own extensions (under /api/embedded/v1). A real deployment answers 404 at
// /info, which means "not embedded, no extensions": extension UI appears only where it is listed.
import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { DominoApiError, request, type EndpointRef } from './http';
import { EmbeddedInfoSchema, type EmbeddedExtension, type NewGitCredential } from './schemas/embedded';
import { EMBEDDED_PREFIX } from './schemas/endpoint';
import { GitCredentialsAccessorV1Schema, type GitCredentialsAccessorV1 } from './schemas/users';
import { usersKeys } from './users';

export const embeddedEndpoints = {
  getInfo: { method: 'GET', path: `${EMBEDDED_PREFIX}/info` },
  addGitCredential: { method: 'POST', path: `${EMBEDDED_PREFIX}/users/{userId}/git-credentials` },
  removeGitCredential: { method: 'DELETE', path: `${EMBEDDED_PREFIX}/users/{userId}/git-credentials/{credentialId}` },
} as const satisfies Record<string, EndpointRef>;

// The server declares this answer inline in its route; it belongs in the contract (see report).
const GitCredentialEnvelopeSchema = z.object({ credential: GitCredentialsAccessorV1Schema });

export interface EmbeddedStatus {
  embedded: boolean;
  version: string | undefined;
  extensions: readonly string[];
  demo: boolean;
  /** How the embedded Domino runs jobs (undefined for a real deployment, or an older server). */
  sandbox?: 'bwrap' | 'unsandboxed' | 'unavailable';
  sandboxHint?: string;
}

const NOT_EMBEDDED: EmbeddedStatus = { embedded: false, version: undefined, extensions: [], demo: false };

export async function fetchEmbeddedInfo(signal?: AbortSignal): Promise<EmbeddedStatus> {
  try {
    const info = await request(embeddedEndpoints.getInfo, { schema: EmbeddedInfoSchema, signal });
    return { embedded: true, version: info.version, extensions: info.extensions, demo: info.demo ?? false, sandbox: info.sandbox, sandboxHint: info.sandboxHint };
  } catch (error) {
    if (error instanceof DominoApiError && error.status === 404) return NOT_EMBEDDED;
    throw error;
  }
}

export function hasExtension(status: EmbeddedStatus | undefined, extension: EmbeddedExtension): boolean {
  return status?.extensions.includes(extension) ?? false;
}

export const embeddedKeys = {
  all: ['embedded'] as const,
  info: () => [...embeddedKeys.all, 'info'] as const,
};

export const embeddedQueries = {
  info: () =>
    queryOptions({
      queryKey: embeddedKeys.info(),
      queryFn: ({ signal }) => fetchEmbeddedInfo(signal),
      // What the server offers does not change while the page is open.
      staleTime: Infinity,
    }),
};

export interface AddGitCredentialInput {
  userId: string;
  credential: NewGitCredential;
}

export async function addGitCredential({ userId, credential }: AddGitCredentialInput): Promise<GitCredentialsAccessorV1> {
  const envelope = await request(embeddedEndpoints.addGitCredential, { params: { userId }, body: credential, schema: GitCredentialEnvelopeSchema });
  return envelope.credential;
}

export interface RemoveGitCredentialInput {
  userId: string;
  credentialId: string;
}

export async function removeGitCredential({ userId, credentialId }: RemoveGitCredentialInput): Promise<void> {
  // 204 No Content: nothing to parse, but a body, if any, must not break the call.
  await request(embeddedEndpoints.removeGitCredential, { params: { userId, credentialId }, schema: z.unknown() });
}

export const embeddedMutations = {
  addGitCredential: (userId: string) =>
    mutationOptions({
      mutationKey: [...embeddedKeys.all, 'add-git-credential', userId],
      mutationFn: addGitCredential,
      meta: { invalidates: [usersKeys.gitCredentials(userId)] },
    }),
  removeGitCredential: (userId: string) =>
    mutationOptions({
      mutationKey: [...embeddedKeys.all, 'remove-git-credential', userId],
      mutationFn: removeGitCredential,
      meta: { invalidates: [usersKeys.gitCredentials(userId)] },
    }),
};
