import { useId, useState } from 'react';
import { inputClasses } from './field';

export interface SearchBoxProps {
  label: string;
  /** The value in the URL. */
  value: string;
  /** Called on every keystroke with the new text. */
  onChange: (value: string) => void;
  placeholder?: string;
  /** Id of the element that reports the result count, announced to screen readers. */
  describedBy?: string;
}

/**
 * A search field that writes to the URL as the user types. It keeps its own text so typing never
 * waits for the router, and takes the URL's value when that changes from elsewhere (Back, a link).
 */
export function SearchBox({ label, value, onChange, placeholder, describedBy }: SearchBoxProps) {
  const id = useId();
  const [text, setText] = useState(value);
  const [urlValue, setUrlValue] = useState(value);
  if (value !== urlValue) {
    // Adjusting state while rendering, React's pattern for following a prop without an effect.
    setUrlValue(value);
    if (value !== text) setText(value);
  }
  return (
    <div className="w-80 max-w-full">
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={placeholder}
        autoComplete="off"
        aria-describedby={describedBy}
        onChange={(event) => {
          setText(event.target.value);
          onChange(event.target.value);
        }}
        className={inputClasses}
      />
    </div>
  );
}
