// Which environment (and which of its revisions) a job runs on: the run-job dialog's picker.
// Self-contained: it loads the environments the caller may see, and, where the server lists
// revisions, the chosen environment's built revisions. The value is what the start-job body takes.
import { useQuery } from '@tanstack/react-query';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { environmentsQueries } from '../../api/environments';
import { SelectField, TextField } from '../../components/field';

export interface EnvironmentChoice {
  /** Empty: the project's default environment. */
  environmentId: string;
  /** ActiveRevision (when undefined), LatestRevision or SomeRevision(<id>). */
  revisionSpec?: string;
}

const ACTIVE = 'ActiveRevision';

export function EnvironmentPicker({
  value,
  onChange,
  error,
}: {
  value: EnvironmentChoice;
  onChange: (value: EnvironmentChoice) => void;
  /** A problem with a typed id (only when the list could not be loaded). */
  error?: string;
}) {
  const environments = useQuery(environmentsQueries.allVisible());
  const info = useQuery(embeddedQueries.info());
  const revisions = useQuery({
    ...environmentsQueries.revisions(value.environmentId),
    enabled: value.environmentId !== '' && hasExtension(info.data, 'environment-revisions'),
  });

  if (environments.isError) {
    // The list could not be read: an id can still be typed.
    return (
      <TextField
        label="Environment id (optional)"
        value={value.environmentId}
        onChange={(event) => onChange({ environmentId: event.target.value })}
        error={error}
        hint="The environments could not be listed; type an environment id, or leave it empty for the project's default."
        className="font-mono"
        autoComplete="off"
        spellCheck={false}
      />
    );
  }

  const chosen = environments.data?.find((environment) => environment.id === value.environmentId);
  const usable = (environments.data ?? []).filter((environment) => !environment.archived);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField
        label="Environment"
        value={value.environmentId}
        onChange={(event) => onChange({ environmentId: event.target.value })}
        error={error}
        hint={
          chosen && !chosen.selectedRevision
            ? 'No revision of this environment has built yet: the job would be refused.'
            : chosen?.activeRevisionTags?.length
              ? `Active revision tags: ${chosen.activeRevisionTags.join(', ')}`
              : undefined
        }
      >
        <option value="">{environments.isPending ? 'Loading environments…' : "The project's default"}</option>
        {usable.map((environment) => (
          <option key={environment.id} value={environment.id}>
            {environment.name}
            {environment.isCurated ? ' (curated)' : ''}
          </option>
        ))}
      </SelectField>
      {value.environmentId ? (
        <SelectField
          label="Revision"
          value={value.revisionSpec ?? ACTIVE}
          onChange={(event) => onChange({ environmentId: value.environmentId, revisionSpec: event.target.value === ACTIVE ? undefined : event.target.value })}
          hint="A revision whose build did not succeed cannot run jobs."
        >
          <option value={ACTIVE}>Active revision{chosen?.selectedRevision ? ` (#${chosen.selectedRevision.number})` : ''}</option>
          <option value="LatestRevision">
            Latest revision{chosen?.latestRevision ? ` (#${chosen.latestRevision.number}, ${chosen.latestRevision.status ?? 'unknown'})` : ''}
          </option>
          {(revisions.data ?? []).map((revision) => (
            <option key={revision.id} value={`SomeRevision(${revision.id})`} disabled={revision.status !== 'succeeded'}>
              Revision #{revision.number} — {revision.status}
            </option>
          ))}
        </SelectField>
      ) : null}
    </div>
  );
}
