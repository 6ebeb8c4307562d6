// The production server (`npm run serve`) on a fresh data dir with the demo workspace, for Playwright.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { E2E_ADMIN_KEY, E2E_DOMINO_PORT, E2E_PORT } from './environment';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domino-e2e-'));
process.env.DOMINO_DATA_DIR = dataDir;
process.env.DOMINO_PORT = String(E2E_DOMINO_PORT);
process.env.DOMINO_USER_API_KEY = E2E_ADMIN_KEY;
process.env.PORT = String(E2E_PORT);
process.env.DOMINO_LOG_LEVEL ??= 'warn';
delete process.env.DOMINO_API_HOST;
process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));

await import('../proxy/serve');
