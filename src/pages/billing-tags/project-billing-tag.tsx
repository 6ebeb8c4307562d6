// A project's billing tag on its Settings tab: what it is, and (embedded `project-billing-tag`,
// owner or admin) a change to another active tag, or clearing it where the mode allows. Past
// executions keep the tag they ran with; only what runs next is charged to the new one.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { billingTagsMutations, billingTagsQueries } from '../../api/billing-tags';
import { hasExtension, type EmbeddedStatus } from '../../api/embedded';
import { errorMessage } from '../../api/error-details';
import type { ProjectV1 } from '../../api/schemas/projects';
import { Button } from '../../components/button';
import { InlineAlert } from '../../components/inline-alert';
import { PageSection } from '../../components/page-section';
import { toastStore } from '../../lib/toast-store';
import type { ProjectPermissions } from '../projects/project-permissions';
import { readOnlyNote } from '../projects/project-tab-props';
import { BillingTagPicker, billingTagError, useBillingTagChoice } from './billing-tag-picker';

function RetagForm({ project, current }: { project: ProjectV1; current: string }) {
  const choice = useBillingTagChoice();
  const [value, setValue] = useState(current);
  const [submitted, setSubmitted] = useState(false);
  // The toast is the mutation's own: the saved tag re-keys (remounts) this form, and a callback
  // given to mutate() is dropped once its component has gone.
  const retag = useMutation({
    ...billingTagsMutations.setProjectTag(project.id),
    onSuccess: (saved) =>
      void toastStore.push({ tone: 'success', title: saved.billingTag ? `Billing tag set to ${saved.billingTag.tag}` : 'Billing tag removed' }),
  });
  // A tag that is inactive now stays listed as the current value until it is changed.
  const tagChoice = current && !choice.tags.includes(current) ? { ...choice, tags: [current, ...choice.tags] } : choice;
  const error = billingTagError(choice, value);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (error || value === current) return;
    retag.mutate({ projectId: project.id, tag: value === '' ? null : value });
  }

  if (!choice.offered && !choice.loading) return null;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Change the billing tag" className="space-y-3">
      <BillingTagPicker choice={tagChoice} value={value} onChange={setValue} error={submitted ? error : undefined} />
      {retag.error ? <InlineAlert title="The billing tag was not changed">{errorMessage(retag.error)}</InlineAlert> : null}
      <Button type="submit" variant="primary" aria-disabled={value === current || retag.isPending || undefined}>
        {retag.isPending ? 'Saving…' : 'Save billing tag'}
      </Button>
    </form>
  );
}

export function ProjectBillingTagSection({ project, permissions, info }: { project: ProjectV1; permissions: ProjectPermissions; info: EmbeddedStatus }) {
  const choice = useBillingTagChoice();
  const current = project.billingTag?.tag ?? '';
  const canRetag = hasExtension(info, 'project-billing-tag') && permissions.canManage && !permissions.archived;
  // Billing tag notifications tell the people who manage an untagged project about it.
  const notify = useQuery({ ...billingTagsQueries.notifications(), enabled: !current && choice.offered && permissions.canManage });
  // Nothing to say where tags are not offered and the project has none.
  if (!current && !choice.offered) return null;
  const note = readOnlyNote(permissions, 'manage');
  return (
    <PageSection title="Billing tag">
      {!current && notify.data === true ? (
        <InlineAlert tone="info" title="This project needs a billing tag">
          Your administrators ask that every project names who pays for its compute.{' '}
          {canRetag ? 'Choose one of the active tags below.' : 'Ask an administrator to tag it.'}
        </InlineAlert>
      ) : null}
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {current ? (
          <>
            This project’s compute is charged to <span className="font-mono font-semibold">{current}</span>.
          </>
        ) : (
          'This project has no billing tag: its cost shows as unallocated.'
        )}{' '}
        A change applies to what runs next; past executions keep the tag they ran with.
      </p>
      {canRetag ? (
        <RetagForm key={current} project={project} current={current} />
      ) : note && hasExtension(info, 'project-billing-tag') ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">{note}</p>
      ) : null}
    </PageSection>
  );
}
