// Async model predictions: POST /api/modelApis/async/v1/{asyncModelId} and
// GET /api/modelApis/async/v1/{asyncModelId}/{asyncPredictionId}. Neither answer has metadata.
import { z } from 'zod';
import { looseEnum, ObjectIdSchema } from './common';
import { endpoint } from './endpoint';

/** Documented in the spec's description of `status`, which it types as a plain string. */
export const ASYNC_PREDICTION_STATUSES = ['Pending', 'Processing', 'Succeeded', 'Failed'] as const;
export type AsyncPredictionStatus = (typeof ASYNC_PREDICTION_STATUSES)[number];

export const NewAsyncPredictionV1Schema = z.object({
  parameters: z.record(z.string(), z.unknown(), { error: 'parameters must be a JSON object' }),
});
export type NewAsyncPredictionV1 = z.input<typeof NewAsyncPredictionV1Schema>;

export const AsyncPredictionRequestEnvelopeV1Schema = z.object({ asyncPredictionId: z.string() });
export type AsyncPredictionRequestEnvelopeV1 = z.output<typeof AsyncPredictionRequestEnvelopeV1Schema>;

export const AsyncPredictionEnvelopeV1Schema = z.object({
  asyncPredictionId: z.string(),
  // Known statuses get their canonical spelling; unknown ones pass.
  status: z.union([looseEnum(ASYNC_PREDICTION_STATUSES), z.string()]),
  result: z.record(z.string(), z.unknown()).optional(),
  errors: z.array(z.string()).optional(),
});
export type AsyncPredictionEnvelopeV1 = z.output<typeof AsyncPredictionEnvelopeV1Schema>;

const asyncPrediction = { family: 'asyncPredictions', source: 'reference' } as const;

export const asyncPredictionsEndpoints = {
  requestAsyncPrediction: endpoint({
    method: 'POST',
    path: '/api/modelApis/async/v1/{asyncModelId}',
    ...asyncPrediction,
    params: z.object({ asyncModelId: ObjectIdSchema }),
    body: NewAsyncPredictionV1Schema,
    response: AsyncPredictionRequestEnvelopeV1Schema,
  }),
  retrieveAsyncPredictionResult: endpoint({
    method: 'GET',
    path: '/api/modelApis/async/v1/{asyncModelId}/{asyncPredictionId}',
    ...asyncPrediction,
    params: z.object({ asyncModelId: ObjectIdSchema, asyncPredictionId: ObjectIdSchema }),
    response: AsyncPredictionEnvelopeV1Schema,
  }),
};
