// Property-based fuzzing of every endpoint of the embedded Domino (fast-check).
//
// The endpoints come from the server's own route table and the field names from the contract's
// zod schemas (src/api/schemas/), so a new API family is fuzzed as soon as it is registered.
// Every answer must hold these properties:
//   - its status is below 500;
//   - an error answer (4xx) is JSON, a FailureEnvelopeV1 {requestId, errors: string[]} or exactly
//     an InvalidBodyEnvelopeV1 {message} (Fastify's own {statusCode, code, error, message} is not
//     one: it is what the framework answers when the server's envelope was bypassed);
//   - a write that sends a NUL character and succeeds does not answer with it (the server would
//     have accepted and stored it; names, commands and messages must refuse control characters);
//   - no unhandled rejection or uncaught exception happens while it is handled;
//   - the server still answers GET /version with 200 afterwards.
//
// By default every distinct failure is collected (the smallest request seen for each) and the test
// fails at the end with all of them, reproducible as app.inject options; they are also written to
// $FUZZ_REPORT (default <tmp>/domino-fuzz-report.json). FUZZ_SHRINK=1 instead stops at the first
// failure and lets fast-check shrink it. Environment: FUZZ_SEED (fixed by default, so runs
// reproduce), FUZZ_RUNS, FUZZ_TIME_LIMIT_MS, FUZZ_SHRINK, FUZZ_REPORT.
//
// Requests name real things (the seeded projects, users, commits, jobs, and every id a success
// answer hands out) by pool and index, and fill in the fields that earlier 400 answers of the same
// route named ("body.name: …"), so many get past validation into the handlers. Commands a job
// would run come only from SAFE_COMMANDS; every job still live at the end is stopped, and no job
// process may be left behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailureEnvelopeV1Schema } from '../../src/api/schemas/common';
import { MlflowErrorSchema } from '../../src/api/schemas/mlflow';
import { isTrackingPath } from '../http/mlflow-errors';
import { startTestServer, type TestServer, type TestUser, UNKNOWN_ID } from './helper';

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return value;
}

const DEFAULT_RUNS = 6000;
const SEED = intFromEnv('FUZZ_SEED', 20_260_514);
const RUNS = intFromEnv('FUZZ_RUNS', DEFAULT_RUNS);
// The default budget keeps the file under a minute on two cores; more runs get more time.
const TIME_LIMIT_MS = intFromEnv('FUZZ_TIME_LIMIT_MS', Math.max(35_000, Math.round((RUNS * 35_000) / DEFAULT_RUNS)));
const SHRINK = process.env.FUZZ_SHRINK === '1';
const REPORT_FILE = process.env.FUZZ_REPORT ?? path.join(os.tmpdir(), 'domino-fuzz-report.json');
/** Longest wait for one answer before it counts as a hang. */
const REQUEST_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------------------------
// The vocabulary: field names, object shapes and enum values of the contract.

interface Vocabulary {
  keys: string[];
  shapes: string[][];
  /** Enum values, under the name of the field or export that holds them (lower case). */
  enums: Array<{ name: string; values: string[] }>;
}

const schemaModules = import.meta.glob<Record<string, unknown>>(['../../src/api/schemas/*.ts', '!../../src/api/schemas/*.test.ts'], { eager: true });

function vocabularyOf(modules: Record<string, Record<string, unknown>>): Vocabulary {
  const keys = new Set<string>();
  const shapes = new Map<string, string[]>();
  const enums = new Map<string, { name: string; values: string[] }>();
  const seen = new WeakSet<object>();
  const isZod = (value: unknown): value is { _zod: { def: Record<string, unknown> } } =>
    typeof value === 'object' && value !== null && '_zod' in value && typeof (value as { _zod?: { def?: unknown } })._zod?.def === 'object';
  const addEnum = (name: string, values: unknown[]) => {
    const strings = values.filter((v): v is string => typeof v === 'string');
    const normalised = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (strings.length > 0) enums.set(`${normalised}:${strings.join('\u0001')}`, { name: normalised, values: strings });
  };
  const visit = (node: unknown, depth: number, name = ''): void => {
    if (!isZod(node) || seen.has(node) || depth > 40) return;
    seen.add(node);
    const def = node._zod.def;
    if (def.type === 'object' && typeof def.shape === 'object' && def.shape !== null) {
      const shape = def.shape as Record<string, unknown>;
      const names = Object.keys(shape);
      for (const name of names) keys.add(name);
      if (names.length > 0) shapes.set(names.join(','), names);
      for (const [key, child] of Object.entries(shape)) visit(child, depth + 1, key);
    }
    if (def.type === 'enum' && typeof def.entries === 'object' && def.entries !== null) addEnum(name, Object.values(def.entries));
    if (def.type === 'literal' && Array.isArray(def.values)) addEnum(name, def.values);
    for (const value of Object.values(def)) {
      if (Array.isArray(value)) for (const item of value) visit(item, depth + 1, name);
      else visit(value, depth + 1, name);
    }
  };
  for (const exports of Object.values(modules)) {
    for (const [exportName, exported] of Object.entries(exports)) {
      // `export const PROJECT_VISIBILITIES = [...] as const` and friends: the values of looseEnums.
      if (Array.isArray(exported) && exported.length > 0 && exported.length < 100 && exported.every((v) => typeof v === 'string'))
        addEnum(exportName, exported);
      visit(exported, 0, exportName);
    }
  }
  return { keys: [...keys].sort(), shapes: [...shapes.values()], enums: [...enums.values()] };
}

// ---------------------------------------------------------------------------------------------
// Known values: ids and keys the fuzzer has seen, so requests sometimes name real things.

const POOL_KINDS = [
  'project',
  'user',
  'commit',
  'job',
  'org',
  'goal',
  'tag',
  'tier',
  'credential',
  'session',
  'workspace',
  'repository',
  'dataset',
  'path',
  'other',
] as const;
type PoolKind = (typeof POOL_KINDS)[number];

/** Which kind of thing a parameter, field or query key names, by its name. */
const NAME_HINTS: ReadonlyArray<readonly [RegExp, PoolKind]> = [
  [/commit|ref$/i, 'commit'],
  [/project/i, 'project'],
  [/job|run/i, 'job'],
  [/org/i, 'org'],
  [/goal/i, 'goal'],
  [/tag/i, 'tag'],
  [/tier/i, 'tier'],
  [/cred/i, 'credential'],
  [/session|execution/i, 'session'],
  [/workspace/i, 'workspace'],
  [/repositor/i, 'repository'],
  [/dataset|snapshot/i, 'dataset'],
  [/user|collaborator|member|owner|assignee|starter|creator/i, 'user'],
  [/path|file|dir/i, 'path'],
];

function kindOf(name: string | undefined): PoolKind | undefined {
  if (!name) return undefined;
  return NAME_HINTS.find(([pattern]) => pattern.test(name))?.[1];
}

const HEX_ID = /^(?:[0-9a-f]{24}|[0-9a-f]{40})$/;
const MAX_POOL = 40;

class Pools {
  private readonly byKind = new Map<PoolKind, string[]>();
  /** API keys handed out in answers (new users, new keys): more callers. */
  readonly apiKeys: string[] = [];

