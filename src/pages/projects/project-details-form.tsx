// Embedded 'project-edit': the project's name, description and visibility, on the Settings tab.
// The name is checked on blur and on submit (not while the first letters are typed), against the
// contract's rule and the owner's other project names; a change of visibility changes who may
// see the project, so it is confirmed first.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { errorDetails } from '../../api/error-details';
import { projectsMutations, projectsQueries } from '../../api/projects';
import type { ProjectChanges } from '../../api/schemas/project-files';
import { PROJECT_VISIBILITIES, type ProjectVisibilityV1 } from '../../api/schemas/projects';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { TextAreaField, TextField } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { toastStore } from '../../lib/toast-store';
import { readOnlyNote, readOnlyReason, type ProjectTabProps } from './project-tab-props';
import { checkProjectName } from './project-validation';
import { visibilityLabel, visibilityMeaning } from './visibility-badge';
import { VisibilityRadios } from './visibility-radios';

/** What differs from the project as saved: only those fields are sent. */
export function changesOf(
  saved: { name: string; description: string; visibility: ProjectVisibilityV1 },
  draft: { name: string; description: string; visibility: ProjectVisibilityV1 },
): ProjectChanges {
  return {
    ...(draft.name !== saved.name ? { name: draft.name } : {}),
    ...(draft.description !== saved.description ? { description: draft.description } : {}),
    ...(draft.visibility !== saved.visibility ? { visibility: draft.visibility } : {}),
  };
}

export function ProjectDetailsForm({ project, permissions }: Pick<ProjectTabProps, 'project' | 'permissions'>) {
  const nameRef = useRef<HTMLInputElement>(null);
  const legendId = useId();
  const [name, setName] = useState(project.name);
  const [description, setDescription] = useState(project.description);
  const [visibility, setVisibility] = useState<ProjectVisibilityV1>(project.visibility);
  const [checkName, setCheckName] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // The toast is the mutation's own: the saved project re-keys (remounts) this form, and a callback
  // given to mutate() is dropped once its component has gone.
  const update = useMutation({
    ...projectsMutations.update(project.id),
    onSuccess: (saved) => void toastStore.push({ tone: 'success', title: `Saved ${saved.name}` }),
  });
  // The owner's other names: Domino keeps a name unique per owner, in any letter case.
  const projects = useQuery(projectsQueries.allVisible());
  const takenNames = (projects.data ?? []).filter((p) => p.ownerId === project.ownerId && p.id !== project.id).map((p) => p.name.toLocaleLowerCase());
  const nameCheck = checkProjectName(name);
  // An admin may be editing someone else's project: the name is the owner's to keep unique.
  const nameError =
    nameCheck.error ??
    (takenNames.includes(name.toLocaleLowerCase()) ? `The owner, ${project.ownerUsername}, already has a project named “${name}”.` : undefined);
  const reason = readOnlyReason(permissions, 'manage');
  const note = readOnlyNote(permissions, 'manage');
  const changes = changesOf(project, { name, description, visibility });
  const changed = Object.keys(changes).length > 0;

  function save() {
    update.mutate(changes, { onSuccess: () => setConfirming(false) });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!changed || update.isPending) return;
    setCheckName(true);
    if (nameError) {
      nameRef.current?.focus();
      return;
    }
    if (changes.visibility !== undefined) setConfirming(true);
    else save();
  }

  const apiError = update.isError && !confirming ? errorDetails(update.error) : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <fieldset disabled={Boolean(reason)} className="space-y-4">
        <TextField
          ref={nameRef}
          label="Name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          onBlur={() => setCheckName(true)}
          error={checkName ? nameError : undefined}
          hint="Unique among the owner's projects. Links to the project keep working: they use its id."
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextAreaField label="Description" value={description} onChange={(event) => setDescription(event.target.value)} rows={3} />
        <div role="group" aria-labelledby={legendId}>
          <p id={legendId} className="text-sm font-medium text-slate-800 dark:text-slate-200">
            Visibility
          </p>
          <VisibilityRadios value={visibility} onChange={setVisibility} options={PROJECT_VISIBILITIES} />
        </div>
      </fieldset>
      {apiError ? <InlineAlert title="The changes were not saved">{apiError.messages.join(' ')}</InlineAlert> : null}
      {reason ? (
        note ? (
          <p className="text-xs text-slate-600 dark:text-slate-400">{note}</p>
        ) : null
      ) : (
        <div className="flex gap-2">
          <Button type="submit" variant="primary" aria-disabled={!changed || update.isPending || undefined}>
            {update.isPending && !confirming ? 'Saving…' : 'Save changes'}
          </Button>
          {changed ? (
            <Button
              onClick={() => {
                setName(project.name);
                setDescription(project.description);
                setVisibility(project.visibility);
                setCheckName(false);
                update.reset();
              }}
            >
              Discard
            </Button>
          ) : null}
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        tone="primary"
        title={`Make ${project.name} ${visibilityLabel(visibility).toLowerCase()}?`}
        confirmLabel={`Make it ${visibilityLabel(visibility).toLowerCase()}`}
        onConfirm={save}
        onCancel={() => {
          setConfirming(false);
          update.reset();
        }}
        pending={update.isPending}
        error={update.error}
      >
        {visibilityMeaning(visibility)} It is {visibilityLabel(project.visibility).toLowerCase()} now.
      </ConfirmDialog>
    </form>
  );
}
