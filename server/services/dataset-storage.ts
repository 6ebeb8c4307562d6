// A dataset's files on disk (docs/decisions/0015-dataset-snapshots.md): the live tree is a plain
// directory, a snapshot is a manifest in SQLite over a content-addressed blob store (SHA-256),
// never links to live files, so a job appending to a live file cannot change a snapshot.
//
//   <dataDir>/datasets/live/<datasetId>/...   the live files, mounted into jobs
//   <dataDir>/datasets/blobs/<ab>/<sha256>    immutable contents, shared by every snapshot
//   <dataDir>/datasets/tmp/                   uploads and blobs being written (emptied at start)
//
// Every path from a request goes through cleanPath (no "..", absolute paths or NUL) and then
// through the real path of what it names, which must stay inside the dataset: a symbolic link a
// job planted cannot make the server read or write anywhere else.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ManifestEntry } from '../db/datasets-repository';
import { ApiError, badRequest, notFound } from '../http/errors';

export interface DatasetDirs {
  root: string;
  live: string;
  blobs: string;
  tmp: string;
}

export function datasetDirs(dataDir: string): DatasetDirs {
  const root = path.join(dataDir, 'datasets');
  return { root, live: path.join(root, 'live'), blobs: path.join(root, 'blobs'), tmp: path.join(root, 'tmp') };
}

/** A path as it may appear in a message: control characters shown, length bounded. */
export function shown(value: string): string {
  const printable = JSON.stringify(value);
  return printable.length > 200 ? `${printable.slice(0, 200)}…"` : printable;
}

/**
 * A request's path inside a dataset, normalised: '' is the root. "..", an absolute path or a NUL
 * is a 400 naming the path.
 */
export function cleanPath(input: string): string {
  if (input.includes('\0')) throw badRequest(`path ${shown(input)} contains a NUL character`);
  if (input.startsWith('/')) throw badRequest(`path ${shown(input)} is absolute; give a path inside the dataset`);
  const parts = input.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) throw badRequest(`path ${shown(input)} contains ".."; give a path inside the dataset`);
  return parts.join('/');
}

function inside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(`${root}/`);
}

function escapes(relative: string): ApiError {
  return badRequest(`path ${shown(relative)} leads outside the dataset (through a symbolic link)`);
}

/** The live directory of a dataset, made when missing (a dataset starts empty). */
export function liveDir(dirs: DatasetDirs, datasetId: string): string {
  const dir = path.join(dirs.live, datasetId);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function blobPath(dirs: DatasetDirs, sha256: string): string {
  return path.join(dirs.blobs, sha256.slice(0, 2), sha256);
}

/** The real path of an existing file or directory of the tree, confined to it; 404 when missing. */
export async function resolveExisting(root: string, relative: string): Promise<{ real: string; stat: fs.Stats }> {
  const realRoot = await fs.promises.realpath(root);
  let real: string;
  try {
    real = await fs.promises.realpath(path.join(realRoot, relative));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR')
      throw notFound(`No file or directory ${shown(relative)} in the dataset`);
    throw error;
  }
  if (!inside(realRoot, real)) throw escapes(relative);
  return { real, stat: await fs.promises.stat(real) };
}

/**
 * Opens a file of the tree for reading, confined even against a link swapped in after the check:
 * the final component is opened without following links, and the opened file's own path (from
 * /proc) must still be inside the tree.
 */
export async function openConfined(root: string, relative: string): Promise<{ handle: fs.promises.FileHandle; size: number }> {
  const { real, stat } = await resolveExisting(root, relative);
  if (!stat.isFile()) throw badRequest(`path ${shown(relative)} is a directory, not a file`);
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(real, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw escapes(relative);
    throw error;
  }
  const opened = await fs.promises.readlink(`/proc/self/fd/${handle.fd}`).catch(() => real);
  if (!inside(await fs.promises.realpath(root), opened)) {
    await handle.close();
    throw escapes(relative);
  }
  return { handle, size: (await handle.stat()).size };
}

export interface TreeEntry {
  name: string;
  path: string;
  type: 'file' | 'dir';
  size: number | null;
  modifiedAt?: string;
}

/** A directory of the live tree; links are listed by what they point at, when that is inside. */
export async function listLive(root: string, relative: string): Promise<TreeEntry[]> {
  const { real, stat } = await resolveExisting(root, relative);
  if (!stat.isDirectory()) throw badRequest(`path ${shown(relative)} is a file, not a directory`);
  const realRoot = await fs.promises.realpath(root);
  const entries: TreeEntry[] = [];
  for (const dirent of await fs.promises.readdir(real, { withFileTypes: true })) {
    const entryPath = relative === '' ? dirent.name : `${relative}/${dirent.name}`;
    let target: fs.Stats;
    try {
      if (dirent.isSymbolicLink()) {
        const resolved = await fs.promises.realpath(path.join(real, dirent.name));
        if (!inside(realRoot, resolved)) continue; // a link out of the dataset is not part of it
        target = await fs.promises.stat(resolved);
      } else target = await fs.promises.lstat(path.join(real, dirent.name));
    } catch {
      continue; // gone meanwhile, or a dangling link
    }
    if (target.isDirectory()) entries.push({ name: dirent.name, path: entryPath, type: 'dir', size: null, modifiedAt: target.mtime.toISOString() });
    else if (target.isFile()) entries.push({ name: dirent.name, path: entryPath, type: 'file', size: target.size, modifiedAt: target.mtime.toISOString() });
  }
  return entries.sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name) : a.type === 'dir' ? -1 : 1));
}

