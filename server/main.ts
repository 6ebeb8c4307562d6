// The embedded Domino as a process: reads the environment, opens the data dir, listens on loopback.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { createApp } from './app';
import { bootstrap } from './bootstrap';
import { startCheckpointer } from './db/checkpointer';
import { openDatabase } from './db/database';

export interface EmbeddedDominoOptions {
  port: number;
  host: string;
  dataDir: string;
  adminKey?: string;
  demo: boolean;
  logLevel: string;
  /** Largest dataset file upload in bytes (DOMINO_DATASET_UPLOAD_LIMIT). */
  datasetUploadLimit?: number;
  /** Most predictions waiting per Model API (DOMINO_PREDICTION_QUEUE_LIMIT). */
  predictionQueueLimit?: number;
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): EmbeddedDominoOptions {
  return {
    port: Number(env.DOMINO_PORT ?? 8900),
    host: '127.0.0.1',
    dataDir: path.resolve(env.DOMINO_DATA_DIR ?? '.domino'),
    adminKey: env.DOMINO_USER_API_KEY || undefined,
    demo: env.DOMINO_DEMO !== '0',
    logLevel: env.DOMINO_LOG_LEVEL ?? 'info',
    ...(env.DOMINO_DATASET_UPLOAD_LIMIT ? { datasetUploadLimit: Number(env.DOMINO_DATASET_UPLOAD_LIMIT) } : {}),
    ...(env.DOMINO_PREDICTION_QUEUE_LIMIT ? { predictionQueueLimit: Number(env.DOMINO_PREDICTION_QUEUE_LIMIT) } : {}),
  };
}

export interface RunningDomino {
  app: FastifyInstance;
  url: string;
  adminKey: string;
  close(): Promise<void>;
}

export async function startEmbeddedDomino(options: EmbeddedDominoOptions): Promise<RunningDomino> {
  const db = openDatabase(path.join(options.dataDir, 'domino.sqlite'));
  const checkpointer = startCheckpointer(db);
  const app = createApp({
    db,
    dataDir: options.dataDir,
    logLevel: options.logLevel,
    datasetUploadLimit: options.datasetUploadLimit,
    predictionQueueLimit: options.predictionQueueLimit,
  });
  const result = await bootstrap(app.ctx, { adminKey: options.adminKey, demo: options.demo });
  if (result.generatedKey) {
    // Printed once, on the start that generated it; it is also kept in <data dir>/admin-api-key (0600).
    console.log(`Admin API key: ${result.adminKey}`);
  }
  if (result.createdDemo) console.log('Created the demo workspace.');
  await app.listen({ port: options.port, host: options.host });
  const url = `http://${options.host}:${options.port}`;
  return {
    app,
    url,
    adminKey: result.adminKey,
    async close() {
      await app.close();
      await checkpointer.stop();
      db.close();
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const options = optionsFromEnv();
  const domino = await startEmbeddedDomino(options);
  console.log(`Embedded Domino listening on ${domino.url} (data in ${options.dataDir})`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void domino.close().then(() => process.exit(0)));
  }
}
