import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, metadata, mockFetch } from '../../test/fetch-mock';
import { LOG_PREFS_KEY } from './log-prefs';
import type { LogStream } from './log-streams';
import { LogViewer } from './log-viewer';

const JOB = '0123456789abcdef01234567';

const LINES = [
  { logType: 'prepareOutput', log: 'Preparing job #1' },
  { logType: 'stdOut', log: 'hello \x1b[31mred\x1b[0m world' },
  { logType: 'stdErr', log: 'warning: disk almost full' },
  { logType: 'stdOut', log: '<script>alert(1)</script>' },
  { logType: 'stdOut', log: 'second hello' },
];

function serveLog(lines = LINES, extra: Record<string, unknown> = {}) {
  return mockFetch(() =>
    json({
      logs: {
        logContent: lines.map((line, i) => ({ ...line, timestamp: new Date(Date.UTC(2026, 0, 1, 12, 0, i)).toISOString(), size: line.log.length })),
        isComplete: true,
        ...extra,
      },
      metadata: { ...metadata, pagination: { limit: 1000, latestTimeNano: String(lines.length * 1000) } },
    }),
  );
}

function Harness({ initial = 'all' as LogStream }) {
  const [stream, setStream] = useState<LogStream>(initial);
  return <LogViewer jobId={JOB} stream={stream} onStreamChange={setStream} />;
}

async function renderLoaded(initial: LogStream = 'all') {
  const view = render(<Harness initial={initial} />);
  await screen.findByText(/lines · Complete/);
  return view;
}

const log = () => screen.getByRole('region', { name: 'Log output' });
const rowTexts = () => Array.from(log().querySelectorAll<HTMLElement>('[data-line]')).map((row) => row.querySelector('.lv-text')!.textContent);

beforeEach(() => {
  window.history.replaceState(null, '', '/jobs/x');
  localStorage.clear();
});
afterEach(() => {
  window.history.replaceState(null, '', '/');
});

