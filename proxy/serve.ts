// Production: one Node process serving the built dashboard (dist/) and the same /api proxy.
// Starts the embedded Domino too when no DOMINO_API_HOST is given. No request may end the
// process: every handler answers a malformed one with a status, and one guard turns anything
// unexpected into a 500.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { optionsFromEnv, startEmbeddedDomino } from '../server/main';
import { consoleMode, createConsoleMiddleware, describeMode } from './console';
import { allowedFor, type Allowed, answeringErrors, checkHost, failUnexpectedly, isOriginForm, refuse } from './forward';
import { sessionLimitsFromEnv } from './sessions';
import { publicUrlFromEnvOrExit } from './public-url';
import { resolveTarget } from './target';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/** The decoded path of an origin-form target, or undefined when it has a malformed %-escape. */
function decodedPath(url: string): string | undefined {
  const rawPath = url.split(/[?#]/, 1)[0] ?? '/';
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false; // missing, or a path through a file (ENOTDIR), or a NUL byte
  }
}

export function createStaticHandler(root: string, allowed: () => Allowed) {
  const index = path.join(root, 'index.html');
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    // DNS rebinding: a name we do not serve gets nothing of ours, not even the dashboard.
    const hostRefusal = checkHost(req, allowed());
    if (hostRefusal) return refuse(res, 403, hostRefusal);
    const url = req.url ?? '/';
    if (!isOriginForm(url)) return refuse(res, 400, 'The request target must be a path');
    // A malformed escape names no file, and the dashboard's router could not read it as a route.
    const pathname = decodedPath(url);
    if (pathname === undefined) return refuse(res, 400, 'The path has a malformed %-escape');
    const file = path.resolve(root, `.${pathname}`);
    const inside = file.startsWith(root + path.sep);
    // Client-side routes fall back to index.html; missing assets are real 404s.
    const servePath = inside && isFile(file) ? file : pathname.startsWith('/assets/') ? undefined : index;
    if (!servePath) {
      res.writeHead(404, { 'content-type': 'text/plain', ...SECURITY_HEADERS });
      return res.end('Not found');
    }
    const immutable = servePath.includes(`${path.sep}assets${path.sep}`);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(servePath)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD') return res.end();
    // The file can go between the stat and the read (a new build): end the answer, not the process.
    fs.createReadStream(servePath)
      .on('error', (error) => failUnexpectedly(req, res, error))
      .pipe(res);
  };
}

async function main() {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const publicUrl = publicUrlFromEnvOrExit();
  // DOMINO_CONSOLE_DIST: serve another build (e.g. a test build next to a developer's own).
  const root = path.resolve(process.env.DOMINO_CONSOLE_DIST ?? 'dist');
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error('dist/index.html is missing: run `npm run build` first.');
    process.exit(1);
  }
  const domino = process.env.DOMINO_API_HOST ? undefined : await startEmbeddedDomino({ ...optionsFromEnv(), logLevel: process.env.DOMINO_LOG_LEVEL ?? 'warn' });
  const extraHosts = (process.env.DOMINO_CONSOLE_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '0.0.0.0') extraHosts.push(`${host}:${port}`);
  const allowed = allowedFor(port, extraHosts, publicUrl);
  const answersBeyondLoopback = extraHosts.length > 0 || publicUrl !== undefined;
  const mode = consoleMode({ answersBeyondLoopback });
  const proxy = createConsoleMiddleware({
    // The embedded Domino runs in this process: requests are handed to it, not sent to its port.
    target: domino ? { ...resolveTarget(), dispatch: domino.app.routing } : resolveTarget(),
    allowed: () => allowed,
    mode,
    port,
    publicUrl,
    limits: sessionLimitsFromEnv(),
    answersBeyondLoopback,
  });
  const serveStatic = createStaticHandler(root, () => allowed);
  const server = http.createServer(answeringErrors((req, res) => proxy(req, res, () => serveStatic(req, res))));
  server.listen(port, host, () => {
    console.log(`Domino Console on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}${publicUrl ? `, public at ${publicUrl.origin}` : ''}`);
    console.log(describeMode(mode, answersBeyondLoopback && publicUrl?.protocol !== 'https:'));
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close();
      void domino?.close().then(() => process.exit(0));
      if (!domino) process.exit(0);
    });
  }
}

await main();
