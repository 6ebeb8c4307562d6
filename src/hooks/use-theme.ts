import { useSyncExternalStore } from 'react';
import { themeStore, type ThemePreference } from '../lib/theme';

/** The remembered theme preference and its setter; every toggle on screen stays in step. */
export function useTheme(): [ThemePreference, (preference: ThemePreference) => void] {
  const preference = useSyncExternalStore(themeStore.subscribe, themeStore.getSnapshot, themeStore.getSnapshot);
  return [preference, themeStore.set];
}
