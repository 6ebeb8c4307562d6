// The billing tag a new or copied project gets, in the create- and copy-project forms: only
// active tags, a "no tag" choice unless tags are required, nothing at all when they are disabled
// (or the deployment predates them).
import { useQuery } from '@tanstack/react-query';
import { billingTagsQueries } from '../../api/billing-tags';
import { SelectField } from '../../components/field';

export interface BillingTagChoice {
  /** Whether to show the picker: tags are optional or required here. */
  offered: boolean;
  required: boolean;
  tags: readonly string[];
  /** Still asking the server for the mode or the tags. */
  loading: boolean;
  /** Why the choice cannot be made (the tags did not load). */
  failed: boolean;
}

export function useBillingTagChoice(): BillingTagChoice {
  // The mode alone: these forms need nothing else of the settings.
  const settings = useQuery(billingTagsQueries.mode());
  const offered = settings.data !== undefined && settings.data.supported && settings.data.mode !== 'disabled';
  const tags = useQuery({ ...billingTagsQueries.active(), enabled: offered });
  return {
    offered,
    required: offered && settings.data?.mode === 'required',
    tags: tags.data ?? [],
    loading: settings.isPending || (offered && tags.isPending),
    failed: settings.isError || tags.isError,
  };
}

/** The form's check: a required tag must be chosen. */
export function billingTagError(choice: BillingTagChoice, value: string): string | undefined {
  if (choice.required && value === '') return 'Choose a billing tag: every new project needs one here';
  return undefined;
}

/** The `billingTag` part of a create or copy body. */
export function billingTagBody(choice: BillingTagChoice, value: string): { billingTag?: { tag: string } } {
  return choice.offered && value !== '' ? { billingTag: { tag: value } } : {};
}

export function BillingTagPicker({
  choice,
  value,
  onChange,
  error,
}: {
  choice: BillingTagChoice;
  value: string;
  onChange: (tag: string) => void;
  error?: string;
}) {
  if (!choice.offered && !choice.loading && !choice.failed) return null;
  if (choice.failed) return <p className="text-sm text-red-700 dark:text-red-300">The billing tags could not be loaded; try again in a moment.</p>;
  return (
    <SelectField
      label={choice.required ? 'Billing tag' : 'Billing tag (optional)'}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      disabled={choice.loading}
      error={error}
      hint={
        choice.required
          ? 'Who pays for this project’s compute. Required by your administrators.'
          : 'Who pays for this project’s compute; its executions are charged to it.'
      }
    >
      <option value="">{choice.loading ? 'Loading tags…' : choice.required ? 'Choose a tag' : 'No tag'}</option>
      {choice.tags.map((tag) => (
        <option key={tag} value={tag}>
          {tag}
        </option>
      ))}
    </SelectField>
  );
}
