// Datasets at scale (issue 11's budgets), against the embedded Domino as a process:
// 1. A snapshot of a 1 GB dataset of 10,000 files unchanged since the previous snapshot: its
//    time, the extra disk it costs (`du` of the data dir after a WAL checkpoint), and the p99 of
//    GET /api/users/v1/self while it runs.
// 2. GET /api/datasetrw/v2/datasets?minimumPermission=... at 10,000 datasets, for a user with
//    1,000 grants: p99 of sequential requests for each permission.
// (The upload budget through `npm run serve` is not measured here yet.)
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { datasetsRepository } from '../server/db/datasets-repository';
import { newObjectId } from '../server/http/ids';
import { addApiKey, createUser } from '../server/services/users';
import { systemClock } from '../server/clock';
import {
  atMost,
  bootstrappedDataDir,
  info,
  MeasurementError,
  percentile,
  round1,
  runBenchmark,
  seedDataDir,
  sequentialLatencies,
  startDomino,
  type Check,
} from './lib';

const FILES = 10_000;
const FILE_BYTES = 100 * 1024 + 858; // 10,000 of them: 1 GB (1,032,580,000 bytes)
const MAX_SNAPSHOT_S = 5;
const MAX_EXTRA_DISK_MB = 10;
const MAX_SELF_P99_MS = 50;
const DATASETS = 10_000;
const GRANTS = 1_000;
const MAX_LIST_P99_MS = 30;
const SAMPLES = 100;

function duBytes(dir: string): number {
  return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
}

