import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEmbeddedDomino } from '../main';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'domino-boot-'));
  dirs.push(dir);
  return dir;
}

async function withDomino<T>(options: { dataDir: string; adminKey?: string; demo?: boolean }, body: (url: string, key: string) => Promise<T>) {
  const domino = await startEmbeddedDomino({
    port: 0,
    host: '127.0.0.1',
    dataDir: options.dataDir,
    adminKey: options.adminKey,
    demo: options.demo ?? true,
    logLevel: 'silent',
  });
  const address = domino.app.server.address();
  const url = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : domino.url;
  try {
    return await body(url, domino.adminKey);
  } finally {
    await domino.close();
  }
}

describe('first start', () => {
  it('generates the admin key once, stores it 0600, prints it once, and seeds the demo once', async () => {
    const dataDir = tempDir();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const firstKey = await withDomino({ dataDir }, async (url, key) => {
      const users = await (await fetch(`${url}/api/users/v1/users?limit=100`, { headers: { 'X-Domino-Api-Key': key } })).json();
      expect(users.users.length).toBeGreaterThanOrEqual(7);
      const info = await (await fetch(`${url}/api/embedded/v1/info`, { headers: { 'X-Domino-Api-Key': key } })).json();
      expect(info.demo).toBe(true);
      const orgs = await (await fetch(`${url}/api/organizations/v1/organizations/all`, { headers: { 'X-Domino-Api-Key': key } })).json();
      expect(orgs.orgs).toHaveLength(2);
      return key;
    });
    const keyFile = path.join(dataDir, 'admin-api-key');
    expect(fs.readFileSync(keyFile, 'utf8').trim()).toBe(firstKey);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(log.mock.calls.filter(([line]) => String(line).startsWith('Admin API key: '))).toEqual([[`Admin API key: ${firstKey}`]]);

    log.mockClear();
    await withDomino({ dataDir }, async (url, key) => {
      expect(key).toBe(firstKey);
      const users = await (await fetch(`${url}/api/users/v1/users?limit=100`, { headers: { 'X-Domino-Api-Key': key } })).json();
      expect(users.metadata.totalCount).toBe(9); // no second demo
    });
    expect(log.mock.calls.some(([line]) => String(line).startsWith('Admin API key'))).toBe(false);
  });

  it('resumes the demo history where a stopped server left it, without running a step twice', async () => {
    const dataDir = tempDir();
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const progress = () => {
      const db = new Database(path.join(dataDir, 'domino.sqlite'), { readonly: true });
      try {
        const setting = db.prepare("SELECT value FROM settings WHERE key = 'demo.history'").get() as { value: string } | undefined;
        const started = setting ? (JSON.parse(setting.value) as { started: number[] }).started.reduce((a, b) => a + b, 0) : 0;
        // The history's jobs: all but the three live ones, which are started first.
        // (and the datasets demo's one job, started with them, the environments demo's, which ran on
        // one, and the registry demo's trainings)
        const notHistory =
          "title NOT LIKE '%(live)' AND title != 'Prepare churn features from customer events' AND environment_revision_id IS NULL AND title NOT LIKE 'Train %'";
        const jobs = (db.prepare(`SELECT count(*) AS n FROM jobs WHERE ${notHistory}`).get() as { n: number }).n;
        const distinct = (db.prepare(`SELECT count(DISTINCT substr(submitted_at, 1, 16)) AS n FROM jobs WHERE ${notHistory}`).get() as { n: number }).n;
        return { started, jobs, distinct };
      } finally {
        db.close();
      }
    };
    const until = async (done: () => boolean) => {
      for (let i = 0; i < 300 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(done()).toBe(true);
    };
    await withDomino({ dataDir }, () => until(() => progress().started >= 4));
    const stopped = progress();
    expect(stopped.jobs).toBe(stopped.started);

    await withDomino({ dataDir }, () => until(() => progress().started >= stopped.started + 4));
    const resumed = progress();
    expect(resumed.jobs).toBe(resumed.started);
    // Each step has its own moment in the past: a step run twice would repeat one.
    expect(resumed.distinct).toBe(resumed.jobs);
  }, 60_000);

  it('starts the live demo jobs again after a restart, as new runs, leaving the old ones as they ended', async () => {
    const dataDir = tempDir();
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const liveJobs = () => {
      const db = new Database(path.join(dataDir, 'domino.sqlite'), { readonly: true });
      try {
        return db.prepare("SELECT id, status FROM jobs WHERE title LIKE '%(live)' ORDER BY number").all() as Array<{ id: string; status: string }>;
      } finally {
        db.close();
      }
    };
    const first = await withDomino({ dataDir }, async () => liveJobs());
    expect(first).toHaveLength(3);
    const second = await withDomino({ dataDir }, async () => liveJobs());
    expect(second).toHaveLength(6);
    const old = second.filter((job) => first.some((f) => f.id === job.id));
    expect(old.map((job) => job.status)).toEqual(['Error', 'Error', 'Error']);
    const restarted = second.filter((job) => !first.some((f) => f.id === job.id));
    expect(restarted.every((job) => ['Queued', 'Preparing', 'Running'].includes(job.status))).toBe(true);
  }, 60_000);

  it('uses DOMINO_USER_API_KEY as the admin key when given, and DOMINO_DEMO=0 starts empty', async () => {
    const dataDir = tempDir();
    vi.spyOn(console, 'log').mockImplementation(() => {});
    await withDomino({ dataDir, adminKey: 'my-chosen-admin-key-0123456789', demo: false }, async (url) => {
      const self = await fetch(`${url}/api/users/v1/self`, { headers: { Authorization: 'Bearer my-chosen-admin-key-0123456789' } });
      expect(self.status).toBe(200);
      const users = await (await fetch(`${url}/api/users/v1/users`, { headers: { 'X-Domino-Api-Key': 'my-chosen-admin-key-0123456789' } })).json();
      expect(users.metadata.totalCount).toBe(1);
    });
    expect(fs.existsSync(path.join(dataDir, 'admin-api-key'))).toBe(false);
  });

  it('stores keys hashed, never in clear', async () => {
    const dataDir = tempDir();
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const key = await withDomino({ dataDir, demo: false }, async (_url, adminKey) => adminKey);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(dataDir, 'domino.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT key_hash FROM api_keys').all() as Array<{ key_hash: string }>;
    db.close();
    expect(rows.length).toBe(1);
    expect(rows[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.key_hash).not.toContain(key);
  });
});
