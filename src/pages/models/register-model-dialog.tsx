// Register a run's logged model: as version 1 of a new model (which takes the run's one logged
// model, the server's rule) or as a new version of one of the project's models (any of the run's
// logged-model directories). Run picker, artifact picker, then the model's page.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { errorDetails } from '../../api/error-details';
import { fetchNameTaken, modelsMutations, modelsQueries } from '../../api/models';
import type { ProjectExperimentRun } from '../../api/schemas/mlflow';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField, TextAreaField, TextField } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { toastStore } from '../../lib/toast-store';

type Mode = 'new-model' | 'new-version';

export function RegisterModelDialog({
  projectId,
  runs,
  initialRun,
  onClose,
}: {
  projectId: string;
  runs: readonly ProjectExperimentRun[];
  initialRun: ProjectExperimentRun;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const models = useQuery(modelsQueries.ofProject(projectId));
  const withModels = runs.filter((run) => run.loggedModels.length > 0);
  const [runId, setRunId] = useState(initialRun.runId);
  const run = withModels.find((candidate) => candidate.runId === runId) ?? initialRun;
  const [artifact, setArtifact] = useState(run.loggedModels[0] ?? '');
  const [mode, setMode] = useState<Mode>('new-model');
  const [name, setName] = useState('');
  const [existing, setExisting] = useState('');
  const [description, setDescription] = useState('');
  const [discoverable, setDiscoverable] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; existing?: string }>({});
  const [checking, setChecking] = useState(false);
  const artifactGroup = useId();
  const modeGroup = useId();
  const discoverableId = useId();
  const create = useMutation(modelsMutations.createModel());
  const target = existing || models.data?.[0] || '';
  const addVersion = useMutation(modelsMutations.createVersion(target));
  const pending = create.isPending || addVersion.isPending || checking;
  const several = run.loggedModels.length > 1;
  const failed = create.error ?? addVersion.error;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    if (mode === 'new-model') {
      if (several) return;
      const trimmed = name.trim();
      if (!trimmed) return setErrors({ name: 'Give the model a name' });
      setChecking(true);
      try {
        if (await fetchNameTaken(trimmed)) return setErrors({ name: `A model named ${trimmed} already exists: choose another name, or add a version to it` });
      } catch {
        // The server checks again on create; a failed look-up only skips the early answer.
      } finally {
        setChecking(false);
      }
      setErrors({});
      create.mutate(
        { modelName: trimmed, experimentRunId: run.runId, discoverable, description },
        {
          onSuccess: (model) => {
            toastStore.push({ tone: 'success', title: `Registered ${model.name}` });
            onClose();
            void navigate({ to: '/models/$modelName', params: { modelName: model.name } });
          },
        },
      );
      return;
    }
    if (!target) return setErrors({ existing: 'This project has no model yet: register a new model first' });
    setErrors({});
    addVersion.mutate(
      { modelName: target, experimentRunId: run.runId, artifact, description },
      {
        onSuccess: (version) => {
          toastStore.push({ tone: 'success', title: `Registered ${version.modelName} version ${version.modelVersion}` });
          onClose();
          void navigate({ to: '/models/$modelName/versions/$version', params: { modelName: version.modelName, version: String(version.modelVersion) } });
        },
      },
    );
  }

  return (
    <Dialog open onClose={onClose} title="Register a model" size="lg" dismissable={!pending}>
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-4">
        <SelectField
          label="Experiment run"
          value={run.runId}
          onChange={(event) => {
            const next = withModels.find((candidate) => candidate.runId === event.target.value);
            setRunId(event.target.value);
            setArtifact(next?.loggedModels[0] ?? '');
          }}
        >
          {withModels.map((candidate) => (
            <option key={candidate.runId} value={candidate.runId}>
              {candidate.runName || 'Unnamed run'} · {candidate.runId.slice(0, 8)} ·{' '}
              {candidate.metrics.map((m) => `${m.key} ${m.value}`).join(', ') || 'no metrics'}
            </option>
          ))}
        </SelectField>

        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">Register as</legend>
          {(
            [
              ['new-model', 'A new model (its version 1)'],
              ['new-version', 'A new version of one of this project’s models'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
              <input type="radio" name={modeGroup} value={value} checked={mode === value} onChange={() => setMode(value)} />
              {label}
            </label>
          ))}
        </fieldset>

        {mode === 'new-model' ? (
          <>
            <TextField label="Model name" value={name} onChange={(event) => setName(event.target.value)} error={errors.name} autoComplete="off" />
            {several ? (
              <InlineAlert tone="info">
                This run logged {run.loggedModels.length} models ({run.loggedModels.join(', ')}). A new model is made from a run’s one logged model: register
                one of these as a new version of an existing model instead, or pick a run with one.
              </InlineAlert>
            ) : (
              <p className="text-sm text-slate-700 dark:text-slate-300">
                Version 1 is the run’s logged model <code className="font-mono">{run.loggedModels[0]}</code>.
              </p>
            )}
            <div className="flex items-start gap-2">
              <input
                id={discoverableId}
                type="checkbox"
                checked={discoverable}
                onChange={(event) => setDiscoverable(event.target.checked)}
                className="mt-1 h-4 w-4"
              />
              <label htmlFor={discoverableId} className="text-sm text-slate-800 dark:text-slate-200">
                Discoverable by people outside the project
              </label>
            </div>
          </>
        ) : (
          <>
            {models.isPending ? (
              <p className="text-sm">Loading the project’s models…</p>
            ) : models.isError ? (
              <InlineAlert title="The project’s models could not be loaded">{errorDetails(models.error).messages.join(' ')}</InlineAlert>
            ) : models.data.length === 0 ? (
              <InlineAlert tone="info">This project has no registered model yet: register a new model first.</InlineAlert>
            ) : (
              <SelectField label="Model" value={target} onChange={(event) => setExisting(event.target.value)} error={errors.existing}>
                {models.data.map((modelName) => (
                  <option key={modelName} value={modelName}>
                    {modelName}
                  </option>
                ))}
              </SelectField>
            )}
            <fieldset className="space-y-1.5">
              <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">Artifact (a logged-model directory of the run)</legend>
              {run.loggedModels.map((dir) => (
                <label key={dir} className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
                  <input type="radio" name={artifactGroup} value={dir} checked={artifact === dir} onChange={() => setArtifact(dir)} />
                  <code className="font-mono">{dir}</code>
                </label>
              ))}
            </fieldset>
          </>
        )}
        <TextAreaField label="Description" value={description} onChange={(event) => setDescription(event.target.value)} rows={2} />
        {failed ? <InlineAlert title="Not registered">{errorDetails(failed).messages.join(' ')}</InlineAlert> : null}
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" aria-disabled={pending || (mode === 'new-model' && several) || undefined}>
            {pending ? 'Registering…' : 'Register'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