  add(kind: PoolKind, value: string): void {
    const list = this.byKind.get(kind) ?? [];
    this.byKind.set(kind, list);
    if (list.length >= MAX_POOL || list.includes(value)) return;
    list.push(value);
    // A known path is also tried as a directory: files and directories of one name collide.
    if (kind === 'path' && !value.endsWith('/x')) this.add('path', `${value}/x`);
  }

  pick(kind: PoolKind | 'any', index: number): string | undefined {
    const list = kind === 'any' ? POOL_KINDS.flatMap((k) => this.byKind.get(k) ?? []) : this.byKind.get(kind);
    return list && list.length > 0 ? list[index % list.length] : undefined;
  }

  /** Remembers the ids (and API keys) of a success answer. */
  harvest(value: unknown, parentKey?: string): void {
    if (Array.isArray(value)) {
      for (const item of value) this.harvest(item, parentKey);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      if (typeof child === 'string') {
        if (key === 'apiKey' && this.apiKeys.length < MAX_POOL) this.apiKeys.push(child);
        else if (key === 'id') {
          const kind = kindOf(parentKey) ?? 'other';
          if (HEX_ID.test(child) || (kind === 'tier' && /^[\w.-]{1,64}$/.test(child))) this.add(kind, child);
        } else if (/Id$/.test(key) && HEX_ID.test(child)) this.add(kindOf(key) ?? 'other', child);
        else if (key === 'path' && parentKey === 'entries') this.add('path', child);
      } else this.harvest(child, key);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// What a request is made of. Generated values refer to known things by pool and index, resolved
// when the request is made, so a counterexample stays meaningful after ids change.

/** A string: a known value (of the kind its name suggests, or another), or a literal. */
type Str = { known: PoolKind | 'hint' | 'any'; index: number } | { literal: string };

/** A known value inside a generated JSON body. */
class Known {
  constructor(
    readonly known: PoolKind | 'hint' | 'any',
    readonly index: number,
  ) {}
  toString(): string {
    return `Known(${this.known}, ${this.index})`;
  }
}

type QueryPlan = { parts: Array<{ key: string; value: Str | null; raw: boolean }> } | { rawText: string };
type BodyPlan =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'malformed'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'huge'; size: number };
type CallerPlan = 'admin' | 'admin-bearer' | 'user' | 'none' | { harvested: number } | { headers: Record<string, string> };

interface Plan {
  /**
   * A sane request: the route's own method, a good key, the natural content type, known ids in
   * the path and the fields the server asked for, so it reaches the handler; the rest of the plan
   * still varies what it sends. Otherwise anything goes.
   */
  sane: boolean;
  /** An index into the route table, or a path of no route. */
  target: number | string;
  /** Another method than the route's, sometimes. */
  method: string | null;
  params: Array<{ value: Str; raw: boolean }>;
  query: QueryPlan;
  body: BodyPlan;
  contentType: string;
  caller: CallerPlan;
  /**
   * Fill in the fields the server named in earlier 400 answers to this route ("body.name: …"),
   * so requests get past validation into the handlers; `fields` gives their values, in order.
   */
  learned: { use: boolean; fields: LearnedValue[] };
}

/** A value for a learned field: a plausible one for what the server said it expects, or a wild one. */
type LearnedValue = { wild: false; index: number } | { wild: true; value: unknown };
const MAX_LEARNED_FIELDS = 12;

const NASTY_STRINGS = [
  '',
  ' ',
  '.',
  '..',
  '../..',
  '../../etc/passwd',
  '/',
  '//',
  'a/b',
  '%',
  '%2',
  '%00',
  '%zz',
  '%2e%2e',
  '%2F',
  '%252F',
  '\u0000',
  'a\u0000b',
  '\u0001\u001f\u007f',
  '\r\n',
  '\t',
  '\u200b',
  '\ud83d\udca5',
  '\ud800',
  'null',
  'undefined',
  'true',
  '-1',
  '0',
  '1e309',
  'NaN',
  '__proto__',
  'constructor',
  'HEAD',
  'main',
  'refs/heads/main',
  'HEAD~1',
  'main^{tree}',
  '-rf',
  '--output=/tmp/fuzz',
  '.git',
  '.GIT/config',
  '.Git/x',
  'README.md',
  'README2.md',
  'README2.md/x',
  'dir/file.txt',
  'a,b',
  '*',
  '?',
  '#',
  '$(id)',
  '`id`',
  "'",
  '"',
  '<script>alert(1)</script>',
  UNKNOWN_ID,
  'ffffffffffffffffffffffff',
  '0'.repeat(40),
  'g'.repeat(24),
  'A'.repeat(24),
  'small-k8s',
];
const NUMBERISH = [
  '0',
  '1',
  '-1',
  '2',
  '10',
  '1000',
  '1001',
  '1.5',
  '1e3',
  '0x10',
  ' 7',
  '9007199254740993',
  '99999999999999999999',
  '9223372036854775807',
  '9223372036854775808',
  'Infinity',
];
const BOOLEANISH = ['true', 'false', 'TRUE', 'False', '1', 'yes'];
const PLAUSIBLE_TEXT = ['fuzz', 'Fuzz title', 'fuzz-project-2', 'a b c', 'fuzz@example.com', 'https://example.com/repo.git'];
/** runCommand and the like only ever get these: the fuzzer never runs a generated shell command. */
const SAFE_COMMANDS = [
  'true',
  'echo fuzz',
  'exit 3',
  'sleep 2',
  'python3 -c pass',
  'no-such-command-fuzz',
  'no-such-script-fuzz.py',
  'echo a\u0000b',
  'x'.repeat(5000),
];
const COMMAND_KEY = /command|script|cmd|dockerfile/i;
const QUERY_KEYS = [
  'limit',
  'offset',
  'path',
  'message',
  'projectId',
  'jobId',
  'sortBy',
  'ascending',
  'logType',
  'latestTimeNano',
  'ref',
  'statusFilter',
  'tagFilter',
  'showArchived',
  'nameFilter',
  'memberToRemoveId',
  'includeArchived',
];
const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/octet-stream',
  'application/octet-stream; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----fuzz',
  'application/xml',
  'application/vnd.api+json',
  '*/*',
  ';',
  'application/json;;',
  'x'.repeat(300),
];
const BAD_CREDENTIALS: Array<Record<string, string>> = [
  { 'x-domino-api-key': 'nope' },
  { 'x-domino-api-key': UNKNOWN_ID },
  { 'x-domino-api-key': 'k'.repeat(5000) },
  { authorization: 'Bearer ' },
  { authorization: 'Bearer nope' },
  { authorization: 'bearer' },
  { authorization: 'Basic Zm9vOmJhcg==' },
];
const RAW_QUERIES = [
  '?',
  '?&&',
  '?=',
  '?%',
  '?a=%zz',
  '?limit=%',
  '?limit=%2',
  '?%zz=1',
  '?path=%00',
  '?a=1;b=2',
  `?${'a=1&'.repeat(1500)}`,
  '?limit=1&limit=2',
  '?offset[]=1',
  '?limit[a]=1',
  '?__proto__[x]=1',
];

function deep(open: string, inner: string, close: string, depth: number): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}
const MALFORMED_JSON = [
  '',
  ' ',
  '{',
  '{"a":',
  '[1,2',
  '{"a":1,}',
  "{'a':1}",
  'nul',
  'undefined',
  '\ufeff{}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '1e99999',
  `"${'x'.repeat(5000)}`,
  '{"a":1}{"b":2}',
  '\u0000',
  '9'.repeat(400),
  deep('[', '', ']', 3000),
  deep('{"a":', '1', '}', 3000),
];

