import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { consoleMode, createConsoleMiddleware } from './proxy/console.ts';
import { allowedFor } from './proxy/forward.ts';
import { sessionLimitsFromEnv } from './proxy/sessions.ts';
import { publicUrlFromEnv } from './proxy/public-url.ts';
import { resolveTarget } from './proxy/target.ts';

const DEV_PORT = Number(process.env.CONSOLE_PORT ?? 5173);

function consoleFor(port: number, publicUrl: URL | undefined) {
  const allowed = allowedFor(port, [], publicUrl);
  const answersBeyondLoopback = publicUrl !== undefined;
  return createConsoleMiddleware({
    target: resolveTarget(),
    allowed: () => allowed,
    mode: consoleMode({ answersBeyondLoopback }),
    port,
    publicUrl,
    limits: sessionLimitsFromEnv(),
    answersBeyondLoopback,
  });
}

/** Mounts the same /api proxy and console endpoints `npm run serve` uses in front of Vite's own middlewares. */
function dominoProxy(publicUrl: URL | undefined): Plugin {
  return {
    name: 'domino-proxy',
    configureServer(server) {
      server.middlewares.use(consoleFor(DEV_PORT, publicUrl));
    },
    configurePreviewServer(server) {
      server.middlewares.use(consoleFor(server.config.preview.port ?? 4173, publicUrl));
    },
  };
}

export default defineConfig(({ command }) => {
  // Only the dev and preview servers answer requests; a build must not fail on a serving setting.
  const publicUrl = command === 'serve' ? publicUrlFromEnv() : undefined;
  return {
    plugins: [react(), tailwindcss(), dominoProxy(publicUrl)],
    // Vite checks Host itself, for its own files: it must accept the public name too.
    server: { port: DEV_PORT, strictPort: true, host: 'localhost', allowedHosts: publicUrl ? [publicUrl.hostname] : [] },
    build: {
      target: 'es2022',
      sourcemap: true,
      chunkSizeWarningLimit: 600,
      rolldownOptions: {
        output: {
          // The libraries every page runs (React, TanStack Query and Router, zod) in one chunk rather
          // than a dozen small shared ones: one request, and gzip sees them whole (4.4 KB less of the
          // initial JavaScript than the default split). Libraries only some pages use stay lazy.
          advancedChunks: {
            groups: [
              {
                name: 'framework',
                test: /node_modules[\\/](react|react-dom|scheduler|use-sync-external-store|@tanstack[\\/](query-core|react-query|router-core|react-router|history|store|react-store)|zod)[\\/]/,
              },
            ],
          },
        },
      },
    },
  };
});
