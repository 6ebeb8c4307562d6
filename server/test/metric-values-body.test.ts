// The fast reading of a metric values body must never accept what the contract refuses, and must
// answer exactly what the contract's schema answers when it accepts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NewMetricValuesEnvelopeV1Schema } from '../../src/api/schemas/monitoring';
import { readPlainMetricValues } from '../services/metric-values-body';
import { answerOf } from '../services/monitoring';

const plainText = (max: number) => fc.stringMatching(new RegExp(`^[!-~]{1,${max}}$`));
const timestamp = fc.oneof(
  fc.date({ min: new Date(-5e12), max: new Date(5e12), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2024-02-29T23:59:59Z', '2026-12-31T10:00:00.123456-07:00', '2026-12-31t10:00:00z', '2026-01-01T00:00:00+23:59'),
);
const tag = fc.record({ key: plainText(100), value: fc.string() });
const plainValue = fc.record(
  {
    modelMonitoringId: plainText(100),
    metric: plainText(200),
    value: fc.double({ noNaN: true, noDefaultInfinity: true }),
    referenceTimestamp: timestamp,
    tags: fc.array(tag, { maxLength: 3 }),
  },
  { requiredKeys: ['modelMonitoringId', 'metric', 'value', 'referenceTimestamp'] },
);

// Values that are wrong, or right in ways the fast reading leaves to the schema.
const oddText = fc.oneof(
  fc.string(),
  fc.constantFrom('', ' padded ', 'a\u0000b', 'tab\there', 'ünïcode', 'x'.repeat(101), 'x'.repeat(201), '\u2028'),
  fc.anything(),
);
const oddTimestamp = fc.oneof(
  fc.constantFrom('2025-02-29T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01', '2026-01-01T00:00:00', '2026-01-01T00:00:00+24:00', ''),
  fc.anything(),
);
const oddValue = fc.oneof(fc.anything(), fc.constantFrom(null, '1', Number.NaN, Number.POSITIVE_INFINITY));
const mutated = fc
  .tuple(
    plainValue,
    fc.constantFrom('modelMonitoringId', 'metric', 'value', 'referenceTimestamp', 'tags', 'extra', 'tagKey', 'tagValue', 'whole'),
    oddText,
    oddTimestamp,
    oddValue,
  )
  .map(([value, field, text, time, number]): unknown => {
    const copy: Record<string, unknown> = { ...value };
    if (field === 'modelMonitoringId' || field === 'metric') copy[field] = text;
    if (field === 'referenceTimestamp') copy[field] = time;
    if (field === 'value') copy[field] = number;
    if (field === 'tags') copy.tags = number;
    if (field === 'extra') copy.unknownField = number;
    if (field === 'tagKey') copy.tags = [{ key: text, value: 'v' }];
    if (field === 'tagValue') copy.tags = [{ key: 'k', value: number, other: 1 }];
    return field === 'whole' ? number : copy;
  });

describe('the fast reading of a metric values body', () => {
  it('accepts only what the schema accepts, and answers exactly what the schema answers', () => {
    const body = fc.oneof(
      fc.record({ newMetricValues: fc.array(fc.oneof(plainValue, mutated), { maxLength: 6 }) }),
      fc.anything(),
      fc.record({ newMetricValues: fc.anything() }),
    );
    fc.assert(
      fc.property(body, (input) => {
        const fast = readPlainMetricValues(input);
        if (fast === undefined) return;
        const parsed = NewMetricValuesEnvelopeV1Schema.safeParse(input);
        expect(parsed.success).toBe(true);
        expect(fast).toStrictEqual(parsed.data);
      }),
      { numRuns: 3000 },
    );
  });

  it('takes every plainly valid batch (so the fast path is the one a client gets)', () => {
    fc.assert(
      fc.property(fc.array(plainValue, { minLength: 1, maxLength: 20 }), (newMetricValues) => {
        expect(readPlainMetricValues({ newMetricValues })).toStrictEqual(NewMetricValuesEnvelopeV1Schema.parse({ newMetricValues }));
      }),
      { numRuns: 500 },
    );
  });
});

describe('a value’s answer, written when it is logged', () => {
  it('is exactly the JSON of {value, referenceTimestamp in UTC milliseconds, tags or []}, whatever the texts hold', () => {
    const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('"', '\\', '\u2028', '\ud800', 'a\u0000'));
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.date({ min: new Date(-5e12), max: new Date(5e12), noInvalidDate: true }),
        fc.option(fc.array(fc.record({ key: anyText, value: anyText }), { maxLength: 3 }), { nil: undefined }),
        fc.boolean(),
        (value, date, tags, canonical) => {
          // Sent as toISOString writes it, or with an offset the answer must convert to UTC.
          const sent = canonical ? date.toISOString() : date.toISOString().replace('Z', '+00:00');
          expect(answerOf(value, sent, date.getTime(), tags)).toBe(JSON.stringify({ value, referenceTimestamp: date.toISOString(), tags: tags ?? [] }));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
