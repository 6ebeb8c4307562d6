import { useId, type ReactNode } from 'react';

export interface FilterOption<T extends string> {
  value: T;
  label: string;
}

/** The options of a Record of labels (value → words), in the Record's order. */
export function optionsFrom<T extends string>(labels: Record<T, string>): FilterOption<T>[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}

export interface FilterSelectProps<T extends string> {
  label: string;
  value: T;
  options: readonly FilterOption<T>[];
  /** Called with one of the options' values, never with free text. */
  onChange: (value: T) => void;
  /** The select's width, e.g. "min-w-40" or "w-full". */
  selectClassName?: string;
  /** The field's place in its row, e.g. "flex-1". */
  className?: string;
  /** Beside the select, under the same label (the sort order button next to "Sort by"). */
  after?: ReactNode;
}

/**
 * A labelled select above a table or list, sized to sit in a toolbar row beside buttons (h-9),
 * unlike SelectField, which is a form field with hint and error.
 */
export function FilterSelect<T extends string>({ label, value, options, onChange, selectClassName = '', className = '', after }: FilterSelectProps<T>) {
  const id = useId();
  const select = (
    <select
      id={id}
      value={value}
      onChange={(event) => {
        const chosen = options.find((option) => option.value === event.target.value);
        if (chosen) onChange(chosen.value);
      }}
      className={`block h-9 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100 ${selectClassName}`}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
  return (
    <div className={`min-w-0 ${className}`}>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      {after ? (
        <div className="flex gap-1.5">
          {select}
          {after}
        </div>
      ) : (
        select
      )}
    </div>
  );
}