/** The immediate entries of a directory of a snapshot, from the files below it. */
export function listManifest(files: Array<{ path: string; size: number }>, relative: string): TreeEntry[] {
  const prefix = relative === '' ? '' : `${relative}/`;
  const dirs = new Set<string>();
  const entries: TreeEntry[] = [];
  for (const file of files) {
    const rest = file.path.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash === -1) entries.push({ name: rest, path: file.path, type: 'file', size: file.size });
    else dirs.add(rest.slice(0, slash));
  }
  const dirEntries: TreeEntry[] = [...dirs].map((name) => ({ name, path: `${prefix}${name}`, type: 'dir', size: null }));
  return [...dirEntries.sort((a, b) => a.name.localeCompare(b.name)), ...entries.sort((a, b) => a.name.localeCompare(b.name))];
}

/**
 * Makes the directories of a path to be written, refusing to go through any link or file: writes
 * land only in real directories of the tree. Answers the target's absolute path.
 */
async function prepareWrite(root: string, relative: string): Promise<string> {
  const parts = relative.split('/');
  let current = root;
  for (const [index, part] of parts.entries()) {
    current = path.join(current, part);
    const last = index === parts.length - 1;
    let stat: fs.Stats | undefined;
    try {
      stat = await fs.promises.lstat(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (stat?.isSymbolicLink()) throw badRequest(`path ${shown(relative)} goes through a symbolic link; links are not written through`);
    if (last) {
      if (stat?.isDirectory()) throw badRequest(`path ${shown(relative)} is a directory`);
    } else if (!stat) await fs.promises.mkdir(current);
    else if (!stat.isDirectory()) throw badRequest(`path ${shown(relative)}: ${shown(parts.slice(0, index + 1).join('/'))} is a file, not a directory`);
  }
  return current;
}

export class TooLarge extends ApiError {
  constructor(limit: number) {
    super(413, [`The file is larger than the upload limit of ${limit} bytes`]);
  }
}

const UPLOAD_BUFFER_BYTES = 1024 * 1024;

/**
 * Streams a body into a file of the tree: written to the tmp directory and renamed into place,
 * so a reader never sees half a file and a cut-off upload leaves nothing behind. More than
 * `limit` bytes stops the copy (413) and removes the partial file.
 */
export async function writeStreamed(dirs: DatasetDirs, root: string, relative: string, body: Readable, limit: number): Promise<number> {
  const target = await prepareWrite(root, relative);
  fs.mkdirSync(dirs.tmp, { recursive: true });
  const tmp = path.join(dirs.tmp, `upload-${crypto.randomBytes(8).toString('hex')}`);
  let size = 0;
  const counter = new Transform({
    highWaterMark: UPLOAD_BUFFER_BYTES,
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit) done(new TooLarge(limit));
      else done(null, chunk);
    },
  });
  try {
    // The request is piped by hand, not through pipeline(): on a cut-off upload the request must
    // not be destroyed with the file, or the 413 could not be answered on its socket.
    const source = body;
    const done = pipeline(counter, fs.createWriteStream(tmp, { flags: 'wx', highWaterMark: UPLOAD_BUFFER_BYTES }));
    const onError = (error: Error) => counter.destroy(error);
    const onClose = () => {
      if (!source.readableEnded) counter.destroy(Object.assign(new Error('upload cut off'), { code: 'ECONNRESET' }));
    };
    source.once('error', onError);
    source.once('close', onClose);
    source.pipe(counter);
    try {
      await done;
    } finally {
      source.off('error', onError);
      source.off('close', onClose);
      source.unpipe(counter);
    }
    // The tree may have changed while the body arrived: check the place again before the rename.
    await prepareWrite(root, relative);
    await fs.promises.rename(tmp, target);
  } catch (error) {
    await fs.promises.rm(tmp, { force: true });
    if (error instanceof ApiError) {
      body.resume(); // what is left of the body is read and dropped, so the answer can be sent
      throw error;
    }
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE' || (error as NodeJS.ErrnoException).code === 'ECONNRESET')
      throw badRequest('The upload was cut off before its end');
    throw error;
  }
  return size;
}

