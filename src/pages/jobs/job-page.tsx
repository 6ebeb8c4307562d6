import { useMutation, useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useId, useState, type ReactNode } from 'react';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { errorMessage } from '../../api/error-details';
import { hardwareTiersQueries } from '../../api/hardware-tiers';
import { jobsMutations, jobsQueries } from '../../api/jobs';
import { projectsQueries } from '../../api/projects';
import type { JobDetailsV1 } from '../../api/schemas/jobs';
import { usersQueries } from '../../api/users';
import { Breadcrumb, BreadcrumbLink } from '../../components/breadcrumb';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { CopyButton } from '../../components/copy-button';
import { Button } from '../../components/button';
import { InlineAlert } from '../../components/inline-alert';
import { PageHeader } from '../../components/page-header';
import { PageSkeleton } from '../../components/skeleton';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { useConfirmedMutation } from '../../hooks/use-confirmed-mutation';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { toastStore } from '../../lib/toast-store';
import { displayName } from '../../lib/user-names';
import { resourceErrorComponent } from '../resource-error';
import { JobGoals } from './job-goals';
import { formatAbsolute, formatDuration, formatRelative, hasProblem, isLiveStatus, jobDurationMs, parseTime } from './job-status';
import { JobStatusBadge } from './job-status-badge';
import { JobTags } from './job-tags';
import { projectLabel } from './project-picker';
import { describeTier, RunJobDialog, type RunJobInitial } from './run-job-dialog';
import { StageTimeline } from './stage-timeline';
import { useNow } from './use-now';

// The viewer (virtualised list, ANSI colours) is the heaviest part of the page: it loads on its own.
const LogViewer = lazy(() => import('../../components/log-viewer/log-viewer').then((module) => ({ default: module.LogViewer })));

const routeApi = getRouteApi('/jobs/$jobId');

/** How often a live job is asked again. */
export const LIVE_JOB_REFRESH_MS = 1500;

/** "0.013 GiB" or "3.2 GiB": enough digits to tell a small job from an idle one. */
export function formatGiB(value: number): string {
  if (value >= 10) return `${value.toFixed(1)} GiB`;
  if (value >= 1) return `${value.toFixed(2)} GiB`;
  return `${Number(value.toPrecision(2))} GiB`;
}

function Section({ title, children, className = '', bare = false }: { title: string; children: ReactNode; className?: string; bare?: boolean }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={`${bare ? '' : 'rounded-lg border border-slate-200 p-4 dark:border-slate-800'} ${className}`}>
      <h2 id={headingId} className={`${bare ? 'mb-2 text-sm' : 'mb-3 text-base'} font-semibold text-slate-900 dark:text-slate-50`}>
        {title}
      </h2>
      {children}
    </section>
  );
}

// Open or closed, as the reader last left it: most visits are for the log, so it starts closed.
const DETAILS_OPEN_KEY = 'domino-console.job-details-open';

function readDetailsOpen(): boolean {
  try {
    return window.localStorage.getItem(DETAILS_OPEN_KEY) === 'true';
  } catch {
    return false;
  }
}

/**
 * The timeline, details, datasets and results, folded under one line that says the essentials
 * (status, tier, duration), so the log starts right under the page's header.
 */
