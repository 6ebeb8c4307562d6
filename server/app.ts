// createApp builds the embedded Domino around an open database, so each test gets a fresh one.
import crypto from 'node:crypto';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Clock } from './clock';
import { systemClock } from './clock';
import { createContext, type BaseContext, type ServerContext } from './context';
import { JobRunner, type RunnerDependencies } from './jobs/runner';
import { authorOf, ensureRepository } from './services/projects';
import { addApiKey } from './services/users';
import type { Db } from './db/database';
import { ApiError } from './http/errors';
import type { SandboxStatus } from './jobs/sandbox';
import { hashSecret } from './http/ids';
import { ContractViolation, defineRoute, type RouteOptions, type RouteRegistrar } from './http/route';
import { registerCostRoutes } from './routes/cost';
import { registerDatasetRoutes } from './routes/datasets';
import { registerEmbeddedRoutes } from './routes/embedded';
import { registerEnvironmentRoutes } from './routes/environments';
import { registerMonitoringRoutes } from './routes/monitoring';
import { runEnvironmentOf } from './services/environments';
import { registerHardwareTierRoutes } from './routes/hardware-tiers';
import { registerJobRoutes } from './routes/jobs';
import { registerMlflowRoutes } from './routes/mlflow';
import { registerRegistryRoutes } from './routes/registry';
import { registerModelApiRoutes } from './routes/model-apis';
import { ModelWorkers } from './jobs/model-workers';
import { newObjectId } from './http/ids';
import { isTrackingPath, mlflowCodeOf } from './http/mlflow-errors';
import { registerOrganizationRoutes } from './routes/organizations';
import { registerProjectFileRoutes } from './routes/project-files';
import { registerProjectRoutes } from './routes/projects';
import { registerUserRoutes } from './routes/users';
import { DOMINO_API_VERSION } from './version';
import { systemEndpoints } from '../src/api/schemas/system';

export interface AppOptions {
  db: Db;
  dataDir: string;
  clock?: Clock;
  /** pino level; 'silent' in tests. */
  logLevel?: string;
  /** Check every success body against its contract schema (tests). */
  checkResponses?: boolean;
  /** The address unsandboxed jobs call the API at; updated from the listening address when there is one. */
  apiHost?: string;
  /** Which sandbox jobs run in; found by probing the machine unless given (tests). */
  sandbox?: () => SandboxStatus;
  /** Largest dataset file upload in bytes (DOMINO_DATASET_UPLOAD_LIMIT); 413 beyond it. */
  datasetUploadLimit?: number;
  /** Most predictions waiting per Model API (DOMINO_PREDICTION_QUEUE_LIMIT); 429 beyond it. */
  predictionQueueLimit?: number;
}

/** Predictions waiting per Model API before a submission is refused with 429. */
export const DEFAULT_PREDICTION_QUEUE_LIMIT = 10_000;

export interface RouteEntry {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, for the API coverage table. */
    routeTable: RouteEntry[];
    ctx: ServerContext;
  }
}

const registrars: RouteRegistrar[] = [
  registerUserRoutes,
  registerOrganizationRoutes,
  registerProjectRoutes,
  registerProjectFileRoutes,
  registerJobRoutes,
  registerHardwareTierRoutes,
  registerDatasetRoutes,
  registerEnvironmentRoutes,
  registerMonitoringRoutes,
  registerEmbeddedRoutes,
  registerMlflowRoutes,
  registerRegistryRoutes,
  registerModelApiRoutes,
  registerCostRoutes,
];

/**
 * An error's body: FailureEnvelopeV1, or on the tracking protocol's paths MLflow's
 * `{error_code, message}` (`error` undefined for "no such route").
 */
function errorBody(request: { id: string; url: string }, status: number, errors: string[], error?: unknown) {
  if (isTrackingPath(request.url)) return { error_code: mlflowCodeOf(status, error), message: errors.join('; ') };
  return { requestId: request.id, errors };
}

/** Node's HTTP parser refuses headers (and with them URLs) over 16 KiB. */
const MAX_URL_BYTES = 16 * 1024;

/**
 * What Node's HTTP parser refuses never reaches Fastify (a request line that is not HTTP, headers
 * over 16 KiB): the answer is written on the socket, in the envelope every other error has.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', `The request's headers (or its URL) are too large: at most ${MAX_URL_BYTES / 1024} KiB`]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request took too long to arrive']
        : [400, 'Bad Request', 'The request is malformed: it is not an HTTP/1.1 request this server can read'];
  const requestId = crypto.randomUUID();
  const body = JSON.stringify({ requestId, errors: [message] });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function credentialOf(request: FastifyRequest): string | undefined {
  const apiKey = request.headers['x-domino-api-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0) return apiKey;
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && /^bearer /i.test(authorization)) return authorization.slice(7).trim() || undefined;
  return undefined;
}

/** The runner's narrow view of the server: repositories, the project's files, run keys, mounts. */
function runnerDependencies(ctx: BaseContext): RunnerDependencies {
  return {
    jobs: ctx.jobs,
    jobLogs: ctx.jobLogs,
    hardwareTiers: ctx.hardwareTiers,
    projectOf: (projectId) => ctx.projects.findById(projectId),
    userOf: (userId) => ctx.users.findById(userId),
    files: {
      ensure: (project) => ensureRepository(ctx, project),
      checkout: (...args) => ctx.git.checkout(...args),
      commitWorkTree: (...args) => ctx.git.commitWorkTree(...args),
      authorOf: (userId) => authorOf(ctx, userId),
    },
    runKeys: { issue: (userId) => addApiKey(ctx, userId), revoke: (key) => ctx.apiKeys.remove(hashSecret(key)) },
    mountsFor: (job) => ctx.datasets.mountsFor(job),
    afterRun: (job) => ctx.datasets.jobFinished(job),
    environmentOf: (job) => (job.environmentRevisionId ? runEnvironmentOf(ctx, job.environmentRevisionId) : undefined),
  };
}

