// `dominostats.json`, a job's headline numbers. The server reads it outside any sandbox, so it
// opens the file without following a link (a job could point one at any file of the host), only
// as a regular file of a bounded size directly inside the work tree, and never quotes it.
import fs from 'node:fs';
import path from 'node:path';

export const DOMINO_STATS_FILE = 'dominostats.json';
const MAX_STATS_BYTES = 256 * 1024;

export type DominoStats = Record<string, string | number>;

/**
 * What identifies the file's state without reading it: its inode and change time (any write,
 * rename or replacement changes one of them). Taken after checkout and again after the run, it
 * tells a file the run wrote from one a previous run committed and this one merely checked out.
 */
export function dominoStatsVersion(workTree: string): string | undefined {
  try {
    const stat = fs.lstatSync(path.join(workTree, DOMINO_STATS_FILE), { bigint: true });
    return `${stat.ino}:${stat.ctimeNs}:${stat.mtimeNs}:${stat.size}`;
  } catch {
    return undefined;
  }
}

/** The stats, or why the file was ignored (in the server's own words), or nothing when there is no file. */
export function readDominoStats(workTree: string): { stats: DominoStats; ignored?: string } {
  let fd: number;
  try {
    fd = fs.openSync(path.join(workTree, DOMINO_STATS_FILE), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { stats: {} };
    return { stats: {}, ignored: code === 'ELOOP' ? 'it is a symbolic link' : 'it could not be opened' };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { stats: {}, ignored: 'it is not a regular file' };
    if (stat.size > MAX_STATS_BYTES) return { stats: {}, ignored: `it is larger than ${MAX_STATS_BYTES / 1024} KiB` };
    const buffer = Buffer.alloc(stat.size);
    const read = fs.readSync(fd, buffer, 0, stat.size, 0);
    let parsed: unknown;
    try {
      parsed = JSON.parse(buffer.subarray(0, read).toString('utf8'));
    } catch {
      // JSON.parse's message quotes the text: never echo a file's contents.
      return { stats: {}, ignored: 'it is not valid JSON' };
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { stats: {}, ignored: 'it is not a JSON object' };
    const stats: DominoStats = {};
    for (const [name, value] of Object.entries(parsed)) if (typeof value === 'number' || typeof value === 'string') stats[name] = value;
    return { stats };
  } finally {
    fs.closeSync(fd);
  }
}
