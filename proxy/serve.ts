// Production: one Node process serving the built dashboard (dist/) and the same /api proxy.
// Starts the embedded Domino too when no DOMINO_API_HOST is given.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { optionsFromEnv, startEmbeddedDomino } from '../server/main';
import { createProxyMiddleware, loopbackHosts } from './forward';
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

export function createStaticHandler(root: string) {
  const index = path.join(root, 'index.html');
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.resolve(root, `.${pathname}`);
    const inside = file.startsWith(root + path.sep);
    const isFile = inside && fs.existsSync(file) && fs.statSync(file).isFile();
    // Client-side routes fall back to index.html; missing assets are real 404s.
    const servePath = isFile ? file : pathname.startsWith('/assets/') ? undefined : index;
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
    fs.createReadStream(servePath).pipe(res);
  };
}

async function main() {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  // DOMINO_CONSOLE_DIST: serve another build (e.g. a test build next to a developer's own).
  const root = path.resolve(process.env.DOMINO_CONSOLE_DIST ?? 'dist');
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error('dist/index.html is missing: run `npm run build` first.');
    process.exit(1);
  }
  const domino = process.env.DOMINO_API_HOST ? undefined : await startEmbeddedDomino({ ...optionsFromEnv(), logLevel: process.env.DOMINO_LOG_LEVEL ?? 'warn' });
  const extraHosts = (process.env.DOMINO_CONSOLE_ALLOWED_HOSTS ?? '').split(',').filter(Boolean);
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '0.0.0.0') extraHosts.push(`${host}:${port}`);
  const allowed = loopbackHosts(port, extraHosts);
  const proxy = createProxyMiddleware({ target: resolveTarget(), allowedHosts: () => allowed });
  const serveStatic = createStaticHandler(root);
  const server = http.createServer((req, res) => proxy(req, res, () => serveStatic(req, res)));
  server.listen(port, host, () => {
    console.log(`Domino Console on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
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
