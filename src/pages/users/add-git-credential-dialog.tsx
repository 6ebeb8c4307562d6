import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { embeddedMutations } from '../../api/embedded';
import { errorDetails } from '../../api/error-details';
import { NewGitCredentialSchema, type NewGitCredential } from '../../api/schemas/embedded';
import { GIT_SERVICE_PROVIDERS, type UserV1 } from '../../api/schemas/users';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField, TextAreaField, TextField } from '../../components/field';
import { ApiErrorAlert } from '../../components/inline-alert';
import { GIT_PROVIDER_LABELS } from '../../lib/git-providers';
import { toastStore } from '../../lib/toast-store';
import { displayName } from '../../lib/user-names';

type Values = { name: string; gitServiceProvider: string; domain: string; protocol: 'https' | 'ssh'; secret: string };
type FieldName = keyof Values;

const INITIAL: Values = { name: '', gitServiceProvider: 'github', domain: '', protocol: 'https', secret: '' };

/** Field errors from the contract's own schema, so the form and the server agree on the rules. */
function validate(values: Values): { data?: NewGitCredential; errors: Partial<Record<FieldName, string>> } {
  const result = NewGitCredentialSchema.safeParse(values);
  if (result.success) return { data: values as NewGitCredential, errors: {} };
  const errors: Partial<Record<FieldName, string>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as FieldName | undefined;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return { errors };
}

function AddGitCredentialForm({ user, onClose }: { user: UserV1; onClose: () => void }) {
  const [values, setValues] = useState<Values>(INITIAL);
  // Errors show for fields the user has edited, and for all of them after a submit attempt.
  const [touched, setTouched] = useState<ReadonlySet<FieldName>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const add = useMutation(embeddedMutations.addGitCredential(user.id));
  const { errors } = validate(values);
  const visibleError = (field: FieldName) => (submitted || touched.has(field) ? errors[field] : undefined);

  function update<F extends FieldName>(field: F, value: Values[F]) {
    setValues((previous) => ({ ...previous, [field]: value }));
    setTouched((previous) => new Set(previous).add(field));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (add.isPending) return;
    setSubmitted(true);
    const result = validate(values);
    if (!result.data) {
      const firstInvalid = event.currentTarget.querySelector<HTMLElement>('[aria-invalid="true"]');
      firstInvalid?.focus();
      return;
    }
    add.mutate(
      { userId: user.id, credential: result.data },
      {
        onSuccess: (credential) => {
          toastStore.push({ tone: 'success', title: `Added the git credential “${credential.name}”` });
          onClose();
        },
      },
    );
  }

  const apiError = add.isError ? errorDetails(add.error) : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <TextField
        label="Name"
        value={values.name}
        onChange={(e) => update('name', e.target.value)}
        error={visibleError('name')}
        placeholder="GitHub (work)"
        autoComplete="off"
      />
      <SelectField
        label="Provider"
        value={values.gitServiceProvider}
        onChange={(e) => update('gitServiceProvider', e.target.value)}
        error={visibleError('gitServiceProvider')}
      >
        {GIT_SERVICE_PROVIDERS.map((provider) => (
          <option key={provider} value={provider}>
            {GIT_PROVIDER_LABELS[provider]}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Domain"
        value={values.domain}
        onChange={(e) => update('domain', e.target.value)}
        error={visibleError('domain')}
        placeholder="github.com"
        hint="The git host this credential is for."
        autoComplete="off"
      />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">Protocol</legend>
        <div className="mt-1.5 flex gap-6">
          {(['https', 'ssh'] as const).map((protocol) => (
            <label key={protocol} className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
              <input
                type="radio"
                name="protocol"
                value={protocol}
                checked={values.protocol === protocol}
                onChange={() => update('protocol', protocol)}
                className="size-4 accent-blue-700 dark:accent-blue-400"
              />
              {protocol === 'https' ? 'HTTPS' : 'SSH'}
            </label>
          ))}
        </div>
      </fieldset>
      {values.protocol === 'https' ? (
        <TextField
          label="Access token"
          type="password"
          value={values.secret}
          onChange={(e) => update('secret', e.target.value)}
          error={visibleError('secret')}
          hint="Only its fingerprint is kept and shown afterwards."
          autoComplete="off"
        />
      ) : (
        <TextAreaField
          label="Private key"
          value={values.secret}
          onChange={(e) => update('secret', e.target.value)}
          error={visibleError('secret')}
          hint="Only its fingerprint is kept and shown afterwards."
          rows={4}
          spellCheck={false}
          className="font-mono text-xs"
        />
      )}
      {apiError ? <ApiErrorAlert title="The git credential was not added" error={apiError} /> : null}
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" aria-disabled={add.isPending || undefined}>
          {add.isPending ? 'Adding…' : 'Add credential'}
        </Button>
      </DialogActions>
    </form>
  );
}

export function AddGitCredentialDialog({ open, onClose, user }: { open: boolean; onClose: () => void; user: UserV1 }) {
  return (
    <Dialog open={open} onClose={onClose} title="Add git credential" description={`For ${displayName(user)}. The secret is sent once and never shown again.`}>
      <AddGitCredentialForm user={user} onClose={onClose} />
    </Dialog>
  );
}
