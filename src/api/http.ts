// The dashboard's one transport. It builds the URL from the endpoint's declaration in the contract,
// sends JSON (or bytes where the declaration says), parses the answer through the declaration's
// schema and throws typed errors: no toasts or redirects in here (those live on the QueryClient's
// caches and in the pages), so every caller decides what an error means to it.
import type { z } from 'zod';
import { noteIdentity } from './identity';
import { FailureEnvelopeV1Schema, InvalidBodyEnvelopeV1Schema } from './schemas/common';
import { IDENTITY_HEADER, SESSION_HEADER } from './schemas/console';
import { fillPath, type BodyOf, type EndpointDeclaration, type PathParamNames, type QueryOf, type ResponseOf } from './schemas/endpoint';

/** What naming an endpoint in an error takes: its method and path template. */
type EndpointName = Pick<EndpointDeclaration, 'method' | 'path'>;

type ParamsOption<P extends string> = [PathParamNames<P>] extends [never] ? { params?: undefined } : { params: Record<PathParamNames<P>, string> };

export type QueryValue = string | number | boolean | null | undefined;

/** A request for a declared endpoint: its path parameters, query and body, typed by the declaration. */
export type EndpointRequest<E extends EndpointDeclaration> = ParamsOption<E['path']> & {
  /** Query-string values; undefined and null are left out. */
  query?: QueryOf<E>;
  /** JSON, or bytes for an endpoint that takes `octet-stream`. */
  body?: E['body'] extends 'octet-stream' ? Blob | ArrayBuffer | Uint8Array : BodyOf<E>;
  signal?: AbortSignal;
};

/** "GET /api/users/v1/self": how errors name an endpoint (the template, so no ids leak into logs). */
export function describeEndpoint(endpoint: EndpointName): string {
  return `${endpoint.method} ${endpoint.path}`;
}

/** A non-2xx answer. `errors` are the API's own messages, ready to show. */
export class DominoApiError extends Error {
  override readonly name = 'DominoApiError';
  readonly status: number;
  readonly errors: readonly string[];
  readonly requestId: string | undefined;
  /** e.g. "GET /api/organizations/v1/organizations/{organizationId}" */
  readonly endpoint: string;
  /** A 401 of the console's proxy: `required` (nobody signed in) or `ended` (the person's session is over). */
  readonly session: 'required' | 'ended' | undefined;

  constructor(init: { status: number; errors: readonly string[]; requestId?: string; endpoint: string; session?: 'required' | 'ended' }) {
    super(init.errors.length > 0 ? init.errors.join('; ') : `Request failed with status ${init.status}`);
    this.status = init.status;
    this.errors = init.errors;
    this.requestId = init.requestId;
    this.endpoint = init.endpoint;
    this.session = init.session;
  }
}

export interface ShapeIssue {
  /** Dotted path into the body, e.g. "user.id" or "users.3.userName"; "(body)" for the root. */
  path: string;
  message: string;
}

/** A 2xx answer whose body does not match the contract: the server and the dashboard disagree. */
export class ResponseShapeError extends Error {
  override readonly name = 'ResponseShapeError';
  readonly endpoint: string;
  readonly issues: readonly ShapeIssue[];
  readonly status: number;

