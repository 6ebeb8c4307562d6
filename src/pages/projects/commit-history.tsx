import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { errorDetails } from '../../api/error-details';
import { projectFilesQueries } from '../../api/project-files';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ErrorPanel } from '../../components/error-panel';
import { TableSkeleton } from '../../components/skeleton';
import { shortCommit } from './file-paths';
import { dateTime } from '../../lib/dates';

const routeApi = getRouteApi('/projects/$projectId');

export const HISTORY_PAGE_SIZE = 20;

/** The main branch's commits, newest first, a page at a time; each one can be browsed. */
export function CommitHistory({ projectId, browsingCommitId }: { projectId: string; browsingCommitId: string | undefined }) {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const page = search.history;
  const commits = useQuery({
    ...projectFilesQueries.commits(projectId, { offset: (page - 1) * HISTORY_PAGE_SIZE, limit: HISTORY_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const goTo = (history: number) => void navigate({ search: (previous) => ({ ...previous, history }) });

  let body;
  if (commits.isPending) body = <TableSkeleton rows={4} columns={3} label="Loading commits…" />;
  else if (commits.isError) body = <ErrorPanel details={errorDetails(commits.error)} onRetry={() => void commits.refetch()} />;
  else if (commits.data.commits.length === 0)
    body = (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        No commits on this page.{' '}
        {page > 1 ? (
          <Button size="sm" variant="ghost" onClick={() => goTo(1)}>
            Go to the newest commits
          </Button>
        ) : null}
      </p>
    );
  else
    body = (
      <ol
        className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
        aria-busy={commits.isPlaceholderData || undefined}
      >
        {commits.data.commits.map((commit) => {
          const current = commit.id === browsingCommitId;
          return (
            <li key={commit.id} className={`flex flex-wrap items-center justify-between gap-2 px-3 py-2.5 ${current ? 'bg-blue-50 dark:bg-slate-800' : ''}`}>
              <div className="min-w-0">
                <p className="text-sm font-medium break-words text-slate-900 dark:text-slate-100">{commit.message || '(no message)'}</p>
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  <span className="font-mono">{shortCommit(commit.id)}</span> · {commit.authorName} ·{' '}
                  <time dateTime={commit.authoredAt}>{dateTime.format(new Date(commit.authoredAt))}</time>
                </p>
              </div>
              {current ? (
                <Badge tone="blue">Browsing</Badge>
              ) : (
                <Link
                  to="/projects/$projectId"
                  params={{ projectId }}
                  search={{ ...search, tab: 'files', commit: commit.id }}
                  className="text-sm font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
                  aria-label={`Browse files at commit ${shortCommit(commit.id)}: ${commit.message}`}
                >
                  Browse files
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    );

  const hasMore = commits.data?.hasMore ?? false;
  return (
    <section aria-labelledby="history-heading" className="space-y-3">
      <h3 id="history-heading" className="text-base font-semibold text-slate-900 dark:text-slate-50">
        Commit history
      </h3>
      {body}
      {page > 1 || hasMore ? (
        <nav aria-label="Commit history pages" className="flex items-center justify-between gap-2 text-sm text-slate-700 dark:text-slate-300">
          <span>Page {page}</span>
          <span className="flex gap-1">
            <Button size="sm" onClick={() => goTo(page - 1)} disabled={page <= 1}>
              <span aria-hidden="true">‹</span> Newer
            </Button>
            <Button size="sm" onClick={() => goTo(page + 1)} disabled={!hasMore}>
              Older <span aria-hidden="true">›</span>
            </Button>
          </span>
        </nav>
      ) : null}
    </section>
  );
}
