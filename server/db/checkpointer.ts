// WAL checkpoints on a second thread (decision 44). SQLite's automatic checkpoint runs inside the
// commit that crosses its threshold: copying ~4 MB of pages back into the database and two
// fsyncs, on the one thread that serves every request (a third of what logging a batch of metric
// values cost). Here a worker with its own connection runs a PASSIVE checkpoint — it never takes
// the write lock — a few times a second, on the other core. The WAL stays the durable record of
// every commit, so a kill -9 at any moment loses nothing either way; the serving connection keeps
// a high automatic threshold as a safety net should the worker stall.
import { Worker } from 'node:worker_threads';
import type { Db } from './database';

const EVERY_MS = 200;
/** Pages (4 KiB) the WAL may reach before the serving connection checkpoints itself. */
const SAFETY_NET_PAGES = 16_384;

// Plain JavaScript evaluated in the worker: no TypeScript loader there.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require('better-sqlite3');
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next tick tries again */ }
}, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); } finally { db.close(); parentPort.close(); }
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/** Moves the database file's checkpoints to a worker thread until stopped. */
export function startCheckpointer(db: Db): Checkpointer {
  db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: db.name, everyMs: EVERY_MS } });
  worker.unref();
  // A worker that fails (it cannot open the file) leaves checkpoints to the serving connection.
  worker.on('error', () => db.pragma('wal_autocheckpoint = 1000'));
  return {
    stop: () =>
      new Promise((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
