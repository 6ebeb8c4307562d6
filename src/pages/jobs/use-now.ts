import { useEffect, useState } from 'react';

/**
 * The current time, re-read every `intervalMs`: live durations and "5 minutes ago" keep up without
 * refetching anything. Pages pass a short interval while a job runs and a long one otherwise.
 */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
