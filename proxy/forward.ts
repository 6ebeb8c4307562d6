// The /api proxy as a Node middleware, shared by the Vite dev server and `npm run serve`.
// Because it acts with a key, it must not serve other sites: it refuses a Host it does not serve
// (DNS rebinding) and a mutating request from a foreign Origin (cross-site request forgery).
// It must not throw either: under `npm run serve` an exception would end the process.
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { ProxyTarget } from './target';

export type NextFunction = (error?: unknown) => void;
export type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: NextFunction) => void;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Hop-by-hop headers and anything that could carry the browser's own credentials.
const DROPPED_REQUEST_HEADERS = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'x-domino-api-key',
  'authorization',
  'cookie',
  'origin',
  'referer',
]);
// Hop-by-hop headers describe Domino's connection to us, not ours to the browser (a `connection:
// keep-alive` copied over would keep open a connection the client asked to close); and no cookie
// of Domino's is the browser's business.
const DROPPED_RESPONSE_HEADERS = ['connection', 'keep-alive', 'proxy-authenticate', 'trailer', 'transfer-encoding', 'upgrade', 'set-cookie'];

/** Whether the request target is a path (`/...`). Absolute-form (`http://host/...`) is meant for
 * forward proxies, which this is not, and asterisk-form (`*`) names no resource: both are refused. */
export function isOriginForm(url: string): boolean {
  return url.startsWith('/');
}

export function isProxiedPath(url: string): boolean {
  return url === '/version' || url.startsWith('/version?') || url.startsWith('/api/');
}

/** Answers with an error body in the proxy's own shape; returns its requestId for the log. */
export function refuse(res: http.ServerResponse, status: number, message: string): string {
  const requestId = crypto.randomUUID();
  res.writeHead(status, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify({ requestId, errors: [message] }));
  return requestId;
}

/** Answers 500 for an exception no handler expected: the process goes on, and the message and
 * stack go to the log only, never to the client. */
export function failUnexpectedly(req: http.IncomingMessage, res: http.ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    console.error(`${req.method} ${req.url} failed after its answer began:`, error);
    return;
  }
  const requestId = refuse(res, 500, 'Internal error');
  console.error(`${req.method} ${req.url} failed (requestId ${requestId}):`, error);
}

/** The last guard of a server: an exception in any handler answers 500 instead of ending the process. */
export function answeringErrors(handler: http.RequestListener): http.RequestListener {
  return (req, res) => {
    try {
      handler(req, res);
    } catch (error) {
      failUnexpectedly(req, res, error);
    }
  };
}

/** Who the proxy answers: Host values (lower case, e.g. localhost:5173) and the Origins a
 * mutating request may come from (scheme, host and port, e.g. http://localhost:5173). */
export interface Allowed {
  hosts: ReadonlySet<string>;
  origins: ReadonlySet<string>;
}

/**
 * What a server listening on `port` on this machine answers to: its loopback names and
 * `extraHosts`, all spoken to in plain http, and the public URL's host and origin when a reverse
 * proxy serves it under another scheme. The public host does not add an http:// origin: a page
 * served in plain http under that name is not the console's.
 */
export function allowedFor(port: number, extraHosts: readonly string[] = [], publicUrl?: URL): Allowed {
  const plain = [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, ...extraHosts.map((h) => h.toLowerCase())];
  const hosts = new Set(plain);
  const origins = new Set(plain.map((host) => `http://${host}`));
  if (publicUrl) {
    hosts.add(publicUrl.host);
    origins.add(publicUrl.origin);
  }
  return { hosts, origins };
}

/** DNS rebinding: a page of another site, resolved to us, sends its own name as Host. */
export function checkHost(req: http.IncomingMessage, allowed: Allowed): string | undefined {
  const host = (req.headers.host ?? '').toLowerCase();
  return allowed.hosts.has(host) ? undefined : `Host "${host}" is not served here`;
}

export function checkRequest(req: http.IncomingMessage, allowed: Allowed): string | undefined {
  const hostRefusal = checkHost(req, allowed);
  if (hostRefusal) return hostRefusal;
  if (SAFE_METHODS.has(req.method ?? 'GET')) return undefined;
  if (req.headers['sec-fetch-site'] === 'cross-site') return 'Cross-site requests are refused';
  // Browsers send the origin serialized (lower-case scheme and host, default port left out), so
  // it is compared as a string. An opaque origin ("null": a sandboxed frame, a file:// page, some
  // redirects) is in no set and so is refused. No Origin at all is a client that is not a browser.
  const origin = req.headers.origin;
  if (origin !== undefined && !allowed.origins.has(origin.toLowerCase())) return `Origin "${origin}" is refused`;
  return undefined;
}

export interface ForwardOptions {
  /** The credential header to add (the session's, or the configured one), or none. */
  credential: [name: string, value: string] | undefined;
  /** Headers to add to the answer, decided on its status (e.g. the identity, a session that ended). */
  answerHeaders?: (status: number) => Record<string, string>;
}

/**
 * How much of a request body may wait in the socket to Domino before the browser's side is paused.
 * Node's default (16 KB) is a quarter of one 64 KB socket read, so a large upload was paused and
 * resumed after every read; 1 MB lets the reads flow while bounding what one request holds.
 */
const FORWARD_BUFFER_BYTES = 1024 * 1024;