  constructor(init: { endpoint: string; issues: readonly ShapeIssue[]; status: number }) {
    super(`${init.endpoint}: ${init.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.endpoint = init.endpoint;
    this.issues = init.issues;
    this.status = init.status;
  }
}

/** The request never got an answer (server down, proxy unreachable, offline). */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  readonly endpoint: string;

  constructor(endpoint: string, cause: unknown) {
    super(`Could not reach the server (${endpoint})`, { cause });
    this.endpoint = endpoint;
  }
}

export function isDominoApiError(error: unknown, status?: number): error is DominoApiError {
  return error instanceof DominoApiError && (status === undefined || error.status === status);
}

/** Fills {param} placeholders; every value is URI-encoded so an id can never change the path. */
export function buildPath(template: string, params: Record<string, string> | undefined): string {
  return fillPath(template, params);
}

export function buildQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(body)' : path.map((key) => String(key)).join('.');
}

// zod says "Invalid input: expected string, received undefined"; the prefix adds nothing here.
function formatIssueMessage(message: string): string {
  return message.replace(/^Invalid input:\s*/i, '');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The typed error for a non-2xx answer, from its body's FailureEnvelopeV1 (or InvalidBodyEnvelopeV1). */
function errorFromResponse(response: Response, text: string, endpoint: string): DominoApiError {
  const headerRequestId = response.headers.get('x-request-id') ?? undefined;
  const sessionHeader = response.status === 401 ? response.headers.get(SESSION_HEADER) : null;
  const session = sessionHeader === 'required' || sessionHeader === 'ended' ? sessionHeader : undefined;
  const parsed = parseJson(text);
  if (parsed.ok && parsed.value !== undefined) {
    const failure = FailureEnvelopeV1Schema.safeParse(parsed.value);
    if (failure.success) {
      return new DominoApiError({ status: response.status, errors: failure.data.errors, requestId: failure.data.requestId, endpoint, session });
    }
    const invalidBody = InvalidBodyEnvelopeV1Schema.safeParse(parsed.value);
    if (invalidBody.success) {
      return new DominoApiError({ status: response.status, errors: [invalidBody.data.message], requestId: headerRequestId, endpoint });
    }
  }
  // HTML from a gateway, plain text, or an unknown JSON shape: never show raw markup to the user.
  const statusText = response.statusText ? ` ${response.statusText}` : '';
  return new DominoApiError({
    status: response.status,
    errors: [`The server answered ${response.status}${statusText}`],
    requestId: headerRequestId,
    endpoint,
  });
}

/** The URL of a declared endpoint: for links the browser follows itself (downloads, images). */
export function endpointUrl<const E extends EndpointDeclaration>(endpoint: E, options: ParamsOption<E['path']> & { query?: QueryOf<E> }): string {
  return (
    buildPath(endpoint.path, options.params as Record<string, string> | undefined) + buildQueryString(options.query as Record<string, QueryValue> | undefined)
  );
}

interface SendOptions {
  params?: Record<string, string>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

/** Sends a request and returns the 2xx Response, or throws DominoApiError / NetworkError. */
async function send(endpoint: EndpointName, options: SendOptions, bytes: boolean, accept: string): Promise<Response> {
  const name = describeEndpoint(endpoint);
  const url = buildPath(endpoint.path, options.params) + buildQueryString(options.query);
  const headers: Record<string, string> = { Accept: accept };
  const init: RequestInit = { method: endpoint.method, headers, signal: options.signal };
  if (options.body !== undefined) {
    headers['Content-Type'] = bytes ? 'application/octet-stream' : 'application/json';
    init.body = bytes ? (options.body as BodyInit) : JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    // A cancelled query is not a failure; TanStack Query recognises the AbortError itself.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(name, error);
  }
  // Who the proxy acted as: a change of person resets what is on screen (identity.ts).
  noteIdentity(response.headers.get(IDENTITY_HEADER));
  if (!response.ok) throw errorFromResponse(response, await response.text(), name);
  return response;
}

/** Calls a declared endpoint that answers JSON (or nothing) and parses the answer with its schema. */
export async function request<const E extends EndpointDeclaration>(endpoint: E, options: EndpointRequest<E>): Promise<ResponseOf<E>> {
  if (endpoint.response === 'raw') throw new Error(`${describeEndpoint(endpoint)} answers bytes: use requestRaw`);
  const response = await send(endpoint, options as SendOptions, endpoint.body === 'octet-stream', 'application/json');
  const text = await response.text();
  if (endpoint.response === null) return undefined as ResponseOf<E>;
  return parseSuccessBody(text, endpoint.response, describeEndpoint(endpoint), response.status) as ResponseOf<E>;
}

/** Calls a declared endpoint that answers bytes (file contents); the caller reads the Response. */
export async function requestRaw<const E extends EndpointDeclaration>(endpoint: E, options: EndpointRequest<E>): Promise<Response> {
  return send(endpoint, options as SendOptions, endpoint.body === 'octet-stream', '*/*');
}

/** A 2xx body parsed through the contract's schema, or a ResponseShapeError saying what differs. */
export function parseSuccessBody<S extends z.ZodType>(text: string, schema: S, endpoint: string, status: number): z.output<S> {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    throw new ResponseShapeError({ endpoint, status, issues: [{ path: '(body)', message: 'expected a JSON body' }] });
  }
  const result = schema.safeParse(parsed.value);
  if (!result.success) {
    throw new ResponseShapeError({
      endpoint,
      status,
      issues: result.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: formatIssueMessage(issue.message) })),
    });
  }
  return result.data;
}
