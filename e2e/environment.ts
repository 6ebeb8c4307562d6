// Where the browser tests' server listens and the admin key it starts with. The server runs on a
// fresh temp data dir per run (e2e/start-server.ts), so a fixed key here reaches nothing else.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4317);
export const E2E_DOMINO_PORT = Number(process.env.E2E_DOMINO_PORT ?? 8917);
export const E2E_ADMIN_KEY = 'e2e-admin-key-for-a-throwaway-data-dir';
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_DOMINO_URL = `http://127.0.0.1:${E2E_DOMINO_PORT}`;
