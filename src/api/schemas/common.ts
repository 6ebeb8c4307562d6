// Wire conventions shared by every Domino family: envelopes, metadata, pagination, ids, enums.
// The contract between the dashboard and the embedded Domino; no React and no Node in here.
import { z } from 'zod';

export const OBJECT_ID_PATTERN = /^[0-9a-f]{24}$/;

/** A 24-hex ObjectId, the id form of every entity the server creates. */
export const ObjectIdSchema = z.string().regex(OBJECT_ID_PATTERN, { error: (issue) => `${String(issue.input)} is not a valid ID` });

/**
 * An enum that accepts any letter case and yields the canonical spelling.
 * The spec lists lower-camel values; live Domino has been seen answering PascalCase.
 */
export function looseEnum<const T extends readonly [string, ...string[]]>(values: T) {
  const canonical = new Map(values.map((value) => [value.toLowerCase(), value] as const));
  return z.string().transform((raw, ctx) => {
    const value = canonical.get(raw.toLowerCase());
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${raw}" is not one of ${values.join(', ')}` });
      return z.NEVER;
    }
    return value as T[number];
  });
}

export const MetadataV1Schema = z.object({
  requestId: z.string(),
  notices: z.array(z.string()).default([]),
});
export type MetadataV1 = z.output<typeof MetadataV1Schema>;

export const PaginationV1Schema = z.object({
  offset: z.number().int(),
  limit: z.number().int(),
  totalCount: z.number().int().optional(),
});

/**
 * PaginatedMetadataV1 is ambiguous in the spec (flat offset/limit/totalCount or a nested
 * `pagination`). Servers emit both; this parses either and normalises to the nested form.
 */
export const PaginatedMetadataV1Schema = z
  .object({
    requestId: z.string(),
    notices: z.array(z.string()).default([]),
    offset: z.number().int().optional(),
    limit: z.number().int().optional(),
    totalCount: z.number().int().optional(),
    pagination: PaginationV1Schema.partial().optional(),
  })
  .transform((meta) => ({
    requestId: meta.requestId,
    notices: meta.notices,
    pagination: {
      offset: meta.pagination?.offset ?? meta.offset ?? 0,
      limit: meta.pagination?.limit ?? meta.limit ?? 10,
      totalCount: meta.pagination?.totalCount ?? meta.totalCount,
    },
  }));
export type PaginatedMetadataV1 = z.output<typeof PaginatedMetadataV1Schema>;

export const FailureEnvelopeV1Schema = z.object({
  requestId: z.string(),
  errors: z.array(z.string()),
});
export type FailureEnvelopeV1 = z.output<typeof FailureEnvelopeV1Schema>;

export const InvalidBodyEnvelopeV1Schema = z.object({ message: z.string() });

/** Query parameters of every offset/limit listing. Defaults follow the reference (0, 10). */
export function paginationQuery(defaultLimit = 10) {
  return z.object({
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).default(defaultLimit),
  });
}

/** A page of an offset/limit listing, as both halves pass it around. */
export type PageRequest = z.output<ReturnType<typeof paginationQuery>>;

/** Path parameters that are all ObjectIds, e.g. `objectIdParams('projectId', 'goalId')`. */
export function objectIdParams<const K extends string>(...names: K[]) {
  return z.object(Object.fromEntries(names.map((name) => [name, ObjectIdSchema])) as Record<K, typeof ObjectIdSchema>);
}

/** Answered by every DELETE that has nothing else to say (projects, jobs). */
export const DeleteEnvelopeV1Schema = z.object({ success: z.boolean(), metadata: MetadataV1Schema });

/**
 * Longest accepted free text, by kind. Names and titles are one line; descriptions and messages
 * may span lines. The server refuses longer values with a 400 naming the field.
 */
export const TEXT_LIMITS = { name: 100, title: 200, command: 4096, message: 2000, description: 10_000, search: 1000 } as const;

// C0 and C1 control characters (NUL among them): never part of a name, title or command; and
// the same except tab, line feed and carriage return, which multi-line text keeps.
/* eslint-disable no-control-regex -- these two exist to find control characters */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;
const CONTROL_CHARACTERS_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/* eslint-enable no-control-regex */

export function hasControlCharacter(value: string, multiline = false): boolean {
  const pattern = multiline ? CONTROL_CHARACTERS_EXCEPT_LINES : CONTROL_CHARACTERS;
  pattern.lastIndex = 0;
  return pattern.test(value);
}

/** The text with each control character replaced (e.g. by a space, or by a visible escape). */
export function replaceControlCharacters(value: string, replacement: string | ((character: string) => string), multiline = false): string {
  return value.replace(multiline ? CONTROL_CHARACTERS_EXCEPT_LINES : CONTROL_CHARACTERS, replacement as (character: string) => string);
}

/** A required, trimmed, non-empty one-line string with messages that name the field. */
export function requiredText(label: string, max: number = TEXT_LIMITS.name) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be a string`) })
    .trim()
    .min(1, `${label} must not be empty`)
    .max(max, `${label} must be at most ${max} characters`)
    .refine((value) => !hasControlCharacter(value), `${label} must not contain control characters`);
}

/** Optional-content text that may span lines (a description, a message): bounded, no control characters but line breaks and tabs. */
export function freeText(label: string, max: number = TEXT_LIMITS.description, missing = `${label} must be a string`) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? missing : `${label} must be a string`) })
    .max(max, `${label} must be at most ${max} characters`)
    .refine((value) => !hasControlCharacter(value, true), `${label} must not contain control characters`);
}

/** A query-string boolean: `true`/`false` in any case. */
export const QueryBooleanSchema = z.string().transform((raw, ctx) => {
  const value = raw.toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  ctx.addIssue({ code: 'custom', message: `"${raw}" is not true or false` });
  return z.NEVER;
});

/** A wire schema's shape as the server must send it (before client-side normalisation). */
export type Wire<T extends z.ZodType> = z.input<T>;

export const CLUSTER_TYPES = ['dask', 'mpi', 'ray', 'spark'] as const;
/** Type of compute cluster: in environments' supportedClusters and jobs' cluster configs. */
export const ClusterTypeV1Schema = looseEnum(CLUSTER_TYPES);
export type ClusterTypeV1 = (typeof CLUSTER_TYPES)[number];
