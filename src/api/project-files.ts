// Project files: the reference's raw file-content endpoint, and the embedded 'project-files'
// extension (directory listing, commit log, upload) that the Files tab needs to browse. Content is
// bytes, not JSON, so it goes through `fetchRaw` below, which throws the same typed errors as
// http.ts's `request`.
import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { buildPath, buildQueryString, describeEndpoint, errorFromResponse, NetworkError, parseSuccessBody, request, type EndpointRef, type QueryValue } from './http';
import { projectsKeys } from './projects';
import { EMBEDDED_PREFIX } from './schemas/endpoint';
import { CommitLogEnvelopeSchema, CommittedFileEnvelopeSchema, DirectoryListingEnvelopeSchema } from './schemas/project-files';
import { referenceEndpoints } from './schemas/reference-endpoints';

const PROJECT_EXTRAS = `${EMBEDDED_PREFIX}/projects/{projectId}`;

export const projectFilesEndpoints = {
  listDirectory: { method: 'GET', path: `${PROJECT_EXTRAS}/tree/{commitRef}` },
  listCommits: { method: 'GET', path: `${PROJECT_EXTRAS}/commits` },
  commitFile: { method: 'PUT', path: `${PROJECT_EXTRAS}/files` },
} as const satisfies Record<string, EndpointRef>;

/** The branch the embedded Domino commits to; `commit=main` in the URL means its latest commit. */
export const MAIN_REF = 'main';

const COMMIT_ID = /^[0-9a-f]{40}$/i;

/** A 40-hex commit id names content that never changes; a branch name does not. */
export function isCommitId(ref: string): boolean {
  return COMMIT_ID.test(ref);
}

export const projectFilesKeys = {
  all: (projectId: string) => [...projectsKeys.project(projectId), 'files'] as const,
  directory: (projectId: string, commitRef: string, path: string) => [...projectFilesKeys.all(projectId), 'tree', commitRef, path] as const,
  commits: (projectId: string, ref: string, page: { offset: number; limit: number }) => [...projectFilesKeys.all(projectId), 'commits', ref, page] as const,
  content: (projectId: string, commitId: string, path: string, maxBytes: number) => [...projectFilesKeys.all(projectId), 'content', commitId, path, maxBytes] as const,
};

export interface RawRequestOptions {
  params?: Record<string, string>;
  query?: Record<string, QueryValue>;
  body?: BodyInit;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
}

/**
 * fetch for bodies that are not JSON (file bytes up or down). A non-2xx answer throws the same
 * DominoApiError as `request` (its body is the usual FailureEnvelopeV1), a lost connection a
 * NetworkError; the caller reads the successful Response itself.
 */
export async function fetchRaw(endpoint: EndpointRef, options: RawRequestOptions = {}): Promise<Response> {
  const name = describeEndpoint(endpoint);
  const url = buildPath(endpoint.path, options.params) + buildQueryString(options.query);
  const headers: Record<string, string> = { Accept: options.accept ?? '*/*' };
  if (options.contentType) headers['Content-Type'] = options.contentType;
  let response: Response;
  try {
    response = await fetch(url, { method: endpoint.method, headers, body: options.body, signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(name, error);
  }
  if (!response.ok) throw errorFromResponse(response, await response.text(), name);
  return response;
}

/** Where a file's bytes are: for download links and image previews (the proxy adds the key). */
export function fileContentUrl(projectId: string, commitId: string, path: string): string {
  return buildPath(referenceEndpoints.getProjectFileContents.path, { projectId, commitId, path });
}

export interface FileBytes {
  /** At most maxBytes of the file, from its start. */
  bytes: Uint8Array;
  /** The file goes on past `bytes`. */
  truncated: boolean;
  contentType: string;
}

/** Reads at most maxBytes from the stream, then cancels the rest of the download. */
async function readUpTo(response: Response, maxBytes: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!response.body) {
    const all = new Uint8Array(await response.arrayBuffer());
    return { bytes: all.slice(0, maxBytes), truncated: all.length > maxBytes };
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
    if (length > maxBytes) {
      truncated = true;
      await reader.cancel();
      break;
    }
  }
  const bytes = new Uint8Array(Math.min(length, maxBytes));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, Math.min(chunk.length, bytes.length - at));
    bytes.set(part, at);
    at += part.length;
    if (at >= bytes.length) break;
  }
  return { bytes, truncated };
}

