// A sandboxed job reaches the embedded Domino only through its run's API relay: a Unix socket of
// its own, bound into the sandbox, where every request is handed to the app in-process with the
// run's key — whatever credential the job sends is replaced, so a run acts as its starter and no
// one else. (Inside the sandbox, a small relay passes localhost:8899 on to this socket.)
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

// Which run's relay a request came through. A symbol on the request object itself: nothing a
// client sends can set it, so the tracking routes can trust it to name the job.
const RUN_OF_REQUEST = Symbol('domino.run-of-request');
type RelayedRequest = http.IncomingMessage & { [RUN_OF_REQUEST]?: string };

/** The job whose relay this request came through, or undefined for a request from outside. */
export function runOfRequest(req: http.IncomingMessage): string | undefined {
  return (req as RelayedRequest)[RUN_OF_REQUEST];
}

/** Hands a request to the app (Fastify's `routing`), as its own HTTP server would. */
export type RequestDispatcher = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface OpenRelay {
  socketPath: string;
  close(): Promise<void>;
}

// Unix socket paths are limited to 108 bytes on Linux.
const MAX_SOCKET_PATH = 107;

export class ApiRelays {
  private dir: string | undefined;

  constructor(private readonly dispatcher: () => RequestDispatcher | undefined) {}

  async open(runId: string, apiKey: string): Promise<OpenRelay> {
    // One private directory per server process, outside the data dir (its path may be long).
    this.dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'domino-relay-'));
    const socketPath = path.join(this.dir, `${runId}.sock`);
    if (socketPath.length > MAX_SOCKET_PATH)
      throw new Error(`the API relay's socket path is too long (${socketPath.length} bytes; set TMPDIR to a shorter directory)`);
    fs.rmSync(socketPath, { force: true });
    const server = http.createServer((req, res) => {
      const dispatch = this.dispatcher();
      if (!dispatch) {
        res
          .writeHead(503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ requestId: 'relay', errors: ['The embedded Domino is not ready yet'] }));
        return;
      }
      delete req.headers.authorization;
      req.headers['x-domino-api-key'] = apiKey;
      (req as RelayedRequest)[RUN_OF_REQUEST] = runId;
      dispatch(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    fs.chmodSync(socketPath, 0o600);
    return {
      socketPath,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
          fs.rmSync(socketPath, { force: true });
        }),
    };
  }

  /** Removes the relay directory (server shutdown). */
  dispose(): void {
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
