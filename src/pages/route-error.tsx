import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { Link, useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { useEffect, useState, type ReactNode } from 'react';
import { errorDetails } from '../api/error-details';
import { buttonClasses } from '../components/button';
import { ErrorPanel } from '../components/error-panel';
import type { WayBack } from '../components/not-found';
import { useDocumentTitle } from '../hooks/use-document-title';

/**
 * Every page's error view: what the API said (messages, status, requestId) or, for a body that
 * did not match the contract, the endpoint and field. Rendered inside the frame, never blank.
 */
export interface RouteErrorProps<TOptions = unknown> extends ErrorComponentProps {
  /** Where to go instead, e.g. the list an unreachable detail page belongs to: any route. */
  back?: WayBack<TOptions>;
}

// Asking again can only help when the failure was not the API's considered answer.
function isRetryable(status: number | undefined): boolean {
  return status === undefined || status >= 500 || status === 401 || status === 408 || status === 429;
}

/** Background tries of a page that failed to load: soon at first, then less and less often. */
const BACKGROUND_RETRY_MS = [3_000, 10_000, 30_000, 60_000];
// Per address, for the session: the error view remounts with each failed try, so the count lives here.
const backgroundTries = new Map<string, number>();

/** Tries the page again in the background while its error is on screen; the seconds left, for the countdown. */
function useBackgroundRetry(enabled: boolean, retry: () => void): number | null {
  const key = useRouter().state.location.href;
  const [retryAt] = useState(() => Date.now() + BACKGROUND_RETRY_MS[Math.min(backgroundTries.get(key) ?? 0, BACKGROUND_RETRY_MS.length - 1)]!);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    const timer = setTimeout(() => {
      backgroundTries.set(key, (backgroundTries.get(key) ?? 0) + 1);
      retry();
    }, retryAt - Date.now());
    return () => {
      clearTimeout(timer);
      clearInterval(tick);
    };
  }, [enabled, key, retry, retryAt]);
  return enabled ? Math.max(0, Math.ceil((retryAt - now) / 1000)) : null;
}

export function RouteError<TOptions>(props: RouteErrorProps<TOptions>): ReactNode;
// The looser signature lets the body spread `link` without a cast (TanStack Router's type-utilities guide).
export function RouteError({ error, back }: RouteErrorProps) {
  const router = useRouter();
  const queryErrorResetBoundary = useQueryErrorResetBoundary();
  const details = errorDetails(error);
  useDocumentTitle(details.title);

  // Lets useSuspenseQuery fetch again instead of re-throwing the cached error on retry.
  useEffect(() => {
    queryErrorResetBoundary.reset();
  }, [queryErrorResetBoundary]);

  const retryable = isRetryable(details.status);
  const [retry] = useState(() => () => void router.invalidate());
  const seconds = useBackgroundRetry(retryable, retry);

  return (
    <div className="max-w-3xl">
      <ErrorPanel details={details} headingLevel={1} onRetry={retryable ? retry : undefined}>
        {seconds !== null ? (
          <p className="mt-3 text-sm" aria-live="off">
            {seconds > 0 ? `Trying again in ${seconds} s.` : 'Trying again…'}
          </p>
        ) : null}
        <p className="mt-4 flex gap-4 text-sm">
          {back ? (
            <Link {...back.link} className="font-medium underline underline-offset-2">
              {back.label}
            </Link>
          ) : null}
          <Link to="/" className="font-medium underline underline-offset-2">
            Go to the overview
          </Link>
        </p>
      </ErrorPanel>
    </div>
  );
}

/** When the frame itself fails there is no layout to render into: a plain full page instead. */
export function RootErrorPage(props: ErrorComponentProps) {
  return (
    <main id="main-content" className="mx-auto max-w-3xl p-8">
      <p className="mb-4 font-semibold text-slate-900 dark:text-slate-50">Domino Console</p>
      <RouteError {...props} />
      <p className="mt-6">
        <a href="/" className={buttonClasses('secondary')}>
          Reload the console
        </a>
      </p>
    </main>
  );
}
