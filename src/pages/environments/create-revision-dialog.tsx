import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { environmentsMutations } from '../../api/environments';
import { errorDetails } from '../../api/error-details';
import type { EnvironmentRevisionDetails } from '../../api/schemas/environments';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { ApiErrorAlert } from '../../components/inline-alert';
import { useFieldErrors } from '../../hooks/use-field-errors';
import { EMPTY_REVISION, revisionBody, RevisionFields, type RevisionDraft, type RevisionField } from './revision-form';

/** A revision's definition as a draft: a new revision starts from the one it changes. */
export function draftOf(revision: EnvironmentRevisionDetails | undefined): RevisionDraft {
  if (!revision) return EMPTY_REVISION;
  return {
    image: revision.image ?? '',
    dockerfileInstructions: revision.dockerfileInstructions ?? '',
    environmentVariables: revision.environmentVariables.map(({ key, value }) => `${key}=${value}`).join('\n'),
    preRunScript: revision.preRunScript ?? '',
    postRunScript: revision.postRunScript ?? '',
    tags: revision.tags.join(', '),
    summary: '',
  };
}

/** A new revision: it builds in the background, and the page follows its status and log. */
export function CreateRevisionDialog({
  environmentId,
  from,
  open,
  onClose,
  onCreated,
}: {
  environmentId: string;
  /** The revision the form starts from (the active one), when the server lists revisions. */
  from: EnvironmentRevisionDetails | undefined;
  open: boolean;
  onClose: () => void;
  onCreated: (revisionId: string) => void;
}) {
  const create = useMutation(environmentsMutations.createRevision(environmentId));
  const [draft, setDraft] = useState<RevisionDraft>(() => draftOf(from));
  // An empty image keeps the previous revision's, so it is not required here.
  const { body, errors } = revisionBody(draft, { imageRequired: false });
  const fields = useFieldErrors<RevisionField>(errors);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending || !fields.submit()) return;
    create.mutate(
      { environmentId, revision: body },
      {
        onSuccess: (revision) => {
          onClose();
          onCreated(revision.id);
        },
      },
    );
  }

  const apiError = create.isError ? errorDetails(create.error) : undefined;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New revision"
      description={from ? `Starts from revision #${from.number}; change what this revision should differ in.` : undefined}
      size="lg"
      dismissable={!create.isPending}
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="New revision">
        <RevisionFields
          draft={draft}
          onChange={(field, value) => {
            setDraft((previous) => ({ ...previous, [field]: value }));
            fields.edit(field);
          }}
          onBlur={fields.blur}
          errorOf={fields.shown}
          imageHint="Leave empty to keep the previous revision's image."
        />
        {apiError ? <ApiErrorAlert title="The revision was not created" error={apiError} /> : null}
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" aria-disabled={create.isPending || undefined}>
            {create.isPending ? 'Creating…' : 'Create and build'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
