import type { ReactNode } from 'react';
import type { ErrorDetails } from '../api/error-details';

/** An error (or notice) inside a form or section, announced when it appears. */
export function InlineAlert({ tone = 'error', title, children }: { tone?: 'error' | 'info'; title?: ReactNode; children?: ReactNode }) {
  const classes =
    tone === 'error'
      ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100'
      : 'border-blue-200 bg-blue-50 text-blue-900 dark:border-blue-800 dark:bg-blue-950 dark:text-blue-100';
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`rounded-md border px-3 py-2 text-sm ${classes}`}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? 'mt-1' : undefined}>{children}</div> : null}
    </div>
  );
}

/** A refused request, inside the form that sent it: the API's own words and its requestId. */
export function ApiErrorAlert({ title, error }: { title: ReactNode; error: ErrorDetails }) {
  return (
    <InlineAlert title={title}>
      {error.messages.length > 1 ? (
        <ul className="space-y-1">
          {error.messages.map((message, index) => (
            <li key={index}>{message}</li>
          ))}
        </ul>
      ) : (
        error.messages[0]
      )}
      {error.requestId ? <span className="mt-1 block text-xs">Request ID: {error.requestId}</span> : null}
    </InlineAlert>
  );
}
