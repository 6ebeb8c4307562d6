// One way to declare an endpoint: contract schemas in, a thin handler, the contract's envelope out.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { HttpMethod } from '../../src/api/schemas/reference-endpoints';
import type { Wire } from '../../src/api/schemas/common';
import { ApiError, badRequest, forbidden, unauthorized } from './errors';
import type { KeyOwner } from '../db/api-keys-repository';

export type Access = 'user' | 'admin';

export interface RouteContext<Body, Query, Params> {
  body: Body;
  query: Query;
  params: Params;
  user: KeyOwner;
  requestId: string;
  request: FastifyRequest;
  reply: FastifyReply;
}

type AnySchema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** A non-JSON answer (file contents): streamed as is, with its content type. */
export interface RawBody {
  body: Readable | Buffer | string;
  contentType: string;
  headers?: Record<string, string>;
}
/**
 * A JSON answer already serialized (a cached page spliced with this request's metadata). It is
 * checked against the route's schema like any other answer when responses are checked.
 */
export class JsonText {
  constructor(readonly text: string) {}
}
type ResponseOf<R> = R extends AnySchema ? Wire<R> | JsonText : R extends 'raw' ? RawBody : void;

export interface RouteDefinition<B extends AnySchema | undefined, Q extends AnySchema | undefined, P extends AnySchema | undefined, R extends AnySchema | null | 'raw'> {
  method: HttpMethod;
  url: string;
  access: Access;
  body?: B;
  query?: Q;
  params?: P;
  /** The success body's contract; null for an empty answer (e.g. 204); 'raw' for file contents. */
  response: R;
  /** Largest accepted body in bytes, when it differs from the server's default. */
  bodyLimit?: number;
  successStatus?: number;
  handler: (ctx: RouteContext<Out<B>, Out<Q>, Out<P>>) => ResponseOf<R> | Promise<ResponseOf<R>>;
}

export interface RouteOptions {
  /** Resolves the credential of a request to its user, or undefined. */
  authenticate(request: FastifyRequest): KeyOwner | undefined;
  /** Parse every success body with its contract schema and fail loudly when it does not match (tests). */
  checkResponses: boolean;
}

function issuesToErrors(location: 'body' | 'query' | 'path', issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    // A malformed path id reads exactly "<id> is not a valid ID", as Domino answers.
    if (location === 'path') return issue.message;
    const where = issue.path.length > 0 ? `${location}.${issue.path.join('.')}` : location;
    return `${where}: ${issue.message}`;
  });
}

function parseOrThrow<S extends AnySchema>(schema: S, value: unknown, location: 'body' | 'query' | 'path'): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(...issuesToErrors(location, result.error.issues));
  return result.data;
}

export function defineRoute<B extends AnySchema | undefined = undefined, Q extends AnySchema | undefined = undefined, P extends AnySchema | undefined = undefined, R extends AnySchema | null | 'raw' = null>(
  app: FastifyInstance,
  options: RouteOptions,
  route: RouteDefinition<B, Q, P, R>,
): void {
  app.route({
    method: route.method,
    url: route.url,
    ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
    handler: async (request, reply) => {
      const user = options.authenticate(request);
      if (!user) throw unauthorized();
      if (route.access === 'admin' && !user.isAdmin) throw forbidden('Only administrators may do this');
      const params = (route.params ? parseOrThrow(route.params, request.params, 'path') : undefined) as Out<P>;
      const query = (route.query ? parseOrThrow(route.query, request.query ?? {}, 'query') : undefined) as Out<Q>;
      // A missing body parses as {}, so the answer names the required fields that are missing.
      const body = (route.body ? parseOrThrow(route.body, request.body ?? {}, 'body') : undefined) as Out<B>;
      const result = await route.handler({ body, query, params, user, requestId: request.id, request, reply });
      if (reply.sent) return reply;
      reply.code(route.successStatus ?? 200);
      if (route.response === null) return reply.send();
      if (route.response === 'raw') {
        const raw = result as RawBody;
        reply.header('content-type', raw.contentType);
        for (const [name, value] of Object.entries(raw.headers ?? {})) reply.header(name, value);
        return reply.send(raw.body);
      }
      if (result instanceof JsonText) reply.header('content-type', 'application/json; charset=utf-8');
      if (options.checkResponses) {
        const parsed = route.response.safeParse(result instanceof JsonText ? JSON.parse(result.text) : result);
        if (!parsed.success) {
          throw new ContractViolation(`${route.method} ${route.url}: ${issuesToErrors('body', parsed.error.issues).join('; ')}`);
        }
      }
      return result instanceof JsonText ? result.text : result;
    },
  });
}

/** A response that does not match the contract: a server bug, surfaced in tests as a 500. */
export class ContractViolation extends Error {}

export { ApiError };
