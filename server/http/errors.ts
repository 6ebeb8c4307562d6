// Errors a handler throws to answer with FailureEnvelopeV1 and a chosen status.

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errors: string[],
  ) {
    super(errors.join('; '));
  }
}

export const badRequest = (...errors: string[]) => new ApiError(400, errors);
export const unauthorized = (message = 'Missing or invalid credentials: send X-Domino-Api-Key or Authorization: Bearer') => new ApiError(401, [message]);
export const forbidden = (message: string) => new ApiError(403, [message]);
export const notFound = (message: string) => new ApiError(404, [message]);
/** Domino answers conflicts with 400 (409 means "expired credentials" to its Python client). */
export const conflict = (message: string) => new ApiError(400, [message]);
