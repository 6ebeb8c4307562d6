// The viewer's remembered display choices (wrap, timestamps), per browser, in localStorage.
import { useCallback, useState } from 'react';

export interface LogPrefs {
  wrap: boolean;
  timestamps: boolean;
}

export const LOG_PREFS_KEY = 'domino-console.log-viewer';
const DEFAULTS: LogPrefs = { wrap: true, timestamps: false };

function storage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined; // privacy modes and sandboxed frames may refuse storage
  }
}

export function readLogPrefs(): LogPrefs {
  try {
    const parsed = JSON.parse(storage()?.getItem(LOG_PREFS_KEY) ?? 'null') as Partial<LogPrefs> | null;
    return {
      wrap: typeof parsed?.wrap === 'boolean' ? parsed.wrap : DEFAULTS.wrap,
      timestamps: typeof parsed?.timestamps === 'boolean' ? parsed.timestamps : DEFAULTS.timestamps,
    };
  } catch {
    return DEFAULTS;
  }
}

export function writeLogPrefs(prefs: LogPrefs): void {
  try {
    storage()?.setItem(LOG_PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Quota or privacy mode: the choice holds for this page only.
  }
}

export function useLogPrefs(): [LogPrefs, (patch: Partial<LogPrefs>) => void] {
  const [prefs, setPrefs] = useState(readLogPrefs);
  const update = useCallback((patch: Partial<LogPrefs>) => {
    setPrefs((current) => {
      const next = { ...current, ...patch };
      writeLogPrefs(next);
      return next;
    });
  }, []);
  return [prefs, update];
}
