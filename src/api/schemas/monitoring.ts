// Model monitoring custom metrics: POST /api/metricValues/v1, GET /api/metricValues/v1/{id}/{metric},
// POST /api/metricAlerts/v1. Monitored-model ids are Domino Model Monitor ids, not ObjectIds.
import { z } from 'zod';
import { looseEnum, MetadataV1Schema, PaginatedMetadataV1Schema, paginationQuery, requiredText as text, TEXT_LIMITS } from './common';
import { EMBEDDED_PREFIX, endpoint } from './endpoint';

const RFC3339_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** RFC 3339 with a timezone, e.g. 2013-07-01T17:55:13-07:00; a real instant (no 25th hour or 31st of February). */
const timestamp = (label: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be a string`) })
    .regex(RFC3339_WITH_ZONE, `${label} must be an RFC 3339 timestamp with a timezone, e.g. 2013-07-01T17:55:13-07:00`)
    .refine((value) => isRealInstant(value), `${label} is not a real date and time`);

/** Whether the timestamp schema accepts a string: for the server's batch fast path (decision 44). */
export const isMetricTimestamp = (value: string): boolean => RFC3339_WITH_ZONE.test(value) && isRealInstant(value);

/** The two-digit number at `at` (the regex has checked both are digits). */
const twoDigits = (value: string, at: number) => (value.charCodeAt(at) - 48) * 10 + value.charCodeAt(at + 1) - 48;

/**
 * Date.parse would roll 2024-02-31 over to March: a real instant names a day its month has, an
 * hour, minute and second of a day (a leap second's 60 is not), and an offset of at most 23:59.
 * Read from the fixed places the regex has checked, without a Date: a batch holds 1,000 of them.
 */
function isRealInstant(value: string): boolean {
  const year = twoDigits(value, 0) * 100 + twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > daysInMonth || twoDigits(value, 11) > 23 || twoDigits(value, 14) > 59 || twoDigits(value, 17) > 59) return false;
  const last = value.charCodeAt(value.length - 1);
  if (last === 90 || last === 122) return true; // Z or z
  const zone = value.length - 6; // ±hh:mm
  return twoDigits(value, zone + 1) <= 23 && twoDigits(value, zone + 4) <= 59;
}

// zod refuses NaN and ±Infinity (JSON cannot carry them anyway): a value is a finite number.
const metricValue = z.number({ error: 'value must be a finite number' });

/** Longest texts of a logged value (characters). */
export const METRIC_TEXT_LIMITS = { modelMonitoringId: TEXT_LIMITS.name, metric: 200, tagKey: TEXT_LIMITS.name } as const;

export const MetricTagV1Schema = z.object({
  key: text('tags.key', METRIC_TEXT_LIMITS.tagKey),
  value: z.string({ error: 'tags.value must be a string' }),
});
export type MetricTagV1 = z.output<typeof MetricTagV1Schema>;

export const NewMetricValueV1Schema = z.object({
  modelMonitoringId: text('modelMonitoringId', METRIC_TEXT_LIMITS.modelMonitoringId),
  metric: text('metric', METRIC_TEXT_LIMITS.metric),
  value: metricValue,
  referenceTimestamp: timestamp('referenceTimestamp'),
  tags: z.array(MetricTagV1Schema).optional(),
});
export type NewMetricValueV1 = z.input<typeof NewMetricValueV1Schema>;

/** Body of POST /api/metricValues/v1 (answered 201 without a body). */
export const NewMetricValuesEnvelopeV1Schema = z.object({
  newMetricValues: z.array(NewMetricValueV1Schema, { error: 'newMetricValues must be a list' }).min(1, 'newMetricValues must not be empty'),
});
export type NewMetricValuesEnvelopeV1 = z.input<typeof NewMetricValuesEnvelopeV1Schema>;

export const MetricValueV1Schema = z.object({
  value: z.number(),
  referenceTimestamp: z.string(),
  tags: z.array(z.object({ key: z.string(), value: z.string() })),
});
export type MetricValueV1 = z.output<typeof MetricValueV1Schema>;

export const MetricValuesEnvelopeV1Schema = z.object({
  metricValues: z.array(MetricValueV1Schema),
  metadata: MetadataV1Schema,
});

export const RetrieveMetricValuesQuerySchema = z
  .object({
    startingReferenceTimestampInclusive: timestamp('startingReferenceTimestampInclusive'),
    endingReferenceTimestampInclusive: timestamp('endingReferenceTimestampInclusive'),
  })
  .refine((query) => Date.parse(query.startingReferenceTimestampInclusive) <= Date.parse(query.endingReferenceTimestampInclusive), {
    message: 'startingReferenceTimestampInclusive must not be after endingReferenceTimestampInclusive',
  });

export const TARGET_RANGE_CONDITIONS = ['lessThan', 'lessThanEqual', 'greaterThan', 'greaterThanEqual', 'between'] as const;
export const TargetRangeConditionV1Schema = looseEnum(TARGET_RANGE_CONDITIONS);
export type TargetRangeConditionV1 = (typeof TARGET_RANGE_CONDITIONS)[number];

/** Which limits a condition needs: the target range is the acceptable values. */
export const LIMITS_OF_CONDITION: Record<TargetRangeConditionV1, ReadonlyArray<'lowerLimit' | 'upperLimit'>> = {
  lessThan: ['upperLimit'],
  lessThanEqual: ['upperLimit'],
  greaterThan: ['lowerLimit'],
  greaterThanEqual: ['lowerLimit'],
  between: ['lowerLimit', 'upperLimit'],
};

const limit = (label: string) => z.number({ error: `${label} must be a finite number` }).nullish();

/**
 * The acceptable values of a metric. Domino's Python client sends `condition: null` when none was
 * given and leaves out a limit of 0 (it tests the limit for truth), so what is missing is named.
 */
export const TargetRangeV1Schema = z
  .object(
    {
      condition: TargetRangeConditionV1Schema.nullish(),
      lowerLimit: limit('targetRange.lowerLimit'),
      upperLimit: limit('targetRange.upperLimit'),
    },
    { error: 'targetRange is required: {condition, lowerLimit?, upperLimit?}' },
  )
  .superRefine((range, ctx) => {
    if (range.condition == null) {
      ctx.addIssue({ code: 'custom', message: `targetRange.condition is missing: one of ${TARGET_RANGE_CONDITIONS.join(', ')}`, path: ['condition'] });
      return;
    }
    for (const needed of LIMITS_OF_CONDITION[range.condition]) {
      if (range[needed] == null)
        ctx.addIssue({
          code: 'custom',
          message: `targetRange.${needed} is missing: a ${range.condition} range needs it (a limit of 0 must be sent as 0; Domino's Python client leaves 0 out)`,
          path: [needed],
        });
    }
    if (range.condition === 'between' && range.lowerLimit != null && range.upperLimit != null && range.lowerLimit > range.upperLimit) {
      ctx.addIssue({ code: 'custom', message: 'targetRange.lowerLimit must not be greater than upperLimit', path: ['lowerLimit'] });
    }
  })
  .transform((range) => ({
    condition: range.condition!,
    ...(range.lowerLimit != null ? { lowerLimit: range.lowerLimit } : {}),
    ...(range.upperLimit != null ? { upperLimit: range.upperLimit } : {}),
  }));
