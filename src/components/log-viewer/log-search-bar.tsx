// Search over the whole log: the query, its options, the match count and next/previous.
import { useId, type ReactNode, type Ref } from 'react';
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
  /** At the row's end (the viewer's Go to line). */
  after?: ReactNode;
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
        // Grows into the row's free room and gives it up to the match count while searching.
        className={`${inputClasses} !w-auto min-w-36 max-w-md flex-1 !py-1.5 font-mono`}
      />
      <span id={countId} aria-live="polite" className="text-sm whitespace-nowrap text-slate-700 tabular-nums dark:text-slate-300">
        {status}
      </span>
      <Button size="sm" aria-label="Previous match" title="Previous match (Shift+Enter)" disabled={total === 0} onClick={onPrevious}>
        <span aria-hidden="true">↑</span>
      </Button>
      <Button size="sm" aria-label="Next match" title="Next match (Enter)" disabled={total === 0} onClick={onNext}>
        <span aria-hidden="true">↓</span>
      </Button>
      {/* The usual editor symbols, named in full for assistive tech and in the tooltip. */}
      <ToggleButton pressed={regex} onChange={onRegexChange} label="Regex" title="Regex: treat the query as a regular expression">
        <span aria-hidden="true" className="font-mono">
          .*
        </span>
      </ToggleButton>
      <ToggleButton pressed={caseSensitive} onChange={onCaseSensitiveChange} label="Match case" title="Match case">
        <span aria-hidden="true" className="font-mono">
          Aa
        </span>
      </ToggleButton>
      <ToggleButton pressed={onlyMatching} onChange={onOnlyMatchingChange} label="Only matching lines" title="Show only the lines that match">
        Only matching
      </ToggleButton>
      {props.after}
      {error ? (
        <p id={errorId} role="alert" className="basis-full text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}
