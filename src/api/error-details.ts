// Turns whatever a query or mutation threw into what the UI shows: a short title, the API's own
// messages and the requestId to quote to an administrator.
import { DominoApiError, NetworkError, ResponseShapeError } from './http';

export interface ErrorDetails {
  title: string;
  messages: readonly string[];
  status?: number;
  requestId?: string;
  endpoint?: string;
}

function titleForStatus(status: number): string {
  if (status === 400) return 'The request was refused';
  if (status === 401) return 'Not signed in';
  if (status === 403) return 'Access denied';
  if (status === 404) return 'Not found';
  if (status === 413) return 'Too large';
  if (status === 422) return 'The request could not be carried out';
  if (status === 429) return 'Too many requests';
  if (status >= 500) return 'The server failed';
  return 'The request failed';
}

export function errorDetails(error: unknown): ErrorDetails {
  if (error instanceof DominoApiError) {
    return {
      title: titleForStatus(error.status),
      messages: error.errors.length > 0 ? error.errors : [error.message],
      status: error.status,
      requestId: error.requestId,
      endpoint: error.endpoint,
    };
  }
  if (error instanceof ResponseShapeError) {
    return {
      title: 'Unexpected response from the server',
      messages: [error.message],
      status: error.status,
      endpoint: error.endpoint,
    };
  }
  if (error instanceof NetworkError) {
    return { title: 'Cannot reach the server', messages: ['Check that the Domino Console server is running, then try again.'], endpoint: error.endpoint };
  }
  if (error instanceof Error && error.message) return { title: 'Something went wrong', messages: [error.message] };
  // A message already in words (e.g. a refusal worded by the page).
  if (typeof error === 'string' && error) return { title: 'Something went wrong', messages: [error] };
  return { title: 'Something went wrong', messages: ['An unknown error occurred.'] };
}

/** One line for a toast or an inline alert. */
export function errorMessage(error: unknown): string {
  return errorDetails(error).messages.join(' ');
}
