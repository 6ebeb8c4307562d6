import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { errorDetails } from '../../api/error-details';
import { projectsMutations, projectsQueries } from '../../api/projects';
import { GIT_REFERENCE_TYPES, type NewProjectGitRepositoryV1, type ProjectGitRepositoryV1 } from '../../api/schemas/projects';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Dialog, DialogActions } from '../../components/dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { SelectField, TextField } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { PageSection } from '../../components/page-section';
import { RemoveButton } from '../../components/remove-button';
import { TableSkeleton } from '../../components/skeleton';
import { ActionsTh, Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { useConfirmedMutation } from '../../hooks/use-confirmed-mutation';
import { GIT_PROVIDER_LABELS } from '../../lib/git-providers';
import { toastStore } from '../../lib/toast-store';
import { repositoryUriError } from './project-validation';
import { readOnlyNote, readOnlyReason, type ProjectTabProps } from './project-tab-props';

type RefType = (typeof GIT_REFERENCE_TYPES)[number];

const REF_LABELS: Record<RefType, string> = { head: 'Default branch (HEAD)', branch: 'Branch', tag: 'Tag', commit: 'Commit' };

export function describeRef(ref: ProjectGitRepositoryV1['defaultRef']): string {
  if (ref.refType === 'head' || !ref.value) return REF_LABELS[ref.refType];
  return `${REF_LABELS[ref.refType]} ${ref.value}`;
}

function AddRepositoryForm({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const uriRef = useRef<HTMLInputElement>(null);
  const valueRef = useRef<HTMLInputElement>(null);
  const [uri, setUri] = useState('');
  const [refType, setRefType] = useState<RefType>('head');
  const [refValue, setRefValue] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const add = useMutation(projectsMutations.addRepository(projectId));

  const uriError = uri.trim() === '' ? 'Enter the repository URL.' : repositoryUriError(uri);
  const valueError = refType !== 'head' && refValue.trim() === '' ? `Enter the ${REF_LABELS[refType].toLowerCase()} to use.` : undefined;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (add.isPending) return;
    setSubmitted(true);
    if (uriError) return uriRef.current?.focus();
    if (valueError) return valueRef.current?.focus();
    const repository: NewProjectGitRepositoryV1 = {
      uri: uri.trim(),
      ...(refType !== 'head' ? { defaultRef: { refType, value: refValue.trim() } } : {}),
    };
    add.mutate(
      { projectId, repository },
      {
        onSuccess: (saved) => {
          toastStore.push({ tone: 'success', title: `Imported ${saved.name ?? saved.uri}` });
          onClose();
        },
      },
    );
  }

  const apiError = add.isError ? errorDetails(add.error) : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <TextField
        ref={uriRef}
        label="Repository URL"
        value={uri}
        onChange={(event) => setUri(event.target.value)}
        error={submitted ? uriError : undefined}
        hint="The name and the git provider are worked out from the URL."
        autoComplete="off"
        spellCheck={false}
        inputMode="url"
        required
      />
      <SelectField label="Default reference" value={refType} onChange={(event) => setRefType(event.target.value as RefType)}>
        {GIT_REFERENCE_TYPES.map((type) => (
          <option key={type} value={type}>
            {REF_LABELS[type]}
          </option>
        ))}
      </SelectField>
      {refType !== 'head' ? (
        <TextField
          ref={valueRef}
          label={`${REF_LABELS[refType]} name`}
          value={refValue}
          onChange={(event) => setRefValue(event.target.value)}
          error={submitted ? valueError : undefined}
          autoComplete="off"
          spellCheck={false}
          required
        />
      ) : null}
      {apiError ? <InlineAlert title="The repository was not imported">{apiError.messages.join(' ')}</InlineAlert> : null}
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" aria-disabled={add.isPending || undefined}>
          {add.isPending ? 'Importing…' : 'Import repository'}
        </Button>
      </DialogActions>
    </form>
  );
}

export function RepositoriesTab({ project, permissions }: ProjectTabProps) {
  const projectId = project.id;
  const repositories = useQuery(projectsQueries.repositories(projectId));
  const [adding, setAdding] = useState(false);
  const removing = useConfirmedMutation(useMutation(projectsMutations.removeRepository(projectId)), {
    variables: (repository: ProjectGitRepositoryV1) => ({ projectId, repositoryId: repository.id }),
    successTitle: (repository) => `Removed ${repository.name ?? repository.uri}`,
  });
  const reason = readOnlyReason(permissions, 'edit');
  const note = readOnlyNote(permissions, 'edit');

  let body;
  if (repositories.isPending) body = <TableSkeleton rows={3} columns={4} label="Loading repositories…" />;
  else if (repositories.isError) body = <ErrorPanel details={errorDetails(repositories.error)} onRetry={() => void repositories.refetch()} />;
  else if (repositories.data.length === 0)
    body = (
      <EmptyState
        title="No imported repositories"
        action={
          reason ? undefined : (
            <Button variant="primary" onClick={() => setAdding(true)}>
              Import repository
            </Button>
          )
        }
      >
        Imported git repositories are checked out next to the project's files when a job or workspace starts.
      </EmptyState>
    );
  else
    body = (
      <Table caption={`Repositories imported into ${project.name}`}>
        <TableHead>
          <Th>Name</Th>
          <Th>URL</Th>
          <Th>Provider</Th>
          <Th>Default reference</Th>
          <ActionsTh />
        </TableHead>
        <TableBody>
          {repositories.data.map((repository) => {
            const name = repository.name ?? repository.uri;
            return (
              <tr key={repository.id}>
                <Td className="font-medium text-slate-900 dark:text-slate-100">{name}</Td>
                <Td className="max-w-80 font-mono text-xs break-all text-slate-700 dark:text-slate-300">{repository.uri}</Td>
                <Td className="text-slate-700 dark:text-slate-300">{GIT_PROVIDER_LABELS[repository.serviceProvider]}</Td>
                <Td className="text-slate-700 dark:text-slate-300">{describeRef(repository.defaultRef)}</Td>
                <Td className="text-right">{reason ? null : <RemoveButton what={name} onClick={() => removing.ask(repository)} />}</Td>
              </tr>
            );
          })}
        </TableBody>
      </Table>
    );

  return (
    <PageSection
      title="Imported repositories"
      actions={
        reason || (repositories.data?.length ?? 0) === 0 ? null : (
          <Button variant="primary" onClick={() => setAdding(true)}>
            Import repository
          </Button>
        )
      }
    >
      {note ? <InlineAlert tone="info">{note}</InlineAlert> : null}
      {body}
      <Dialog open={adding} onClose={() => setAdding(false)} title="Import repository" description={`Add a git repository to ${project.name}.`}>
        <AddRepositoryForm projectId={projectId} onClose={() => setAdding(false)} />
      </Dialog>
      <ConfirmDialog {...removing.dialog} title="Remove repository?" confirmLabel="Remove repository">
        <p>{removing.target?.name ?? removing.target?.uri} will no longer be checked out in this project. The repository itself is not changed.</p>
      </ConfirmDialog>
    </PageSection>
  );
}
