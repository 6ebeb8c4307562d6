// The /api proxy as a Node middleware, shared by the Vite dev server and `npm run serve`.
// Because it acts with a key, it must not serve other sites: it refuses a Host it does not serve
// (DNS rebinding) and a mutating request from a foreign Origin (cross-site request forgery).
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

export function isProxiedPath(url: string): boolean {
  return url === '/version' || url.startsWith('/version?') || url.startsWith('/api/');
}

function refuse(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ requestId: crypto.randomUUID(), errors: [message] }));
}

export interface ProxyOptions {
  target: ProxyTarget;
  /** Host header values this server answers to, e.g. localhost:5173 (lower case). */
  allowedHosts: () => ReadonlySet<string>;
}

/** The Host values a server listening on `port` answers to on this machine. */
export function loopbackHosts(port: number, extra: readonly string[] = []): Set<string> {
  return new Set([`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, ...extra.map((h) => h.toLowerCase())]);
}

export function checkRequest(req: http.IncomingMessage, allowedHosts: ReadonlySet<string>): string | undefined {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts.has(host)) return `Host "${host}" is not served here`;
  if (SAFE_METHODS.has(req.method ?? 'GET')) return undefined;
  if (req.headers['sec-fetch-site'] === 'cross-site') return 'Cross-site requests are refused';
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let originHost: string;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      return `Origin "${origin}" is refused`;
    }
    if (!allowedHosts.has(originHost)) return `Origin "${origin}" is refused`;
  }
  return undefined;
}

export function createProxyMiddleware(options: ProxyOptions): Middleware {
  const { target } = options;
  const client = target.baseUrl.protocol === 'https:' ? https : http;
  const basePath = target.baseUrl.pathname.replace(/\/$/, '');
  return (req, res, next) => {
    const url = req.url ?? '/';
    if (!isProxiedPath(url)) return next();
    const refusal = checkRequest(req, options.allowedHosts());
    if (refusal) return refuse(res, 403, refusal);

    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (!DROPPED_REQUEST_HEADERS.has(name)) headers[name] = value;
    }
    headers.host = target.baseUrl.host;
    const credential = target.credentialHeader();
    if (credential) headers[credential[0].toLowerCase()] = credential[1];

    const upstream = client.request(
      { protocol: target.baseUrl.protocol, hostname: target.baseUrl.hostname, port: target.baseUrl.port, method: req.method, path: basePath + url, headers },
      (response) => {
        const responseHeaders = { ...response.headers };
        delete responseHeaders['set-cookie'];
        res.writeHead(response.statusCode ?? 502, responseHeaders);
        response.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (res.headersSent) return res.destroy(error);
      const where = target.embedded ? 'the embedded Domino' : target.baseUrl.origin;
      refuse(res, 502, `Could not reach ${where}: ${error.message}`);
    });
    req.on('aborted', () => upstream.destroy());
    req.pipe(upstream);
  };
}
