// Model monitoring custom metrics with Domino's rules: anyone signed in logs and reads ("Required
// Permissions: None"); a batch is validated whole before anything of it is stored (the contract
// refuses a bad value with its index and field); times are answered in UTC; retrieving a model
// that never logged anything is a 404. Alerts evaluate a value against the target range (the
// acceptable values) and are recorded with whether it was in range; a configured range
// (extension) makes logged values outside it raise alerts too.
import type { z } from 'zod';
import type { Wire } from '../../src/api/schemas/common';
import {
  MAX_METRIC_VALUES,
  type ListMetricAlertsQuerySchema,
  type MetricAlertSchema,
  type MonitoredModelSchema,
  type NewMetricValuesEnvelopeV1Schema,
  type MetricAlertRequestV1Schema,
  type MetricTagV1,
  type TargetRangeV1,
} from '../../src/api/schemas/monitoring';
import type { BaseContext } from '../context';
import type { KeyOwner } from '../db/api-keys-repository';
import { inBlockOrder, type MetricValueAnswer } from '../db/metric-blocks';
import type { AlertRow, SeriesRow } from '../db/monitoring-repository';
import { clampLimit } from '../http/envelopes';
import { notFound } from '../http/errors';
import { newObjectId } from '../http/ids';

const rows = (ctx: BaseContext) => ctx.monitoring;

/** Whether a value is one of the range's acceptable values (limits inclusive only where the condition says so; between is inclusive). */
export function inRange(value: number, range: TargetRangeV1): boolean {
  switch (range.condition) {
    case 'lessThan':
      return value < range.upperLimit!;
    case 'lessThanEqual':
      return value <= range.upperLimit!;
    case 'greaterThan':
      return value > range.lowerLimit!;
    case 'greaterThanEqual':
      return value >= range.lowerLimit!;
    case 'between':
      return value >= range.lowerLimit! && value <= range.upperLimit!;
  }
}

/** Whether a (validated) timestamp is already as toISOString writes it: 2026-11-01T10:00:00.000Z. */
const isCanonicalUtc = (timestamp: string) =>
  timestamp.length === 24 && timestamp.charCodeAt(19) === 46 && timestamp.charCodeAt(10) === 84 && timestamp.charCodeAt(23) === 90;

/** Text JSON.stringify would write between quotes unchanged: no quote, backslash, control character or surrogate. */
// eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
const PLAIN_JSON_TEXT = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** Tags as JSON: written directly when their texts need no escaping (the usual case), else by JSON.stringify. */
function tagsJson(tags: readonly MetricTagV1[] | undefined): string {
  if (!tags || tags.length === 0) return '[]';
  let json = '[';
  for (let i = 0; i < tags.length; i++) {
    const { key, value } = tags[i]!;
    if (!PLAIN_JSON_TEXT.test(key) || !PLAIN_JSON_TEXT.test(value)) return JSON.stringify(tags);
    json += `${i === 0 ? '' : ','}{"key":"${key}","value":"${value}"}`;
  }
  return `${json}]`;
}

/** A value as a retrieve answers it, written once when it is logged (tags as the validated body has them). */
export function answerOf(value: number, timestamp: string, tsMs: number, tags: readonly MetricTagV1[] | undefined): string {
  // Most clients send UTC with milliseconds already; formatting a Date again is the costly part.
  const utc = isCanonicalUtc(timestamp) ? timestamp : new Date(tsMs).toISOString();
  return `{"value":${JSON.stringify(value)},"referenceTimestamp":"${utc}","tags":${tagsJson(tags)}}`;
}

export function logMetricValues(ctx: BaseContext, user: KeyOwner, body: z.output<typeof NewMetricValuesEnvelopeV1Schema>): void {
  const repo = rows(ctx);
  const createdAt = ctx.clock.now().toISOString();
  ctx.db.transaction(() => {
    // Usually one series a batch; each gets its values in the order logged, then sorted by time.
    const series = new Map<string, { row: SeriesRow; values: MetricValueAnswer[] }>();
    let last: { model: string; metric: string; entry: { row: SeriesRow; values: MetricValueAnswer[] } } | undefined;
    for (const item of body.newMetricValues) {
      let s = last && last.model === item.modelMonitoringId && last.metric === item.metric ? last.entry : undefined;
      if (!s) {
        const key = `${item.modelMonitoringId}\u0000${item.metric}`;
        s = series.get(key);
        if (!s) series.set(key, (s = { row: repo.seriesOf(item.modelMonitoringId, item.metric), values: [] }));
        last = { model: item.modelMonitoringId, metric: item.metric, entry: s };
      }
      const tsMs = Date.parse(item.referenceTimestamp);
      s.values.push({ tsMs, answer: answerOf(item.value, item.referenceTimestamp, tsMs, item.tags) });
      const range = s.row.range;
      if (range && !inRange(item.value, range)) recordAlert(ctx, user, s.row.id, item.value, range, { source: 'loggedValue', referenceTsMs: tsMs, createdAt });
    }
    for (const { row, values } of series.values()) repo.appendValues(row.id, inBlockOrder(values));
  })();
}