/** GET .../files/{commitId}/{path}/content, the reference's raw content endpoint. */
export async function fetchFileBytes(projectId: string, commitId: string, path: string, maxBytes: number, signal?: AbortSignal): Promise<FileBytes> {
  const response = await fetchRaw(referenceEndpoints.getProjectFileContents, { params: { projectId, commitId, path }, signal });
  const { bytes, truncated } = await readUpTo(response, maxBytes);
  return { bytes, truncated, contentType: response.headers.get('content-type') ?? 'application/octet-stream' };
}

export async function fetchDirectory(projectId: string, commitRef: string, path: string, signal?: AbortSignal) {
  return request(projectFilesEndpoints.listDirectory, {
    params: { projectId, commitRef },
    query: { path: path || undefined },
    schema: DirectoryListingEnvelopeSchema,
    signal,
  });
}

export interface CommitsPage {
  offset: number;
  limit: number;
}

export async function fetchCommits(projectId: string, ref: string, page: CommitsPage, signal?: AbortSignal) {
  const envelope = await request(projectFilesEndpoints.listCommits, {
    params: { projectId },
    query: { ref, offset: page.offset, limit: page.limit },
    schema: CommitLogEnvelopeSchema,
    signal,
  });
  return { commits: envelope.commits, hasMore: envelope.hasMore };
}

export interface CommitFileInput {
  projectId: string;
  path: string;
  message?: string;
  content: Blob;
}

/** PUT .../files: commits one file to main, as a new file or a new version of it. */
export async function commitFile({ projectId, path, message, content }: CommitFileInput) {
  const endpoint = projectFilesEndpoints.commitFile;
  const response = await fetchRaw(endpoint, {
    params: { projectId },
    query: { path, message: message?.trim() || undefined },
    body: content,
    contentType: 'application/octet-stream',
    accept: 'application/json',
  });
  return parseSuccessBody(await response.text(), CommittedFileEnvelopeSchema, describeEndpoint(endpoint), response.status);
}

export const projectFilesQueries = {
  directory: (projectId: string, commitRef: string, path: string) =>
    queryOptions({
      queryKey: projectFilesKeys.directory(projectId, commitRef, path),
      queryFn: ({ signal }) => fetchDirectory(projectId, commitRef, path, signal),
      // A listing at a commit id never changes; at a branch it does.
      staleTime: isCommitId(commitRef) ? Infinity : 30_000,
    }),
  commits: (projectId: string, page: CommitsPage, ref: string = MAIN_REF) =>
    queryOptions({
      queryKey: projectFilesKeys.commits(projectId, ref, page),
      queryFn: ({ signal }) => fetchCommits(projectId, ref, page, signal),
    }),
  content: (projectId: string, commitId: string, path: string, maxBytes: number) =>
    queryOptions({
      queryKey: projectFilesKeys.content(projectId, commitId, path, maxBytes),
      queryFn: ({ signal }) => fetchFileBytes(projectId, commitId, path, maxBytes, signal),
      staleTime: Infinity,
      // File bodies can be large: do not keep ones nobody looks at.
      gcTime: 60_000,
    }),
};

export const projectFilesMutations = {
  commitFile: (projectId: string) =>
    mutationOptions({
      mutationKey: [...projectFilesKeys.all(projectId), 'commit-file'],
      mutationFn: commitFile,
      meta: { invalidates: [projectFilesKeys.all(projectId)] },
    }),
};
