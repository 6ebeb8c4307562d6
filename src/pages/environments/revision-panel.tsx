// One revision, below the revisions table: why its build failed, its build log in the job log
// viewer (the same nanosecond cursor), and the jobs that ran on it.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { lazy, Suspense, useCallback, useState } from 'react';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { environmentsQueries, fetchBuildLogPage } from '../../api/environments';
import { errorMessage } from '../../api/error-details';
import type { EnvironmentRevisionDetails } from '../../api/schemas/environments';
import { toColumns } from '../../components/log-viewer/log-columns';
import type { LogsPageRequest } from '../../components/log-viewer/logs-api';
import type { LogStream } from '../../components/log-viewer/log-streams';
import { EmptyState } from '../../components/empty-state';
import { InlineAlert } from '../../components/inline-alert';
import { PageSection } from '../../components/page-section';
import { Pagination } from '../../components/pagination';
import { TableSkeleton } from '../../components/skeleton';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { useLocalPagination } from '../../hooks/use-local-pagination';
import { PAGE_SIZES } from '../../hooks/use-table-url-state';
import { dateTime } from '../../lib/dates';

const LogViewer = lazy(() => import('../../components/log-viewer/log-viewer').then((module) => ({ default: module.LogViewer })));

function BuildLog({ environmentId, revision, downloadName }: { environmentId: string; revision: EnvironmentRevisionDetails; downloadName: string }) {
  const [stream, setStream] = useState<LogStream>('all');
  const revisionId = revision.id;
  const fetchPage = useCallback(
    async (request: LogsPageRequest) => {
      const { lines, ...page } = await fetchBuildLogPage({ environmentId, revisionId }, request);
      return { ...page, columns: toColumns(lines) };
    },
    [environmentId, revisionId],
  );
  return (
    <Suspense
      fallback={
        <div role="status" className="space-y-2">
          <span className="sr-only">Loading the log viewer…</span>
          <div aria-hidden="true" className="skeleton h-64 w-full" />
        </div>
      }
    >
      <LogViewer jobId={`build-${revisionId}`} label="Build log" fetchPage={fetchPage} stream={stream} onStreamChange={setStream} downloadName={downloadName} />
    </Suspense>
  );
}

const JOB_PAGE_SIZES = PAGE_SIZES.slice(0, 2);

function RevisionJobs({ environmentId, revision }: { environmentId: string; revision: EnvironmentRevisionDetails }) {
  const paging = useLocalPagination(JOB_PAGE_SIZES);
  const jobs = useQuery({
    ...environmentsQueries.revisionJobs(environmentId, revision.id, { offset: paging.offset, limit: paging.limit }),
    placeholderData: keepPreviousData,
  });
  if (jobs.isPending) return <TableSkeleton rows={3} columns={4} label="Loading the jobs of this revision…" />;
  if (jobs.isError) return <InlineAlert title="The jobs could not be loaded">{errorMessage(jobs.error)}</InlineAlert>;
  if (jobs.data.jobs.length === 0 && paging.offset === 0)
    return <EmptyState title="No jobs yet">No job you can see has run on revision #{revision.number}.</EmptyState>;
  return (
    <div className="space-y-3">
      <Table caption={`Jobs on revision #${revision.number}`}>
        <TableHead>
          <Th>Job</Th>
          <Th>Project</Th>
          <Th>Status</Th>
          <Th>Submitted</Th>
        </TableHead>
        <TableBody>
          {jobs.data.jobs.map((job) => (
            <tr key={job.jobId}>
              <Td>
                <Link
                  to="/jobs/$jobId"
                  params={{ jobId: job.jobId }}
                  search={{ projectId: job.projectId }}
                  className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
                >
                  #{job.number}
                  {job.title ? ` ${job.title}` : ''}
                </Link>
              </Td>
              <Td>{job.projectName}</Td>
              <Td>{job.status}</Td>
              <Td>{dateTime.format(new Date(job.submittedAt))}</Td>
            </tr>
          ))}
        </TableBody>
      </Table>
      <Pagination
        {...paging.pagination}
        itemCount={jobs.data.jobs.length}
        totalCount={jobs.data.pagination.totalCount}
        noun="jobs"
        busy={jobs.isPlaceholderData}
      />
    </div>
  );
}

export function RevisionPanel({
  environmentId,
  environmentName,
  revision,
}: {
  environmentId: string;
  environmentName: string;
  revision: EnvironmentRevisionDetails;
}) {
  const info = useQuery(embeddedQueries.info());
  return (
    <div className="space-y-6">
      {revision.failure ? (
        <InlineAlert title={`The build of revision #${revision.number} ${revision.status === 'killed' ? 'was stopped' : 'failed'}`}>
          <span className="font-mono text-xs whitespace-pre-wrap">{revision.failure}</span>
        </InlineAlert>
      ) : null}
      {hasExtension(info.data, 'environment-build-logs') ? (
        <PageSection title={`Build log of revision #${revision.number}`}>
          <BuildLog
            key={revision.id}
            environmentId={environmentId}
            revision={revision}
            downloadName={`${environmentName.replace(/[^\w.-]+/g, '-')}-revision-${revision.number}-build`}
          />
        </PageSection>
      ) : null}
      {hasExtension(info.data, 'environment-revision-jobs') ? (
        <PageSection title={`Jobs that used revision #${revision.number}`}>
          <RevisionJobs key={revision.id} environmentId={environmentId} revision={revision} />
        </PageSection>
      ) : null}
    </div>
  );
}