/**
 * The values between two inclusive times, as the answer's JSON (UTF-8): 43,200 points are ~6 MB,
 * and formatting them per request cost more than the query. Each value's answer is written when
 * it is logged and a retrieve copies the bytes of the blocks it covers (decisions 22, 44).
 */
export function retrieveMetricValuesJson(ctx: BaseContext, modelId: string, metric: string, fromIso: string, toIso: string, requestId: string): Buffer {
  const repo = rows(ctx);
  if (!repo.modelKnown(modelId)) throw notFound(`No metric values were ever logged for the monitored model ${modelId}`);
  const series = repo.findSeries(modelId, metric);
  const found = series ? repo.answersBetween(series.id, Date.parse(fromIso), Date.parse(toIso), MAX_METRIC_VALUES) : undefined;
  const notices =
    found && found.total > MAX_METRIC_VALUES
      ? [
          `More than ${MAX_METRIC_VALUES.toLocaleString('en-US')} values are in this range: the first ${MAX_METRIC_VALUES.toLocaleString('en-US')} are answered; ask again from the last one's time`,
        ]
      : [];
  return Buffer.concat([Buffer.from('{"metricValues":['), ...(found?.parts ?? []), Buffer.from(`],"metadata":${JSON.stringify({ requestId, notices })}}`)]);
}

export function sendMetricAlert(ctx: BaseContext, user: KeyOwner, body: z.output<typeof MetricAlertRequestV1Schema>): void {
  const series = rows(ctx).seriesOf(body.modelMonitoringId, body.metric);
  recordAlert(ctx, user, series.id, body.value, body.targetRange, {
    source: 'request',
    description: body.description,
    createdAt: ctx.clock.now().toISOString(),
  });
}

/** An alert row: the value, the range it was evaluated against, and whether it was in it. */
function recordAlert(
  ctx: BaseContext,
  user: KeyOwner,
  seriesId: number,
  value: number,
  range: TargetRangeV1,
  how: { source: 'request' | 'loggedValue'; description?: string; referenceTsMs?: number; createdAt: string },
): void {
  rows(ctx).insertAlert({
    id: newObjectId(ctx.clock),
    seriesId,
    value,
    condition: range.condition,
    lowerLimit: range.lowerLimit ?? null,
    upperLimit: range.upperLimit ?? null,
    inRange: inRange(value, range),
    source: how.source,
    description: how.description ?? null,
    referenceTsMs: how.referenceTsMs ?? null,
    createdAt: how.createdAt,
    createdBy: user.id,
  });
}

// ——— the embedded extensions ———

export function setMetricRange(ctx: BaseContext, modelId: string, metric: string, range: TargetRangeV1 | undefined): TargetRangeV1 | undefined {
  const repo = rows(ctx);
  const series = range ? repo.seriesOf(modelId, metric) : repo.findSeries(modelId, metric);
  if (!series) throw notFound(`The monitored model ${modelId} has no metric ${metric}`);
  repo.setRange(series.id, range);
  return range;
}

export function monitoredModels(ctx: BaseContext): Array<Wire<typeof MonitoredModelSchema>> {
  const models = new Map<string, Wire<typeof MonitoredModelSchema>>();
  for (const s of rows(ctx).allSeries()) {
    let model = models.get(s.modelId);
    if (!model) models.set(s.modelId, (model = { modelMonitoringId: s.modelId, metrics: [] }));
    model.metrics.push({
      metric: s.metric,
      valueCount: s.valueCount,
      ...(s.firstMs !== null ? { firstReferenceTimestamp: new Date(s.firstMs).toISOString() } : {}),
      ...(s.lastMs !== null ? { lastReferenceTimestamp: new Date(s.lastMs).toISOString() } : {}),
      ...(s.range ? { targetRange: s.range } : {}),
      alertCount: s.alertCount,
    });
  }
  return [...models.values()];
}

function toAlert(a: AlertRow): Wire<typeof MetricAlertSchema> {
  return {
    id: a.id,
    modelMonitoringId: a.modelId,
    metric: a.metric,
    value: a.value,
    targetRange: {
      condition: a.condition,
      ...(a.lowerLimit !== null ? { lowerLimit: a.lowerLimit } : {}),
      ...(a.upperLimit !== null ? { upperLimit: a.upperLimit } : {}),
    },
    inRange: a.inRange,
    source: a.source,
    ...(a.description ? { description: a.description } : {}),
    ...(a.referenceTsMs !== null ? { referenceTimestamp: new Date(a.referenceTsMs).toISOString() } : {}),
    createdAt: a.createdAt,
  };
}

export function listAlerts(ctx: BaseContext, query: z.output<typeof ListMetricAlertsQuerySchema>) {
  const limit = clampLimit(query.limit);
  const { rows: found, totalCount } = rows(ctx).alerts(
    { modelId: query.modelMonitoringId, metric: query.metric, outOfRangeOnly: query.outOfRangeOnly },
    query.offset,
    limit,
  );
  return { alerts: found.map(toAlert), page: { offset: query.offset, limit, totalCount } };
}
