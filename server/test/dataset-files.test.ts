// The files extension: listing, streamed downloads with ranges, streamed uploads with a limit,
// deletes — and paths that never leave the dataset.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_DATASETS, newDataset, putDatasetFile, readDatasetFile, snapshotOf } from './dataset-fixtures';
import { newProject } from './fixtures';
import { startTestServer } from './helper';

async function setUp() {
  const server = await startTestServer();
  const maya = await server.newUser('maya');
  const project = await newProject(server, maya);
  const dataset = await newDataset(server, maya, project.id);
  const files = `${EMBEDDED_DATASETS}/${dataset.id}/files`;
  const live = path.join(server.dataDir, 'datasets', 'live', dataset.id);
  return { server, maya, dataset, files, live };
}

describe('dataset files', () => {
  it('uploads, lists a directory, downloads whole and by range, and deletes files and directories', async () => {
    const { server, maya, dataset, files } = await setUp();
    const uploaded = await putDatasetFile(server, maya, dataset.id, 'raw/2026/jan.csv', 'month,value\njan,1\n');
    expect(uploaded).toMatchObject({ path: 'raw/2026/jan.csv', size: 18 });
    await putDatasetFile(server, maya, dataset.id, 'README.txt', '<script>alert(1)</script>');
    const root = await server.call(maya, { method: 'GET', url: files });
    expect(root.body.entries.map((e: { name: string; type: string; size: number | null }) => [e.name, e.type, e.size])).toEqual([
      ['raw', 'dir', null],
      ['README.txt', 'file', 25],
    ]);
    expect((await server.call(maya, { method: 'GET', url: `${files}?path=raw/2026` })).body.entries[0]).toMatchObject({ path: 'raw/2026/jan.csv', size: 18 });
    const whole = await readDatasetFile(server, maya, dataset.id, 'README.txt');
    expect(whole.body).toBe('<script>alert(1)</script>');
    // Never rendered by the browser as a page.
    expect(whole.headers['content-type']).toBe('application/octet-stream');
    expect(whole.headers['content-length']).toBe('25');
    expect(whole.headers['x-content-type-options']).toBe('nosniff');
    const range = await server.call(maya, { method: 'GET', url: `${files}/content?path=raw/2026/jan.csv`, headers: { range: 'bytes=6-10' } });
    expect(range.status).toBe(206);
    expect(range.body).toBe('value');
    expect(range.headers['content-range']).toBe('bytes 6-10/18');
    const suffix = await server.call(maya, { method: 'GET', url: `${files}/content?path=raw/2026/jan.csv`, headers: { range: 'bytes=-2' } });
    expect(suffix.body).toBe('1\n');
    const beyond = await server.call(maya, { method: 'GET', url: `${files}/content?path=raw/2026/jan.csv`, headers: { range: 'bytes=100-' } });
    expect(beyond.status).toBe(416);
    // Overwrite, then delete a file and a directory.
    await putDatasetFile(server, maya, dataset.id, 'README.txt', 'v2');
    expect((await readDatasetFile(server, maya, dataset.id, 'README.txt')).body).toBe('v2');
    expect((await server.call(maya, { method: 'GET', url: `${EMBEDDED_DATASETS}/${dataset.id}/stats` })).body.stats).toMatchObject({ fileCount: 2, bytes: 20 });
    expect((await server.call(maya, { method: 'DELETE', url: `${files}?path=README.txt` })).status).toBe(204);
    expect((await server.call(maya, { method: 'DELETE', url: `${files}?path=raw` })).status).toBe(204);
    expect((await server.call(maya, { method: 'GET', url: files })).body.entries).toEqual([]);
    expect((await server.call(maya, { method: 'DELETE', url: `${files}?path=raw` })).status).toBe(404);
    expect((await server.call(maya, { method: 'DELETE', url: `${files}?path=.` })).status).toBe(400);
    expect((await server.call(maya, { method: 'GET', url: `${files}/content?path=missing.txt` })).status).toBe(404);
  });

  it('refuses "..", encoded "..", absolute paths, NUL and symbolic links that leave the dataset, naming the path', async () => {
    const { server, maya, dataset, files, live } = await setUp();
    await putDatasetFile(server, maya, dataset.id, 'inside.txt', 'in');
    fs.symlinkSync('/etc/passwd', path.join(live, 'passwd-link'));
    fs.symlinkSync('/etc', path.join(live, 'etc-link'));
    fs.symlinkSync('inside.txt', path.join(live, 'good-link'));
    const outside = path.join(server.dataDir, 'outside.txt');
    fs.writeFileSync(outside, 'secret');
    const cases: Array<[string, string]> = [
      ['../../../etc/passwd', '../../../etc/passwd'],
      ['%2e%2e/%2e%2e/outside.txt', '../../outside.txt'],
      ['/etc/passwd', '/etc/passwd'],
      ['a%00b', 'a\u0000b'],
      ['passwd-link', 'passwd-link'],
      ['etc-link/passwd', 'etc-link/passwd'],
    ];
    for (const [sent, named] of cases) {
      for (const request of [
        { method: 'GET' as const, url: `${files}/content?path=${sent}` },
        { method: 'GET' as const, url: `${files}?path=${sent}` },
      ]) {
        const res = await server.call(maya, request);
        expect(res.status, `${request.url}: ${JSON.stringify(res.body)}`).toBe(400);
        expect(res.body.errors[0], request.url).toContain(JSON.stringify(named));
      }
    }
    for (const sent of ['../escape.txt', '/tmp/escape.txt', 'etc-link/evil', 'passwd-link']) {
      const res = await server.call(maya, {
        method: 'PUT',
        url: `${files}?path=${encodeURIComponent(sent)}`,
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from('pwned'),
      });
      expect(res.status, sent).toBe(400);
    }
    // Listing a linked directory outside: refused, not listed.
    const listing = await server.call(maya, { method: 'GET', url: `${files}?path=etc-link` });
    expect(listing.status, JSON.stringify(listing.body)).toBe(400);
    expect(listing.body.errors[0]).toContain('"etc-link" leads outside the dataset');
    expect(fs.readFileSync('/etc/passwd', 'utf8')).not.toContain('pwned');
    // Deleting a link removes the link, never its target.
    expect((await server.call(maya, { method: 'DELETE', url: `${files}?path=passwd-link` })).status).toBe(204);
    expect(fs.existsSync('/etc/passwd')).toBe(true);
    // A link that stays inside is fine; one that leaves is not listed.
    expect((await readDatasetFile(server, maya, dataset.id, 'good-link')).body).toBe('in');
    const listed = await server.call(maya, { method: 'GET', url: files });
    expect(listed.body.entries.map((e: { name: string }) => e.name)).toEqual(['good-link', 'inside.txt']);
    expect(fs.readFileSync(outside, 'utf8')).toBe('secret');
  });

  it('a snapshot of a tree with a link out of it fails, naming the link', async () => {
    const { server, maya, dataset, live } = await setUp();
    await putDatasetFile(server, maya, dataset.id, 'ok.txt', 'fine');
    fs.symlinkSync('/etc/hostname', path.join(live, 'sneaky'));
    const snapshot = await snapshotOf(server, maya, dataset.id);
    expect(snapshot.status).toBe('failed');
    const stats = await server.call(maya, { method: 'GET', url: `/api/embedded/v1/snapshots/${snapshot.id}/stats` });
    expect(stats.body.stats.failureReason).toMatch(/"sneaky" is a symbolic link that leads outside the dataset/);
    expect((await server.call(maya, { method: 'GET', url: `/api/embedded/v1/snapshots/${snapshot.id}/files` })).status).toBe(400);
  });

  it('refuses an upload over the limit: by Content-Length before reading it, or cut off mid-stream with the partial file removed', async () => {
    const { server, maya, files, live } = await setUp();
    server.app.ctx.datasetState!.uploadLimit = 1000;
    const declared = await server.call(maya, {
      method: 'PUT',
      url: `${files}?path=big.bin`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.alloc(1001),
    });
    expect(declared.status).toBe(413);
    expect(declared.body.errors[0]).toMatch(/upload limit of 1000 bytes/);
    // A chunked body (no Content-Length) is cut at the limit.
    const chunks = [Buffer.alloc(600), Buffer.alloc(600)];
    const chunked = await server.call(maya, {
      method: 'PUT',
      url: `${files}?path=chunked.bin`,
      headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
      payload: Readable.from(chunks),
    });
    expect(chunked.status).toBe(413);
    expect(fs.readdirSync(live)).toEqual([]);
    expect(fs.readdirSync(path.join(server.dataDir, 'datasets', 'tmp'))).toEqual([]);
    const exact = await server.call(maya, {
      method: 'PUT',
      url: `${files}?path=fits.bin`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.alloc(1000),
    });
    expect(exact.status).toBe(200);
  });
});
