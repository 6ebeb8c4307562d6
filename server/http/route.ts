// One way to serve an endpoint: its declaration in the contract (method, path, schemas) in, a
// thin handler, the contract's envelope out. The URL comes from the declaration, never a literal.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { Wire } from '../../src/api/schemas/common';
import { restParamOf, restSuffixOf, toRouteUrl, type EndpointDeclaration } from '../../src/api/schemas/endpoint';
import type { ServerContext } from '../context';
import type { KeyOwner } from '../db/api-keys-repository';
import { badRequest, forbidden, notFound, unauthorized } from './errors';

/** Who may call: anyone signed in (the handler checks the rest), or site administrators only; `none` for the few routes outside the API. */
export type Access = 'user' | 'admin' | 'none';

export interface RouteContext<Body, Query, Params> {
  body: Body;
  query: Query;
  params: Params;
  user: KeyOwner;
  requestId: string;
  request: FastifyRequest;
  reply: FastifyReply;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type BodyIn<E extends EndpointDeclaration> = E['body'] extends 'octet-stream' ? Buffer : Out<E['body']>;

/** A non-JSON answer (file contents): streamed as is, with its content type. */
export interface RawBody {
  body: Readable | Buffer | string;
  contentType: string;
  headers?: Record<string, string>;
  /** When it is not the declaration's (206 for a range of a file). */
  status?: number;
}
/**
 * A JSON answer already serialized (a cached page spliced with this request's metadata). It is
 * checked against the route's schema like any other answer when responses are checked.
 */
export class JsonText {
  /** Already-serialised JSON: a string, or its UTF-8 bytes (sent as they are). */
  constructor(readonly text: string | Buffer) {}
}
type AnswerOf<R> = R extends z.ZodType ? Wire<R> | JsonText : R extends 'raw' ? RawBody : void;

export interface RouteImplementation<E extends EndpointDeclaration> {
  access: Access;
  /** Largest accepted body in bytes, when it differs from the server's default. */
  bodyLimit?: number;
  /**
   * An octet-stream body is left unread for the handler to stream from `request.raw` (a large
   * upload, never held in memory whole); `body` is then empty and the handler enforces its limit.
   */
  streamBody?: boolean;
  /**
   * A faster reading of a plainly valid body that answers exactly what the contract's schema
   * would; undefined sends the body through the schema (which names what is wrong).
   */
  plainBody?: (body: unknown) => BodyIn<E> | undefined;
  handler: (ctx: RouteContext<BodyIn<E>, Out<E['query']>, Out<E['params']>>) => AnswerOf<E['response']> | Promise<AnswerOf<E['response']>>;
}

export interface RouteOptions {
  /** Resolves the credential of a request to its user, or undefined. */
  authenticate(request: FastifyRequest): KeyOwner | undefined;
  /** Parse every success body with its contract schema and fail loudly when it does not match (tests). */
  checkResponses: boolean;
}

/** What every route module exports: it serves its family's endpoints on the app. */
export type RouteRegistrar = (app: FastifyInstance, ctx: ServerContext, options: RouteOptions) => void;

function issuesToErrors(location: 'body' | 'query' | 'path', issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    // A malformed path id reads exactly "<id> is not a valid ID", as Domino answers.
    if (location === 'path') return issue.message;
    const where = issue.path.length > 0 ? `${location}.${issue.path.join('.')}` : location;
    return `${where}: ${issue.message}`;
  });
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, location: 'body' | 'query' | 'path'): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(...issuesToErrors(location, result.error.issues));
  return result.data;
}

/**
 * The request's path parameters by placeholder name (Fastify calls a trailing rest `*`). A rest
 * value loses the template's fixed end (undefined when the URL lacks it: no such route) and any
 * leading slashes (Domino's Python client sends `files/<commit>//a/b.txt/content`).
 */
