// The body of POST /api/metricValues/v1 read without zod when it is plainly valid (decision 44):
// a batch of 1,000 values took zod ~7 ms, a third of the request. This accepts only a subset of
// what the contract's schema accepts — ids, metrics and tag keys of printable ASCII without
// spaces (so trimming and the control-character rule cannot change or refuse them) — and answers
// exactly what the schema would: the same fields, in the same order, unknown ones dropped.
// Anything else returns undefined and goes through the schema, which names what is wrong.
import type { z } from 'zod';
import { isMetricTimestamp, METRIC_TEXT_LIMITS, type NewMetricValuesEnvelopeV1Schema } from '../../src/api/schemas/monitoring';

type Body = z.output<typeof NewMetricValuesEnvelopeV1Schema>;
type Value = Body['newMetricValues'][number];
type Tag = NonNullable<Value['tags']>[number];

/** 1..max characters, each printable ASCII other than space. */
function isPlainText(value: unknown, max: number): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function readTags(input: unknown): Tag[] | undefined {
  if (!Array.isArray(input)) return undefined;
  const tags = new Array<Tag>(input.length);
  for (let i = 0; i < input.length; i++) {
    const tag: unknown = input[i];
    if (!isRecord(tag) || !isPlainText(tag.key, METRIC_TEXT_LIMITS.tagKey) || typeof tag.value !== 'string') return undefined;
    tags[i] = { key: tag.key, value: tag.value };
  }
  return tags;
}

function readValue(input: unknown): Value | undefined {
  if (!isRecord(input)) return undefined;
  const { modelMonitoringId, metric, value, referenceTimestamp, tags } = input;
  if (!isPlainText(modelMonitoringId, METRIC_TEXT_LIMITS.modelMonitoringId) || !isPlainText(metric, METRIC_TEXT_LIMITS.metric)) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  if (typeof referenceTimestamp !== 'string' || !isMetricTimestamp(referenceTimestamp)) return undefined;
  // As the schema does: a tags key holding undefined (never from JSON) stays a key.
  if (tags === undefined)
    return 'tags' in input ? { modelMonitoringId, metric, value, referenceTimestamp, tags } : { modelMonitoringId, metric, value, referenceTimestamp };
  const read = readTags(tags);
  return read && { modelMonitoringId, metric, value, referenceTimestamp, tags: read };
}

/** The parsed body when it is plainly valid; undefined sends it through the contract's schema. */
export function readPlainMetricValues(input: unknown): Body | undefined {
  if (!isRecord(input) || !Array.isArray(input.newMetricValues) || input.newMetricValues.length === 0) return undefined;
  const items: unknown[] = input.newMetricValues;
  const values = new Array<Value>(items.length);
  for (let i = 0; i < items.length; i++) {
    const value = readValue(items[i]);
    if (!value) return undefined;
    values[i] = value;
  }
  return { newMetricValues: values };
}
