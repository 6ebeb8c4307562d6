// The project page's Experiment runs tab (the `project-experiment-runs` extension): the runs its
// jobs recorded, with params, metrics and logged models, a page at a time; and, for those who may
// edit the project, registering a run's model as a new model or a new version of one.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { errorDetails } from '../../api/error-details';
import { modelsQueries } from '../../api/models';
import type { ProjectExperimentRun } from '../../api/schemas/mlflow';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { InlineAlert } from '../../components/inline-alert';
import { PageSection } from '../../components/page-section';
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

export function ProjectRunsTab({ project, permissions }: ProjectTabProps) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState<number>(PAGE_SIZES[1]);
  const [registering, setRegistering] = useState<ProjectExperimentRun | undefined>();
  const runs = useQuery({ ...modelsQueries.projectRuns(project.id, { offset: (page - 1) * pageSize, limit: pageSize }), placeholderData: keepPreviousData });
  const reason = readOnlyReason(permissions, 'edit');
  const note = readOnlyNote(permissions, 'edit');

  let body;
  if (runs.isPending) body = <TableSkeleton rows={3} columns={6} label="Loading experiment runs…" />;
  else if (runs.isError) body = <ErrorPanel details={errorDetails(runs.error)} onRetry={() => void runs.refetch()} />;
  else if (runs.data.runs.length === 0 && page === 1)
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
          page={page}
          pageSize={pageSize}
          pageSizes={PAGE_SIZES}
          itemCount={runs.data.runs.length}
          totalCount={runs.data.pagination.totalCount}
          onPageChange={setPage}
          onPageSizeChange={(size) => {
            setPageSize(size);
            setPage(1);
          }}
          noun="runs"
          busy={runs.isPlaceholderData}
        />
      </div>
    );

  return (
    <PageSection title="Experiment runs">
      {note ? <InlineAlert tone="info">{note}</InlineAlert> : null}
      {body}
      {registering && runs.data ? (
        <RegisterModelDialog projectId={project.id} runs={runs.data.runs} initialRun={registering} onClose={() => setRegistering(undefined)} />
      ) : null}
    </PageSection>
  );
}