export type TargetRangeV1 = z.output<typeof TargetRangeV1Schema>;

/**
 * Whether a value is one of a range's acceptable values: limits are inclusive only where the
 * condition says so (between is inclusive). The dashboard marks out-of-range points with it.
 */
export function isInTargetRange(value: number, range: { condition: string; lowerLimit?: number; upperLimit?: number }): boolean {
  const lower = range.lowerLimit ?? -Infinity;
  const upper = range.upperLimit ?? Infinity;
  switch (range.condition) {
    case 'lessThan':
      return value < upper;
    case 'lessThanEqual':
      return value <= upper;
    case 'greaterThan':
      return value > lower;
    case 'greaterThanEqual':
      return value >= lower;
    case 'between':
      return value >= lower && value <= upper;
    default:
      // A condition this console does not know: nothing is marked.
      return true;
  }
}

/** Body of POST /api/metricAlerts/v1 (answered 200 without a body, as the spec says). */
export const MetricAlertRequestV1Schema = z.object({
  modelMonitoringId: text('modelMonitoringId', METRIC_TEXT_LIMITS.modelMonitoringId),
  metric: text('metric', METRIC_TEXT_LIMITS.metric),
  value: metricValue,
  targetRange: TargetRangeV1Schema,
  description: z.string().max(2000, 'description must be at most 2000 characters').optional(),
});
export type MetricAlertRequestV1 = z.input<typeof MetricAlertRequestV1Schema>;

