import { describe, expect, it, vi } from 'vitest';
import { json, metadata, mockFetch } from '../test/fetch-mock';
import { DominoApiError, NetworkError, ResponseShapeError } from './http';
import { commitFile, fetchDirectory, fetchFileBytes, fileContentUrl } from './project-files';

const projectId = 'p'.repeat(24);
const commitId = 'c'.repeat(40);

/** A response whose body arrives in chunks, recording whether the reader cancelled the rest. */
function chunkedResponse(chunks: Uint8Array[], headers: Record<string, string>) {
  const state = { cancelled: false, pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[state.pulled++];
      if (next) controller.enqueue(next);
      else controller.close();
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { response: new Response(stream, { status: 200, headers }), state };
}

describe('fileContentUrl', () => {
  it('sends the path with raw slashes, each segment encoded, as Domino’s Python client does', () => {
    expect(fileContentUrl(projectId, commitId, 'data/raw data.csv')).toBe(
      `/api/projects/beta/projects/${projectId}/files/${commitId}/data/raw%20data.csv/content`,
    );
  });
});

describe('fetchFileBytes', () => {
  it('reads a small file whole', async () => {
    const { response } = chunkedResponse([new TextEncoder().encode('hello\n')], { 'content-type': 'text/plain; charset=utf-8' });
    mockFetch(() => response);
    const file = await fetchFileBytes(projectId, commitId, 'README.md', 1024);
    expect(new TextDecoder().decode(file.bytes)).toBe('hello\n');
    expect(file).toMatchObject({ truncated: false, contentType: 'text/plain; charset=utf-8' });
  });

  it('stops at maxBytes and cancels the rest of the download', async () => {
    const chunk = new Uint8Array(600).fill(65);
    const { response, state } = chunkedResponse([chunk, chunk, chunk, chunk], { 'content-type': 'application/octet-stream' });
    mockFetch(() => response);
    const file = await fetchFileBytes(projectId, commitId, 'big.csv', 1000);
    expect(file.bytes).toHaveLength(1000);
    expect(file.truncated).toBe(true);
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(4);
  });

  it('throws the API’s own error for a missing file', async () => {
    mockFetch(() => json({ requestId: 'req-404', errors: [`File nope.txt not found at commit ${commitId}`] }, { status: 404 }));
    const error = await fetchFileBytes(projectId, commitId, 'nope.txt', 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DominoApiError);
    expect(error).toMatchObject({
      status: 404,
      requestId: 'req-404',
      endpoint: 'GET /api/projects/beta/projects/{projectId}/files/{commitId}/{path+}/content',
    });
  });

  it('turns a failed connection into a NetworkError', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(fetchFileBytes(projectId, commitId, 'x', 10)).rejects.toBeInstanceOf(NetworkError);
  });
});

describe('commitFile and fetchDirectory', () => {
  it('PUTs the bytes as application/octet-stream with path and message in the query', async () => {
    const { calls, fetchMock } = mockFetch(() => json({ commitId, path: 'data/x.csv', size: 3, metadata }));
    const saved = await commitFile({ projectId, path: 'data/x.csv', message: '  New data ', content: new Blob(['a,b']) });
    expect(saved).toMatchObject({ commitId, path: 'data/x.csv', size: 3 });
    expect(calls[0]).toMatchObject({ method: 'PUT', url: `/api/embedded/v1/projects/${projectId}/files?path=data%2Fx.csv&message=New+data` });
    expect(calls[0]?.headers['content-type']).toBe('application/octet-stream');
    expect(fetchMock.mock.calls[0]?.[1]?.body).toBeInstanceOf(Blob);
  });

  it('reports an answer that does not match the contract', async () => {
    mockFetch(() => json({ commitId }));
    await expect(commitFile({ projectId, path: 'x', content: new Blob(['x']) })).rejects.toBeInstanceOf(ResponseShapeError);
  });

  it('leaves the path out for the top folder', async () => {
    const { calls } = mockFetch(() => json({ commitId, path: '', entries: [], metadata }));
    await fetchDirectory(projectId, 'main', '');
    expect(calls[0]?.url).toBe(`/api/embedded/v1/projects/${projectId}/tree/main`);
  });
});
