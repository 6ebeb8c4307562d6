import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { createProxyMiddleware, loopbackHosts } from './proxy/forward.ts';
import { resolveTarget } from './proxy/target.ts';

const DEV_PORT = Number(process.env.CONSOLE_PORT ?? 5173);

/** Mounts the same /api proxy `npm run serve` uses in front of Vite's own middlewares. */
function dominoProxy(): Plugin {
  return {
    name: 'domino-proxy',
    configureServer(server) {
      const allowed = loopbackHosts(DEV_PORT);
      server.middlewares.use(createProxyMiddleware({ target: resolveTarget(), allowedHosts: () => allowed }));
    },
    configurePreviewServer(server) {
      const allowed = loopbackHosts(server.config.preview.port ?? 4173);
      server.middlewares.use(createProxyMiddleware({ target: resolveTarget(), allowedHosts: () => allowed }));
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), dominoProxy()],
  server: { port: DEV_PORT, strictPort: true, host: 'localhost' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 600 },
});
