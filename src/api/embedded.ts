// The embedded Domino's own extensions (under /api/embedded/v1). A real deployment answers 404 at
// /info, which means "not embedded, no extensions": extension UI appears only where it is listed.
import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { DominoApiError, request } from './http';
import { embeddedEndpoints, type EmbeddedExtension, type EmbeddedInfo, type NewGitCredential, type SignInLinkEnvelope } from './schemas/embedded';
import type { GitCredentialsAccessorV1 } from './schemas/users';
import { usersKeys } from './users';

export interface EmbeddedStatus {
  embedded: boolean;
  version: string | undefined;
  extensions: readonly string[];
  demo: boolean;
  /** How the embedded Domino runs jobs (undefined for a real deployment, or an older server). */
  sandbox?: EmbeddedInfo['sandbox'];
  sandboxHint?: string;
  /** Whether the person acting is a site administrator of the embedded Domino. */
  callerIsAdmin: boolean;
}

const NOT_EMBEDDED: EmbeddedStatus = { embedded: false, version: undefined, extensions: [], demo: false, callerIsAdmin: false };

export async function fetchEmbeddedInfo(signal?: AbortSignal): Promise<EmbeddedStatus> {
  try {
    const info = await request(embeddedEndpoints.getInfo, { signal });
    return {
      embedded: true,
      version: info.version,
      extensions: info.extensions,
      demo: info.demo ?? false,
      sandbox: info.sandbox,
      sandboxHint: info.sandboxHint,
      callerIsAdmin: info.callerIsAdmin ?? false,
    };
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
  const envelope = await request(embeddedEndpoints.addGitCredential, { params: { userId }, body: credential });
  return envelope.credential;
}

export interface RemoveGitCredentialInput {
  userId: string;
  credentialId: string;
}

export async function removeGitCredential({ userId, credentialId }: RemoveGitCredentialInput): Promise<void> {
  await request(embeddedEndpoints.removeGitCredential, { params: { userId, credentialId } });
}

/** A single-use link (15 minutes) that signs its user in to this console; the key it leads to never reaches a browser. */
export function createSignInLink(userId: string): Promise<SignInLinkEnvelope> {
  return request(embeddedEndpoints.createSignInLink, { params: { userId } });
}

export const embeddedMutations = {
  createSignInLink: () => mutationOptions({ mutationKey: [...embeddedKeys.all, 'create-sign-in-link'], mutationFn: createSignInLink }),
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
