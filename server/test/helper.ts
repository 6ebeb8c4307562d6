// Each test gets its own embedded Domino on a fresh SQLite file in a temp dir, called in-process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, afterEach, expect } from 'vitest';
import { FailureEnvelopeV1Schema, InvalidBodyEnvelopeV1Schema } from '../../src/api/schemas/common';
import { MLFLOW_PREFIX, MlflowErrorSchema } from '../../src/api/schemas/mlflow';
import { createApp } from '../app';
import { bootstrap } from '../bootstrap';
import { type Clock, systemClock } from '../clock';
import { openDatabase } from '../db/database';
import type { SandboxStatus } from '../jobs/sandbox';

export interface TestUser {
  id: string;
  userName: string;
  key: string;
}

export interface TestServer {
  app: FastifyInstance;
  dataDir: string;
  admin: TestUser;
  /** Calls the API as `as` (a key, or null for no credential); error bodies are checked against the contract. */
  call(as: TestUser | string | null, options: InjectOptions): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  /** A new non-admin user with a key, made through the embedded users API. */
  newUser(userName: string, options?: { isAdmin?: boolean }): Promise<TestUser>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});
// Servers a whole file's tests share (started in beforeAll, when building their data is slow).
const fileCleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  while (fileCleanups.length > 0) await fileCleanups.pop()!();
});

export async function startTestServer(
  options: {
    clock?: Clock;
    demo?: boolean;
    beforeReady?: (app: FastifyInstance) => void;
    sandbox?: () => SandboxStatus;
    /** Kept for the whole file (for a server made in beforeAll), not closed after each test. */
    sharedByFile?: boolean;
    /** Most predictions waiting per Model API (429 beyond). */
    predictionQueueLimit?: number;
  } = {},
): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'domino-test-'));
  const db = openDatabase(path.join(dataDir, 'domino.sqlite'));
  const app = createApp({
    db,
    dataDir,
    clock: options.clock ?? systemClock,
    logLevel: 'silent',
    checkResponses: true,
    sandbox: options.sandbox,
    predictionQueueLimit: options.predictionQueueLimit,
  });
  options.beforeReady?.(app);
  const boot = await bootstrap(app.ctx, { demo: options.demo ?? false });
  await app.ready();
  (options.sharedByFile ? fileCleanups : cleanups).push(async () => {
    await app.close();
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const admin: TestUser = { id: boot.admin.id, userName: boot.admin.userName, key: boot.adminKey };

  const call: TestServer['call'] = async (as, injectOptions) => {
    const key = typeof as === 'string' ? as : as?.key;
    const response = await app.inject({
      ...injectOptions,
      headers: { ...(key ? { 'x-domino-api-key': key } : {}), ...injectOptions.headers },
    });
    const body = response.body.length > 0 && String(response.headers['content-type']).includes('json') ? response.json() : response.body;
    if (response.statusCode >= 400 && String(injectOptions.url).startsWith(`${MLFLOW_PREFIX}/`)) {
      // MLflow's protocol has its own error shape, which its clients read.
      expect(MlflowErrorSchema.safeParse(body).success, `error body of ${injectOptions.method} ${injectOptions.url}: ${response.body}`).toBe(true);
    } else if (response.statusCode >= 400) {
      // Every error the server sends must be a FailureEnvelopeV1 (or InvalidBodyEnvelopeV1).
      const envelope = FailureEnvelopeV1Schema.safeParse(body);
      expect(
        envelope.success || InvalidBodyEnvelopeV1Schema.safeParse(body).success,
        `error body of ${injectOptions.method} ${injectOptions.url}: ${response.body}`,
      ).toBe(true);
    }
    return { status: response.statusCode, body, headers: response.headers };
  };

  return {
    app,
    dataDir,
    admin,
    call,
    async newUser(userName, userOptions = {}) {
      const res = await call(admin, {
        method: 'POST',
        url: '/api/embedded/v1/users',
        payload: { userName, firstName: userName, lastName: 'Tester', email: `${userName}@example.com`, isAdmin: userOptions.isAdmin ?? false },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return { id: res.body.user.id, userName, key: res.body.apiKey };
    },
  };
}

export const OBJECT_ID = /^[0-9a-f]{24}$/;
export const UNKNOWN_ID = '0123456789abcdef01234567';
