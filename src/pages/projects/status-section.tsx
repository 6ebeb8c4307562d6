import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { projectsMutations, projectsQueries, updateProjectStatus, type ProjectStatusDetails } from '../../api/projects';
import type { ProjectStatusV1 } from '../../api/schemas/projects';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextAreaField } from '../../components/field';
import { useOptimisticMutation } from '../../hooks/use-optimistic-mutation';
import { toastStore } from '../../lib/toast-store';
import { nextStatus, STATUS_CHANGE_WORDS as CHANGE_WORDS, type StatusChange } from './project-status';
import { readOnlyNote, readOnlyReason, type ProjectTabProps } from './project-tab-props';

function TextDialog({
  open,
  title,
  description,
  label,
  hint,
  required,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  description: string;
  label: string;
  hint?: string;
  required: boolean;
  confirmLabel: string;
  onConfirm: (text: string) => void;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      <TextForm label={label} hint={hint} required={required} confirmLabel={confirmLabel} onConfirm={onConfirm} onClose={onClose} />
    </Dialog>
  );
}

function TextForm({
  label,
  hint,
  required,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  label: string;
  hint?: string;
  required: boolean;
  confirmLabel: string;
  onConfirm: (text: string) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const missing = required && text.trim() === '';
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (missing) return;
    onConfirm(text);
    onClose();
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <TextAreaField
        label={label}
        hint={hint}
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={3}
        required={required}
        error={submitted && missing ? 'Say why the project is blocked.' : undefined}
      />
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary">
          {confirmLabel}
        </Button>
      </DialogActions>
    </form>
  );
}

export function StatusSection({ project, permissions, status }: ProjectTabProps & { status: ProjectStatusDetails }) {
  const queryClient = useQueryClient();
  const statusKey = projectsQueries.status(project.id).queryKey;
  const [dialog, setDialog] = useState<'block' | 'complete' | null>(null);
  const update = useOptimisticMutation({
    mutation: {
      ...projectsMutations.updateStatus(project.id),
      mutationFn: (input: { projectId: string; status: ProjectStatusV1; change: StatusChange }) => updateProjectStatus(input),
    },
    queryKey: statusKey,
    optimistic: (current: ProjectStatusDetails, input) => ({ ...current, status: input.status }),
    failureTitle: (input) => CHANGE_WORDS[input.change].failed,
    onSuccess: (saved, input) => {
      queryClient.setQueryData<ProjectStatusDetails>(statusKey, (current) => (current ? { ...current, status: saved } : current));
      toastStore.push({ tone: 'success', title: CHANGE_WORDS[input.change].done });
    },
  });

  function change(kind: StatusChange, text?: string) {
    update.mutate({ projectId: project.id, status: nextStatus(status.status, kind, text), change: kind });
  }

  const current = status.status;
  const complete = current.status === 'complete';
  const reason = readOnlyReason(permissions, 'edit');
  const note = readOnlyNote(permissions, 'edit');
  return (
    <section aria-labelledby="status-heading" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h2 id="status-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-50">
        Status
      </h2>
      <dl className="mt-2 space-y-2 text-sm">
        <div className="flex items-center gap-2">
          <dt className="text-slate-600 dark:text-slate-400">State</dt>
          <dd>{complete ? <Badge tone="violet">Complete</Badge> : <Badge tone="green">Active</Badge>}</dd>
          {current.isBlocked ? (
            <dd>
              <Badge tone="amber">Blocked</Badge>
            </dd>
          ) : null}
        </div>
        {current.isBlocked ? (
          <div>
            <dt className="text-slate-600 dark:text-slate-400">Blocked because</dt>
            <dd className="break-words text-slate-900 dark:text-slate-100">{current.blockedReason || 'No reason was given.'}</dd>
          </div>
        ) : null}
        {complete && current.completedMessage ? (
          <div>
            <dt className="text-slate-600 dark:text-slate-400">Completion note</dt>
            <dd className="break-words text-slate-900 dark:text-slate-100">{current.completedMessage}</dd>
          </div>
        ) : null}
      </dl>
      {reason ? (
        note ? (
          <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">{note}</p>
        ) : null
      ) : (
        <div className="mt-3 flex flex-wrap gap-2">
          {current.isBlocked ? (
            <Button size="sm" onClick={() => change('unblock')}>
              Unblock
            </Button>
          ) : (
            <Button size="sm" onClick={() => setDialog('block')}>
              Block…
            </Button>
          )}
          {complete ? (
            <Button size="sm" onClick={() => change('reopen')}>
              Reopen
            </Button>
          ) : (
            <Button size="sm" onClick={() => setDialog('complete')}>
              Mark complete…
            </Button>
          )}
        </div>
      )}
      <TextDialog
        open={dialog === 'block'}
        title="Block project"
        description="Collaborators see the project as blocked, with your reason, until someone unblocks it."
        label="Reason"
        required
        confirmLabel="Block project"
        onConfirm={(text) => change('block', text)}
        onClose={() => setDialog(null)}
      />
      <TextDialog
        open={dialog === 'complete'}
        title="Mark project complete"
        description="A complete project stays readable and can be reopened later."
        label="Completion note (optional)"
        hint="For example, what was delivered and where."
        required={false}
        confirmLabel="Mark complete"
        onConfirm={(text) => change('complete', text)}
        onClose={() => setDialog(null)}
      />
    </section>
  );
}
