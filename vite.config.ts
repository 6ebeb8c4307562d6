import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { allowedFor, createProxyMiddleware } from './proxy/forward.ts';
import { publicUrlFromEnv } from './proxy/public-url.ts';
import { resolveTarget } from './proxy/target.ts';

const DEV_PORT = Number(process.env.CONSOLE_PORT ?? 5173);

/** Mounts the same /api proxy `npm run serve` uses in front of Vite's own middlewares. */
function dominoProxy(publicUrl: URL | undefined): Plugin {
  return {
    name: 'domino-proxy',
    configureServer(server) {
      const allowed = allowedFor(DEV_PORT, [], publicUrl);
      server.middlewares.use(createProxyMiddleware({ target: resolveTarget(), allowed: () => allowed }));
    },
    configurePreviewServer(server) {
      const allowed = allowedFor(server.config.preview.port ?? 4173, [], publicUrl);
      server.middlewares.use(createProxyMiddleware({ target: resolveTarget(), allowed: () => allowed }));
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
    build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 600 },
  };
});
