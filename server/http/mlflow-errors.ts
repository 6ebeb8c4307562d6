// MLflow's protocol answers errors as `{error_code, message}`, which its clients read (e.g.
// `mlflow.set_experiment` creates an experiment only on RESOURCE_DOES_NOT_EXIST). Every error on
// a path under the tracking prefix — a route's, the framework's, a 404 — takes that shape.
import { MLFLOW_ERROR_STATUS, MLFLOW_PREFIX, type MlflowErrorCode } from '../../src/api/schemas/mlflow';
import { ApiError } from './errors';

/** An error with MLflow's own code, where the status alone does not say it (RESOURCE_ALREADY_EXISTS). */
export class MlflowError extends ApiError {
  constructor(
    readonly code: MlflowErrorCode,
    message: string,
  ) {
    super(MLFLOW_ERROR_STATUS[code], [message]);
  }
}

/** Whether a request's URL is one of the tracking protocol's (errors then take MLflow's shape). */
export function isTrackingPath(url: string): boolean {
  return url.startsWith(`${MLFLOW_PREFIX}/`);
}

/** MLflow's code for an error answered with `status`. */
export function mlflowCodeOf(status: number, error?: unknown): MlflowErrorCode {
  if (error instanceof MlflowError) return error.code;
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'PERMISSION_DENIED';
  if (status === 404) return error === undefined ? 'ENDPOINT_NOT_FOUND' : 'RESOURCE_DOES_NOT_EXIST';
  if (status === 429) return 'REQUEST_LIMIT_EXCEEDED';
  if (status >= 500) return 'INTERNAL_ERROR';
  return 'INVALID_PARAMETER_VALUE';
}
