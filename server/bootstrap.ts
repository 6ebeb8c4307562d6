// First-start work: the administrator, their API key, and the demo workspace.
import fs from 'node:fs';
import path from 'node:path';
import type { ServerContext } from './context';
import type { UserRow } from './db/users-repository';
import { addApiKey, createUser } from './services/users';
import { resumeDemo, seedDemo } from './demo/seed-demo';
import { DEFAULT_HARDWARE_TIERS } from './jobs/default-tiers';

export interface BootstrapResult {
  admin: UserRow;
  adminKey: string;
  /** Set only when the key was generated now: it is printed once. */
  generatedKey: boolean;
  createdDemo: boolean;
}

export const ADMIN_KEY_FILE = 'admin-api-key';

export async function bootstrap(ctx: ServerContext, options: { adminKey?: string; demo: boolean }): Promise<BootstrapResult> {
  let admin = ctx.users.firstAdmin();
  const firstStart = admin === undefined;
  if (!admin) {
    admin = createUser(ctx, { userName: 'admin', firstName: 'Domino', lastName: 'Admin', email: 'admin@example.com', isAdmin: true });
  }

  const keyFile = path.join(ctx.dataDir, ADMIN_KEY_FILE);
  let adminKey = options.adminKey;
  let generatedKey = false;
  if (!adminKey && fs.existsSync(keyFile)) adminKey = fs.readFileSync(keyFile, 'utf8').trim();
  if (!adminKey) {
    adminKey = addApiKey(ctx, admin.id);
    fs.writeFileSync(keyFile, `${adminKey}\n`, { mode: 0o600 });
    generatedKey = true;
  } else {
    addApiKey(ctx, admin.id, adminKey); // idempotent: the hash is the primary key
  }

  for (const tier of DEFAULT_HARDWARE_TIERS) ctx.hardwareTiers.insertIfMissing(tier);
  // Jobs that were running when the server last stopped are marked Error; queued ones start.
  ctx.runner.recover();
  // Model API workers the last server left are killed; what they ran runs again; deployed APIs start.
  ctx.modelWorkers.recover();
  // Background tasks the last stop cut off run again; queued ones start.
  ctx.tasks.start();

  const createdDemo = firstStart && options.demo;
  if (createdDemo) await seedDemo(ctx, admin);
  else if (options.demo) await resumeDemo(ctx);
  return { admin, adminKey, generatedKey, createdDemo };
}
