// The project page's Experiment runs tab (the `project-experiment-runs` extension): the runs its
// jobs recorded, with params, metrics and logged models, a page at a time; and, for those who may
// edit the project, registering a run's model as a new model or a new version of one.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { errorDetails } from '../../api/error-details';
import { modelsMutations, modelsQueries } from '../../api/models';
import type { ProjectExperimentRun } from '../../api/schemas/mlflow';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { TextField } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { PageSection } from '../../components/page-section';
import { useLocalPagination } from '../../hooks/use-local-pagination';
import { Pagination } from '../../components/pagination';
import { TableSkeleton } from '../../components/skeleton';
import { ActionsTh, Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { dateTime } from '../../lib/dates';
import type { ProjectTabProps } from '../projects/project-tab-props';
import { readOnlyNote, readOnlyReason } from '../projects/project-tab-props';
import { formatMetric, linkClasses } from './model-format';
import { RegisterModelDialog } from './register-model-dialog';

const PAGE_SIZES = [10, 25, 100] as const;

function KeyValues({ items, empty }: { items: { key: string; value: string }[]; empty: string }) {
  if (items.length === 0) return <span className="text-slate-600 dark:text-slate-400">{empty}</span>;
  return (
    <ul className="space-y-0.5 font-mono text-xs">
      {items.map((item) => (
        <li key={item.key}>
          {item.key} = {item.value}
        </li>
      ))}
    </ul>
  );
}

/** The stages this project's model versions move through: its own list (owner and admins set it), or the defaults. */
function ModelStages({ projectId, canManage }: { projectId: string; canManage: boolean }) {
  const stages = useQuery(modelsQueries.projectStages(projectId));
  const save = useMutation(modelsMutations.setProjectStages(projectId));
  const [draft, setDraft] = useState<string | undefined>();
  if (stages.isPending) return <TableSkeleton rows={1} columns={1} label="Loading the model stages…" />;
  if (stages.isError) return <ErrorPanel details={errorDetails(stages.error)} onRetry={() => void stages.refetch()} />;
  const text = draft ?? stages.data.join(', ');
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    const labels = text
      .split(',')
      .map((label) => label.trim())
      .filter(Boolean);
    save.mutate({ projectId, stages: labels }, { onSuccess: () => setDraft(undefined) });
  }
  if (!canManage)
    return <p className="text-sm text-slate-700 dark:text-slate-300">Versions of this project’s models move through: {stages.data.join(', ')}.</p>;
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-2">
      <TextField
        label="Stages, in order"
        hint="Comma-separated. Staging and Production hold one version each; every version starts in None."
        value={text}
        onChange={(event) => {
          setDraft(event.target.value);
          save.reset();
        }}
      />
      {save.isError ? <InlineAlert title="Not saved">{errorDetails(save.error).messages.join(' ')}</InlineAlert> : null}
      <Button type="submit" aria-disabled={save.isPending || undefined}>
        {save.isPending ? 'Saving…' : 'Save stages'}
      </Button>
    </form>
  );
}

export function ProjectRunsTab({ project, permissions }: ProjectTabProps) {
  const paging = useLocalPagination(PAGE_SIZES, PAGE_SIZES[1]);
  const [registering, setRegistering] = useState<ProjectExperimentRun | undefined>();
  const runs = useQuery({ ...modelsQueries.projectRuns(project.id, { offset: paging.offset, limit: paging.limit }), placeholderData: keepPreviousData });
  const reason = readOnlyReason(permissions, 'edit');
  const note = readOnlyNote(permissions, 'edit');

  let body;
  if (runs.isPending) body = <TableSkeleton rows={3} columns={6} label="Loading experiment runs…" />;
  else if (runs.isError) body = <ErrorPanel details={errorDetails(runs.error)} onRetry={() => void runs.refetch()} />;
  else if (runs.data.runs.length === 0 && paging.pagination.page === 1)
    body = (
      <EmptyState title="No experiment runs yet">
        A job records runs with MLflow’s client: <code className="font-mono">mlflow.start_run()</code> in a job of this project, with the tracking URI the job
        is given.
      </EmptyState>
    );
  else
    body = (
      <div className="space-y-3">
        <Table caption={`Experiment runs of ${project.name}`}>
          <TableHead>
            <Th>Run</Th>
            <Th>Experiment</Th>
            <Th>Status</Th>
            <Th>Started</Th>
            <Th>Parameters</Th>
            <Th>Metrics</Th>
            <Th>Logged models</Th>
            <ActionsTh />
          </TableHead>
          <TableBody>
            {runs.data.runs.map((run) => (
              <tr key={run.runId}>
                <Td>
                  <span className="font-medium">{run.runName || 'Unnamed run'}</span>
                  <p className="font-mono text-xs text-slate-600 dark:text-slate-400">{run.runId}</p>
                  {run.jobId ? (
                    <Link to="/jobs/$jobId" params={{ jobId: run.jobId }} className={`${linkClasses} text-xs`}>
                      Its job
                    </Link>
                  ) : null}
                </Td>
                <Td>{run.experimentName}</Td>
                <Td>{run.status}</Td>
                <Td>{dateTime.format(new Date(run.startTime))}</Td>
                <Td>
                  <KeyValues items={run.params} empty="None" />
                </Td>
                <Td>
                  <KeyValues items={run.metrics.map((m) => ({ key: m.key, value: formatMetric(m.value) }))} empty="None" />
                </Td>
                <Td>{run.loggedModels.length === 0 ? 'None' : <span className="font-mono text-xs">{run.loggedModels.join(', ')}</span>}</Td>
                <Td className="text-right">
                  {!reason && run.loggedModels.length > 0 ? (
                    <Button size="sm" onClick={() => setRegistering(run)} aria-label={`Register a model from run ${run.runName || run.runId}`}>
                      Register
                    </Button>
                  ) : null}
                </Td>
              </tr>
            ))}
          </TableBody>
        </Table>
        <Pagination
          {...paging.pagination}
          itemCount={runs.data.runs.length}
          totalCount={runs.data.pagination.totalCount}
          noun="runs"
          busy={runs.isPlaceholderData}
        />
      </div>
    );

  return (
    <>
      <PageSection title="Experiment runs">
        {note ? <InlineAlert tone="info">{note}</InlineAlert> : null}
        {body}
        {registering && runs.data ? (
          <RegisterModelDialog projectId={project.id} runs={runs.data.runs} initialRun={registering} onClose={() => setRegistering(undefined)} />
        ) : null}
      </PageSection>
      <PageSection title="Model stages">
        <ModelStages projectId={project.id} canManage={permissions.canManage && !permissions.archived} />
      </PageSection>
    </>
  );
}