/** The wire form of a target range (what the extensions answer). */
export const TargetRangeWireSchema = z.object({
  condition: TargetRangeConditionV1Schema,
  lowerLimit: z.number().optional(),
  upperLimit: z.number().optional(),
});

/** A metric of a monitored model, as the embedded list answers it. */
export const MonitoredMetricSchema = z.object({
  metric: z.string(),
  valueCount: z.number().int(),
  firstReferenceTimestamp: z.string().optional(),
  lastReferenceTimestamp: z.string().optional(),
  /** The configured range (extension): logged values outside it raise alerts. */
  targetRange: TargetRangeWireSchema.optional(),
  alertCount: z.number().int(),
});
export const MonitoredModelSchema = z.object({ modelMonitoringId: z.string(), metrics: z.array(MonitoredMetricSchema) });
export const MonitoredModelsEnvelopeSchema = z.object({ models: z.array(MonitoredModelSchema), metadata: MetadataV1Schema });

/** An alert: one sent through POST /api/metricAlerts/v1, or raised by a logged value outside the configured range. */
export const MetricAlertSchema = z.object({
  id: z.string(),
  modelMonitoringId: z.string(),
  metric: z.string(),
  value: z.number(),
  targetRange: TargetRangeWireSchema,
  inRange: z.boolean(),
  source: z.enum(['request', 'loggedValue']),
  description: z.string().optional(),
  /** The logged value's time (for an alert raised by one). */
  referenceTimestamp: z.string().optional(),
  createdAt: z.string(),
});
export type MetricAlert = z.output<typeof MetricAlertSchema>;
export const MetricAlertsEnvelopeSchema = z.object({ alerts: z.array(MetricAlertSchema), metadata: PaginatedMetadataV1Schema });

export const ListMetricAlertsQuerySchema = paginationQuery(50).extend({
  modelMonitoringId: z.string().min(1).optional(),
  metric: z.string().min(1).optional(),
  /** Only alerts whose value was out of range (default), or all. */
  outOfRangeOnly: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

const monitoring = { family: 'monitoring', source: 'reference' } as const;
const embedded = { family: 'monitoring', source: 'embedded' } as const;
const metricParams = z.object({
  modelMonitoringId: z.string().min(1, 'modelMonitoringId must not be empty'),
  metric: z.string().min(1, 'metric must not be empty'),
});

/** The most values one retrieve answers; a notice says when more were in the range. */
export const MAX_METRIC_VALUES = 100_000;

export const monitoringEndpoints = {
  logMetricValues: endpoint({
    method: 'POST',
    path: '/api/metricValues/v1',
    ...monitoring,
    body: NewMetricValuesEnvelopeV1Schema,
    response: null,
    successStatus: 201,
  }),
  retrieveMetricValues: endpoint({
    method: 'GET',
    path: '/api/metricValues/v1/{modelMonitoringId}/{metric}',
    ...monitoring,
    params: metricParams,
    query: RetrieveMetricValuesQuerySchema,
    response: MetricValuesEnvelopeV1Schema,
  }),
  sendMetricAlert: endpoint({
    method: 'POST',
    path: '/api/metricAlerts/v1',
    ...monitoring,
    body: MetricAlertRequestV1Schema,
    response: null,
  }),
  // Embedded extensions: `monitored-models`, `metric-ranges`, `metric-alerts`.
  getMonitoredModels: endpoint({ method: 'GET', path: `${EMBEDDED_PREFIX}/monitoring/models`, ...embedded, response: MonitoredModelsEnvelopeSchema }),
  setMetricRange: endpoint({
    method: 'PUT',
    path: `${EMBEDDED_PREFIX}/monitoring/models/{modelMonitoringId}/metrics/{metric}/range`,
    ...embedded,
    params: metricParams,
    body: TargetRangeV1Schema,
    response: z.object({ targetRange: TargetRangeWireSchema, metadata: MetadataV1Schema }),
  }),
  removeMetricRange: endpoint({
    method: 'DELETE',
    path: `${EMBEDDED_PREFIX}/monitoring/models/{modelMonitoringId}/metrics/{metric}/range`,
    ...embedded,
    params: metricParams,
    response: null,
    successStatus: 204,
  }),
  getMetricAlerts: endpoint({
    method: 'GET',
    path: `${EMBEDDED_PREFIX}/monitoring/alerts`,
    ...embedded,
    query: ListMetricAlertsQuerySchema,
    response: MetricAlertsEnvelopeSchema,
  }),
};
