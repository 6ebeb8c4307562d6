// Model monitoring custom metrics: POST /api/metricValues/v1, GET /api/metricValues/v1/{id}/{metric},
// POST /api/metricAlerts/v1. Monitored-model ids are Domino Model Monitor ids, not ObjectIds.
import { z } from 'zod';
import { looseEnum, MetadataV1Schema, requiredText as text } from './common';
import { endpoint } from './endpoint';

/** RFC 3339 with a timezone, e.g. 2013-07-01T17:55:13-07:00. */
const timestamp = (label: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be a string`) })
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i,
      `${label} must be an RFC 3339 timestamp with a timezone, e.g. 2013-07-01T17:55:13-07:00`,
    );

const metricValue = z.number({ error: 'value must be a number' });

export const MetricTagV1Schema = z.object({
  key: text('tags.key'),
  value: z.string({ error: 'tags.value must be a string' }),
});
export type MetricTagV1 = z.output<typeof MetricTagV1Schema>;

export const NewMetricValueV1Schema = z.object({
  modelMonitoringId: text('modelMonitoringId'),
  metric: text('metric', 200),
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

export const TargetRangeV1Schema = z
  .object({
    condition: TargetRangeConditionV1Schema,
    lowerLimit: z.number().optional(),
    upperLimit: z.number().optional(),
  })
  .superRefine((range, ctx) => {
    if (range.lowerLimit === undefined && range.upperLimit === undefined) {
      ctx.addIssue({ code: 'custom', message: 'targetRange needs lowerLimit, upperLimit or both' });
    }
    if (range.condition === 'between' && (range.lowerLimit === undefined || range.upperLimit === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a between targetRange needs both lowerLimit and upperLimit' });
    }
    if (range.lowerLimit !== undefined && range.upperLimit !== undefined && range.lowerLimit > range.upperLimit) {
      ctx.addIssue({ code: 'custom', message: 'lowerLimit must not be greater than upperLimit' });
    }
  });
export type TargetRangeV1 = z.output<typeof TargetRangeV1Schema>;

/** Body of POST /api/metricAlerts/v1 (answered 200 without a body). */
export const MetricAlertRequestV1Schema = z.object({
  modelMonitoringId: text('modelMonitoringId'),
  metric: text('metric', 200),
  value: metricValue,
  targetRange: TargetRangeV1Schema,
  description: z.string().max(2000, 'description must be at most 2000 characters').optional(),
});
export type MetricAlertRequestV1 = z.input<typeof MetricAlertRequestV1Schema>;

const monitoring = { family: 'monitoring', source: 'reference' } as const;

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
    params: z.object({ modelMonitoringId: z.string().min(1), metric: z.string().min(1) }),
    query: RetrieveMetricValuesQuerySchema,
    response: MetricValuesEnvelopeV1Schema,
  }),
  sendMetricAlert: endpoint({
    method: 'POST',
    path: '/api/metricAlerts/v1',
    ...monitoring,
    body: MetricAlertRequestV1Schema,
    response: null,
    successStatus: 201,
  }),
};
