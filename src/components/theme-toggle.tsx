import { useId } from 'react';
import { THEME_PREFERENCES, type ThemePreference } from '../lib/theme';

const LABELS: Record<ThemePreference, string> = { light: 'Light', dark: 'Dark', system: 'System' };

function Icon({ preference }: { preference: ThemePreference }) {
  const common = {
    width: 16,
    height: 16,
    viewBox: '0 0 24 24',
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: 2,
    strokeLinecap: 'round',
    strokeLinejoin: 'round',
    'aria-hidden': true,
  } as const;
  if (preference === 'light') {
    return (
      <svg {...common}>
        <circle cx="12" cy="12" r="4" />
        <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
      </svg>
    );
  }
  if (preference === 'dark') {
    return (
      <svg {...common}>
        <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
      </svg>
    );
  }
  return (
    <svg {...common}>
      <rect x="3" y="4" width="18" height="12" rx="2" />
      <path d="M8 20h8M12 16v4" />
    </svg>
  );
}

/** Light / Dark / System as a radio group: one choice, arrow keys move it, every option named. */
export function ThemeToggle({ value, onChange }: { value: ThemePreference; onChange: (value: ThemePreference) => void }) {
  const name = useId();
  return (
    <div role="radiogroup" aria-label="Theme" className="inline-flex rounded-md border border-slate-300 p-0.5 dark:border-slate-600">
      {THEME_PREFERENCES.map((preference) => (
        <label
          key={preference}
          title={LABELS[preference]}
          className="relative inline-flex size-7 cursor-pointer items-center justify-center rounded text-slate-700 hover:bg-slate-100 has-checked:bg-slate-200 has-checked:text-slate-950 has-focus-visible:outline-2 has-focus-visible:outline-blue-600 dark:text-slate-300 dark:hover:bg-slate-800 dark:has-checked:bg-slate-700 dark:has-checked:text-white dark:has-focus-visible:outline-blue-400"
        >
          <input
            type="radio"
            name={name}
            value={preference}
            checked={value === preference}
            onChange={() => onChange(preference)}
            // Invisible but covering the whole option, so a click or a test's check() lands on it.
            className="absolute inset-0 cursor-pointer appearance-none opacity-0"
          />
          <Icon preference={preference} />
          <span className="sr-only">{LABELS[preference]}</span>
        </label>
      ))}
    </div>
  );
}
