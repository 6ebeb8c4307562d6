// Deploys a model: a new Model API (name, project, environment, async, replicas) or a new version
// of one, from a registered model version or from a project file + function.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { errorDetails } from '../../api/error-details';
import { modelApisMutations, modelApisQueries } from '../../api/model-apis';
import { projectsQueries } from '../../api/projects';
import type { ModelApiSource } from '../../api/schemas/model-apis';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField, TextField } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { projectLabel } from '../jobs/project-picker';

type SourceKind = 'Registry' | 'File';

interface SourceState {
  kind: SourceKind;
  modelName: string;
  modelVersion: string;
  file: string;
  fn: string;
}

/** The source fields, and what is missing from them. */
function SourceFields({ source, onChange, errors }: { source: SourceState; onChange: (next: SourceState) => void; errors: Record<string, string> }) {
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">Source</legend>
      <div className="flex gap-4 text-sm">
        {(['Registry', 'File'] as const).map((kind) => (
          <label key={kind} className="flex items-center gap-2">
            <input type="radio" name="source-kind" checked={source.kind === kind} onChange={() => onChange({ ...source, kind })} />
            {kind === 'Registry' ? 'A registered model version' : 'A project file and function'}
          </label>
        ))}
      </div>
      {source.kind === 'Registry' ? (
        <div className="grid grid-cols-2 gap-3">
          <TextField
            label="Registered model"
            value={source.modelName}
            onChange={(e) => onChange({ ...source, modelName: e.target.value })}
            error={errors.modelName}
          />
          <TextField
            label="Version"
            inputMode="numeric"
            value={source.modelVersion}
            onChange={(e) => onChange({ ...source, modelVersion: e.target.value })}
            error={errors.modelVersion}
          />
        </div>
      ) : (
        <div className="grid grid-cols-2 gap-3">
          <TextField
            label="File"
            placeholder="model.py"
            value={source.file}
            onChange={(e) => onChange({ ...source, file: e.target.value })}
            error={errors.file}
          />
          <TextField label="Function" placeholder="predict" value={source.fn} onChange={(e) => onChange({ ...source, fn: e.target.value })} error={errors.fn} />
        </div>
      )}
    </fieldset>
  );
}

function checkSource(source: SourceState): { errors: Record<string, string>; wire?: ModelApiSource } {
  const errors: Record<string, string> = {};
  if (source.kind === 'Registry') {
    if (!source.modelName.trim()) errors.modelName = 'Name the registered model';
    if (!/^[1-9]\d*$/.test(source.modelVersion.trim())) errors.modelVersion = 'A version number (1, 2, …)';
    if (Object.keys(errors).length) return { errors };
    return { errors, wire: { type: 'Registry', registeredModelName: source.modelName.trim(), registeredModelVersion: Number(source.modelVersion) } };
  }
  if (!source.file.trim()) errors.file = 'The Python file, relative to the project';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(source.fn.trim())) errors.fn = 'A Python function name';
  if (Object.keys(errors).length) return { errors };
  return { errors, wire: { type: 'File', file: source.file.trim(), function: source.fn.trim() } };
}

const EMPTY_SOURCE: SourceState = { kind: 'Registry', modelName: '', modelVersion: '1', file: '', fn: 'predict' };

export function NewModelApiDialog({ open, onClose, defaultProjectId }: { open: boolean; onClose: () => void; defaultProjectId?: string }) {
  const navigate = useNavigate();
  const projects = useQuery({ ...projectsQueries.allVisible(), enabled: open });
  const environments = useQuery({ ...modelApisQueries.environments(), enabled: open });
  const [name, setName] = useState('');
  const [projectId, setProjectId] = useState(defaultProjectId ?? '');
  const [environmentId, setEnvironmentId] = useState('');
  const [isAsync, setIsAsync] = useState(true);
  const [replicas, setReplicas] = useState('1');
  const [source, setSource] = useState(EMPTY_SOURCE);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation(modelApisMutations.create());

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const checked = checkSource(source);
    const found: Record<string, string> = { ...checked.errors };
    if (!name.trim()) found.name = 'Name the Model API';
    if (!projectId) found.project = 'Choose the project it belongs to';
    const env = environmentId || environments.data?.[0]?.id;
    if (!env) found.environment = 'Choose an environment';
    if (!/^[0-8]$/.test(replicas)) found.replicas = 'From 0 (stopped) to 8';
    setErrors(found);
    if (Object.keys(found).length || !checked.wire) return;
    create.mutate(
      {
        name: name.trim(),
        environmentId: env!,
        isAsync,
        replicas: Number(replicas),
        version: { projectId, source: checked.wire, logHttpRequestResponse: false, monitoringEnabled: false, shouldDeploy: true },
      },
      { onSuccess: (api) => void navigate({ to: '/model-apis/$modelApiId', params: { modelApiId: api.id } }) },
    );
  }

  return (
    <Dialog open={open} onClose={onClose} title="New Model API" dismissable={!create.isPending}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <SelectField label="Project" value={projectId} onChange={(e) => setProjectId(e.target.value)} error={errors.project}>
          <option value="">Choose a project…</option>
          {(projects.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {projectLabel(p)}
            </option>
          ))}
        </SelectField>
        <SelectField label="Environment" value={environmentId} onChange={(e) => setEnvironmentId(e.target.value)} error={errors.environment}>
          {(environments.data ?? []).map((env) => (
            <option key={env.id} value={env.id}>
              {env.name}
            </option>
          ))}
        </SelectField>
        <SourceFields source={source} onChange={setSource} errors={errors} />
        <div className="grid grid-cols-2 gap-3">
          <TextField
            label="Replicas"
            inputMode="numeric"
            value={replicas}
            onChange={(e) => setReplicas(e.target.value)}
            error={errors.replicas}
            hint="Worker processes; 0 stops it"
          />
          <label className="mt-7 flex items-center gap-2 text-sm">
            <input type="checkbox" checked={isAsync} onChange={(e) => setIsAsync(e.target.checked)} />
            Asynchronous (takes async predictions)
          </label>
        </div>
        {create.isError ? <InlineAlert title="Not deployed">{errorDetails(create.error).messages.join(' ')}</InlineAlert> : null}
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" aria-disabled={create.isPending || undefined}>
            {create.isPending ? 'Deploying…' : 'Deploy'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function NewVersionDialog({ open, onClose, modelApiId, projectId }: { open: boolean; onClose: () => void; modelApiId: string; projectId: string }) {
  const [source, setSource] = useState(EMPTY_SOURCE);
  const [deploy, setDeploy] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation(modelApisMutations.createVersion(modelApiId));
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const checked = checkSource(source);
    setErrors(checked.errors);
    if (!checked.wire) return;
    create.mutate(
      { modelApiId, body: { projectId, source: checked.wire, logHttpRequestResponse: false, monitoringEnabled: false, shouldDeploy: deploy } },
      { onSuccess: onClose },
    );
  }
  return (
    <Dialog open={open} onClose={onClose} title="Deploy a new version" dismissable={!create.isPending}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <SourceFields source={source} onChange={setSource} errors={errors} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={deploy} onChange={(e) => setDeploy(e.target.checked)} />
          Make it the active version once built
        </label>
        {create.isError ? <InlineAlert title="Not deployed">{errorDetails(create.error).messages.join(' ')}</InlineAlert> : null}
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" aria-disabled={create.isPending || undefined}>
            {create.isPending ? 'Building…' : 'Deploy version'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