/** Removes a file or a directory (and what it holds) of the tree; never the root, never through a link. */
export async function removeFromTree(root: string, relative: string): Promise<void> {
  if (relative === '') throw badRequest('path must name a file or directory inside the dataset, not the dataset itself');
  const parent = relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/')) : '';
  const { real } = await resolveExisting(root, parent);
  const target = path.join(real, path.basename(relative));
  try {
    await fs.promises.lstat(target);
  } catch {
    throw notFound(`No file or directory ${shown(relative)} in the dataset`);
  }
  // rm does not follow a link it removes: a link is removed itself, its target left alone.
  await fs.promises.rm(target, { recursive: true, force: true });
}

/** Files and bytes of the live tree (links not followed). */
export async function treeStats(root: string): Promise<{ fileCount: number; bytes: number }> {
  let fileCount = 0;
  let bytes = 0;
  const walk = async (dir: string) => {
    let dirents: fs.Dirent[];
    try {
      dirents = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const dirent of dirents) {
      const full = path.join(dir, dirent.name);
      if (dirent.isDirectory()) await walk(full);
      else if (dirent.isFile()) {
        const stat = await fs.promises.lstat(full).catch(() => undefined);
        if (stat) {
          fileCount++;
          bytes += stat.size;
        }
      }
    }
  };
  await walk(root);
  return { fileCount, bytes };
}

/** A file found for a snapshot: where it is, and what it looked like. */
interface FoundFile {
  path: string;
  real: string;
  stat: fs.BigIntStats;
}

export class SnapshotProblem extends Error {}

/**
 * The regular files under the chosen paths of the tree. A link to a file inside the tree is taken
 * as that file; a link to a directory is skipped (no cycles); a link out of the tree fails the
 * snapshot naming it.
 */
async function findFiles(root: string, chosen: string[], signal: AbortSignal): Promise<FoundFile[]> {
  const realRoot = await fs.promises.realpath(root);
  const found = new Map<string, FoundFile>();
  const visit = async (relative: string, full: string, followLink: boolean): Promise<void> => {
    if (signal.aborted) throw signal.reason;
    const lstat = await fs.promises.lstat(full, { bigint: true }).catch(() => undefined);
    if (!lstat) return;
    if (lstat.isSymbolicLink()) {
      const real = await fs.promises.realpath(full).catch(() => undefined);
      if (real === undefined) return; // dangling: nothing to keep
      if (!inside(realRoot, real)) throw new SnapshotProblem(`${shown(relative)} is a symbolic link that leads outside the dataset`);
      const target = await fs.promises.stat(real, { bigint: true });
      if (target.isFile()) found.set(relative, { path: relative, real, stat: target });
      else if (followLink && target.isDirectory()) await visitDir(relative, real);
      return;
    }
    if (lstat.isFile()) found.set(relative, { path: relative, real: full, stat: lstat });
    else if (lstat.isDirectory()) await visitDir(relative, full);
  };
  const visitDir = async (relative: string, full: string): Promise<void> => {
    const names = await fs.promises.readdir(full).catch(() => [] as string[]);
    for (const name of names) await visit(relative === '' ? name : `${relative}/${name}`, path.join(full, name), false);
  };
  for (const relative of chosen) await visit(relative, relative === '' ? realRoot : path.join(realRoot, relative), true);
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Copies one file into the blob store while hashing it, and answers its SHA-256. The copy goes
 * to tmp first and is renamed to its hash: a crash leaves at most a file in tmp.
 */
async function storeBlob(dirs: DatasetDirs, realRoot: string, file: FoundFile): Promise<{ sha256: string; size: number }> {
  const handle = await fs.promises.open(file.real, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  const tmp = path.join(dirs.tmp, `blob-${crypto.randomBytes(8).toString('hex')}`);
  try {
    const opened = await fs.promises.readlink(`/proc/self/fd/${handle.fd}`).catch(() => file.real);
    if (!inside(realRoot, opened)) throw new SnapshotProblem(`${shown(file.path)} leads outside the dataset`);
    const hash = crypto.createHash('sha256');
    let size = 0;
    await pipeline(
      handle.createReadStream({ autoClose: false }),
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      }),
      fs.createWriteStream(tmp, { flags: 'wx', mode: 0o444 }),
    );
    const sha256 = hash.digest('hex');
    const dest = blobPath(dirs, sha256);
    if (fs.existsSync(dest)) await fs.promises.rm(tmp, { force: true });
    else {
      await fs.promises.mkdir(path.dirname(dest), { recursive: true });
      await fs.promises.rename(tmp, dest);
    }
    return { sha256, size };
  } finally {
    await handle.close();
    await fs.promises.rm(tmp, { force: true });
  }
}