function checkpoint(dataDir: string): void {
  const db = new Database(path.join(dataDir, 'domino.sqlite'));
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

async function snapshotBudget(checks: Check[], details: Record<string, unknown>) {
  const { dataDir, adminKey } = await bootstrappedDataDir('datasets-snapshot');
  const server = await startDomino(dataDir, adminKey);
  const project = await server.api('POST', '/api/projects/beta/projects', { body: { name: 'bench', description: '', visibility: 'private' } });
  const dataset = (await server.api('POST', '/api/datasetrw/v1/datasets', { body: { name: 'gigabyte', projectId: project.project.id } })).dataset;
  const live = path.join(dataDir, 'datasets', 'live', dataset.id);
  fs.mkdirSync(live, { recursive: true });
  const writeStarted = performance.now();
  for (let i = 0; i < FILES; i++) {
    const dir = path.join(live, `part-${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `rows-${i}.bin`), crypto.randomBytes(FILE_BYTES));
  }
  details.writeMs = Math.round(performance.now() - writeStarted);

  const take = async () => {
    const started = performance.now();
    const snapshot = (await server.api('POST', `/api/datasetrw/v1/datasets/${dataset.id}/snapshots`, { body: { relativeFilePaths: [] } })).snapshot;
    const latencies: number[] = [];
    const agentHeaders = { 'X-Domino-Api-Key': adminKey };
    let status = snapshot.status as string;
    while (status === 'pending' || status === 'copying') {
      latencies.push(...(await sequentialLatencies(`${server.origin}/api/users/v1/self`, agentHeaders, 5)));
      status = (await server.api('GET', `/api/datasetrw/v1/snapshots/${snapshot.id}`)).snapshot.status;
    }
    if (status !== 'active') throw new MeasurementError(`the snapshot ended ${status}`);
    return { ms: performance.now() - started, latencies, id: snapshot.id as string };
  };

  const first = await take();
  details.firstSnapshotMs = Math.round(first.ms);
  checkpoint(dataDir);
  const before = duBytes(dataDir);
  const second = await take();
  checkpoint(dataDir);
  const after = duBytes(dataDir);
  await server.process.stop();
  const stats = { files: FILES, bytes: FILES * FILE_BYTES };
  details.snapshot = { ...stats, duBeforeBytes: before, duAfterBytes: after, selfSamples: second.latencies.length };
  checks.push(
    atMost('unchanged 1 GB / 10,000-file snapshot', Math.round(second.ms), 'ms', MAX_SNAPSHOT_S * 1000),
    atMost('extra disk of that snapshot (du after checkpoint)', round1((after - before) / 1024 ** 2), 'MB', MAX_EXTRA_DISK_MB),
    atMost('GET /api/users/v1/self p99 during the snapshot', round1(percentile(second.latencies.length ? second.latencies : [0], 99)), 'ms', MAX_SELF_P99_MS),
    info('first (full) snapshot of the same 1 GB', Math.round(first.ms), 'ms'),
    info('GET /api/users/v1/self p99 during the first snapshot', round1(percentile(first.latencies.length ? first.latencies : [0], 99)), 'ms'),
  );
}

async function listBudget(checks: Check[], details: Record<string, unknown>) {
  const { dataDir, adminKey } = await bootstrappedDataDir('datasets-list');
  const seedStarted = performance.now();
  const { userKey } = await seedDataDir(dataDir, (ctx) => {
    const owner = createUser(ctx, { userName: 'owner', firstName: 'O', lastName: 'Wner', email: 'o@example.com', isAdmin: false });
    const user = createUser(ctx, { userName: 'reader', firstName: 'R', lastName: 'Eader', email: 'r@example.com', isAdmin: false });
    const rows = datasetsRepository(ctx.db);
    const now = new Date().toISOString();
    const projectIds: string[] = [];
    for (let p = 0; p < 100; p++) {
      const id = newObjectId(systemClock);
      // A tenth of the projects are public: their datasets reach everyone as Reader.
      ctx.projects.insert({
        id,
        name: `project-${p}`,
        description: '',
        visibility: p % 10 === 0 ? 'public' : 'private',
        ownerId: owner.id,
        resultsBranch: 'main',
        defaultHardwareTierId: 'small-k8s',
        mainRepository: null,
        createdAt: now,
      });
      projectIds.push(id);
    }
    const roles = ['DatasetRwOwner', 'DatasetRwEditor', 'DatasetRwReader'] as const;
    for (let i = 0; i < DATASETS; i++) {
      const id = newObjectId(systemClock);
      rows.insert({
        id,
        projectId: projectIds[i % projectIds.length]!,
        name: `dataset-${String(i).padStart(5, '0')}`,
        description: null,
        creatorId: owner.id,
        createdAt: now,
      });
      rows.setGrant(id, owner.id, 'DatasetRwOwner', false, now);
      if (i % (DATASETS / GRANTS) === 0) rows.setGrant(id, user.id, roles[(i / (DATASETS / GRANTS)) % 3]!, false, now);
    }
    return { userKey: addApiKey(ctx, user.id) };
  });
  details.listSeedMs = Math.round(performance.now() - seedStarted);
  const server = await startDomino(dataDir, adminKey);
  const results: Record<string, number> = {};
  for (const permission of ['ListDatasetRwV2', 'ReadDatasetRwV2', 'UpdateDatasetRwV2', 'EditSecurityDatasetRwV2']) {
    for (const offset of [0, 900]) {
      const url = `${server.origin}/api/datasetrw/v2/datasets?minimumPermission=${permission}&offset=${offset}&limit=100`;
      await sequentialLatencies(url, { 'X-Domino-Api-Key': userKey }, 5);
      results[`${permission} offset ${offset}`] = round1(percentile(await sequentialLatencies(url, { 'X-Domino-Api-Key': userKey }, SAMPLES), 99));
    }
  }
  await server.process.stop();
  details.listP99Ms = results;
  const [worstName, worst] = Object.entries(results).reduce((a, b) => (b[1] > a[1] ? b : a));
  checks.push(atMost(`v2 list p99, 10,000 datasets, 1,000 grants (worst: ${worstName})`, worst, 'ms', MAX_LIST_P99_MS));
}

async function measure() {
  const checks: Check[] = [];
  const details: Record<string, unknown> = {};
  await listBudget(checks, details);
  await snapshotBudget(checks, details);
  return { checks, details };
}

await runBenchmark('datasets', measure);