export function createApp(options: AppOptions): FastifyInstance {
  let apiHost = options.apiHost ?? 'http://127.0.0.1:8900';
  let ready = false;
  const clock = options.clock ?? systemClock;
  const base = createContext(options.db, clock, options.dataDir, {
    datasetUploadLimit: options.datasetUploadLimit,
    // Builds run RUN lines in the job sandbox, so they ask the runner (made just below) which one there is.
    buildSandbox: () => runner.sandbox(),
    reportError: (error, taskId) => app.log.error({ err: error, taskId }, 'background task failure'),
  });
  const runner = new JobRunner(runnerDependencies(base), {
    clock,
    workRoot: path.join(options.dataDir, 'work'),
    apiHost: () => apiHost,
    // Sandboxed jobs call the API through their run's relay, which hands requests to the app in-process.
    dispatcher: () => (ready ? (req, res) => app.routing(req, res) : undefined),
    reportError: (error, jobId) => app.log.error({ err: error, jobId }, 'job platform failure'),
    sandbox: options.sandbox,
  });
  const modelWorkers = new ModelWorkers({
    repo: base.modelApis,
    clock,
    dataDir: options.dataDir,
    sandbox: () => runner.sandbox(),
    environmentOf: (revisionId) => runEnvironmentOf(base, revisionId),
    tierOf: (id) => base.hardwareTiers.findById(id),
    newId: () => newObjectId(clock),
    queueLimit: options.predictionQueueLimit ?? DEFAULT_PREDICTION_QUEUE_LIMIT,
  });
  const ctx: ServerContext = { ...base, runner, modelWorkers };
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    // One log line per request (written in onResponse), carrying its requestId as reqId.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 1024 * 1024,
    // Path parameters are bounded by the URL (16 KiB), not at 100 characters: a long id is then
    // "not a valid ID", and a file path encoded as one parameter can be long.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_URL_BYTES },
    // What the router refuses before any route runs (a bad percent-encoding) is answered in the envelope too.
    frameworkErrors: (error, request, reply) => {
      const message =
        error.code === 'FST_ERR_BAD_URL'
          ? `The URL is malformed (a bad percent-encoding): ${request.url.slice(0, 200)}`
          : `The request is malformed (${error.code ?? 'unknown error'})`;
      void (reply as FastifyReply)
        .header('x-request-id', request.id)
        .code(400)
        .send(errorBody(request, 400, [message]));
    },
    clientErrorHandler: answerClientError,
  });
  app.decorate('routeTable', [] as RouteEntry[]);
  app.decorate('ctx', ctx);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') app.routeTable.push({ method, url: route.url });
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.statusCode).send(errorBody(request, error.statusCode, error.errors, error));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500 && !(error instanceof ContractViolation)) {
      // Fastify's own client errors: malformed JSON, body too large, unsupported media type.
      const message = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'Request body is too large (limit 1 MiB)' : error.message;
      return reply.code(status).send(errorBody(request, status, [message], error));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(errorBody(request, 500, [`Internal server error (request ${request.id})`], error));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody(request, 404, [`No route for ${request.method} ${request.url.split('?')[0]}`]));
  });

  const routeOptions: RouteOptions = {
    authenticate(request) {
      const credential = credentialOf(request);
      return credential ? ctx.apiKeys.ownerOf(hashSecret(credential), ctx.clock.now().toISOString()) : undefined;
    },
    checkResponses: options.checkResponses ?? false,
  };
  defineRoute(app, routeOptions, systemEndpoints.getVersion, { access: 'none', handler: () => ({ version: DOMINO_API_VERSION }) });
  defineRoute(app, routeOptions, systemEndpoints.getHealth, { access: 'none', handler: () => ({ status: 'ok' as const }) });
  for (const register of registrars) register(app, ctx, routeOptions);
  app.addHook('onReady', async () => {
    ready = true;
  });
  app.addHook('onListen', async () => {
    const address = app.server.address();
    if (address && typeof address === 'object') apiHost = `http://127.0.0.1:${address.port}`;
  });
  // Running jobs end with the server; the next start's recovery marks them Error.
  app.addHook('onClose', async () => {
    await Promise.all(ctx.onShutdown.map((stop) => stop()));
    await ctx.tasks.close();
    await ctx.modelWorkers.close();
    await ctx.runner.close();
  });
  return app;
}