describe('LogViewer', () => {
  it('shows every line as text, colours ANSI output and marks stderr', async () => {
    serveLog();
    await renderLoaded();
    expect(rowTexts()).toEqual(['Preparing job #1', 'hello red world', 'warning: disk almost full', '<script>alert(1)</script>', 'second hello']);
    expect(document.querySelector('script')).toBeNull();
    const red = within(log()).getByText('red');
    expect(red).toHaveStyle({ color: 'var(--ansi-1)' });
    const stderr = log().querySelector('[data-type="stderr"]')!;
    expect(stderr).toHaveTextContent('stderr: warning: disk almost full');
    expect(stderr.querySelector('.lv-gutter')!.className).toMatch(/border-red/);
    expect(log().querySelector('[data-type="prepare"]')!.className).toMatch(/italic/);
    expect(screen.getByRole('radio', { name: 'All' })).toBeChecked();
  });

  it('filters by stream locally, keeping the line numbers of the whole log', async () => {
    const { calls } = serveLog();
    await renderLoaded();
    fireEvent.click(screen.getByRole('radio', { name: 'stderr' }));
    expect(rowTexts()).toEqual(['warning: disk almost full']);
    expect(log().querySelector('[data-line]')!.getAttribute('data-line')).toBe('3');
    fireEvent.click(screen.getByRole('radio', { name: 'stdout' }));
    expect(rowTexts()).toEqual(['hello red world', '<script>alert(1)</script>', 'second hello']);
    expect(calls).toHaveLength(1); // one tail for every stream
  });

  it('searches the whole log, counts matches and moves between them', async () => {
    serveLog();
    await renderLoaded();
    const input = screen.getByRole('searchbox', { name: 'Search the log' });
    fireEvent.change(input, { target: { value: 'hello' } });
    expect(await screen.findByText('1 of 2')).toBeInTheDocument();
    expect(log().querySelectorAll('mark')).toHaveLength(2);
    expect(log().querySelector('mark[data-current-match]')!.closest('[data-line]')!.getAttribute('data-line')).toBe('2');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByText('2 of 2')).toBeInTheDocument();
    expect(log().querySelector('mark[data-current-match]')!.closest('[data-line]')!.getAttribute('data-line')).toBe('5');
    fireEvent.keyDown(input, { key: 'Enter', shiftKey: true });
    expect(screen.getByText('1 of 2')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Previous match' }));
    expect(screen.getByText('2 of 2')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: /Only matching lines/ }));
    expect(rowTexts()).toEqual(['hello red world', 'second hello']);
  });

  it('explains an invalid regular expression instead of failing', async () => {
    serveLog();
    await renderLoaded();
    fireEvent.click(screen.getByRole('button', { name: /Regex/ }));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search the log' }), { target: { value: '(oops' } });
    expect(await screen.findByRole('alert')).toHaveTextContent(/Invalid regular expression/);
    expect(screen.getByRole('searchbox', { name: 'Search the log' })).toHaveAttribute('aria-invalid', 'true');
    expect(rowTexts()).toHaveLength(5);
  });

  it('selects lines from the hash and from line numbers, shift-click extending', async () => {
    window.history.replaceState(null, '', '/jobs/x#L2');
    serveLog();
    await renderLoaded();
    expect(log().querySelector('[data-line="2"]')).toHaveAttribute('aria-current', 'location');
    expect(screen.getByRole('button', { name: 'Copy line 2' })).toBeInTheDocument();
    fireEvent.click(within(log()).getByRole('link', { name: '4' }), { shiftKey: true });
    expect(window.location.hash).toBe('#L2-L4');
    for (const line of ['2', '3', '4']) expect(log().querySelector(`[data-line="${line}"]`)).toHaveAttribute('aria-current', 'location');
    fireEvent.click(within(log()).getByRole('link', { name: '5' }));
    expect(window.location.hash).toBe('#L5');
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
  });

  it('goes to a line or range from the keyboard, making its permalink', async () => {
    serveLog();
    await renderLoaded();
    fireEvent.keyDown(log(), { key: 'g' });
    const input = screen.getByRole('textbox', { name: 'Go to line' });
    expect(input).toHaveFocus();
    fireEvent.change(input, { target: { value: '4-3' } });
    fireEvent.submit(input.closest('form')!);
    expect(window.location.hash).toBe('#L3-L4');
    for (const line of ['3', '4']) expect(log().querySelector(`[data-line="${line}"]`)).toHaveAttribute('aria-current', 'location');
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
    expect(input).toHaveValue('');
    expect(log()).toHaveFocus();

    fireEvent.change(input, { target: { value: 'five' } });
    fireEvent.submit(input.closest('form')!);
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a line number, or a range such as 120-140');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    fireEvent.change(input, { target: { value: '99' } });
    fireEvent.submit(input.closest('form')!);
    expect(screen.getByRole('alert')).toHaveTextContent('Line 99 is past the end: the log has 5 lines');
    expect(window.location.hash).toBe('#L3-L4');
    // Shift+G (what the hint's capital letter suggests) goes there too.
    log().focus();
    fireEvent.keyDown(log(), { key: 'G', shiftKey: true });
    expect(input).toHaveFocus();
  });

  it('brings the chosen line into the window, not only into the log box', async () => {
    const scrolled: Element[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    try {
      serveLog();
      await renderLoaded();
      const input = screen.getByRole('textbox', { name: 'Go to line' });
      fireEvent.change(input, { target: { value: '4' } });
      fireEvent.submit(input.closest('form')!);
      expect(scrolled.some((element) => element.contains(log()))).toBe(true);
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });

  it('says when a line to go to has not arrived yet in a live log', async () => {
    serveLog(LINES, { isComplete: false });
    render(<Harness />);
    await screen.findByText(/5 lines · Live/);
    const input = screen.getByRole('textbox', { name: 'Go to line' });
    fireEvent.change(input, { target: { value: '40' } });
    fireEvent.submit(input.closest('form')!);
    expect(screen.getByText('Line 40 has not arrived yet: the log has 5 lines so far. The view goes there when it does.')).toBeInTheDocument();
  });

  it('focuses the search with / from anywhere on the page, but not while typing elsewhere', async () => {
    serveLog();
    await renderLoaded();
    const other = document.createElement('input');
    document.body.appendChild(other);
    try {
      document.body.focus();
      fireEvent.keyDown(document.body, { key: '/' });
      expect(screen.getByRole('searchbox', { name: 'Search the log' })).toHaveFocus();
      other.focus();
      fireEvent.keyDown(other, { key: '/' });
      expect(other).toHaveFocus();
    } finally {
      other.remove();
    }
    expect(screen.getByText(/Press slash to search, g to go to a line/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Go to line' })).toHaveAttribute('placeholder', 'Go to line  ( g )');
  });

  it('names a download after the project and job number when the page knows them', async () => {
    serveLog();
    const created: HTMLAnchorElement[] = [];
    const original = document.createElement.bind(document);
    const spy = vi.spyOn(document, 'createElement').mockImplementation((tag: string, options?: ElementCreationOptions) => {
      const element = original(tag, options);
      if (element instanceof HTMLAnchorElement) {
        created.push(element);
        element.click = () => undefined;
      }
      return element;
    });
    URL.createObjectURL = () => 'blob:log';
    URL.revokeObjectURL = () => undefined;
    try {
      render(<LogViewer jobId={JOB} stream="stderr" onStreamChange={() => undefined} downloadName="customer-churn-42" />);
      await screen.findByText(/lines · Complete/);
      fireEvent.click(screen.getByRole('button', { name: 'Download' }));
      expect(created.at(-1)?.download).toBe('customer-churn-42-stderr.log');
    } finally {
      spy.mockRestore();
    }
  });

  it('shows Follow off and unavailable on a finished log', async () => {
    serveLog();
    await renderLoaded();
    const follow = screen.getByRole('button', { name: /Follow/ });
    expect(follow).toHaveAttribute('aria-pressed', 'false');
    expect(follow).toBeDisabled();
  });

  it('remembers wrap and timestamps', async () => {
    serveLog();
    const view = await renderLoaded();
    fireEvent.click(screen.getByRole('button', { name: /Timestamps/ }));
    fireEvent.click(screen.getByRole('button', { name: /Wrap/ }));
    expect(JSON.parse(localStorage.getItem(LOG_PREFS_KEY)!)).toEqual({ wrap: false, timestamps: true });
    expect(log().querySelector('.lv-time')).not.toBeNull();
    view.unmount();
    serveLog();
    await renderLoaded();
    expect(screen.getByRole('button', { name: /Timestamps/ })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: /Wrap/ })).toHaveAttribute('aria-pressed', 'false');
  });

  it('says when there is no output, and shows the problem Domino reported', async () => {
    serveLog([], { problem: 'The job ran out of memory', helpLink: 'https://docs.example.com/oom' });
    render(<Harness />);
    expect(await screen.findByText('This job wrote no output')).toBeInTheDocument();
    expect(screen.getByText('The job ran out of memory')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'How to troubleshoot this' })).toHaveAttribute('href', 'https://docs.example.com/oom');
  });

  it('shows the API error with a retry when the first request fails', async () => {
    let fail = true;
    mockFetch(() =>
      fail
        ? json({ requestId: 'req-9', errors: ['Job 0123 not found'] }, { status: 404 })
        : json({ logs: { logContent: [], isComplete: true }, metadata: { ...metadata, pagination: { limit: 1000, latestTimeNano: '0' } } }),
    );
    render(<Harness />);
    expect(await screen.findByText('Job 0123 not found')).toBeInTheDocument();
    fail = false;
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Try again' })));
    expect(await screen.findByText('This job wrote no output')).toBeInTheDocument();
  });
});
