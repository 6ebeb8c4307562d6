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
import type { AlertRow, NewMetricValueRow, SeriesRow } from '../db/monitoring-repository';
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

/** A value as a retrieve answers it, written once when it is logged (tags as the validated body has them). */
function answerOf(value: number, timestamp: string, tsMs: number, tags: readonly MetricTagV1[] | undefined): string {
  // Most clients send UTC with milliseconds already; formatting a Date again is the costly part.
  const utc = isCanonicalUtc(timestamp) ? timestamp : new Date(tsMs).toISOString();
  return `{"value":${JSON.stringify(value)},"referenceTimestamp":"${utc}","tags":${tags ? JSON.stringify(tags) : '[]'}}`;
}

export function logMetricValues(ctx: BaseContext, user: KeyOwner, body: z.output<typeof NewMetricValuesEnvelopeV1Schema>): void {
  const repo = rows(ctx);
  const createdAt = ctx.clock.now().toISOString();
  ctx.db.transaction(() => {
    const series = new Map<string, SeriesRow>();
    const values = new Array<NewMetricValueRow>(body.newMetricValues.length);
    body.newMetricValues.forEach((item, i) => {
      const key = `${item.modelMonitoringId}\u0000${item.metric}`;
      let s = series.get(key);
      if (!s) series.set(key, (s = repo.seriesOf(item.modelMonitoringId, item.metric)));
      const tsMs = Date.parse(item.referenceTimestamp);
      values[i] = { seriesId: s.id, tsMs, value: item.value, answer: answerOf(item.value, item.referenceTimestamp, tsMs, item.tags) };
      if (s.range && !inRange(item.value, s.range))
        recordAlert(ctx, user, s.id, item.value, s.range, { source: 'loggedValue', referenceTsMs: tsMs, createdAt });
    });
    repo.insertValues(values);
  })();
}

/**
 * The values between two inclusive times, as the answer's JSON text: 43,200 points are ~6 MB,
 * and formatting them per request cost more than the query. Each value's answer is written when
 * it is logged and SQLite joins them (decision 22).
 */
export function retrieveMetricValuesText(ctx: BaseContext, modelId: string, metric: string, fromIso: string, toIso: string, requestId: string): string {
  const repo = rows(ctx);
  if (!repo.modelKnown(modelId)) throw notFound(`No metric values were ever logged for the monitored model ${modelId}`);
  const series = repo.findSeries(modelId, metric);
  const [fromMs, toMs] = [Date.parse(fromIso), Date.parse(toIso)];
  const more = series ? repo.countBetween(series.id, fromMs, toMs, MAX_METRIC_VALUES + 1) > MAX_METRIC_VALUES : false;
  const notices = more
    ? [
        `More than ${MAX_METRIC_VALUES.toLocaleString('en-US')} values are in this range: the first ${MAX_METRIC_VALUES.toLocaleString('en-US')} are answered; ask again from the last one's time`,
      ]
    : [];
  const answers = series ? repo.answersBetween(series.id, fromMs, toMs, MAX_METRIC_VALUES) : '';
  return `{"metricValues":[${answers}],"metadata":${JSON.stringify({ requestId, notices })}}`;
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
