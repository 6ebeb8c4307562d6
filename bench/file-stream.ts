// Download speed and server memory for a large file at an old commit:
// GET /api/projects/beta/projects/{id}/files/{commitId}/{path}/content. The route pipes
// `git cat-file blob` into the response, so the server's memory must stay flat however big the
// file and however many downloads run at once; the server's RSS is read from /proc while it serves.
import crypto from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import {
  atLeast,
  atMost,
  commitFile,
  createProject,
  info,
  makeTempDir,
  MeasurementError,
  median,
  resetPeakMark,
  rssOf,
  newApiKey,
  round1,
  runBenchmark,
  startDomino,
  type Check,
  type DominoServer,
} from './lib';

const MB = 1024 * 1024;
const FILE_BYTES = 5 * MB;
const LATER_COMMITS = 20;
const SEQUENTIAL = 20;
const CONCURRENT = 4;
const CONCURRENT_ROUNDS = 5;
const MIN_MB_PER_SECOND = 50;
const MAX_RSS_GROWTH_MB = 20;
const RSS_SAMPLE_MS = 20;
const WARM_UP_ROUNDS = 2;

interface Download {
  bytes: number;
  ms: number;
  sha256: string;
}

/** One download on its own connection, hashed as it arrives (nothing kept but the digest). */
function download(url: string, apiKey: string): Promise<Download> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const request = http.get(url, { headers: { 'X-Domino-Api-Key': apiKey }, agent: false, timeout: 60_000 }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new MeasurementError(`GET ${url} answered ${response.statusCode}`));
        return;
      }
      const hash = crypto.createHash('sha256');
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        hash.update(chunk);
      });
      response.on('end', () => resolve({ bytes, ms: performance.now() - startedAt, sha256: hash.digest('hex') }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${url} timed out`)));
    request.on('error', reject);
  });
}

/** Samples the server's RSS every 20 ms while `work` runs; the peak is the highest sample. */
async function withRssSampling<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peak: number; samples: number }> {
  let peak = rssOf(pid);
  let samples = 1;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssOf(pid));
    samples++;
  }, RSS_SAMPLE_MS);
  try {
    const result = await work();
    peak = Math.max(peak, rssOf(pid));
    return { result, peak, samples: samples + 1 };
  } finally {
    clearInterval(timer);
  }
}

async function seed(server: DominoServer) {
  const projectId = await createProject(server, 'file-stream');
  const content = crypto.randomBytes(FILE_BYTES);
  const oldCommit = await commitFile(server, projectId, 'data/big.bin', content);
  // Later commits of other files: the download must find the blob through an old commit's tree.
  for (let i = 0; i < LATER_COMMITS; i++) await commitFile(server, projectId, `notes/change-${i}.txt`, Buffer.from(`change ${i}\n`));
  return { projectId, oldCommit, sha256: crypto.createHash('sha256').update(content).digest('hex') };
}

async function measure() {
  const adminKey = newApiKey();
  const server = await startDomino(makeTempDir('file-stream'), adminKey);
  try {
    const { projectId, oldCommit, sha256 } = await seed(server);
    const url = `${server.origin}/api/projects/beta/projects/${projectId}/files/${oldCommit}/${encodeURIComponent('data/big.bin')}/content`;
    const check = (d: Download) => {
      if (d.bytes !== FILE_BYTES || d.sha256 !== sha256)
        throw new MeasurementError(`downloaded ${d.bytes} bytes with sha256 ${d.sha256}; expected ${FILE_BYTES} bytes with ${sha256}`);
    };
    console.log(`A ${FILE_BYTES / MB} MB file committed ${LATER_COMMITS} commits ago, project ${projectId}`);
    // Warm-up, discarded: the first downloads pay for loading the route's code and git's packs,
    // and grow V8's young generation to its working size (a one-off ~20 MB of RSS whatever the
    // file size). The baseline is taken after it, so growth in the measured part is what each
    // download holds: ~5 MB per download in flight if the file were buffered, not streamed.
    const beforeWarmUp = rssOf(server.pid);
    for (let i = 0; i < WARM_UP_ROUNDS; i++) (await Promise.all(Array.from({ length: CONCURRENT }, () => download(url, adminKey)))).forEach(check);
    for (let i = 0; i < WARM_UP_ROUNDS; i++) check(await download(url, adminKey));
    const loadAverage = os.loadavg()[0]!;
    const baseline = rssOf(server.pid);
    const kernelPeak = resetPeakMark(server.pid);

    const sequential = await withRssSampling(server.pid, async () => {
      const downloads: Download[] = [];
      for (let i = 0; i < SEQUENTIAL; i++) downloads.push(await download(url, adminKey));
      return downloads;
    });
    sequential.result.forEach(check);
    const rates = sequential.result.map((d) => d.bytes / MB / (d.ms / 1000));

    const concurrent = await withRssSampling(server.pid, async () => {
      const rounds: Array<{ ms: number; bytes: number }> = [];
      for (let round = 0; round < CONCURRENT_ROUNDS; round++) {
        const startedAt = performance.now();
        const downloads = await Promise.all(Array.from({ length: CONCURRENT }, () => download(url, adminKey)));
        downloads.forEach(check);
        rounds.push({ ms: performance.now() - startedAt, bytes: downloads.reduce((sum, d) => sum + d.bytes, 0) });
      }
      return rounds;
    });
    const concurrentRates = concurrent.result.map((r) => r.bytes / MB / (r.ms / 1000));
    const hwm = kernelPeak ? rssOf(server.pid, 'VmHWM') : undefined;
    const after = rssOf(server.pid);
    if (server.process.hasExited()) throw new MeasurementError(`the server exited during the run:\n${server.process.output()}`);

    const peak = Math.max(sequential.peak, concurrent.peak);
    const figures = {
      loadAverage1m: loadAverage,
      fileBytes: FILE_BYTES,
      sequentialMBps: { median: round1(median(rates)), min: round1(Math.min(...rates)), max: round1(Math.max(...rates)) },
      sequentialMs: sequential.result.map((d) => round1(d.ms)),
      concurrentMBps: { median: round1(median(concurrentRates)), min: round1(Math.min(...concurrentRates)) },
      rssMB: {
        beforeWarmUp: round1(beforeWarmUp / MB),
        baseline: round1(baseline / MB),
        peakSequential: round1(sequential.peak / MB),
        peakConcurrent: round1(concurrent.peak / MB),
        after: round1(after / MB),
        kernelPeak: hwm === undefined ? null : round1(hwm / MB),
      },
      rssSamples: sequential.samples + concurrent.samples,
    };
    console.log(
      `${SEQUENTIAL} sequential downloads: median ${figures.sequentialMBps.median} MB/s (min ${figures.sequentialMBps.min}, max ${figures.sequentialMBps.max}); ` +
        `${CONCURRENT_ROUNDS} rounds of ${CONCURRENT} at once: median ${figures.concurrentMBps.median} MB/s in all (min ${figures.concurrentMBps.min})`,
    );
    console.log(
      `server RSS: ${figures.rssMB.beforeWarmUp} MB before warm-up, baseline ${figures.rssMB.baseline} MB, peak ${figures.rssMB.peakSequential} MB sequential / ${figures.rssMB.peakConcurrent} MB concurrent ` +
        `(${figures.rssSamples} samples every ${RSS_SAMPLE_MS} ms; kernel VmHWM ${figures.rssMB.kernelPeak ?? 'n/a'} MB), after ${figures.rssMB.after} MB; all ${SEQUENTIAL + CONCURRENT * CONCURRENT_ROUNDS} downloads matched sha256`,
    );
    const checks: Check[] = [
      atLeast('sequential download, median', figures.sequentialMBps.median, 'MB/s', MIN_MB_PER_SECOND),
      info('sequential download, slowest', figures.sequentialMBps.min, 'MB/s'),
      atLeast(`${CONCURRENT} concurrent downloads, in all, median`, figures.concurrentMBps.median, 'MB/s', MIN_MB_PER_SECOND),
      atMost('server RSS growth at peak (sampled)', round1((peak - baseline) / MB), 'MB', MAX_RSS_GROWTH_MB),
      ...(hwm === undefined ? [] : [info('server RSS growth at peak (kernel VmHWM)', round1((hwm - baseline) / MB), 'MB')]),
      info('server RSS growth at peak, from before the warm-up', round1((peak - beforeWarmUp) / MB), 'MB'),
    ];
    return { checks, details: figures };
  } finally {
    await server.process.stop();
  }
}

await runBenchmark('file-stream', measure);
