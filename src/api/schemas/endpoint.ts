// One declaration per endpoint, used by both halves: the server derives its route (URL, request
// validation, response check) from it, and the dashboard builds the URL and parses the answer with
// it. No URL is typed anywhere else (docs/decisions/0009-endpoint-declarations.md).
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Where the embedded Domino's own extensions live; a real deployment answers 404 under it. */
export const EMBEDDED_PREFIX = '/api/embedded/v1';

/**
 * Where an endpoint comes from: the Domino REST API reference (`reference`), Domino's published
 * 5.9.1 spec beyond it (`spec`), a later Domino release (`domino-6.2`), the embedded Domino's own
 * extensions under /api/embedded/v1 (`embedded`, listed by /info), the server outside the API
 * (`system`: /version, /health), or the console's own proxy (`console`: sessions, under /console/api).
 */
export type EndpointSource = 'reference' | 'spec' | 'domino-6.2' | 'embedded' | 'system' | 'console';

export interface EndpointDeclaration {
  readonly method: HttpMethod;
  /**
   * The path template with `{param}` placeholders. A last placeholder written `{name+}` takes the
   * rest of the path, slashes and all (a file path sent with raw slashes); fixed segments may follow
   * it (`{path+}/content`), and are then required at the end of the URL.
   */
  readonly path: string;
  /** Other templates of the same endpoint, served by the same handler (Domino's twin prefixes, e.g. /beta and /v1). */
  readonly aliases?: readonly string[];
  readonly family: string;
  readonly source: EndpointSource;
  /** Path parameters, by placeholder name. */
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  /** A JSON body; `'octet-stream'` for raw bytes (a file upload). */
  readonly body?: z.ZodType | 'octet-stream';
  /** The success body: a schema for JSON, `null` for an empty answer (204), `'raw'` for bytes (file contents). */
  readonly response: z.ZodType | null | 'raw';
  /** The success status when it is not 200. */
  readonly successStatus?: number;
}

/** Declares an endpoint, keeping every literal (method, path, schemas) for the types derived from it. */
export function endpoint<const E extends EndpointDeclaration>(declaration: E): E {
  return declaration;
}

/** The names of a template's placeholders, e.g. "projectId" | "path" for `/p/{projectId}/{path+}`. */
export type PathParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? (Name extends `${infer Bare}+` ? Bare : Name) | PathParamNames<Rest>
  : never;

/** What the success body parses to, for an endpoint that answers JSON. */
export type ResponseOf<E extends EndpointDeclaration> = E['response'] extends z.ZodType ? z.output<E['response']> : undefined;

/** What a JSON body must be when sent (the schema's input side). */
export type BodyOf<E extends EndpointDeclaration> = E['body'] extends z.ZodType ? z.input<E['body']> : never;

/** The query's parameter names, each taking a plain value (the server's schema coerces them). */
export type QueryOf<E extends EndpointDeclaration> = E['query'] extends z.ZodType
  ? { [K in keyof z.output<E['query']>]?: string | number | boolean | null | undefined }
  : never;

// A rest placeholder, then only fixed segments to the end.
const REST_PLACEHOLDER = /\{([A-Za-z0-9_]+)\+\}((?:\/[A-Za-z0-9_.-]+)*)$/;

/** The placeholder that takes the rest of the path, when the template has one. */
export function restParamOf(template: string): string | undefined {
  return REST_PLACEHOLDER.exec(template)?.[1];
}

/** The fixed segments after the rest placeholder ('/content' in `{path+}/content`), or ''. */
export function restSuffixOf(template: string): string {
  return REST_PLACEHOLDER.exec(template)?.[2] ?? '';
}

/**
 * Fastify's form of a template: `{id}` → `:id`, the rest placeholder and anything after it → `*`
 * (the server checks and strips the fixed end itself: a wildcard can only end a route).
 */
export function toRouteUrl(template: string): string {
  return template.replace(REST_PLACEHOLDER, '*').replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

/**
 * The URL of a template with its placeholders filled. Every value is URI-encoded, so an id can
 * never change the path; a rest placeholder keeps its slashes (each segment is encoded).
 */
export function fillPath(template: string, params: Record<string, string> | undefined): string {
  return template.replace(/\{([A-Za-z0-9_]+)(\+?)\}/g, (_match, name: string, rest: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`Missing path parameter "${name}" for ${template}`);
    return rest ? value.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(value);
  });
}