// ---------------------------------------------------------------------------------------------
// Learning from the server's answers: the fields a route wants.

interface LearnedField {
  location: 'body' | 'query';
  path: string[];
  /** The values an enum accepts, from "… is not one of a, b, c" or "expected one of "a"|"b"". */
  values?: string[];
  type?: 'string' | 'number' | 'boolean' | 'array' | 'object' | 'id';
}

/** The fields each route's 400 answers have named so far ("body.name: …", "query.projectId: …"). */
class Learned {
  private readonly byRoute = new Map<string, Map<string, LearnedField>>();
  private readonly wantsBytes = new Set<string>();

  learn(route: string, errors: readonly string[]): void {
    for (const error of errors) {
      if (/^body\b.*application\/octet-stream/.test(error)) this.wantsBytes.add(route);
      const match = /^(body|query)\.([^:]+): (.*)$/s.exec(error);
      if (!match) continue;
      const [, location, dotted, message] = match as unknown as [string, 'body' | 'query', string, string];
      const fields = this.byRoute.get(route) ?? new Map<string, LearnedField>();
      this.byRoute.set(route, fields);
      const key = `${location}:${dotted}`;
      const field = fields.get(key) ?? { location, path: dotted.split('.') };
      if (!fields.has(key)) {
        if (fields.size >= MAX_LEARNED_FIELDS) continue;
        fields.set(key, field);
      }
      const either = /must be (\S+) or (\S+)$/.exec(message);
      const oneOf =
        /is not one of (.+)$/.exec(message)?.[1]?.split(', ') ??
        /expected one of (.+)$/
          .exec(message)?.[1]
          ?.split('|')
          .map((v) => v.replace(/^"|"$/g, '')) ??
        (either && either[1] !== 'true' ? [either[1]!, either[2]!] : undefined);
      if (oneOf && oneOf.length > 0) field.values = oneOf;
      const type =
        either?.[1] === 'true' ? 'boolean' : / is not a valid ID$/.test(message) ? 'id' : /expected (string|number|boolean|array|object)/.exec(message)?.[1];
      if (type && field.type !== 'id') field.type = type as LearnedField['type'];
    }
  }

  /** Whether the route said it takes its body as application/octet-stream. */
  takesBytes(route: string): boolean {
    return this.wantsBytes.has(route);
  }

  fieldsOf(route: string): LearnedField[] {
    return [...(this.byRoute.get(route)?.values() ?? [])];
  }
}

/** A plausible value for a field the server asked for. */
function plausibleValue(field: LearnedField, index: number, pools: Pools): unknown {
  const name = field.path[field.path.length - 1] ?? '';
  if (COMMAND_KEY.test(name)) return SAFE_COMMANDS[index % SAFE_COMMANDS.length];
  if (field.values && field.values.length > 0) return field.values[index % field.values.length];
  if (field.type === 'number') return index % 4;
  if (field.type === 'boolean') return index % 2 === 0;
  if (field.type === 'array') return [];
  if (field.type === 'object') return {};
  const kind = kindOf(name) ?? (field.type === 'id' ? 'any' : undefined);
  if (kind) return pools.pick(kind, index) ?? UNKNOWN_ID;
  if (/email/i.test(name)) return `fuzz${index}@example.com`;
  if (/url|uri/i.test(name)) return 'https://example.com/fuzz.git';
  return `fuzz-${index}`;
}

/** Sets a dotted path in a JSON object, creating objects (or arrays, for numeric segments) on the way. */
function setPath(target: Record<string, unknown>, segments: readonly string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    const existing = node[segment];
    if (typeof existing !== 'object' || existing === null) {
      const fresh = /^\d+$/.test(segments[i + 1]!) ? [] : {};
      Object.defineProperty(node, segment, { value: fresh, enumerable: true, writable: true, configurable: true });
    }
    node = node[segment] as Record<string, unknown>;
  }
  const last = segments[segments.length - 1]!;
  Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
}

// ---------------------------------------------------------------------------------------------
// The arbitraries.

interface Arbitraries {
  plan: fc.Arbitrary<Plan>;
}

