import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { errorDetails } from '../../api/error-details';
import { fileContentUrl, projectFilesQueries } from '../../api/project-files';
import { Button, buttonClasses } from '../../components/button';
import { ErrorPanel } from '../../components/error-panel';
import { copyToClipboard } from '../../lib/clipboard';
import { classifyFile, type FileView } from './file-content';
import { baseName, formatBytes, shortCommit } from './file-paths';
import { HIGHLIGHT_LIMIT, languageOf, runCommandFor } from './highlight';

// The highlighter and its grammars load only when a file that has a language is opened.
const HighlightedCode = lazy(() => import('./highlighted-code').then((module) => ({ default: module.HighlightedCode })));

/** Files up to this size are shown whole. */
export const INLINE_LIMIT = 1024 * 1024;
/** How much of a larger file is shown before the download link. */
export const PREVIEW_BYTES = 64 * 1024;

export interface FileViewerProps {
  projectId: string;
  commitId: string;
  path: string;
  /** From the directory listing; undefined when the file was opened by id and path only. */
  size: number | undefined;
  /** Offers "Run this file" for a script a job can run, opening the Run dialog with this command. */
  onRun?: (runCommand: string) => void;
}

function TextContent({ view, name, path, bytes }: { view: Extract<FileView, { kind: 'text' }>; name: string; path: string; bytes: number }) {
  const numbers = Array.from({ length: view.lineCount }, (_, index) => index + 1).join('\n');
  const language = bytes <= HIGHLIGHT_LIMIT ? languageOf(path) : undefined;
  const plain = <code>{view.text}</code>;
  return (
    <div
      role="region"
      aria-label={`Contents of ${name}`}
      tabIndex={0}
      className="flex overflow-x-auto bg-white font-mono text-[13px] leading-5 focus-visible:outline-2 focus-visible:outline-blue-600 dark:bg-slate-950"
    >
      <pre
        aria-hidden="true"
        className="sticky left-0 shrink-0 border-r border-slate-200 bg-slate-50 px-3 py-3 text-right text-slate-500 select-none dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400"
      >
        {numbers}
      </pre>
      <pre className="min-w-0 flex-1 px-4 py-3 text-slate-900 dark:text-slate-100">
        {language ? (
          <Suspense fallback={plain}>
            <HighlightedCode text={view.text} language={language} />
          </Suspense>
        ) : (
          plain
        )}
      </pre>
    </div>
  );
}

export function FileViewer({ projectId, commitId, path, size, onRun }: FileViewerProps) {
  const name = baseName(path);
  const large = size !== undefined && size > INLINE_LIMIT;
  const content = useQuery(projectFilesQueries.content(projectId, commitId, path, large ? PREVIEW_BYTES : INLINE_LIMIT));
  const url = fileContentUrl(projectId, commitId, path);
  const runCommand = onRun ? runCommandFor(path) : undefined;
  let copyable: string | undefined;

  let body;
  if (content.isPending) {
    body = (
      <div role="status" className="space-y-2 p-4">
        <span className="sr-only">Loading {name}…</span>
        {Array.from({ length: 6 }, (_, index) => (
          <div key={index} aria-hidden="true" className="skeleton h-4" style={{ width: `${40 + ((index * 17) % 50)}%` }} />
        ))}
      </div>
    );
  } else if (content.isError) {
    body = (
      <div className="p-4">
        <ErrorPanel details={errorDetails(content.error)} onRetry={() => void content.refetch()} />
      </div>
    );
  } else {
    const view = classifyFile(content.data.bytes, content.data.contentType, { truncated: content.data.truncated });
    const notice =
      content.data.truncated && view.kind === 'text' ? (
        <p
          role="note"
          className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          This file is {size !== undefined ? formatBytes(size) : 'larger than 1 MB'}: only its first {formatBytes(content.data.bytes.length)} are shown.
          Download it to see all of it.
        </p>
      ) : null;
    if (view.kind === 'text') {
      if (!content.data.truncated) copyable = view.text;
      const shownPlain = languageOf(path) !== undefined && content.data.bytes.length > HIGHLIGHT_LIMIT && !content.data.truncated;
      body = (
        <>
          {notice}
          {shownPlain ? (
            <p role="note" className="border-b border-slate-200 px-4 py-2 text-sm text-slate-700 dark:border-slate-800 dark:text-slate-300">
              Shown without highlighting: the file is larger than {formatBytes(HIGHLIGHT_LIMIT)}.
            </p>
          ) : null}
          <TextContent view={view} name={name} path={path} bytes={content.data.bytes.length} />
        </>
      );
    } else if (view.kind === 'image') {
      body = (
        <div className="flex justify-center bg-slate-50 p-4 dark:bg-slate-900">
          <img src={url} alt={`Preview of ${name}`} className="max-h-[60vh] max-w-full object-contain" />
        </div>
      );
    } else {
      body = (
        <div className="p-6 text-center text-sm text-slate-700 dark:text-slate-300">
          <p>{name} is not a text file, so it cannot be shown here. Use Download to open it on your computer.</p>
        </div>
      );
    }
  }

  return (
    <section aria-label={`File ${name}`} className="overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
        <p className="min-w-0 text-sm">
          <span className="font-medium break-all text-slate-900 dark:text-slate-100">{name}</span>
          <span className="ml-2 text-slate-600 dark:text-slate-400">
            {size !== undefined ? formatBytes(size) : null}
            {size !== undefined ? ' · ' : null}
            at <span className="font-mono">{shortCommit(commitId)}</span>
          </span>
        </p>
        <div className="flex flex-wrap items-center gap-2">
          {runCommand && onRun ? (
            <Button size="sm" variant="primary" onClick={() => onRun(runCommand)}>
              Run this file
            </Button>
          ) : null}
          {copyable !== undefined ? (
            <Button size="sm" onClick={() => void copyToClipboard(copyable, `the contents of ${name}`)}>
              Copy
              <span className="sr-only"> the contents of {name}</span>
            </Button>
          ) : null}
          {/* The content endpoint answers with a sandbox CSP and nosniff, so a file opened raw runs nothing. */}
          <a href={url} target="_blank" rel="noopener noreferrer" className={buttonClasses('secondary', 'sm')}>
            Raw
            <span className="sr-only"> {name} (opens in a new tab)</span>
          </a>
          <a href={url} download={name} className={buttonClasses('secondary', 'sm')}>
            Download
            <span className="sr-only"> {name}</span>
          </a>
        </div>
      </div>
      {body}
    </section>
  );
}
