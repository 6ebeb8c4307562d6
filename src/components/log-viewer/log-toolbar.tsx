// The viewer's controls: above the log the stream, follow and display toggles (one row at 1024 px);
// Go to line sits in the search row (log-search-bar.tsx); copy and download under the log, in its
// status strip, so that the controls above take two rows at most.
import { useId, useState, type ReactNode, type Ref } from 'react';
import { Button } from '../button';
import { inputClasses } from '../field';
import type { TailPhase } from './log-tail';
import { LOG_STREAMS, type LogStream } from './log-streams';
import type { LineRange } from './permalink';

const STREAM_LABELS: Record<LogStream, string> = { all: 'All', stdout: 'stdout', stderr: 'stderr', prepare: 'prepare' };

export interface LogToolbarProps {
  stream: LogStream;
  onStreamChange: (stream: LogStream) => void;
  counts: readonly [number, number, number];
  total: number;
  phase: TailPhase;
  following: boolean;
  onFollowChange: (on: boolean) => void;
  wrap: boolean;
  onWrapChange: (on: boolean) => void;
  timestamps: boolean;
  onTimestampsChange: (on: boolean) => void;
}

export interface LogExportActionsProps {
  phase: TailPhase;
  selection: LineRange | null;
  onCopy: () => void;
  onCopyLink: () => void;
  onDownload: () => void;
  canExport: boolean;
}

/** A button that stays pressed (aria-pressed), for on/off display choices. */
export function ToggleButton({
  pressed,
  onChange,
  children,
  title,
  disabled,
  label,
}: {
  pressed: boolean;
  onChange: (on: boolean) => void;
  children: ReactNode;
  title?: string;
  disabled?: boolean;
  /** The accessible name, when the visible text is a symbol or shorter. */
  label?: string;
}) {
  return (
    <Button
      size="sm"
      aria-label={label}
      aria-pressed={pressed}
      title={title}
      disabled={disabled}
      onClick={() => onChange(!pressed)}
      className={pressed ? '!border-blue-600 !bg-blue-50 !text-blue-900 dark:!border-blue-400 dark:!bg-blue-950 dark:!text-blue-100' : ''}
    >
      <span aria-hidden="true" className={`inline-block size-2 rounded-full ${pressed ? 'bg-blue-600 dark:bg-blue-400' : 'border border-slate-400'}`} />
      {children}
    </Button>
  );
}

