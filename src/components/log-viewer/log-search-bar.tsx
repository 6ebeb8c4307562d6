// Search over the whole log: the query, its options, the match count and next/previous.
import { useId, type Ref } from 'react';
import { Button } from '../button';
import { inputClasses } from '../field';
import { ToggleButton } from './log-toolbar';

export interface LogSearchBarProps {
  inputRef: Ref<HTMLInputElement>;
  text: string;
  onTextChange: (text: string) => void;
  regex: boolean;
  onRegexChange: (on: boolean) => void;
  caseSensitive: boolean;
  onCaseSensitiveChange: (on: boolean) => void;
  onlyMatching: boolean;
  onOnlyMatchingChange: (on: boolean) => void;
  /** Why the query cannot run (an invalid regular expression). */
  error: string | null;
  /** The text is being typed (the search has not started on it yet). */
  pending: boolean;
  total: number;
  /** The current match (0-based), or null. */
  current: number | null;
  scanning: boolean;
  onNext: () => void;
  onPrevious: () => void;
  onEscape: () => void;
}

function countText({
  text,
  error,
  pending,
  total,
  current,
  scanning,
}: Pick<LogSearchBarProps, 'text' | 'error' | 'pending' | 'total' | 'current' | 'scanning'>): string {
  if (text === '' || error) return '';
  if (pending) return 'Searching…';
  const of = `${total.toLocaleString('en-US')}${scanning ? '+' : ''}`;
  if (total === 0) return scanning ? 'Searching…' : 'No matches';
  return current === null ? `${of} ${total === 1 && !scanning ? 'match' : 'matches'}` : `${(current + 1).toLocaleString('en-US')} of ${of}`;
}

export function LogSearchBar(props: LogSearchBarProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const countId = `${id}-count`;
  const {
    inputRef,
    text,
    error,
    total,
    regex,
    onRegexChange,
    caseSensitive,
    onCaseSensitiveChange,
    onlyMatching,
    onOnlyMatchingChange,
    onTextChange,
    onNext,
    onPrevious,
    onEscape,
  } = props;
  const status = countText({ text, error, pending: props.pending, total, current: props.current, scanning: props.scanning });
  return (
    <div role="search" aria-label="Search the log" className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Search the log
      </label>
      <input
        id={id}
        ref={inputRef}
        type="search"
        value={text}
        placeholder="Search the whole log  ( / )"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : countId}
        onChange={(event) => onTextChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            if (event.shiftKey) onPrevious();
            else onNext();
          } else if (event.key === 'Escape') {
            if (text !== '') onTextChange('');
            else onEscape();
          }
        }}
        className={`${inputClasses} !w-72 !py-1.5 font-mono`}
      />
      <span id={countId} aria-live="polite" className="min-w-24 text-sm text-slate-700 tabular-nums dark:text-slate-300">
        {status}
      </span>
      <Button size="sm" aria-label="Previous match" title="Previous match (Shift+Enter)" disabled={total === 0} onClick={onPrevious}>
        <span aria-hidden="true">↑</span>
      </Button>
      <Button size="sm" aria-label="Next match" title="Next match (Enter)" disabled={total === 0} onClick={onNext}>
        <span aria-hidden="true">↓</span>
      </Button>
      <ToggleButton pressed={regex} onChange={onRegexChange} title="Treat the query as a regular expression">
        Regex
      </ToggleButton>
      <ToggleButton pressed={caseSensitive} onChange={onCaseSensitiveChange}>
        Match case
      </ToggleButton>
      <ToggleButton pressed={onlyMatching} onChange={onOnlyMatchingChange}>
        Only matching lines
      </ToggleButton>
      {error ? (
        <p id={errorId} role="alert" className="basis-full text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}
