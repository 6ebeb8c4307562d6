import type { ReactNode } from 'react';
import type { ErrorDetails } from '../api/error-details';
import { Button } from './button';

/**
 * A failed load, as the API explained it: its messages, the status, and the requestId an
 * administrator can find in the server's log. Never blank, whatever was thrown.
 */
export function ErrorPanel({
  details,
  onRetry,
  headingLevel = 2,
  children,
}: {
  details: ErrorDetails;
  onRetry?: () => void;
  headingLevel?: 1 | 2;
  children?: ReactNode;
}) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-5 text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-50">
      <Heading tabIndex={-1} className="text-lg font-semibold outline-none">
        {details.title}
      </Heading>
      <ul className="mt-2 space-y-1 text-sm">
        {details.messages.map((message, index) => (
          <li key={index} className="break-words">
            {message}
          </li>
        ))}
      </ul>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs text-red-900 dark:text-red-200">
        {details.status !== undefined ? (
          <>
            <dt className="font-medium">Status</dt>
            <dd>{details.status}</dd>
          </>
        ) : null}
        {details.endpoint ? (
          <>
            <dt className="font-medium">Endpoint</dt>
            <dd className="font-mono break-all">{details.endpoint}</dd>
          </>
        ) : null}
        {details.requestId ? (
          <>
            <dt className="font-medium">Request ID</dt>
            <dd className="font-mono break-all">{details.requestId}</dd>
          </>
        ) : null}
      </dl>
      {children}
      {onRetry ? (
        <div className="mt-4">
          <Button onClick={onRetry}>Try again</Button>
        </div>
      ) : null}
    </div>
  );
}