/** The request's headers as Domino may see them: the browser's credentials and hop-by-hop headers gone, ours added. */
function headersForDomino(target: ProxyTarget, req: http.IncomingMessage, options: ForwardOptions): http.IncomingHttpHeaders {
  const headers: http.IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!DROPPED_REQUEST_HEADERS.has(name)) headers[name] = value;
  }
  headers.host = target.baseUrl.host;
  if (options.credential) headers[options.credential[0].toLowerCase()] = options.credential[1];
  return headers;
}

/** Passes a request on to Domino with the given credential (never the browser's own) and streams the answer back. */
export function forwardTo(target: ProxyTarget, req: http.IncomingMessage, res: http.ServerResponse, url: string, options: ForwardOptions): void {
  if (target.dispatch) return handOver(target.dispatch, req, res, url, headersForDomino(target, req, options), options);
  const client = target.baseUrl.protocol === 'https:' ? https : http;
  const basePath = target.baseUrl.pathname.replace(/\/$/, '');
  const headers = headersForDomino(target, req, options);

  // Node takes highWaterMark for a request's socket; its type declarations do not list it.
  const requestOptions: http.RequestOptions & { highWaterMark: number } = {
    protocol: target.baseUrl.protocol,
    hostname: target.baseUrl.hostname,
    port: target.baseUrl.port,
    method: req.method,
    path: basePath + url,
    headers,
    highWaterMark: FORWARD_BUFFER_BYTES,
  };
  let answer: http.IncomingMessage | undefined;
  const upstream = client.request(requestOptions, (response) => {
    answer = response;
    const responseHeaders: http.OutgoingHttpHeaders = { ...response.headers };
    for (const name of DROPPED_RESPONSE_HEADERS) delete responseHeaders[name];
    Object.assign(responseHeaders, options.answerHeaders?.(response.statusCode ?? 502));
    // Called later, outside the guard below: a header Node will not write must not end the process.
    try {
      res.writeHead(response.statusCode ?? 502, responseHeaders);
    } catch (error) {
      response.resume();
      return failUnexpectedly(req, res, error);
    }
    response.pipe(res);
  });
  upstream.on('error', (error) => {
    // Domino answered before it stopped reading (a refused upload: 413, then it closes): the
    // answer stands, and the rest of the body is read and dropped so it can reach the browser.
    if (answer && !answer.destroyed) {
      req.unpipe(upstream);
      req.resume();
      return;
    }
    if (res.headersSent) return res.destroy(error);
    const where = target.embedded ? 'the embedded Domino' : target.baseUrl.origin;
    refuse(res, 502, `Could not reach ${where}: ${error.message}`);
  });
  req.on('aborted', () => upstream.destroy());
  req.pipe(upstream);
}

// Only what is not the connection's: handed over in-process, the answer is written on the
// browser's own connection, so its hop-by-hop headers (a `connection: close` after a refused
// upload, say) are true of it and stay.
const DROPPED_HANDED_OVER_HEADERS = ['proxy-authenticate', 'set-cookie'];

/**
 * The embedded Domino of this process gets the browser's request itself, with the headers it may
 * see: no second socket, no copy of the body through the loopback (decision 34). The answer's
 * headers pass the same filter as over HTTP, applied where Node writes them.
 */
function handOver(
  dispatch: NonNullable<ProxyTarget['dispatch']>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: string,
  headers: http.IncomingHttpHeaders,
  options: ForwardOptions,
): void {
  req.headers = headers;
  // rawHeaders too, so nothing that reads them finds the browser's cookie or key.
  req.rawHeaders = Object.entries(headers).flatMap(([name, value]) => (Array.isArray(value) ? value.flatMap((v) => [name, v]) : [name, String(value)]));
  req.url = url;
  const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => http.ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    // writeHead(status[, reason][, headers]): the headers given here and those set before.
    const given = rest.find((arg) => typeof arg === 'object' && arg !== null) as http.OutgoingHttpHeaders | undefined;
    for (const name of DROPPED_HANDED_OVER_HEADERS) {
      res.removeHeader(name);
      if (given && !Array.isArray(given)) for (const key of Object.keys(given)) if (key.toLowerCase() === name) delete given[key];
    }
    for (const [name, value] of Object.entries(options.answerHeaders?.(status) ?? {})) res.setHeader(name, value);
    return writeHead(status, ...rest);
  }) as typeof res.writeHead;
  dispatch(req, res);
}

/** The status and JSON body of a request the proxy makes itself (checking a key, minting a session's). */
export function callDomino(
  target: ProxyTarget,
  method: string,
  path: string,
  credential: [string, string] | undefined,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const client = target.baseUrl.protocol === 'https:' ? https : http;
  const basePath = target.baseUrl.pathname.replace(/\/$/, '');
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const upstream = client.request(
      {
        protocol: target.baseUrl.protocol,
        hostname: target.baseUrl.hostname,
        port: target.baseUrl.port,
        method,
        path: basePath + path,
        headers: {
          host: target.baseUrl.host,
          accept: 'application/json',
          ...(credential ? { [credential[0].toLowerCase()]: credential[1] } : {}),
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
        timeout: 15_000,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          resolve({ status: response.statusCode ?? 502, body: parsed });
        });
      },
    );
    upstream.on('timeout', () => upstream.destroy(new Error('Domino did not answer within 15 s')));
    upstream.on('error', reject);
    upstream.end(payload);
  });
}
