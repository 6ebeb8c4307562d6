import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { environmentsMutations, environmentsQueries } from '../../api/environments';
import { errorDetails } from '../../api/error-details';
import { organizationsQueries } from '../../api/organizations';
import { NewEnvironmentV1Schema, type NewEnvironmentV1 } from '../../api/schemas/environments';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField, TextAreaField, TextField } from '../../components/field';
import { FilterCheckbox } from '../../components/filter-checkbox';
import { ApiErrorAlert } from '../../components/inline-alert';
import { useFieldErrors } from '../../hooks/use-field-errors';
import { EMPTY_REVISION, revisionBody, RevisionFields, type RevisionDraft, type RevisionField } from './revision-form';

type Visibility = 'private' | 'organization' | 'global';
type Field = RevisionField | 'name' | 'orgOwnerId' | 'duplicateFrom';

/**
 * A new environment and its first revision, or a duplicate of one (which takes nothing else: it is
 * private, the caller's, and rebuilds the source's active revision). On success the environment's
 * page opens, where its first build can be watched.
 */
export function CreateEnvironmentDialog({ open, onClose, canCreateGlobal }: { open: boolean; onClose: () => void; canCreateGlobal: boolean }) {
  const navigate = useNavigate();
  const create = useMutation(environmentsMutations.create());
  const [mode, setMode] = useState<'new' | 'duplicate'>('new');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('private');
  const [orgOwnerId, setOrgOwnerId] = useState('');
  const [baseDependencies, setBaseDependencies] = useState(true);
  const [curated, setCurated] = useState(false);
  const [draft, setDraft] = useState<RevisionDraft>(EMPTY_REVISION);
  const [duplicateFrom, setDuplicateFrom] = useState('');
  const orgs = useQuery({ ...organizationsQueries.list('mine', { offset: 0, limit: 100 }), enabled: open && visibility === 'organization' });
  const environments = useQuery({ ...environmentsQueries.allVisible(), enabled: open && mode === 'duplicate' });

  const revision = revisionBody(draft, { imageRequired: true });
  const body: NewEnvironmentV1 =
    mode === 'duplicate'
      ? { duplicateFromEnvironmentId: duplicateFrom }
      : {
          ...revision.body,
          name: name.trim(),
          ...(description.trim() ? { description: description.trim() } : {}),
          visibility: visibility === 'global' ? 'global' : 'private',
          ...(visibility === 'organization' && orgOwnerId ? { orgOwnerId } : {}),
          addBaseDependencies: baseDependencies,
          ...(curated && visibility === 'global' ? { isCurated: true } : {}),
        };
  const errors: Partial<Record<Field, string>> = {};
  if (mode === 'duplicate') {
    if (!duplicateFrom) errors.duplicateFrom = 'Choose the environment to duplicate';
  } else {
    Object.assign(errors, revision.errors);
    if (!name.trim()) errors.name = 'The name is required';
    if (visibility === 'organization' && !orgOwnerId) errors.orgOwnerId = 'Choose the organization that owns it';
    const parsed = NewEnvironmentV1Schema.safeParse(body);
    if (!parsed.success && !errors.name) {
      const nameIssue = parsed.error.issues.find((issue) => issue.path[0] === 'name');
      if (nameIssue) errors.name = nameIssue.message;
    }
  }
  const fields = useFieldErrors<Field>(errors);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending || !fields.submit()) return;
    create.mutate(body, {
      onSuccess: (environment) => {
        onClose();
        void navigate({ to: '/environments/$environmentId', params: { environmentId: environment.id } });
      },
    });
  }

  const apiError = create.isError ? errorDetails(create.error) : undefined;
  const duplicateName = environments.data?.find((environment) => environment.id === duplicateFrom)?.name;
  return (
    <Dialog open={open} onClose={onClose} title="New environment" size="lg" dismissable={!create.isPending}>
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="New environment">
        <SelectField label="Start from" value={mode} onChange={(event) => setMode(event.target.value as 'new' | 'duplicate')}>
          <option value="new">A base image</option>
          <option value="duplicate">A copy of an existing environment</option>
        </SelectField>
        {mode === 'duplicate' ? (
          <SelectField
            label="Environment to duplicate"
            value={duplicateFrom}
            onChange={(event) => {
              setDuplicateFrom(event.target.value);
              fields.edit('duplicateFrom');
            }}
            onBlur={() => fields.blur('duplicateFrom')}
            error={fields.shown('duplicateFrom')}
            hint={
              duplicateName
                ? `The copy is private, yours, and rebuilds the active revision of ${duplicateName}.`
                : 'The copy is private, yours, and rebuilds the source’s active revision.'
            }
          >
            <option value="">{environments.isPending ? 'Loading environments…' : 'Choose an environment…'}</option>
            {(environments.data ?? []).map((environment) => (
              <option key={environment.id} value={environment.id}>
                {environment.name}
              </option>
            ))}
          </SelectField>
        ) : (
          <>
            <TextField
              label="Name"
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                fields.edit('name');
              }}
              onBlur={() => fields.blur('name')}
              error={fields.shown('name')}
              autoComplete="off"
            />
            <TextAreaField label="Description (optional)" value={description} onChange={(event) => setDescription(event.target.value)} rows={2} />
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField
                label="Visibility"
                value={visibility}
                onChange={(event) => setVisibility(event.target.value as Visibility)}
                hint={canCreateGlobal ? undefined : 'Only site administrators may create global environments.'}
              >
                <option value="private">Private — only you</option>
                <option value="organization">Organization — its members</option>
                <option value="global" disabled={!canCreateGlobal}>
                  Global — everyone{canCreateGlobal ? '' : ' (site administrators only)'}
                </option>
              </SelectField>
              {visibility === 'organization' ? (
                <SelectField
                  label="Organization"
                  value={orgOwnerId}
                  onChange={(event) => {
                    setOrgOwnerId(event.target.value);
                    fields.edit('orgOwnerId');
                  }}
                  onBlur={() => fields.blur('orgOwnerId')}
                  error={fields.shown('orgOwnerId')}
                >
                  <option value="">{orgs.isPending ? 'Loading your organizations…' : 'Choose an organization…'}</option>
                  {(orgs.data?.orgs ?? []).map((org) => (
                    <option key={org.id} value={org.id}>
                      {org.name}
                    </option>
                  ))}
                </SelectField>
              ) : null}
            </div>
            <div className="flex flex-wrap gap-6">
              <FilterCheckbox label="Add Domino's base dependencies" checked={baseDependencies} onChange={setBaseDependencies} />
              {visibility === 'global' ? <FilterCheckbox label="Curated (recommended to everyone)" checked={curated} onChange={setCurated} /> : null}
            </div>
            <RevisionFields
              draft={draft}
              onChange={(field, value) => {
                setDraft((previous) => ({ ...previous, [field]: value }));
                fields.edit(field);
              }}
              onBlur={fields.blur}
              errorOf={fields.shown}
              imageHint="The image the first revision is built on; it is checked and recorded (this Domino has no image registry to pull from)."
            />
          </>
        )}
        {apiError ? <ApiErrorAlert title="The environment was not created" error={apiError} /> : null}
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" aria-disabled={create.isPending || undefined}>
            {create.isPending ? 'Creating…' : 'Create environment'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