/**
 * Reads the chosen paths of a live tree into the blob store and answers the manifest. A file whose
 * (size, mtime_ns, ctime_ns, inode) match the previous manifest's entry — and whose blob is there —
 * is not read again: an unchanged dataset costs a walk and a manifest.
 */
export async function snapshotTree(
  dirs: DatasetDirs,
  root: string,
  chosen: string[],
  previous: ManifestEntry[],
  options: { signal: AbortSignal; progress(done: number, total: number): void },
): Promise<ManifestEntry[]> {
  fs.mkdirSync(dirs.tmp, { recursive: true });
  const realRoot = await fs.promises.realpath(root);
  const files = await findFiles(root, chosen, options.signal);
  const before = new Map(previous.map((entry) => [entry.path, entry]));
  const manifest: ManifestEntry[] = [];
  for (const [index, file] of files.entries()) {
    if (options.signal.aborted) throw options.signal.reason;
    const looks = { size: Number(file.stat.size), mtimeNs: String(file.stat.mtimeNs), ctimeNs: String(file.stat.ctimeNs), inode: String(file.stat.ino) };
    const old = before.get(file.path);
    const unchanged =
      old !== undefined &&
      old.size === looks.size &&
      old.mtimeNs === looks.mtimeNs &&
      old.ctimeNs === looks.ctimeNs &&
      old.inode === looks.inode &&
      fs.existsSync(blobPath(dirs, old.sha256));
    if (unchanged) manifest.push({ path: file.path, ...looks, sha256: old.sha256 });
    else {
      const stored = await storeBlob(dirs, realRoot, file);
      // The size is what was read (the file may have grown meanwhile); the times are from before
      // the read, so a change during it makes the next snapshot read the file again.
      manifest.push({ path: file.path, ...looks, size: stored.size, sha256: stored.sha256 });
    }
    options.progress(index + 1, files.length);
  }
  return manifest;
}

/** Writes a snapshot's files into a new directory (a dataset created from a snapshot). */
export async function materialize(dirs: DatasetDirs, manifest: ManifestEntry[], target: string): Promise<void> {
  await fs.promises.mkdir(target, { recursive: true });
  for (const entry of manifest) {
    const dest = path.join(target, entry.path);
    await fs.promises.mkdir(path.dirname(dest), { recursive: true });
    await fs.promises.copyFile(blobPath(dirs, entry.sha256), dest);
    await fs.promises.chmod(dest, 0o644);
  }
}

/** Copies a live tree (regular files and directories only: links are not carried over). */
export async function copyTree(source: string, target: string): Promise<void> {
  await fs.promises.mkdir(target, { recursive: true });
  for (const dirent of await fs.promises.readdir(source, { withFileTypes: true }).catch(() => [] as fs.Dirent[])) {
    const from = path.join(source, dirent.name);
    const to = path.join(target, dirent.name);
    if (dirent.isDirectory()) await copyTree(from, to);
    else if (dirent.isFile()) await fs.promises.copyFile(from, to);
  }
}