export function LogToolbar(props: LogToolbarProps) {
  const { stream, onStreamChange, counts, total, phase, following } = props;
  const streamCount = (value: LogStream) => (value === 'all' ? total : value === 'stdout' ? counts[0] : value === 'stderr' ? counts[1] : counts[2]);
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <fieldset className="flex items-center">
        <legend className="sr-only">Stream</legend>
        <div className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-600">
          {LOG_STREAMS.map((value) => {
            const checked = value === stream;
            return (
              <label
                key={value}
                className={`relative flex cursor-pointer items-center gap-1.5 border-l border-slate-300 px-2.5 py-1 text-sm first:border-l-0 has-[:focus-visible]:outline-2 has-[:focus-visible]:-outline-offset-2 has-[:focus-visible]:outline-blue-600 dark:border-slate-600 dark:has-[:focus-visible]:outline-blue-400 ${
                  checked
                    ? 'bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900'
                    : 'bg-white text-slate-800 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800'
                }`}
              >
                <input
                  type="radio"
                  name="log-stream"
                  value={value}
                  checked={checked}
                  onChange={() => onStreamChange(value)}
                  className="absolute inset-0 cursor-pointer appearance-none opacity-0"
                />
                <span className={value === 'all' ? '' : 'font-mono'}>{STREAM_LABELS[value]}</span>
                <span aria-hidden="true" className={`text-xs tabular-nums ${checked ? 'opacity-80' : 'text-slate-600 dark:text-slate-400'}`}>
                  {streamCount(value).toLocaleString('en-US')}
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-2 sm:ml-auto">
        <ToggleButton
          pressed={following}
          onChange={props.onFollowChange}
          disabled={phase === 'complete'}
          title={phase === 'complete' ? 'The job has finished: no new lines will come' : 'Keep the newest line in view'}
        >
          Follow
        </ToggleButton>
        <ToggleButton pressed={props.wrap} onChange={props.onWrapChange}>
          Wrap
        </ToggleButton>
        <ToggleButton pressed={props.timestamps} onChange={props.onTimestampsChange}>
          Timestamps
        </ToggleButton>
      </div>
    </div>
  );
}

/** Copy the selected lines (or all), copy their link, download: in the strip under the log. */
export function LogExportActions({ phase, selection, onCopy, onCopyLink, onDownload, canExport }: LogExportActionsProps) {
  const copyLabel = selection
    ? selection.start === selection.end
      ? `Copy line ${selection.start}`
      : `Copy lines ${selection.start}–${selection.end}`
    : 'Copy all';
  return (
    <div className="flex items-center gap-2">
      <Button size="sm" onClick={onCopy} disabled={!canExport}>
        {copyLabel}
      </Button>
      {selection ? (
        <Button size="sm" onClick={onCopyLink}>
          Copy link
        </Button>
      ) : null}
      <Button size="sm" onClick={onDownload} disabled={!canExport} title={phase === 'complete' ? undefined : 'Downloads the lines received so far'}>
        Download
      </Button>
    </div>
  );
}

/** A line number or range to go to: selects it, so its permalink can be copied, from the keyboard. */
export function GoToLine({
  inputRef,
  onGoToLine,
  onEscape,
  disabled,
}: {
  inputRef: Ref<HTMLInputElement>;
  onGoToLine: (text: string) => string | null;
  onEscape: () => void;
  disabled: boolean;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="relative flex items-center"
      onSubmit={(event) => {
        event.preventDefault();
        const problem = onGoToLine(text);
        setError(problem);
        if (!problem) setText('');
      }}
    >
      <label htmlFor={id} className="sr-only">
        Go to line
      </label>
      <input
        id={id}
        ref={inputRef}
        value={text}
        disabled={disabled}
        inputMode="numeric"
        autoComplete="off"
        placeholder="Go to line  ( g )"
        title="A line (120) or a range (120-140); Enter selects it"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            setText('');
            setError(null);
            onEscape();
          }
        }}
        className={`${inputClasses} !w-36 !py-1 text-sm tabular-nums`}
      />
      {error ? (
        <p
          id={`${id}-error`}
          role="alert"
          className="absolute top-full right-0 z-10 mt-1 w-max max-w-xs rounded border border-red-300 bg-white px-2 py-1 text-xs text-red-800 shadow dark:border-red-700 dark:bg-slate-900 dark:text-red-200"
        >
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** The status strip under the log: how many lines, and whether more may come. */
export function PhaseBadge({ phase, backlog, failing, total, shown }: { phase: TailPhase; backlog: boolean; failing: boolean; total: number; shown: number }) {
  const text = failing && phase !== 'complete' ? 'Reconnecting…' : phase === 'loading' || backlog ? 'Loading…' : phase === 'live' ? 'Live' : 'Complete';
  return (
    <p className="flex items-center gap-2 tabular-nums">
      {phase === 'live' && !backlog && !failing ? (
        <span aria-hidden="true" className="relative flex size-2">
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-500 opacity-60 motion-reduce:animate-none" />
          <span className="relative inline-flex size-2 rounded-full bg-emerald-600" />
        </span>
      ) : null}
      <span>
        {shown !== total ? `${shown.toLocaleString('en-US')} of ` : ''}
        {total.toLocaleString('en-US')} {total === 1 ? 'line' : 'lines'} · {text}
      </span>
    </p>
  );
}
