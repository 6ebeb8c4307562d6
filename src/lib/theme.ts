// The colour theme: a remembered preference (light, dark or system) and the class on <html> that
// Tailwind's `dark` variant reads. Kept outside React so main.tsx can apply it before first render.

export const THEME_PREFERENCES = ['light', 'dark', 'system'] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];
export type ResolvedTheme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'domino-console.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function isThemePreference(value: unknown): value is ThemePreference {
  return typeof value === 'string' && (THEME_PREFERENCES as readonly string[]).includes(value);
}

export function readThemePreference(storage: Pick<Storage, 'getItem'> | undefined = safeLocalStorage()): ThemePreference {
  try {
    const stored = storage?.getItem(THEME_STORAGE_KEY);
    return isThemePreference(stored) ? stored : 'system';
  } catch {
    // Storage can throw (privacy modes, sandboxed frames): fall back to following the system.
    return 'system';
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

export function systemPrefersDark(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
}

export function resolveTheme(preference: ThemePreference): ResolvedTheme {
  if (preference === 'system') return systemPrefersDark() ? 'dark' : 'light';
  return preference;
}

export function applyTheme(preference: ThemePreference, root: HTMLElement = document.documentElement): ResolvedTheme {
  const resolved = resolveTheme(preference);
  root.classList.toggle('dark', resolved === 'dark');
  root.classList.toggle('light', resolved === 'light');
  // Native controls and scrollbars follow color-scheme, not our class.
  root.style.colorScheme = resolved;
  return resolved;
}

type Listener = () => void;

/** The preference as an external store, so every toggle and the <html> class stay in step. */
function createThemeStore() {
  let preference: ThemePreference = readThemePreference();
  const listeners = new Set<Listener>();
  let media: MediaQueryList | undefined;

  const onSystemChange = () => {
    if (preference === 'system') {
      applyTheme(preference);
      for (const listener of listeners) listener();
    }
  };

  return {
    getSnapshot: (): ThemePreference => preference,
    set(next: ThemePreference): void {
      preference = next;
      try {
        safeLocalStorage()?.setItem(THEME_STORAGE_KEY, next);
      } catch {
        // Not remembered, but still applied for this visit.
      }
      applyTheme(next);
      for (const listener of listeners) listener();
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      if (!media && typeof window !== 'undefined' && typeof window.matchMedia === 'function') {
        media = window.matchMedia(DARK_QUERY);
        media.addEventListener('change', onSystemChange);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && media) {
          media.removeEventListener('change', onSystemChange);
          media = undefined;
        }
      };
    },
    /** Applies the remembered preference; called once before the first render. */
    init(): void {
      applyTheme(preference);
    },
  };
}

export const themeStore = createThemeStore();
