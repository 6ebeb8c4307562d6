import { useId, useState, type FormEvent } from 'react';
import { Button } from './button';

export interface ExactMatchFilterProps {
  /** The text box's label, e.g. "Tag". */
  label: string;
  /** The search landmark's name, e.g. "Filter by tag". */
  formLabel: string;
  /** The filter in force (from the URL or the list's state); '' for none. */
  value: string;
  /** Called with the trimmed text on submit, and with '' to clear. */
  onApply: (value: string) => void;
  placeholder?: string;
  /** Shown under the row, e.g. that letter case counts. */
  hint?: string;
  /** The text box's width, e.g. "w-40". */
  inputClassName?: string;
}

/**
 * A filter Domino matches against whole names (a tag, an organization's name), so it is applied on
 * submit: per-keystroke requests would only flash empty lists while a name is half typed.
 */
export function ExactMatchFilter({ label, formLabel, value, onApply, placeholder, hint, inputClassName = '' }: ExactMatchFilterProps) {
  const inputId = useId();
  const hintId = useId();
  const [text, setText] = useState(value);
  const [followed, setFollowed] = useState(value);
  if (value !== followed) {
    // The filter changed elsewhere (Back, "Clear the filters"): show it.
    setFollowed(value);
    setText(value);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(text.trim());
  }

  return (
    <form role="search" aria-label={formLabel} onSubmit={onSubmit} className="flex flex-wrap items-end gap-x-1.5 gap-y-1">
      <div className="max-w-full">
        <label htmlFor={inputId} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
          {label}
        </label>
        <input
          id={inputId}
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder={placeholder}
          aria-describedby={hint ? hintId : undefined}
          autoComplete="off"
          className={`block h-9 max-w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 placeholder:text-slate-500 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-400 ${inputClassName}`}
        />
      </div>
      <Button type="submit">Filter</Button>
      {value ? (
        <Button variant="ghost" onClick={() => onApply('')} aria-label={`Clear the ${label.toLowerCase()} filter “${value}”`}>
          Clear
        </Button>
      ) : null}
      {hint ? (
        <p id={hintId} className="basis-full text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
    </form>
  );
}
