// Upload of a 1 GB file into a dataset through `npm run serve` (proxy/serve.ts: the console proxy
// in front of the embedded Domino, both in one process, on a fresh data dir), the client in a
// process of its own: PUT /api/embedded/v1/datasets/{id}/files?path=… with an octet-stream body.
// Budgets (issue 11): ≥ 150 MB/s, and the server's memory (RSS of every process of its group,
// sampled every 20 ms, and the kernel's own peak mark) may grow by ≤ 50 MB: the body is streamed
// from the proxy's socket to Domino's and from there to disk, never held whole.
//
// `node bench/dataset-upload.ts --client <url> <file>` is the client: one PUT of the file, the
// answer and the time on stdout as JSON.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  atLeast,
  atMost,
  groupMembers,
  info,
  makeTempDir,
  MeasurementError,
  resetPeakMark,
  round1,
  rssOf,
  runBenchmark,
  startConsole,
  type Check,
} from './lib';
import { DominoApi } from '../e2e/api-client';

const MB = 1024 * 1024;
const FILE_BYTES = 1024 * MB;
const WARM_UP_BYTES = 64 * MB;
const MIN_MB_PER_SECOND = 150;
const MAX_RSS_GROWTH_MB = 50;
const RSS_SAMPLE_MS = 20;
const CHUNK = 1 * MB;

interface ClientAnswer {
  status: number;
  body: string;
  ms: number;
  bytes: number;
}

/** The client's side: streams the file as the body (Content-Length set), reads the answer. */
function runClient(url: string, file: string): Promise<ClientAnswer> {
  const bytes = fs.statSync(file).size;
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const request = http.request(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes) },
      agent: false,
    });
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, ms: performance.now() - startedAt, bytes }));
      response.on('error', reject);
    });
    request.on('error', reject);
    fs.createReadStream(file, { highWaterMark: CHUNK }).on('error', reject).pipe(request);
  });
}

if (process.argv[2] === '--client') {
  const answer = await runClient(process.argv[3]!, process.argv[4]!);
  process.stdout.write(JSON.stringify(answer));
  process.exit(0);
}

/** The client as another process (so its reading and sending do not share the server's event loop). */
function uploadFromAnotherProcess(url: string, file: string): Promise<ClientAnswer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--client', url, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new MeasurementError(`the upload client exited with ${code}:\n${err.slice(-2000)}`));
      try {
        resolve(JSON.parse(out) as ClientAnswer);
      } catch {
        reject(new MeasurementError(`the upload client printed no answer:\n${out.slice(-500)}\n${err.slice(-2000)}`));
      }
    });
  });
}