function arbitrariesFor(routeCount: number, maxParams: number, vocabulary: Vocabulary): Arbitraries {
  const allEnumValues = [...new Set(vocabulary.enums.flatMap((e) => e.values))];
  const enumValue = allEnumValues.length > 0 ? fc.constantFrom(...allEnumValues) : fc.constant('none');
  const long = fc
    .tuple(fc.constantFrom('a', 'é', '\ud83d\udca5', '/', '%', '.', '0', '\u0000'), fc.constantFrom(99, 100, 101, 255, 256, 1000, 4096))
    .map(([c, n]) => c.repeat(n));
  const nasty: fc.Arbitrary<string> = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', '/', '.', '%', '0', 'z', '\u0000', ' ', 'é', '\\'), maxLength: 12 }) },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9a-f]{24}$/) },
    { weight: 1, arbitrary: long },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()).map(String) },
  );
  const knownKind = fc.oneof(
    { weight: 8, arbitrary: fc.constant<PoolKind | 'hint' | 'any'>('hint') },
    { weight: 1, arbitrary: fc.constant<PoolKind | 'hint' | 'any'>('any') },
    { weight: 1, arbitrary: fc.constantFrom<PoolKind | 'hint' | 'any'>(...POOL_KINDS) },
  );
  const known = fc.record({ known: knownKind, index: fc.nat(63) });
  const str: fc.Arbitrary<Str> = fc.oneof({ weight: 3, arbitrary: known }, { weight: 2, arbitrary: nasty.map((literal) => ({ literal })) });

  const queryKey = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...new Set([...QUERY_KEYS, ...vocabulary.keys])) },
    { weight: 1, arbitrary: nasty },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'limit[]', 'a[b]', '') },
  );
  const queryValue: fc.Arbitrary<Str> = fc.oneof(
    { weight: 4, arbitrary: str },
    { weight: 2, arbitrary: fc.constantFrom(...NUMBERISH, ...BOOLEANISH).map((literal) => ({ literal })) },
    { weight: 1, arbitrary: enumValue.map((literal) => ({ literal })) },
  );
  const query: fc.Arbitrary<QueryPlan> = fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record({ parts: fc.array(fc.record({ key: queryKey, value: fc.option(queryValue, { freq: 8 }), raw: fc.boolean() }), { maxLength: 5 }) }),
    },
    { weight: 1, arbitrary: fc.record({ rawText: fc.constantFrom(...RAW_QUERIES) }) },
  );

  const leaf: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 3, arbitrary: known.map(({ known: kind, index }) => new Known(kind, index)) },
    { weight: 3, arbitrary: nasty },
    { weight: 1, arbitrary: fc.constantFrom(...PLAUSIBLE_TEXT) },
    { weight: 1, arbitrary: enumValue },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, -0, 0.5, -1, 0, 5e-324, 4_294_967_296) },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  );
  const bodyKey = fc.oneof(
    { weight: 30, arbitrary: fc.constantFrom(...vocabulary.keys) },
    { weight: 4, arbitrary: nasty },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString') },
  );
  const { value: json } = fc.letrec<{ value: unknown; object: Record<string, unknown>; array: unknown[] }>((tie) => ({
    value: fc.oneof({ depthSize: 'small', maxDepth: 3 }, leaf, tie('object'), tie('array')),
    object: fc.dictionary(bodyKey, tie('value'), { maxKeys: 6 }),
    array: fc.array(tie('value'), { maxLength: 4 }),
  }));
  /** A value for a field, guessed from its name. */
  const fieldValue = (key: string): fc.Arbitrary<unknown> => {
    const options: Array<fc.WeightedArbitrary<unknown>> = [
      { weight: 2, arbitrary: leaf },
      { weight: 1, arbitrary: json },
    ];
    if (kindOf(key)) options.push({ weight: 6, arbitrary: fc.nat(63).map((index) => new Known('hint', index)) });
    // `visibility` → PROJECT_VISIBILITIES, `role` → COLLABORATOR_ROLES, `logType` → LOG_TYPES …
    const stem = key
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .replace(/(ies|s|y)$/, '');
    const related = stem.length >= 3 ? [...new Set(vocabulary.enums.filter((e) => e.name.includes(stem)).flatMap((e) => e.values))] : [];
    if (related.length > 0) options.push({ weight: 4, arbitrary: fc.constantFrom(...related) });
    if (/name|title|description|message|text|email|url|value/i.test(key)) options.push({ weight: 3, arbitrary: fc.constantFrom(...PLAUSIBLE_TEXT) });
    if (/^is[A-Z]|^has[A-Z]|enabled|complete|archived|ascending|restricted/.test(key)) options.push({ weight: 3, arbitrary: fc.boolean() });
    return fc.oneof(...options);
  };
  const shaped: fc.Arbitrary<unknown> =
    vocabulary.shapes.length > 0
      ? fc.constantFrom(...vocabulary.shapes).chain((keys) => fc.record(Object.fromEntries(keys.map((k) => [k, fieldValue(k)])), { requiredKeys: [] }))
      : json;

  const body: fc.Arbitrary<BodyPlan> = fc.oneof(
    { weight: 9, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 10, arbitrary: json.map((value) => ({ kind: 'json' as const, value })) },
    { weight: 12, arbitrary: shaped.map((value) => ({ kind: 'json' as const, value })) },
    { weight: 3, arbitrary: fc.constantFrom(...MALFORMED_JSON).map((text) => ({ kind: 'malformed' as const, text })) },
    {
      weight: 2,
      arbitrary: json.chain((value) => {
        const text = JSON.stringify(value) ?? '';
        return fc.nat(Math.max(0, text.length - 1)).map((n) => ({ kind: 'malformed' as const, text: text.slice(0, n) }));
      }),
    },
    { weight: 2, arbitrary: nasty.map((text) => ({ kind: 'text' as const, text })) },
    { weight: 5, arbitrary: fc.uint8Array({ maxLength: 512 }).map((bytes) => ({ kind: 'bytes' as const, bytes })) },
    { weight: 1, arbitrary: fc.constantFrom(1024 * 1024 + 1, 1536 * 1024).map((size) => ({ kind: 'huge' as const, size })) },
  );
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant('natural') },
    { weight: 1, arbitrary: fc.constant('none') },
    { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
  );
  const caller: fc.Arbitrary<CallerPlan> = fc.oneof(
    { weight: 5, arbitrary: fc.constant('admin' as const) },
    { weight: 1, arbitrary: fc.constant('admin-bearer' as const) },
    { weight: 6, arbitrary: fc.constant('user' as const) },
    { weight: 1, arbitrary: fc.nat(63).map((harvested) => ({ harvested })) },
    { weight: 1, arbitrary: fc.constant('none' as const) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_CREDENTIALS).map((headers) => ({ headers })) },
  );
  const target: fc.Arbitrary<number | string> = fc.oneof(
    { weight: 40, arbitrary: fc.nat(routeCount - 1) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom('/api/', '/api/projects/v1/', '/api/embedded/v1/', '/'), nasty).map(([prefix, rest]) => prefix + rawEncode(rest)),
    },
  );
  const learnedValue: fc.Arbitrary<LearnedValue> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ wild: fc.constant(false as const), index: fc.nat(63) }) },
    { weight: 1, arbitrary: fc.record({ wild: fc.constant(true as const), value: leaf }) },
  );
  const plan: fc.Arbitrary<Plan> = fc.record({
    sane: fc.oneof({ weight: 2, arbitrary: fc.constant(true) }, { weight: 3, arbitrary: fc.constant(false) }),
    learned: fc.record({
      use: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 2, arbitrary: fc.constant(false) }),
      fields: fc.array(learnedValue, { minLength: MAX_LEARNED_FIELDS, maxLength: MAX_LEARNED_FIELDS }),
    }),
    target,
    method: fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) }),
    params: fc.array(fc.record({ value: str, raw: fc.boolean() }), { minLength: maxParams, maxLength: maxParams }),
    query,
    body,
    contentType,
    caller,
  });
  return { plan };
}

// ---------------------------------------------------------------------------------------------
// Turning a plan into a request.

interface Endpoint {
  method: string;
  url: string;
}

interface BuiltRequest {
  /** The route it was aimed at, as `METHOD /url/:param`. */
  route: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Who called, for the report (keys are not printed). */
  caller: string;
  payload?: string | Buffer;
}

/** Percent-encodes a string's UTF-8 bytes, keeping the bytes `keep` allows (never non-ASCII). */
function percentEncode(value: string, keep: (byte: number) => boolean): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8'))
    out += byte < 0x80 && keep(byte) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}
const UNRESERVED = /[A-Za-z0-9\-_.~]/;
function componentEncode(value: string): string {
  return percentEncode(value, (byte) => UNRESERVED.test(String.fromCharCode(byte)));
}
/** Printable ASCII stays as it is (slashes, dots, stray `%`), except what would end the path. */
function rawEncode(value: string): string {
  return percentEncode(value, (byte) => byte > 0x20 && byte < 0x7f && byte !== 0x3f && byte !== 0x23);
}

function resolveStr(spec: Str, hint: PoolKind | undefined, pools: Pools): string {
  if ('literal' in spec) return spec.literal;
  const kind = spec.known === 'hint' ? (hint ?? 'any') : spec.known;
  return pools.pick(kind, spec.index) ?? pools.pick('any', spec.index) ?? UNKNOWN_ID;
}

/** A generated string never becomes a command: anything under a command-like key is one of SAFE_COMMANDS. */
function safeCommand(value: string): string {
  return SAFE_COMMANDS.includes(value) ? value : SAFE_COMMANDS[value.length % SAFE_COMMANDS.length]!;
}

