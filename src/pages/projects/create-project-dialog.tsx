import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useId, useRef, useState, type FormEvent } from 'react';
import { errorDetails } from '../../api/error-details';
import { projectsMutations } from '../../api/projects';
import { PROJECT_VISIBILITIES, type NewProjectV1, type ProjectVisibilityV1 } from '../../api/schemas/projects';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextAreaField, TextField } from '../../components/field';
import { ApiErrorAlert } from '../../components/inline-alert';
import { toastStore } from '../../lib/toast-store';
import { BillingTagPicker, billingTagBody, billingTagError, useBillingTagChoice } from '../billing-tags/billing-tag-picker';
import { checkProjectName, repositoryUriError } from './project-validation';
import { VisibilityRadios } from './visibility-radios';

function CreateProjectForm({ onClose, ownedNames }: { onClose: () => void; ownedNames: readonly string[] }) {
  const navigate = useNavigate();
  const nameRef = useRef<HTMLInputElement>(null);
  const repoRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [nameEdited, setNameEdited] = useState(false);
  const [description, setDescription] = useState('');
  const [visibility, setVisibility] = useState<ProjectVisibilityV1>('private');
  const [repository, setRepository] = useState('');
  const [billingTag, setBillingTag] = useState('');
  const tagChoice = useBillingTagChoice();
  const [submitted, setSubmitted] = useState(false);
  const create = useMutation(projectsMutations.create());
  const legendId = useId();

  const nameCheck = checkProjectName(name, { takenNames: ownedNames });
  const repoError = repositoryUriError(repository);
  const tagError = billingTagError(tagChoice, billingTag);
  const showNameError = nameEdited || submitted;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    setSubmitted(true);
    if (nameCheck.error) {
      nameRef.current?.focus();
      return;
    }
    if (repoError) {
      repoRef.current?.focus();
      return;
    }
    if (tagError) return;
    const input: NewProjectV1 = {
      name: nameCheck.value,
      description: description.trim(),
      visibility,
      ...(repository.trim() ? { mainRepository: { uri: repository.trim() } } : {}),
      ...billingTagBody(tagChoice, billingTag),
    };
    create.mutate(input, {
      onSuccess: (project) => {
        toastStore.push({ tone: 'success', title: `Created the project “${project.name}”` });
        onClose();
        void navigate({ to: '/projects/$projectId', params: { projectId: project.id } });
      },
    });
  }

  const apiError = create.isError ? errorDetails(create.error) : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <TextField
        ref={nameRef}
        label="Project name"
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          setNameEdited(true);
        }}
        error={showNameError ? nameCheck.error : undefined}
        hint="Up to 100 characters, no spaces (use - or _). Unique among your projects."
        autoComplete="off"
        spellCheck={false}
        required
      />
      <TextAreaField
        label="Description"
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        rows={3}
        hint="Optional. Anyone who can find the project sees it."
      />
      <fieldset aria-labelledby={legendId}>
        <legend id={legendId} className="text-sm font-medium text-slate-800 dark:text-slate-200">
          Visibility
        </legend>
        <VisibilityRadios value={visibility} onChange={setVisibility} options={PROJECT_VISIBILITIES} />
      </fieldset>
      <TextField
        ref={repoRef}
        label="Main repository URL (optional)"
        value={repository}
        onChange={(event) => setRepository(event.target.value)}
        error={submitted ? repoError : undefined}
        hint="A git repository to use as the project's code, e.g. https://github.com/acme/churn.git."
        autoComplete="off"
        spellCheck={false}
        inputMode="url"
      />
      <BillingTagPicker choice={tagChoice} value={billingTag} onChange={setBillingTag} error={submitted ? tagError : undefined} />
      {apiError ? <ApiErrorAlert title="The project was not created" error={apiError} /> : null}
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" aria-disabled={create.isPending || undefined}>
          {create.isPending ? 'Creating…' : 'Create project'}
        </Button>
      </DialogActions>
    </form>
  );
}

export function CreateProjectDialog({ open, onClose, ownedNames }: { open: boolean; onClose: () => void; ownedNames: readonly string[] }) {
  return (
    <Dialog open={open} onClose={onClose} title="Create project" size="lg">
      <CreateProjectForm onClose={onClose} ownedNames={ownedNames} />
    </Dialog>
  );
}