/** A file of random bytes (nothing for a compressing layer to gain), and its SHA-256. */
async function writeRandomFile(file: string, bytes: number): Promise<string> {
  const hash = crypto.createHash('sha256');
  const out = fs.createWriteStream(file);
  for (let written = 0; written < bytes; written += CHUNK) {
    const chunk = crypto.randomBytes(Math.min(CHUNK, bytes - written));
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return hash.digest('hex');
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

interface CpuSeconds {
  user: number;
  system: number;
}

/** CPU seconds a process has used so far in user and kernel mode, from /proc/<pid>/stat (ticks of 1/100 s). */
function cpuSecondsOf(pid: number): CpuSeconds {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

function groupCpuSeconds(pgid: number): CpuSeconds {
  const total = { user: 0, system: 0 };
  for (const pid of groupMembers(pgid)) {
    try {
      const used = cpuSecondsOf(pid);
      total.user += used.user;
      total.system += used.system;
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}

/** RSS of the server: the sum over the live processes of its group (one node process today). */
function groupRss(pgid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  let total = 0;
  for (const pid of groupMembers(pgid)) {
    try {
      total += rssOf(pid, field);
    } catch {
      // A process that ended between the listing and the read holds no memory any more.
    }
  }
  return total;
}

async function measure() {
  const work = makeTempDir('dataset-upload-files');
  const { consoleUrl, dominoUrl, adminKey, dataDir, process: server } = await startConsole('dataset-upload');
  const pgid = server.child.pid!;
  try {
    // Set up against the embedded Domino directly; only the upload goes through the console.
    const api = new DominoApi(dominoUrl, adminKey);
    const project = await api.createProject({ name: 'dataset-upload' });
    const { dataset } = await api.call<{ dataset: { id: string } }>('POST', '/api/datasetrw/v1/datasets', { name: 'uploads', projectId: project.id });
    // 127.0.0.1, not localhost: the client must not spend the clock finding which address answers.
    const viaConsole = consoleUrl.replace('//localhost:', '//127.0.0.1:');
    const uploadUrl = (name: string) => `${viaConsole}/api/embedded/v1/datasets/${dataset.id}/files?${new URLSearchParams({ path: name })}`;

    console.log(`writing a ${FILE_BYTES / MB} MB file of random bytes…`);
    const big = path.join(work, 'big.bin');
    const sha256 = await writeRandomFile(big, FILE_BYTES);
    const small = path.join(work, 'warm-up.bin');
    await writeRandomFile(small, WARM_UP_BYTES);

    // Warm-up, discarded: loads the route's code and grows V8's heaps to their working size.
    const beforeWarmUp = groupRss(pgid);
    const warm = await uploadFromAnotherProcess(uploadUrl('warm-up.bin'), small);
    if (warm.status !== 200) throw new MeasurementError(`the warm-up upload answered ${warm.status}: ${warm.body.slice(0, 500)}`);
    fs.rmSync(small);

    const loadAverage = os.loadavg();
    const baseline = groupRss(pgid);
    const members = groupMembers(pgid);
    const kernelPeak = members.every((pid) => resetPeakMark(pid));
    let peak = baseline;
    let samples = 0;
    const timer = setInterval(() => {
      peak = Math.max(peak, groupRss(pgid));
      samples++;
    }, RSS_SAMPLE_MS);
    const cpuBefore = groupCpuSeconds(pgid);
    let answer: ClientAnswer;
    try {
      answer = await uploadFromAnotherProcess(uploadUrl('big.bin'), big);
    } finally {
      clearInterval(timer);
    }
    peak = Math.max(peak, groupRss(pgid));
    const cpuAfter = groupCpuSeconds(pgid);
    const serverCpu = { user: cpuAfter.user - cpuBefore.user, system: cpuAfter.system - cpuBefore.system };
    const serverCpuSeconds = serverCpu.user + serverCpu.system;
    const hwm = kernelPeak ? groupRss(pgid, 'VmHWM') : undefined;
    if (server.hasExited()) throw new MeasurementError(`the server exited during the upload:\n${server.output()}`);
    if (answer.status !== 200) throw new MeasurementError(`the upload answered ${answer.status}: ${answer.body.slice(0, 500)}`);
    const uploaded = JSON.parse(answer.body) as { size?: number };
    if (uploaded.size !== FILE_BYTES) throw new MeasurementError(`the upload answered size ${uploaded.size}, expected ${FILE_BYTES}`);
    // What landed is the file, byte for byte (read from the live tree after the clock stopped).
    const stored = path.join(dataDir, 'datasets', 'live', dataset.id, 'big.bin');
    const storedSha = await sha256OfFile(stored);
    if (storedSha !== sha256) throw new MeasurementError(`the stored file's sha256 is ${storedSha}, the upload's ${sha256}`);

    const rate = FILE_BYTES / MB / (answer.ms / 1000);
    const figures = {
      loadAverage: loadAverage.map(round1),
      fileBytes: FILE_BYTES,
      uploadMs: round1(answer.ms),
      MBps: round1(rate),
      rssMB: {
        beforeWarmUp: round1(beforeWarmUp / MB),
        baseline: round1(baseline / MB),
        peakSampled: round1(peak / MB),
        kernelPeak: hwm === undefined ? null : round1(hwm / MB),
      },
      // The server's own CPU time for the upload: what the rate would be with a core to itself,
      // whatever else the machine was running (2 cores, shared).
      serverCpuSeconds: round1(serverCpuSeconds),
      serverCpuUserSeconds: round1(serverCpu.user),
      serverCpuSystemSeconds: round1(serverCpu.system),
      MBpsPerServerCpuSecond: round1(FILE_BYTES / MB / serverCpuSeconds),
      rssSamples: samples,
      serverProcesses: members.length,
    };
    console.log(
      `1 GB upload through the console: ${figures.uploadMs} ms, ${figures.MBps} MB/s (load average ${figures.loadAverage.join(' ')}); ` +
        `server RSS ${figures.rssMB.baseline} MB → peak ${figures.rssMB.peakSampled} MB sampled (${samples} samples), ` +
        `VmHWM ${figures.rssMB.kernelPeak ?? 'n/a'} MB; server CPU ${figures.serverCpuSeconds} s (user ${figures.serverCpuUserSeconds}, system ${figures.serverCpuSystemSeconds}; ` +
        `${figures.MBpsPerServerCpuSecond} MB per CPU second); ` +
        `${members.length} server process(es); the stored file matched sha256`,
    );
    const growth = round1(((hwm ?? peak) - baseline) / MB);
    const checks: Check[] = [
      atLeast('1 GB upload through npm run serve', figures.MBps, 'MB/s', MIN_MB_PER_SECOND),
      atMost(`server RSS growth at peak (${hwm === undefined ? 'sampled' : 'kernel VmHWM'})`, growth, 'MB', MAX_RSS_GROWTH_MB),
      info('server CPU time for the upload', round1(serverCpuSeconds * 1000), 'ms'),
      info('server RSS growth at peak (sampled)', round1((peak - baseline) / MB), 'MB'),
      info('server RSS growth at peak, from before the warm-up', round1(((hwm ?? peak) - beforeWarmUp) / MB), 'MB'),
    ];
    return { checks, details: figures };
  } finally {
    await server.stop();
  }
}

await runBenchmark('dataset-upload', measure);