/** Replaces Known placeholders by real values, and every string under a command-like key by a safe command. */
function resolveJson(
  value: unknown,
  parentKey: string | undefined,
  pools: Pools,
  underCommand = parentKey !== undefined && COMMAND_KEY.test(parentKey),
): unknown {
  if (value instanceof Known) {
    const resolved = resolveStr({ known: value.known, index: value.index }, kindOf(parentKey), pools);
    return underCommand ? safeCommand(resolved) : resolved;
  }
  if (typeof value === 'string') return underCommand ? safeCommand(value) : value;
  if (Array.isArray(value)) return value.map((item) => resolveJson(item, parentKey, pools, underCommand));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const resolved = resolveJson(child, key, pools, underCommand || COMMAND_KEY.test(key));
      Object.defineProperty(out, key, { value: resolved, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

function buildRequest(plan: Plan, endpoints: Endpoint[], pools: Pools, learned: Learned, keys: { admin: TestUser; user: TestUser }): BuiltRequest {
  const endpoint = typeof plan.target === 'number' ? endpoints[plan.target % endpoints.length]! : undefined;
  const sane = plan.sane && endpoint !== undefined;
  const method = (sane ? null : plan.method) ?? endpoint?.method ?? 'GET';
  let url: string;
  if (endpoint) {
    let next = 0;
    const encode = (name: string | undefined) => {
      const param = plan.params[next++] ?? { value: { literal: '' }, raw: false };
      if (sane) return componentEncode(resolveStr({ known: 'hint', index: 'index' in param.value ? param.value.index : 0 }, kindOf(name), pools));
      const value = resolveStr(param.value, kindOf(name), pools);
      return param.raw ? rawEncode(value) : componentEncode(value);
    };
    url = endpoint.url.replace(/:([A-Za-z0-9_]+)|\*/g, (_match, name: string | undefined) => encode(name));
  } else url = String(plan.target);

  const route = endpoint ? `${endpoint.method} ${endpoint.url}` : '<no route>';
  const learnedFields = plan.learned.use || sane ? learned.fieldsOf(route) : [];
  const learnedValue = (field: LearnedField, i: number): unknown => {
    const spec = plan.learned.fields[i % plan.learned.fields.length] ?? { wild: false, index: 0 };
    if (!spec.wild) return plausibleValue(field, spec.index, pools);
    return resolveJson(spec.value, field.path[field.path.length - 1], pools, COMMAND_KEY.test(field.path.join('.')));
  };

  if ('rawText' in plan.query) url += plan.query.rawText;
  else {
    const learnedKeys = new Set(learnedFields.filter((f) => f.location === 'query').map((f) => f.path.join('.')));
    const parts = plan.query.parts
      .filter(({ key }) => !(sane && learnedKeys.has(key)))
      .map(({ key, value, raw }) => {
        const encode = raw ? rawEncode : componentEncode;
        if (value === null) return encode(key);
        const resolved = resolveStr(value, kindOf(key), pools);
        return `${encode(key)}=${encode(COMMAND_KEY.test(key) ? safeCommand(resolved) : resolved)}`;
      });
    learnedFields.forEach((field, i) => {
      if (field.location !== 'query') return;
      const learnt = learnedValue(field, i);
      const value = COMMAND_KEY.test(field.path.join('.')) && typeof learnt !== 'string' ? safeCommand(JSON.stringify(learnt) ?? '') : learnt;
      parts.push(`${componentEncode(field.path.join('.'))}=${componentEncode(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''))}`);
    });
    if (parts.length > 0) url += `?${parts.join('&')}`;
  }

  const headers: Record<string, string> = {};
  let caller: string;
  const c = sane && plan.caller !== 'admin' ? 'user' : plan.caller;
  if (c === 'admin' || c === 'user') {
    headers['x-domino-api-key'] = keys[c].key;
    caller = c;
  } else if (c === 'admin-bearer') {
    headers.authorization = `Bearer ${keys.admin.key}`;
    caller = 'admin (Authorization: Bearer)';
  } else if (c === 'none') caller = 'no credential';
  else if ('harvested' in c) {
    const key = pools.apiKeys.length > 0 ? pools.apiKeys[c.harvested % pools.apiKeys.length] : undefined;
    if (key) headers['x-domino-api-key'] = key;
    caller = key ? `a key handed out during the run (#${c.harvested % pools.apiKeys.length})` : 'no credential';
  } else {
    Object.assign(headers, c.headers);
    caller = `bad credential ${JSON.stringify(c.headers).slice(0, 80)}`;
  }

  let payload: string | Buffer | undefined;
  let natural: string | undefined;
  const b = plan.body;
  const bodyFields = learnedFields.map((field, i) => ({ field, i })).filter(({ field }) => field.location === 'body');
  if (sane && learned.takesBytes(route)) {
    payload =
      b.kind === 'bytes'
        ? Buffer.from(b.bytes)
        : Buffer.from(b.kind === 'json' ? (JSON.stringify(resolveJson(b.value, undefined, pools)) ?? '') : 'text' in b ? b.text : '');
    natural = 'application/octet-stream';
  } else if (bodyFields.length > 0 && b.kind !== 'bytes') {
    const base = b.kind === 'json' ? resolveJson(b.value, undefined, pools) : undefined;
    const object = (typeof base === 'object' && base !== null && !Array.isArray(base) ? base : {}) as Record<string, unknown>;
    for (const { field, i } of bodyFields) setPath(object, field.path, learnedValue(field, i));
    payload = JSON.stringify(object);
    natural = 'application/json';
  } else if (b.kind === 'json') {
    payload = JSON.stringify(resolveJson(b.value, undefined, pools)) ?? 'null';
    natural = 'application/json';
  } else if (b.kind === 'malformed') {
    payload = b.text;
    natural = 'application/json';
  } else if (b.kind === 'text') {
    payload = b.text;
    natural = 'text/plain';
  } else if (b.kind === 'bytes') {
    payload = Buffer.from(b.bytes);
    natural = 'application/octet-stream';
  } else if (b.kind === 'huge') {
    payload = `{"name":"${'x'.repeat(b.size)}"}`;
    natural = 'application/json';
  }
  const contentType = plan.contentType === 'natural' || sane ? natural : plan.contentType === 'none' ? undefined : plan.contentType;
  if (contentType !== undefined) headers['content-type'] = contentType;
  return { route, method, url, headers, caller, payload };
}

// ---------------------------------------------------------------------------------------------
// Checking an answer.

interface Problem {
  kind: string;
  /** What makes two problems of one kind the same bug. */
  key: string;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function isErrorEnvelope(body: unknown): boolean {
  if (FailureEnvelopeV1Schema.safeParse(body).success) return true;
  // InvalidBodyEnvelopeV1 is exactly {message}; a body with more (Fastify's statusCode, code,
  // error) is the framework's default answer, which the server's envelope should have replaced.
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    Object.keys(body).join() === 'message' &&
    typeof (body as { message: unknown }).message === 'string'
  );
}

/** Where a JSON value holds a NUL character, as `project.description` (array indices as []), or undefined. */
function nulAt(value: unknown, at = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? at || '(the body)' : undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = nulAt(item, `${at}[]`);
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const found = key.includes('\u0000') ? `${at}.<key>` : nulAt(child, at ? `${at}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/** A message with its ids, temp paths and quoted values blanked, so one bug has one signature. */
function normalise(message: string): string {
  return message
    .replace(/Command failed: git -C \S+ (\S+)[^\n]*/g, 'git $1 failed')
    .replace(/\/tmp\/\S+/g, '<tmp>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/[0-9a-f]{40}/g, '<sha>')
    .replace(/[0-9a-f]{24}/g, '<id>')
    .replace(/'[^'\n]*'/g, "'…'")
    .replace(/"[^"\n]*"/g, '"…"')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' / ')
    .slice(0, 240);
}

/** Whether the query or a JSON/text body sends a NUL character. */
function sendsNul(request: BuiltRequest): boolean {
  return /%00/.test(request.url) || (typeof request.payload === 'string' && (request.payload.includes('\u0000') || request.payload.includes('\\u0000')));
}

/** The gist of an error for a signature: its first two lines, normalised (git's lines name the path). */
function causeOf(error: string): string {
  return normalise(error.split('\n    at ')[0]!).split(' / ').slice(0, 2).join(' / ');
}

function problemsOf(request: BuiltRequest, response: LightMyRequestResponse, serverError: string | undefined): Problem[] {
  const problems: Problem[] = [];
  const status = response.statusCode;
  const body = request.method === 'HEAD' ? undefined : parseJson(response.body);
  const frameworkCode =
    body?.ok && typeof body.value === 'object' && body.value !== null && 'code' in body.value ? String((body.value as { code: unknown }).code) : undefined;
  if (status >= 500) problems.push({ kind: `status ${status}`, key: `${request.route} · ${causeOf(serverError ?? response.body)}` });
  if (status >= 400 && body) {
    if (!body.ok) problems.push({ kind: 'error body is not JSON', key: `${status} · ${request.route}` });
    else if (
      isTrackingPath(new URL(request.url, 'http://fuzz.invalid').pathname) ? !MlflowErrorSchema.safeParse(body.value).success : !isErrorEnvelope(body.value)
    )
      problems.push({ kind: 'error body is not a FailureEnvelopeV1', key: frameworkCode ? `${status} ${frameworkCode}` : `${status} · ${request.route}` });
  }
  if (status < 300 && body && String(response.headers['content-type'] ?? '').includes('json')) {
    if (!body.ok) problems.push({ kind: 'success body is not JSON', key: request.route });
    else if (request.method !== 'GET' && sendsNul(request)) {
      // A write that sent a NUL and answers with one accepted and stored it (reads only repeat it).
      const field = nulAt(body.value);
      if (field) problems.push({ kind: 'a NUL character was accepted and stored', key: `${request.route} · ${field}` });
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Failures, collected across the run.

interface Finding {
  problem: Problem;
  status: number | 'none';
  body: string;
  serverError?: string;
}

/** At most this many re-sent requests, and this long, to minimise the example of a new failure. */
const MINIMISE_ATTEMPTS = 60;
const MINIMISE_BUDGET_MS = 2_000;

function sizeOf(request: BuiltRequest): number {
  return request.url.length + (request.payload?.length ?? 0) + Object.keys(request.headers).length;
}

/** Smaller variants of a request: without the query, a query parameter, the body, a body field or a header. */
function* reductionsOf(request: BuiltRequest): Generator<BuiltRequest> {
  const at = request.url.indexOf('?');
  if (at >= 0) {
    const base = request.url.slice(0, at);
    yield { ...request, url: base };
    const parts = request.url.slice(at + 1).split('&');
    if (parts.length > 1) for (let i = 0; i < parts.length; i++) yield { ...request, url: `${base}?${parts.filter((_, j) => j !== i).join('&')}` };
  }
  if (request.payload !== undefined) {
    const { payload: _dropped, ...rest } = request;
    yield rest;
    if (Buffer.isBuffer(request.payload) && request.payload.length > 1) yield { ...request, payload: Buffer.from('x') };
    const parsed = typeof request.payload === 'string' ? parseJson(request.payload) : undefined;
    if (parsed?.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value)) {
      for (const key of Object.keys(parsed.value)) {
        const { [key]: _removed, ...others } = parsed.value as Record<string, unknown>;
        yield { ...request, payload: JSON.stringify(others) };
      }
    }
  }
  for (const name of Object.keys(request.headers)) {
    if (name === 'x-domino-api-key' || name === 'authorization') continue;
    const { [name]: _removed, ...headers } = request.headers;
    yield { ...request, headers };
  }
}

interface ShownRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  caller: string;
  body?: string;
}

interface Failure {
  kind: string;
  signature: string;
  count: number;
  firstRun: number;
  size: number;
  request: ShownRequest;
  status: number | 'none';
  responseBody: string;
  serverError?: string;
  /** Whether the example was made smaller by re-sending reduced copies (it still fails the same way). */
  minimised?: boolean;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…(${text.length} chars in all)`;
}

function show(request: BuiltRequest): ShownRequest {
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      name === 'x-domino-api-key' || name === 'authorization' ? (request.caller.startsWith('bad') ? truncate(value, 60) : `<${request.caller} key>`) : value,
    ]),
  );
  let body: string | undefined;
  if (Buffer.isBuffer(request.payload)) body = `<${request.payload.length} bytes, base64 ${truncate(request.payload.toString('base64'), 400)}>`;
  else if (request.payload !== undefined) body = truncate(JSON.stringify(request.payload), 1200);
  return { method: request.method, url: truncate(request.url, 1200), headers, caller: request.caller, ...(body !== undefined ? { body } : {}) };
}

function formatFailure(failure: Failure, index: number): string {
  const r = failure.request;
  return [
    `#${index + 1} ${failure.signature}`,
    `   seen ${failure.count}× (first at run ${failure.firstRun}); smallest request${failure.minimised ? ' (minimised: it still fails so)' : ''}:`,
    `   ${r.method} ${r.url}`,
    `   as: ${r.caller}; headers: ${JSON.stringify(r.headers)}`,
    ...(r.body !== undefined ? [`   body: ${r.body}`] : []),
    `   → status ${failure.status}: ${truncate(failure.responseBody, 600)}`,
    ...(failure.serverError ? [`   server error: ${truncate(failure.serverError, 800)}`] : []),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Crashes: unhandled rejections and uncaught exceptions anywhere in this process.

interface Crash {
  event: 'unhandledRejection' | 'uncaughtException';
  error: string;
  during: string;
}

const crashes: Crash[] = [];
let inFlight = 'outside any fuzz request';
/** An error's message and where it came from: the stack's frames in server/ first. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frames = (error.stack ?? '').split('\n').filter((line) => line.startsWith('    at '));
  const ours = frames.filter((line) => line.includes('/server/') && !line.includes('/server/test/'));
  return `${error.name}: ${error.message}\n${(ours.length > 0 ? ours : frames).slice(0, 4).join('\n')}`;
}
const onUnhandledRejection = (reason: unknown) => crashes.push({ event: 'unhandledRejection', error: describeError(reason), during: inFlight });
const onUncaughtException = (error: Error) => crashes.push({ event: 'uncaughtException', error: describeError(error), during: inFlight });

// ---------------------------------------------------------------------------------------------
// The server under test, its seed data, and cleaning up after jobs.

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function seed(server: TestServer, user: TestUser, pools: Pools): Promise<void> {
  pools.add('user', server.admin.id);
  pools.add('user', user.id);
  pools.add('path', 'README.md');
  pools.add('path', 'README2.md');
  pools.add('commit', 'main');
  pools.add('commit', 'HEAD');
  // A few projects alike, so that one archived early by the fuzzer leaves others to work in.
  let projectId = '';
  for (const name of ['fuzz-project', 'fuzz-project-b', 'fuzz-project-c']) {
    const created = await server.call(user, { method: 'POST', url: '/api/projects/beta/projects', payload: { name, description: '', visibility: 'private' } });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    pools.harvest(created.body);
    projectId ||= created.body.project.id as string;
    const id = created.body.project.id as string;
    const upload = await server.call(user, {
      method: 'PUT',
      url: `/api/embedded/v1/projects/${id}/files?path=README2.md`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from('# Fuzzing\n'),
    });
    expect(upload.status, JSON.stringify(upload.body)).toBe(200);
    pools.harvest(upload.body);
    const commits = await server.call(user, { method: 'GET', url: `/api/embedded/v1/projects/${id}/commits` });
    expect(commits.status, JSON.stringify(commits.body)).toBe(200);
    pools.harvest(commits.body);
  }

  // More real ids where the families offer them; a family that refuses simply adds none.
  const extras: Array<{ as: TestUser; options: InjectOptions }> = [
    {
      as: server.admin,
      options: { method: 'POST', url: '/api/projects/beta/projects', payload: { name: 'fuzz-public', description: '', visibility: 'public' } },
    },
    { as: user, options: { method: 'POST', url: '/api/organizations/v1/organizations', payload: { name: 'fuzz-org' } } },
    { as: user, options: { method: 'POST', url: `/api/projects/v1/projects/${projectId}/goals`, payload: { title: 'fuzz goal' } } },
    {
      as: user,
      options: {
        method: 'POST',
        url: `/api/embedded/v1/users/${user.id}/git-credentials`,
        payload: { name: 'fuzz', gitServiceProvider: 'github', domain: 'example.com', protocol: 'https', secret: 'fuzz-token' },
      },
    },
    { as: user, options: { method: 'GET', url: '/api/hardwaretiers/v1/hardwaretiers' } },
    { as: user, options: { method: 'POST', url: '/api/jobs/v1/jobs', payload: { projectId, runCommand: 'echo seeded' } } },
  ];
  for (const { as, options } of extras) {
    const res = await server.app.inject({ ...options, headers: { 'x-domino-api-key': as.key } });
    if (res.statusCode < 300) pools.harvest(res.json());
  }
  const jobId = pools.pick('job', 0);
  if (jobId) {
    await server.app.ctx.runner.settled(jobId);
    const tagged = await server.app.inject({
      method: 'POST',
      url: `/api/jobs/v1/jobs/${jobId}/tags`,
      headers: { 'x-domino-api-key': user.key },
      payload: { projectId, tagName: 'fuzz' },
    });
    if (tagged.statusCode < 300) pools.harvest(tagged.json());
  }
}

/** Live processes started for any of these jobs (a job's environment names it). */
function processesOfJobs(jobIds: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const runId = fs
        .readFileSync(`/proc/${entry}/environ`, 'utf8')
        .split('\0')
        .find((v) => v.startsWith('DOMINO_RUN_ID='))
        ?.slice('DOMINO_RUN_ID='.length);
      if (runId && jobIds.has(runId))
        found.push(`pid ${entry} (job ${runId}): ${fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim()}`);
    } catch {
      // gone while we looked, or not ours to read
    }
  }
  return found;
}

/**
 * Live (not zombie) processes descended from this one: whatever the server started and left
 * running. Only in a process of its own (vitest's forks pool); a worker thread shares its process.
 */
function descendants(): string[] {
  if (!isMainThread) return [];
  const parents = new Map<number, number>();
  const states = new Map<number, string>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      states.set(Number(entry), fields[0] ?? '');
    } catch {
      // gone while we looked
    }
  }
  const ours = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (!ours.has(pid) && ours.has(parent)) {
        ours.add(pid);
        grew = true;
      }
    }
  }
  ours.delete(process.pid);
  return [...ours]
    .filter((pid) => states.get(pid) !== 'Z')
    .map((pid) => {
      try {
        return `pid ${pid}: ${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()}`;
      } catch {
        return `pid ${pid}`;
      }
    });
}

