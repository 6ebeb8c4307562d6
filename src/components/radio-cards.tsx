import { useId, type ReactNode } from 'react';

/** One radio per option, each a card with its label and what it means; the caller wraps it in a fieldset. */
export function RadioCards<T extends string>({
  value,
  onChange,
  options,
  label,
  meaning,
}: {
  value: T;
  onChange: (value: T) => void;
  options: readonly T[];
  label: (option: T) => ReactNode;
  meaning: (option: T) => ReactNode;
}) {
  const name = useId();
  return (
    <div className="mt-2 space-y-2">
      {options.map((option) => {
        const hintId = `${name}-${option}-hint`;
        return (
          <label
            key={option}
            className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 px-3 py-2 has-checked:border-blue-600 has-checked:bg-blue-50 dark:border-slate-700 dark:has-checked:border-blue-400 dark:has-checked:bg-slate-800"
          >
            <input
              type="radio"
              name={name}
              value={option}
              checked={value === option}
              onChange={() => onChange(option)}
              aria-describedby={hintId}
              className="mt-0.5 size-4 accent-blue-700 dark:accent-blue-400"
            />
            <span className="text-sm">
              <span className="block font-medium text-slate-900 dark:text-slate-100">{label(option)}</span>
              <span id={hintId} className="block text-xs text-slate-600 dark:text-slate-400">
                {meaning(option)}
              </span>
            </span>
          </label>
        );
      })}
    </div>
  );
}
