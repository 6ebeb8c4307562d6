import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { errorDetails } from '../../api/error-details';
import { projectFilesQueries } from '../../api/project-files';
import { MAIN_REF } from '../../api/schemas/project-files';
import { ErrorPanel } from '../../components/error-panel';
import { classifyFile } from './file-content';
import { INLINE_LIMIT } from './file-viewer';
import { findReadme, isMarkdownPath } from './markdown-links';

// The Markdown renderer is loaded only when a project has a README to show.
const MarkdownView = lazy(() => import('./markdown-view').then((module) => ({ default: module.MarkdownView })));

function ReadmeSkeleton() {
  return (
    <div role="status" className="mt-2 space-y-2">
      <span className="sr-only">Loading the README…</span>
      {[70, 90, 55].map((width) => (
        <div key={width} aria-hidden="true" className="skeleton h-4" style={{ width: `${width}%` }} />
      ))}
    </div>
  );
}

/**
 * The project's README from the top folder of main, rendered (Markdown) or as text. Needs the
 * embedded 'project-files' listing to find it; a project without one shows no section at all.
 */
export function ReadmeSection({ projectId }: { projectId: string }) {
  const listing = useQuery(projectFilesQueries.directory(projectId, MAIN_REF, ''));
  const readme = listing.data ? findReadme(listing.data.entries) : undefined;
  const commitId = listing.data?.commitId ?? '';
  const content = useQuery({ ...projectFilesQueries.content(projectId, commitId, readme?.path ?? '', INLINE_LIMIT), enabled: readme !== undefined });
  // A listing that failed or has no README: the overview is complete without this section.
  if (listing.isError || (listing.data && !readme)) return null;

  let body;
  if (listing.isPending || content.isPending) body = <ReadmeSkeleton />;
  else if (content.isError) body = <ErrorPanel details={errorDetails(content.error)} onRetry={() => void content.refetch()} />;
  else {
    const view = classifyFile(content.data.bytes, content.data.contentType, { truncated: content.data.truncated });
    const path = readme!.path;
    if (view.kind !== 'text') return null;
    body = isMarkdownPath(path) ? (
      <Suspense fallback={<ReadmeSkeleton />}>
        <MarkdownView text={view.text} projectId={projectId} commitId={commitId} filePath={path} label={path} />
      </Suspense>
    ) : (
      <pre className="font-mono text-sm whitespace-pre-wrap text-slate-800 dark:text-slate-200">{view.text}</pre>
    );
  }
  return (
    <section aria-labelledby="readme-heading" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h2 id="readme-heading" className="mb-3 font-mono text-sm font-semibold text-slate-700 dark:text-slate-300">
        {readme?.name ?? 'README'}
      </h2>
      {body}
    </section>
  );
}