/** Stops every job the run left live, through the API, then the runner itself. Returns what went wrong. */
async function stopEveryJob(server: TestServer): Promise<string[]> {
  const problems: string[] = [];
  for (const job of server.app.ctx.jobs.live()) {
    const res = await server.app.inject({ method: 'POST', url: `/api/embedded/v1/jobs/${job.id}/stop`, headers: { 'x-domino-api-key': server.admin.key } });
    // 400: it finished meanwhile.
    if (res.statusCode !== 200 && res.statusCode !== 400) problems.push(`stopping job ${job.id} answered ${res.statusCode}: ${truncate(res.body, 300)}`);
  }
  await server.app.ctx.runner.close();
  const jobIds = new Set(server.app.ctx.db.prepare('SELECT id FROM jobs').pluck().all() as string[]);
  const deadline = Date.now() + 5_000;
  const leftBehind = () => {
    const ofJobs = processesOfJobs(jobIds);
    return [...ofJobs, ...descendants().filter((d) => !ofJobs.some((j) => j.startsWith(`${d.split(':')[0]} `)))];
  };
  let left = leftBehind();
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(100);
    left = leftBehind();
  }
  return [...problems, ...left.map((p) => `process left behind: ${p}`)];
}

// ---------------------------------------------------------------------------------------------