function JobDetailsDisclosure({ summary, children }: { summary: ReactNode; children: ReactNode }) {
  const [open, setOpen] = useState(readDetailsOpen);
  return (
    <details
      open={open}
      onToggle={(event) => {
        const next = event.currentTarget.open;
        setOpen(next);
        try {
          window.localStorage.setItem(DETAILS_OPEN_KEY, String(next));
        } catch {
          // Private windows may refuse storage: the choice then lasts for this page only.
        }
      }}
      className="group rounded-lg border border-slate-200 dark:border-slate-800"
    >
      <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1 rounded-lg px-4 py-2 text-sm text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-slate-300 dark:hover:bg-slate-900 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="inline-block text-slate-500 transition-transform group-open:rotate-90 dark:text-slate-400">
          ▸
        </span>
        <span className="font-semibold text-slate-900 dark:text-slate-50">Timeline and details</span>
        {summary}
      </summary>
      <div className="space-y-4 border-t border-slate-200 p-4 dark:border-slate-800">{children}</div>
    </details>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase dark:text-slate-400">{term}</dt>
      <dd className="mt-0.5 text-sm break-words text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

function CommitLink({ projectId, commitId }: { projectId: string | undefined; commitId: string }) {
  const short = <code className="font-mono text-xs">{commitId.slice(0, 12)}</code>;
  if (!projectId) return <span title={commitId}>{short}</span>;
  return (
    <Link
      to="/projects/$projectId"
      params={{ projectId }}
      search={{ tab: 'files', commit: commitId }}
      title={`Browse the project's files at ${commitId}`}
      className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
    >
      {short}
      <span className="sr-only"> (browse files at this commit)</span>
    </Link>
  );
}

function StatusLine({ job, now }: { job: JobDetailsV1; now: number }) {
  const live = isLiveStatus(job.status);
  const duration = jobDurationMs(job, now);
  const completed = parseTime(job.stageTimes.completedTime);
  const submitted = parseTime(job.stageTimes.submissionTime);
  let text: ReactNode;
  if (live && duration !== undefined) text = `for ${formatDuration(duration)}`;
  else if (live && submitted !== undefined)
    text = (
      <>
        submitted{' '}
        <time dateTime={job.stageTimes.submissionTime} title={formatAbsolute(submitted)}>
          {formatRelative(submitted, now)}
        </time>
      </>
    );
  else if (completed !== undefined)
    text = (
      <>
        <time dateTime={job.stageTimes.completedTime} title={formatAbsolute(completed)}>
          {formatRelative(completed, now)}
        </time>
        {duration !== undefined ? ` after running ${formatDuration(duration)}` : ''}
      </>
    );
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
      <JobStatusBadge status={job.status.executionStatus} size="md" />
      {job.status.isArchived ? <span className="text-slate-600 dark:text-slate-400">Archived</span> : null}
      {text ? <span>{text}</span> : null}
      {/* Announced when the status changes, not every second as the duration ticks. */}
      <span role="status" className="sr-only">
        Job #{job.number} is {job.status.executionStatus}
      </span>
    </p>
  );
}

function StopJobButton({ job }: { job: JobDetailsV1 }) {
  const stop = useMutation({
    ...jobsMutations.stop(job.id),
    // On the mutation, not on mutate(): the button unmounts as soon as the job reads Stopped.
    onSuccess: (stopped) => toastStore.push({ tone: 'success', title: `Stopped job #${stopped.number}` }),
  });
  const stopping = useConfirmedMutation(stop, { variables: () => undefined });
  return (
    <>
      <Button variant="danger" onClick={() => stopping.ask(job)}>
        Stop job
      </Button>
      <ConfirmDialog {...stopping.dialog} title={`Stop job #${job.number}?`} confirmLabel="Stop job">
        Its process is ended now and the job is marked Stopped. The logs written so far are kept; the job cannot be resumed.
      </ConfirmDialog>
    </>
  );
}

/** What a re-run starts with: the same command, title, tier and input commit as this job. */
export function rerunOf(job: JobDetailsV1): RunJobInitial {
  return {
    runCommand: job.runCommand,
    ...(job.title ? { title: job.title } : {}),
    ...(job.hardwareTierId ? { hardwareTier: job.hardwareTierId } : {}),
    commitId: job.commitDetails.inputCommitId,
  };
}

/** Re-run a finished job as it was, or with changes (the Run dialog, prefilled). */
function RerunButtons({ job, projectId, projectName }: { job: JobDetailsV1; projectId: string; projectName?: string }) {
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const start = useMutation({
    ...jobsMutations.start(),
    onSuccess: (started) => {
      toastStore.push({ tone: 'success', title: `Started job #${started.number}`, description: `A re-run of job #${job.number}` });
      void navigate({ to: '/jobs/$jobId', params: { jobId: started.id }, search: { projectId } });
    },
    onError: (error) => toastStore.push({ tone: 'error', title: `Could not re-run job #${job.number}`, description: errorMessage(error) }),
  });
  const initial = rerunOf(job);
  return (
    <>
      <Button
        variant="primary"
        aria-disabled={start.isPending || undefined}
        onClick={() => {
          if (start.isPending) return;
          start.mutate({
            projectId,
            runCommand: job.runCommand,
            ...(initial.title ? { title: initial.title } : {}),
            ...(initial.hardwareTier ? { hardwareTier: initial.hardwareTier } : {}),
            commitId: job.commitDetails.inputCommitId,
          });
        }}
      >
        {start.isPending ? 'Starting…' : 'Re-run'}
      </Button>
      <Button onClick={() => setEditing(true)}>Re-run with changes</Button>
      {editing ? (
        <RunJobDialog
          open
          onClose={() => setEditing(false)}
          projectId={projectId}
          projectName={projectName}
          initial={initial}
          title={`Re-run job #${job.number} with changes`}
        />
      ) : null}
    </>
  );
}

function ProblemNotice({ jobId, status }: { jobId: string; status: string }) {
  const problem = useQuery(jobsQueries.problem(jobId));
  if (!problem.data?.problem) return null;
  return (
    // A stop is someone's decision (or a time limit), not a failure: said calmly, not in red.
    <InlineAlert
      tone={status === 'Stopped' ? 'info' : 'error'}
      title={status === 'Stopped' ? 'Why the job stopped' : status === 'Error' ? 'The platform could not run this job' : 'Why the job failed'}
    >
      <p className="break-words whitespace-pre-wrap">{problem.data.problem}</p>
      {problem.data.helpLink ? (
        <p className="mt-1">
          <a href={problem.data.helpLink} target="_blank" rel="noreferrer noopener" className="font-medium underline underline-offset-2">
            Help with this problem<span className="sr-only"> (opens in a new tab)</span>
          </a>
        </p>
      ) : null}
    </InlineAlert>
  );
}

export function JobPage() {
  const { jobId } = routeApi.useParams();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { data: job } = useSuspenseQuery({
    ...jobsQueries.detail(jobId),
    refetchInterval: (query) => (query.state.data && isLiveStatus(query.state.data.status) ? LIVE_JOB_REFRESH_MS : false),
  });
  const live = isLiveStatus(job.status);
  const now = useNow(live ? 1000 : 30_000);
  const projectId = job.projectId ?? search.projectId;
  const project = useQuery({ ...projectsQueries.detail(projectId ?? ''), enabled: projectId !== undefined });
  const info = useQuery(embeddedQueries.info());
  const directory = useQuery(usersQueries.directory());
  const tiers = useQuery(hardwareTiersQueries.all());
  const title = job.title || job.runCommand;
  useDocumentTitle(`Job #${job.number} · ${title}`);

  const startedBy = job.startedById ? directory.data?.find((user) => user.id === job.startedById) : undefined;
  const tier = tiers.data?.available ? tiers.data.tiers.find((candidate) => candidate.id === job.hardwareTierId) : undefined;
  const canStop = live && hasExtension(info.data, 'job-stop');
  const submitted = parseTime(job.stageTimes.submissionTime);
  const duration = jobDurationMs(job, now);

  return (
    <div className="space-y-3">
      <div>
        <Breadcrumb current={`Job #${job.number}`}>
          <BreadcrumbLink to="/jobs" search={projectId ? { projectId } : {}}>
            Jobs
          </BreadcrumbLink>
          {projectId ? (
            <BreadcrumbLink to="/projects/$projectId" params={{ projectId }} search={{ tab: 'jobs' }}>
              {project.data ? projectLabel(project.data) : 'Project'}
            </BreadcrumbLink>
          ) : null}
        </Breadcrumb>
        <PageHeader
          compact
          title={
            <>
              <span className="font-mono text-slate-500 dark:text-slate-400">#{job.number}</span> {title}
            </>
          }
          description={job.title ? <code className="font-mono text-xs break-all">{job.runCommand}</code> : undefined}
          actions={
            canStop ? (
              <StopJobButton job={job} />
            ) : !live && projectId ? (
              <RerunButtons job={job} projectId={projectId} projectName={project.data ? projectLabel(project.data) : undefined} />
            ) : undefined
          }
        />
        <StatusLine job={job} now={now} />
      </div>

      {job.queuedJobStatusDetails && job.status.executionStatus === 'Queued' ? (
        <InlineAlert
          tone="info"
          title={`Queued${job.queuedJobStatusDetails.expectedWait ? ` · expected wait ${job.queuedJobStatusDetails.expectedWait}` : ''}`}
        >
          <p>{job.queuedJobStatusDetails.explanation}</p>
          {job.queuedJobStatusDetails.helpText ? <p className="mt-1">{job.queuedJobStatusDetails.helpText}</p> : null}
        </InlineAlert>
      ) : null}

      {hasProblem(job.status.executionStatus) ? <ProblemNotice jobId={job.id} status={job.status.executionStatus} /> : null}

      <JobDetailsDisclosure
        summary={
          <span className="min-w-0 truncate text-slate-600 dark:text-slate-400">
            {[
              tier?.name ?? job.hardwareTierId,
              duration !== undefined ? `${formatDuration(duration)}${live ? ' so far' : ''}` : 'not started',
              startedBy ? `started by ${displayName(startedBy)}` : undefined,
              job.datasetMounts.length > 0 ? `${job.datasetMounts.length} ${job.datasetMounts.length === 1 ? 'dataset' : 'datasets'}` : undefined,
              job.dominoStats.length > 0 ? `${job.dominoStats.length} ${job.dominoStats.length === 1 ? 'result' : 'results'}` : undefined,
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        }
      >
        <Section title="Timeline" bare>
          <StageTimeline stageTimes={job.stageTimes} status={job.status} now={now} />
        </Section>

        <Section title="Details" bare>
          <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-4">
            <Detail term="Job id">
              <code className="font-mono text-xs break-all">{job.id}</code> <CopyButton text={job.id} what="the job id" />
            </Detail>
            <Detail term="Started by">
              {startedBy ? displayName(startedBy) : job.startedById ? (directory.isPending ? 'Loading…' : 'Unknown user') : '—'}
            </Detail>
            <Detail term="Submitted">
              {submitted !== undefined ? <time dateTime={job.stageTimes.submissionTime}>{formatAbsolute(submitted)}</time> : '—'}
            </Detail>
            <Detail term="Hardware tier">
              {tier ? (
                <>
                  {tier.name}
                  <span className="block text-xs text-slate-600 dark:text-slate-400">{describeTier(tier)}</span>
                </>
              ) : (
                (job.hardwareTierId ?? '—')
              )}
            </Detail>
            <Detail term="Duration">{duration !== undefined ? `${formatDuration(duration)}${live ? ' so far' : ''}` : 'Not started'}</Detail>
            <Detail term="Max CPU">{job.usage ? `${Number(job.usage.cpuPercentage.toFixed(1))} %` : '—'}</Detail>
            <Detail term="Max memory">{job.usage ? formatGiB(job.usage.memoryGiB) : '—'}</Detail>
            <Detail term="Input commit">
              <CommitLink projectId={projectId} commitId={job.commitDetails.inputCommitId} />{' '}
              <CopyButton text={job.commitDetails.inputCommitId} what="the input commit id" />
            </Detail>
            <Detail term="Output commit">
              {job.commitDetails.outputCommitId ? (
                <>
                  <CommitLink projectId={projectId} commitId={job.commitDetails.outputCommitId} />{' '}
                  <CopyButton text={job.commitDetails.outputCommitId} what="the output commit id" />
                </>
              ) : live ? (
                'When the job finishes'
              ) : (
                'No new files'
              )}
            </Detail>
          </dl>
        </Section>

        {job.datasetMounts.length > 0 ? (
          <Section title="Datasets mounted" bare>
            <Table caption={`Datasets mounted in job #${job.number}`}>
              <TableHead>
                <Th>Dataset</Th>
                <Th>Path in the job</Th>
                <Th>Access</Th>
              </TableHead>
              <TableBody>
                {job.datasetMounts.map((mount) => (
                  <tr key={mount.id}>
                    <Td>
                      <Link
                        to="/datasets/$datasetId"
                        params={{ datasetId: mount.id }}
                        className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
                      >
                        {mount.datasetName}
                      </Link>
                    </Td>
                    <Td className="font-mono text-xs">{mount.containerPath ?? '—'}</Td>
                    <Td>{mount.isInput ? 'Read-only' : 'Read and write'}</Td>
                  </tr>
                ))}
              </TableBody>
            </Table>
          </Section>
        ) : null}

        {job.dominoStats.length > 0 ? (
          <Section title="Results" bare>
            <Table caption={`Domino stats of job #${job.number}`}>
              <TableHead>
                <Th>Name</Th>
                <Th className="text-right">Value</Th>
              </TableHead>
              <TableBody>
                {job.dominoStats.map((stat) => (
                  <tr key={stat.name}>
                    <Td className="font-medium text-slate-900 dark:text-slate-100">{stat.name}</Td>
                    <Td className="text-right font-mono tabular-nums">{stat.value}</Td>
                  </tr>
                ))}
              </TableBody>
            </Table>
          </Section>
        ) : null}
      </JobDetailsDisclosure>

      {/* The log is the page: right under the header, as tall as the window leaves it. */}
      <Section title="Logs" bare className="[&>h2]:sr-only">
        <Suspense
          fallback={
            <div role="status" className="space-y-2">
              <span className="sr-only">Loading the log viewer…</span>
              <div aria-hidden="true" className="skeleton h-64 w-full" />
            </div>
          }
        >
          <LogViewer
            fill
            jobId={job.id}
            // "<project>-<job number>.log": a name that says what it is in a downloads folder.
            downloadName={project.data ? `${project.data.name}-${job.number}` : undefined}
            stream={search.stream}
            // The stream is URL state, not a new page: the reader stays where they were.
            onStreamChange={(stream) => void navigate({ search: (previous) => ({ ...previous, stream }), replace: true, resetScroll: false })}
            // The selected lines too: the page and the log box stay where the viewer put them.
            replaceHash={(hash) =>
              void navigate({ search: (previous) => previous, hash: hash.replace(/^#/, ''), replace: true, resetScroll: false, hashScrollIntoView: false })
            }
          />
        </Suspense>
      </Section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="Tags">
          <JobTags jobId={job.id} jobNumber={job.number} projectId={projectId} tags={job.tags} variant="full" />
        </Section>
        <Section title="Goals">
          <JobGoals jobId={job.id} jobNumber={job.number} projectId={projectId} />
        </Section>
      </div>
    </div>
  );
}

export const jobLazyRoute = createLazyRoute('/jobs/$jobId')({
  component: JobPage,
  pendingComponent: PageSkeleton,
  // A job that cannot be shown (404, 403, a server error) offers the way back to the jobs list.
  errorComponent: resourceErrorComponent({
    noun: 'job',
    missing: 'There is no job with this id, or it belongs to a private project you are not a collaborator of.',
    back: { label: 'Back to jobs', to: '/jobs' },
  }),
});
