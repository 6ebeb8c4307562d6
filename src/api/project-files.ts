// Project files: the reference's raw file-content endpoint, and the embedded 'project-files'
// extension (directory listing, commit log, upload) that the Files tab needs to browse. Content is
// bytes, not JSON: it comes through `requestRaw`, with the same typed errors as `request`.
import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { endpointUrl, request, requestRaw } from './http';
import { projectsKeys } from './projects';
import type { PageRequest } from './schemas/common';
import { COMMIT_ID_PATTERN, MAIN_REF, projectFilesEndpoints } from './schemas/project-files';

/** A 40-hex commit id names content that never changes; a branch name does not. */
export function isCommitId(ref: string): boolean {
  return COMMIT_ID_PATTERN.test(ref.toLowerCase());
}

export const projectFilesKeys = {
  all: (projectId: string) => [...projectsKeys.project(projectId), 'files'] as const,
  directory: (projectId: string, commitRef: string, path: string) => [...projectFilesKeys.all(projectId), 'tree', commitRef, path] as const,
  commits: (projectId: string, ref: string, page: PageRequest) => [...projectFilesKeys.all(projectId), 'commits', ref, page] as const,
  content: (projectId: string, commitId: string, path: string, maxBytes: number) =>
    [...projectFilesKeys.all(projectId), 'content', commitId, path, maxBytes] as const,
};

/** Where a file's bytes are: for download links and image previews (the proxy adds the key). */
export function fileContentUrl(projectId: string, commitId: string, path: string): string {
  return endpointUrl(projectFilesEndpoints.getProjectFileContents, { params: { projectId, commitId, path } });
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
  const response = await requestRaw(projectFilesEndpoints.getProjectFileContents, { params: { projectId, commitId, path }, signal });
  const { bytes, truncated } = await readUpTo(response, maxBytes);
  return { bytes, truncated, contentType: response.headers.get('content-type') ?? 'application/octet-stream' };
}

export async function fetchDirectory(projectId: string, commitRef: string, path: string, signal?: AbortSignal) {
  return request(projectFilesEndpoints.listDirectory, { params: { projectId, commitRef }, query: { path: path || undefined }, signal });
}

export type CommitsPage = PageRequest;

export async function fetchCommits(projectId: string, ref: string, page: CommitsPage, signal?: AbortSignal) {
  const envelope = await request(projectFilesEndpoints.listCommits, { params: { projectId }, query: { ref, offset: page.offset, limit: page.limit }, signal });
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
  return request(projectFilesEndpoints.commitFile, { params: { projectId }, query: { path, message: message?.trim() || undefined }, body: content });
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