describe.sequential('fuzzing every endpoint', () => {
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandledRejection);
    process.on('uncaughtException', onUncaughtException);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandledRejection);
    process.off('uncaughtException', onUncaughtException);
  });

  it(
    'answers every generated request below 500, errors in the envelope, and keeps answering',
    async () => {
      const started = Date.now();
      const serverErrors = new Map<string, string>();
      const server = await startTestServer({
        beforeReady: (app) => {
          // What made a 500, by request id: the answer itself only says "Internal server error".
          app.addHook('onError', async (request, _reply, error) => {
            serverErrors.set(request.id, describeError(error));
          });
        },
      });
      const user = await server.newUser('fuzzer');
      const pools = new Pools();
      const learned = new Learned();
      await seed(server, user, pools);

      const endpoints: Endpoint[] = server.app.routeTable.map(({ method, url }) => ({ method, url }));
      expect(endpoints.length).toBeGreaterThan(10);
      const maxParams = Math.max(...endpoints.map((e) => (e.url.match(/:[A-Za-z0-9_]+|\*/g) ?? []).length));
      const { plan } = arbitrariesFor(endpoints.length, maxParams, vocabularyOf(schemaModules));

      const failures = new Map<string, Failure>();
      const statuses = new Map<number | 'none', number>();
      const routesHit = new Set<string>();
      const noRoute = '<no route>';
      const byRoute: Record<string, Record<string, number>> = {};
      let runs = 0;

      let phase = '';
      const signatureOf = (problem: Problem) => `${problem.kind} · ${problem.key}`;
      /** The request behind each failure's example, for minimising it after the run. */
      const examples = new Map<string, BuiltRequest>();

      const record = (finding: Finding, request: BuiltRequest) => {
        const signature = signatureOf(finding.problem);
        const size = sizeOf(request);
        const existing = failures.get(signature);
        if (existing) {
          existing.count += 1;
          if (size >= existing.size) return;
        }
        examples.set(signature, request);
        failures.set(signature, {
          kind: finding.problem.kind,
          signature,
          count: existing?.count ?? 1,
          firstRun: existing?.firstRun ?? runs,
          size,
          request: show(request),
          status: finding.status,
          responseBody: finding.body,
          ...(finding.serverError ? { serverError: finding.serverError } : {}),
        });
      };

      /** Sends one request and checks everything about its answer. */
      const probe = async (request: BuiltRequest): Promise<{ found: Finding[]; response?: LightMyRequestResponse }> => {
        inFlight = `${request.method} ${truncate(request.url, 300)} (${request.route}, as ${request.caller}${phase})`;
        const crashesBefore = crashes.length;
        const found: Finding[] = [];
        let answer: LightMyRequestResponse | undefined;
        let timer: NodeJS.Timeout | undefined;
        try {
          const response = await Promise.race([
            server.app.inject({
              method: request.method as InjectOptions['method'],
              url: request.url,
              headers: request.headers,
              ...(request.payload !== undefined ? { payload: request.payload } : {}),
            }),
            new Promise<'timeout'>((resolve) => {
              timer = setTimeout(() => resolve('timeout'), REQUEST_TIMEOUT_MS);
            }),
          ]);
          if (response === 'timeout')
            found.push({ problem: { kind: `no answer within ${REQUEST_TIMEOUT_MS} ms`, key: request.route }, status: 'none', body: '' });
          else {
            answer = response;
            if (response.statusCode < 300 || response.statusCode === 400) {
              const parsed = parseJson(response.body);
              if (parsed.ok && response.statusCode < 300) pools.harvest(parsed.value);
              else if (parsed.ok && request.method === request.route.split(' ')[0]) {
                const errors = (parsed.value as { errors?: unknown }).errors;
                if (Array.isArray(errors))
                  learned.learn(
                    request.route,
                    errors.filter((e): e is string => typeof e === 'string'),
                  );
              }
            }
            const requestId = String(response.headers['x-request-id'] ?? '');
            const serverError = serverErrors.get(requestId);
            serverErrors.delete(requestId);
            for (const problem of problemsOf(request, response, serverError))
              found.push({ problem, status: response.statusCode, body: response.body, ...(serverError ? { serverError } : {}) });
          }
        } catch (error) {
          found.push({
            problem: { kind: 'the request could not be made (inject threw)', key: `${request.route} · ${normalise(String(error))}` },
            status: 'none',
            body: describeError(error),
          });
        } finally {
          clearTimeout(timer);
        }
        // Unhandled rejections surface once the microtasks of this request have run.
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
        for (const crash of crashes.slice(crashesBefore)) {
          found.push({
            problem: { kind: `${crash.event} in the server process`, key: `${request.route} · ${causeOf(crash.error)}` },
            status: 'none',
            body: '',
            serverError: crash.error,
          });
        }
        const version = await server.app.inject({ method: 'GET', url: '/version' }).catch((error: unknown) => ({ statusCode: -1, body: String(error) }));
        if (version.statusCode !== 200)
          found.push({ problem: { kind: 'the server stopped answering GET /version', key: request.route }, status: version.statusCode, body: version.body });
        return { found, ...(answer ? { response: answer } : {}) };
      };

      /** Drops query parameters, body fields and headers from a failure's example while it still fails the same way. */
      const minimise = async (failure: Failure, deadline: number) => {
        let current = examples.get(failure.signature);
        if (!current) return;
        let attempts = 0;
        let improved = true;
        while (improved && attempts < MINIMISE_ATTEMPTS && Date.now() < deadline) {
          improved = false;
          for (const candidate of reductionsOf(current)) {
            if (++attempts > MINIMISE_ATTEMPTS || Date.now() >= deadline) break;
            const same = (await probe(candidate)).found.find((f) => signatureOf(f.problem) === failure.signature);
            if (!same) continue;
            current = candidate;
            Object.assign(
              failure,
              { request: show(candidate), size: sizeOf(candidate), status: same.status, responseBody: same.body, minimised: true },
              same.serverError ? { serverError: same.serverError } : {},
            );
            improved = true;
            break;
          }
        }
      };

      const exercise = async (request: BuiltRequest): Promise<string[]> => {
        const { found, response } = await probe(request);
        if (response) {
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          const counts = (byRoute[request.route] ??= {});
          counts[response.statusCode] = (counts[response.statusCode] ?? 0) + 1;
        }
        const fresh = found.filter((f) => !failures.has(signatureOf(f.problem)));
        for (const finding of found) record(finding, request);
        // A new failure is minimised at once, while the server is in the state that produced it.
        if (!SHRINK) {
          for (const signature of new Set(fresh.map((f) => signatureOf(f.problem)))) {
            phase = ', while minimising a failure';
            await minimise(failures.get(signature)!, Date.now() + MINIMISE_BUDGET_MS);
            phase = '';
          }
        }
        return found.map((f) => `${f.problem.kind} (${f.status}): ${truncate(f.serverError ?? f.body, 400)}`);
      };

      // fast-check's own failure (FUZZ_SHRINK=1, or a run past fc.timeout), reported after cleaning up.
      let fuzzError: unknown;
      try {
        await fc.assert(
          fc.asyncProperty(plan, async (p) => {
            runs += 1;
            const request = buildRequest(p, endpoints, pools, learned, { admin: server.admin, user });
            routesHit.add(request.route);
            const problems = await exercise(request);
            if (SHRINK && problems.length > 0) {
              throw new Error(`${problems.join('\n')}\nrequest: ${JSON.stringify(show(request), null, 2)}`);
            }
          }),
          {
            seed: SEED,
            numRuns: RUNS,
            endOnFailure: !SHRINK,
            plugins: [fc.interruptAfterTimeLimit(TIME_LIMIT_MS), fc.timeout(REQUEST_TIMEOUT_MS * 2)],
          },
        );
      } catch (error) {
        fuzzError = error;
      }
      inFlight = 'after the fuzz run (stopping jobs)';
      const final = await server.app.inject({ method: 'GET', url: '/version' });
      const leftovers = await stopEveryJob(server);
      const list = [...failures.values()].sort((a, b) => a.firstRun - b.firstRun);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const summary = [
        `fuzz: seed ${SEED}, ${runs}/${RUNS} runs in ${seconds} s over ${[...routesHit].filter((r) => r !== noRoute).length} of ${endpoints.length} routes (+ paths of no route)`,
        `statuses: ${[...statuses.entries()]
          .sort(([a], [b]) => String(a).localeCompare(String(b)))
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')}`,
        `jobs started: ${(server.app.ctx.db.prepare('SELECT count(*) FROM jobs').pluck().get() as number) ?? 0}; distinct failures: ${list.length}; report: ${REPORT_FILE}`,
      ].join('\n');
      console.log(summary);
      fs.writeFileSync(
        REPORT_FILE,
        JSON.stringify({ seed: SEED, runs, seconds: Number(seconds), failures: list, leftovers, crashes, statusesByRoute: byRoute }, null, 2),
      );
      if (fuzzError !== undefined) throw fuzzError;
      expect(final.statusCode, 'GET /version after the run').toBe(200);
      expect(leftovers, 'every job stopped, no process left behind').toEqual([]);
      expect(
        list.length,
        `${list.length} distinct failure(s) (seed ${SEED}; reproduce with FUZZ_SEED=${SEED}):\n\n${list.map(formatFailure).join('\n\n')}\n`,
      ).toBe(0);
    },
    TIME_LIMIT_MS + 60_000,
  );

  it('had no unhandled rejection or uncaught exception during the fuzz run', () => {
    // One entry per cause, with the first request it happened during.
    const byCause = new Map<string, { crash: Crash; count: number }>();
    for (const crash of crashes) {
      const cause = `${crash.event} · ${causeOf(crash.error)}`;
      const entry = byCause.get(cause) ?? { crash, count: 0 };
      entry.count += 1;
      byCause.set(cause, entry);
    }
    const shown = [...byCause.entries()]
      .map(([cause, { crash, count }], i) => `#${i + 1} ${cause} — ${count}×, first during ${crash.during}:\n${crash.error}`)
      .join('\n\n');
    expect(crashes.length, `${crashes.length} crash event(s) of ${byCause.size} cause(s):\n\n${shown}\n`).toBe(0);
  });
});
