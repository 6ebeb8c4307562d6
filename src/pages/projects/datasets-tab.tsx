import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { datasetsQueries } from '../../api/datasets';
import { errorDetails } from '../../api/error-details';
import { projectsMutations, projectsQueries } from '../../api/projects';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { inputClasses } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { PageSection } from '../../components/page-section';
import { useLocalPagination } from '../../hooks/use-local-pagination';
import { Pagination } from '../../components/pagination';
import { RemoveButton } from '../../components/remove-button';
import { TableSkeleton } from '../../components/skeleton';
import { ActionsTh, Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { useConfirmedMutation } from '../../hooks/use-confirmed-mutation';
import { toastStore } from '../../lib/toast-store';
import { readOnlyNote, readOnlyReason, type ProjectTabProps } from './project-tab-props';
import { datasetIdError } from './project-validation';

function LinkDatasetForm({ projectId }: { projectId: string }) {
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [datasetId, setDatasetId] = useState('');
  const [localError, setLocalError] = useState<string | undefined>(undefined);
  const link = useMutation(projectsMutations.linkDataset(projectId));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (link.isPending) return;
    const problem = datasetIdError(datasetId);
    setLocalError(problem);
    if (problem) {
      inputRef.current?.focus();
      return;
    }
    const id = datasetId.trim();
    link.mutate(
      { projectId, datasetId: id },
      {
        onSuccess: () => {
          setDatasetId('');
          toastStore.push({ tone: 'success', title: `Linked dataset ${id}` });
        },
      },
    );
  }

  const apiError = link.isError ? errorDetails(link.error) : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        Dataset ID
      </label>
      <div className="flex flex-wrap items-start gap-2">
        <input
          ref={inputRef}
          id={inputId}
          value={datasetId}
          onChange={(event) => {
            setDatasetId(event.target.value);
            setLocalError(undefined);
            if (link.isError) link.reset();
          }}
          aria-describedby={[hintId, localError ? errorId : ''].filter(Boolean).join(' ')}
          aria-invalid={localError ? true : undefined}
          placeholder="24 hexadecimal characters"
          autoComplete="off"
          spellCheck={false}
          className={`${inputClasses} max-w-sm font-mono`}
        />
        <Button type="submit" aria-disabled={link.isPending || undefined}>
          {link.isPending ? 'Linking…' : 'Link dataset'}
        </Button>
      </div>
      <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
        A shared dataset is mounted into this project's jobs and workspaces; it stays owned by its own project.
      </p>
      {localError ? (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-300">
          {localError}
        </p>
      ) : null}
      {apiError ? <InlineAlert title="The dataset was not linked">{apiError.messages.join(' ')}</InlineAlert> : null}
    </form>
  );
}

const OWN_PAGE_SIZES = [10, 25, 100] as const;

/** The project's own datasets (mounted at $DOMINO_DATASETS_DIR/local/<name> in its jobs), a page at a time. */
function OwnDatasets({ projectId }: { projectId: string }) {
  const paging = useLocalPagination(OWN_PAGE_SIZES);
  const own = useQuery({ ...datasetsQueries.ofProject(projectId, { offset: paging.offset, limit: paging.limit }), placeholderData: keepPreviousData });
  if (own.isPending) return <TableSkeleton rows={2} columns={2} label="Loading the project's datasets…" />;
  if (own.isError) return <ErrorPanel details={errorDetails(own.error)} onRetry={() => void own.refetch()} />;
  if (own.data.datasets.length === 0 && paging.pagination.page === 1)
    return <EmptyState title="No datasets of its own">Create one on the Datasets page, in this project.</EmptyState>;
  return (
    <div className="space-y-3">
      <Table caption="This project's datasets">
        <TableHead>
          <Th>Name</Th>
          <Th>Snapshots</Th>
        </TableHead>
        <TableBody>
          {own.data.datasets.map((dataset) => (
            <tr key={dataset.id}>
              <Td>
                <Link
                  to="/datasets/$datasetId"
                  params={{ datasetId: dataset.id }}
                  className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
                >
                  {dataset.name}
                </Link>
              </Td>
              <Td>{dataset.snapshotIds.length}</Td>
            </tr>
          ))}
        </TableBody>
      </Table>
      <Pagination
        {...paging.pagination}
        itemCount={own.data.datasets.length}
        totalCount={own.data.pagination.totalCount}
        noun="datasets"
        busy={own.isPlaceholderData}
      />
    </div>
  );
}

export function DatasetsTab({ project, permissions }: ProjectTabProps) {
  const projectId = project.id;
  const datasets = useQuery(projectsQueries.sharedDatasets(projectId));
  const unlinking = useConfirmedMutation(useMutation(projectsMutations.unlinkDataset(projectId)), {
    variables: (datasetId: string) => ({ projectId, datasetId }),
    successTitle: (datasetId) => `Unlinked dataset ${datasetId}`,
  });
  const reason = readOnlyReason(permissions, 'edit');
  const note = readOnlyNote(permissions, 'edit');

  let body;
  if (datasets.isPending) body = <TableSkeleton rows={2} columns={2} label="Loading shared datasets…" />;
  else if (datasets.isError) body = <ErrorPanel details={errorDetails(datasets.error)} onRetry={() => void datasets.refetch()} />;
  else if (datasets.data.length === 0)
    body = (
      <EmptyState title="No shared datasets">
        {reason ? 'No datasets from other projects are linked to this one.' : 'Link a dataset by its id to use it in this project.'}
      </EmptyState>
    );
  else
    body = (
      <Table caption={`Datasets shared with ${project.name}`}>
        <TableHead>
          <Th>Dataset ID</Th>
          <ActionsTh />
        </TableHead>
        <TableBody>
          {datasets.data.map((id) => (
            <tr key={id}>
              <Td className="font-mono text-slate-800 dark:text-slate-200">{id}</Td>
              <Td className="text-right">{reason ? null : <RemoveButton label="Unlink" what={`dataset ${id}`} onClick={() => unlinking.ask(id)} />}</Td>
            </tr>
          ))}
        </TableBody>
      </Table>
    );

  return (
    <>
      <PageSection title="Datasets">
        <OwnDatasets projectId={projectId} />
      </PageSection>
      <PageSection title="Shared datasets">
        {note ? <InlineAlert tone="info">{note}</InlineAlert> : null}
        {body}
        {reason ? null : <LinkDatasetForm projectId={projectId} />}
        <ConfirmDialog {...unlinking.dialog} title="Unlink dataset?" confirmLabel="Unlink dataset">
          <p>
            Dataset {unlinking.target} will no longer be mounted in {project.name}. The dataset itself is not deleted.
          </p>
        </ConfirmDialog>
      </PageSection>
    </>
  );
}