function pathParams(request: FastifyRequest, rest: { name: string; suffix: string } | undefined): Record<string, string> | undefined {
  const params = { ...(request.params as Record<string, string>) };
  if (rest !== undefined) {
    let value = params['*'] ?? '';
    delete params['*'];
    if (rest.suffix) {
      if (!value.endsWith(rest.suffix)) return undefined;
      value = value.slice(0, -rest.suffix.length);
    }
    params[rest.name] = value.replace(/^\/+/, '');
  }
  return params;
}

export function defineRoute<const E extends EndpointDeclaration>(
  app: FastifyInstance,
  options: RouteOptions,
  endpoint: E,
  implementation: RouteImplementation<E>,
): void {
  const restName = restParamOf(endpoint.path);
  const rest = restName === undefined ? undefined : { name: restName, suffix: restSuffixOf(endpoint.path) };
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const rawParams = pathParams(request, rest);
    // A wildcard route matched a URL without the template's fixed end: as if no route had.
    if (rawParams === undefined) throw notFound(`No route for ${request.method} ${request.url.split('?')[0]}`);
    const user = options.authenticate(request);
    if (implementation.access !== 'none' && !user) throw unauthorized();
    if (implementation.access === 'admin' && !user!.isAdmin) throw forbidden('Only administrators may do this');
    const params = (endpoint.params ? parseOrThrow(endpoint.params, rawParams, 'path') : undefined) as Out<E['params']>;
    const query = (endpoint.query ? parseOrThrow(endpoint.query, request.query ?? {}, 'query') : undefined) as Out<E['query']>;
    let body: unknown;
    if (endpoint.body === 'octet-stream' && implementation.streamBody) {
      body = undefined;
    } else if (endpoint.body === 'octet-stream') {
      if (!Buffer.isBuffer(request.body)) throw badRequest('body: send the content as application/octet-stream');
      body = request.body;
    } else if (endpoint.body) {
      // A missing body parses as {}, so the answer names the required fields that are missing.
      body = implementation.plainBody?.(request.body) ?? parseOrThrow(endpoint.body, request.body ?? {}, 'body');
    }
    const result = await implementation.handler({ body: body as BodyIn<E>, query, params, user: user!, requestId: request.id, request, reply });
    if (reply.sent) return reply;
    reply.code(endpoint.successStatus ?? 200);
    if (endpoint.response === null) return reply.send();
    if (endpoint.response === 'raw') {
      const raw = result as RawBody;
      if (raw.status !== undefined) reply.code(raw.status);
      reply.header('content-type', raw.contentType);
      for (const [name, value] of Object.entries(raw.headers ?? {})) reply.header(name, value);
      return reply.send(raw.body);
    }
    if (result instanceof JsonText) reply.header('content-type', 'application/json; charset=utf-8');
    if (options.checkResponses) {
      const parsed = endpoint.response.safeParse(result instanceof JsonText ? JSON.parse(result.text.toString()) : result);
      if (!parsed.success) {
        throw new ContractViolation(`${endpoint.method} ${endpoint.path}: ${issuesToErrors('body', parsed.error.issues).join('; ')}`);
      }
    }
    return result instanceof JsonText ? result.text : result;
  };

  const register = (scope: FastifyInstance) => {
    for (const template of [endpoint.path, ...(endpoint.aliases ?? [])]) {
      scope.route({
        method: endpoint.method,
        url: toRouteUrl(template),
        ...(implementation.bodyLimit ? { bodyLimit: implementation.bodyLimit } : {}),
        handler,
      });
    }
  };
  if (endpoint.body !== 'octet-stream') return register(app);
  // Bytes are accepted only where an endpoint takes them: the parser lives in this route's own scope.
  void app.register(async (scope) => {
    if (implementation.streamBody) scope.addContentTypeParser('application/octet-stream', (_request, _payload, done) => done(null, undefined));
    else
      scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: implementation.bodyLimit }, (_request, payload, done) =>
        done(null, payload),
      );
    register(scope);
  });
}

/** A response that does not match the contract: a server bug, surfaced in tests as a 500. */
export class ContractViolation extends Error {}
