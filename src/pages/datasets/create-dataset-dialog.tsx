import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { datasetsMutations } from '../../api/datasets';
import { errorDetails } from '../../api/error-details';
import { projectsQueries } from '../../api/projects';
import { DATASET_NAME_PATTERN, DATASET_NAME_RULE } from '../../api/schemas/datasets';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField, TextAreaField, TextField } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { projectLabel } from '../jobs/project-picker';

/** A new dataset in a project the user edits, or (with `snapshotId`) started from a snapshot's files. */
export function CreateDatasetDialog({
  open,
  onClose,
  snapshotId,
  defaultProjectId,
}: {
  open: boolean;
  onClose: () => void;
  snapshotId?: string;
  defaultProjectId?: string;
}) {
  const projects = useQuery({ ...projectsQueries.allVisible(), enabled: open });
  const create = useMutation(datasetsMutations.create());
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [projectId, setProjectId] = useState(defaultProjectId ?? '');
  const [nameError, setNameError] = useState<string | undefined>();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    if (!DATASET_NAME_PATTERN.test(name)) return setNameError(DATASET_NAME_RULE);
    setNameError(undefined);
    create.mutate(
      { name, description: description || undefined, projectId: projectId || undefined, snapshotId },
      {
        onSuccess: (dataset) => {
          onClose();
          void navigate({ to: '/datasets/$datasetId', params: { datasetId: dataset.id } });
        },
      },
    );
  }

  const apiError = create.isError ? errorDetails(create.error) : undefined;
  return (
    <Dialog open={open} onClose={onClose} title={snapshotId ? 'New dataset from this snapshot' : 'New dataset'} dismissable={!create.isPending}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <TextField label="Name" value={name} onChange={(event) => setName(event.target.value)} error={nameError} hint={DATASET_NAME_RULE} autoComplete="off" />
        <TextAreaField label="Description" value={description} onChange={(event) => setDescription(event.target.value)} rows={3} />
        <SelectField
          label="Project"
          value={projectId}
          onChange={(event) => setProjectId(event.target.value)}
          hint={snapshotId ? 'Leave empty for the snapshot’s own project.' : 'You need to be able to change the project.'}
        >
          <option value="">{snapshotId ? 'The snapshot’s project' : 'Choose a project…'}</option>
          {(projects.data ?? []).map((project) => (
            <option key={project.id} value={project.id}>
              {projectLabel(project)}
            </option>
          ))}
        </SelectField>
        {apiError ? <InlineAlert title="The dataset was not created">{apiError.messages.join(' ')}</InlineAlert> : null}
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" aria-disabled={create.isPending || undefined}>
            {create.isPending ? 'Creating…' : 'Create dataset'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
