import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useRef, useState, type FormEvent } from 'react';
import { errorDetails } from '../../api/error-details';
import { hardwareTiersQueries } from '../../api/hardware-tiers';
import { jobsMutations } from '../../api/jobs';
import type { HardwareTierV1 } from '../../api/schemas/hardware-tiers';
import { NewJobV1Schema, type NewJobV1 } from '../../api/schemas/jobs';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { SelectField, TextField } from '../../components/field';
import { ApiErrorAlert } from '../../components/inline-alert';
import { toastStore } from '../../lib/toast-store';
import { EnvironmentPicker, type EnvironmentChoice } from '../environments/environment-picker';

/** "1 core · 4 GiB · 0.8¢/min": what a tier gives and costs, for its option label. */
export function describeTier(tier: HardwareTierV1): string {
  const cores = `${tier.resources.cores} ${tier.resources.cores === 1 ? 'core' : 'cores'}`;
  const memory = `${tier.resources.memory.value} ${tier.resources.memory.units}`;
  const gpus = tier.gpuConfiguration ? ` · ${tier.gpuConfiguration.numberOfGpus} GPU` : '';
  const price = `${Number(tier.centsPerMinute.toFixed(2))}¢/min`;
  return `${cores} · ${memory}${gpus} · ${price}`;
}

function firstIssue(result: { success: boolean; error?: { issues: readonly { message: string }[] } }): string | undefined {
  return result.success ? undefined : result.error?.issues[0]?.message;
}

const FIELD_NAMES: Record<string, string> = { runCommand: 'The command', title: 'The title', hardwareTier: 'The hardware tier' };

/** "runCommand must not be empty" → "The command must not be empty". */
export function humanize(message: string): string {
  return message.replace(/^(\w+)/, (word: string) => FIELD_NAMES[word] ?? word);
}

/** Why a typed id is not `length` hex characters, phrased for someone still typing it. */
export function hexIdProblem(value: string, length: number, noun: string): string | undefined {
  const text = value.trim();
  if (/^[0-9a-f]*$/i.test(text) && text.length === length) return undefined;
  const rule = `${noun} is ${length} hexadecimal characters (0–9, a–f)`;
  if (/[^0-9a-f]/i.test(text)) return `${rule}; this one has other characters.`;
  return `${rule}; this one has ${text.length}.`;
}

type FieldName = 'runCommand' | 'title' | 'hardwareTier' | 'environmentId' | 'commitId';

/** What the form starts with: a re-run with changes prefills the finished job's values. */
export interface RunJobInitial {
  runCommand?: string;
  title?: string;
  hardwareTier?: string;
  commitId?: string;
}

function RunJobForm({ projectId, onClose, initial = {} }: { projectId: string; onClose: () => void; initial?: RunJobInitial }) {
  const navigate = useNavigate();
  const commandRef = useRef<HTMLInputElement>(null);
  const tiers = useQuery(hardwareTiersQueries.all());
  const start = useMutation(jobsMutations.start());

  const [runCommand, setRunCommand] = useState(initial.runCommand ?? '');
  const [title, setTitle] = useState(initial.title ?? '');
  const [tierChoice, setTierChoice] = useState<string | undefined>(initial.hardwareTier);
  const [environment, setEnvironment] = useState<EnvironmentChoice>({ environmentId: '' });
  const environmentId = environment.environmentId;
  const [commitId, setCommitId] = useState(initial.commitId ?? '');
  const [touched, setTouched] = useState<ReadonlySet<FieldName>>(new Set());
  const [submitted, setSubmitted] = useState(false);

  const tierList = tiers.data?.available ? tiers.data.tiers.filter((tier) => !tier.flags.isArchived && tier.flags.isVisible) : [];
  const defaultTier = tierList.find((tier) => tier.flags.isDefault) ?? tierList[0];
  // Until the user picks, the deployment's default tier is the choice.
  const hardwareTier = tierChoice ?? defaultTier?.id ?? '';
  const chosenTier = tierList.find((tier) => tier.id === hardwareTier);
  const freeTextTier = tiers.data?.available === false || tiers.isError;

  // The contract's own rules, checked as the user types (commit and environment are optional).
  const shape = NewJobV1Schema.shape;
  const errors: Partial<Record<FieldName, string>> = {
    runCommand: firstIssue(shape.runCommand.safeParse(runCommand)),
    title: title.trim() ? firstIssue(shape.title.safeParse(title)) : undefined,
    environmentId: environmentId.trim() ? firstIssue(shape.environmentId.safeParse(environmentId.trim())) : undefined,
    commitId: commitId.trim() ? firstIssue(shape.commitId.safeParse(commitId.trim())) : undefined,
    hardwareTier: hardwareTier.trim() ? firstIssue(shape.hardwareTier.safeParse(hardwareTier)) : undefined,
  };
  // Say what a valid id looks like rather than the contract's field names.
  if (errors.runCommand) errors.runCommand = humanize(errors.runCommand);
  if (errors.title) errors.title = humanize(errors.title);
  if (errors.hardwareTier) errors.hardwareTier = humanize(errors.hardwareTier);
  if (errors.environmentId) errors.environmentId = hexIdProblem(environmentId, 24, 'An environment id');
  if (errors.commitId) errors.commitId = hexIdProblem(commitId, 40, 'A commit id');
  // Checked on submit, and when the user leaves a field they typed in (an untouched empty field is
  // not yet wrong, and an error appearing on blur would move the button being clicked); once shown,
  // a field's message follows the typing, so fixing it clears it.
  const [edited, setEdited] = useState<ReadonlySet<FieldName>>(new Set());
  const shown = (field: FieldName) => (submitted || touched.has(field) ? errors[field] : undefined);
  const edit = (field: FieldName) => setEdited((previous) => (previous.has(field) ? previous : new Set(previous).add(field)));
  const touch = (field: FieldName) => {
    if (edited.has(field)) setTouched((previous) => new Set(previous).add(field));
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (start.isPending) return;
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) {
      if (errors.runCommand) commandRef.current?.focus();
      return;
    }
    const input: NewJobV1 = {
      projectId,
      runCommand: runCommand.trim(),
      ...(title.trim() ? { title: title.trim() } : {}),
      ...(hardwareTier.trim() ? { hardwareTier: hardwareTier.trim() } : {}),
      ...(environmentId.trim() ? { environmentId: environmentId.trim() } : {}),
      ...(environmentId.trim() && environment.revisionSpec ? { environmentRevisionSpec: environment.revisionSpec } : {}),
      ...(commitId.trim() ? { commitId: commitId.trim().toLowerCase() } : {}),
    };
    start.mutate(input, {
      onSuccess: (job) => {
        toastStore.push({ tone: 'success', title: `Started job #${job.number}`, description: job.title ?? job.runCommand });
        onClose();
        void navigate({ to: '/jobs/$jobId', params: { jobId: job.id }, search: { projectId } });
      },
    });
  }

  const apiError = start.isError ? errorDetails(start.error) : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <TextField
        ref={commandRef}
        label="Command"
        value={runCommand}
        onChange={(event) => {
          setRunCommand(event.target.value);
          edit('runCommand');
        }}
        onBlur={() => touch('runCommand')}
        error={shown('runCommand')}
        hint="What to run in the project's files, e.g. python train.py --epochs 5 or a script name."
        className="font-mono"
        autoComplete="off"
        spellCheck={false}
        required
      />
      <TextField
        label="Title (optional)"
        value={title}
        onChange={(event) => {
          setTitle(event.target.value);
          edit('title');
        }}
        onBlur={() => touch('title')}
        error={shown('title')}
        autoComplete="off"
      />
      {freeTextTier ? (
        <TextField
          label="Hardware tier (optional)"
          value={hardwareTier}
          onChange={(event) => {
            setTierChoice(event.target.value);
            edit('hardwareTier');
          }}
          onBlur={() => touch('hardwareTier')}
          error={shown('hardwareTier')}
          hint="This Domino does not list its hardware tiers; type a tier id such as small-k8s, or leave it empty for the project's default."
          autoComplete="off"
          spellCheck={false}
        />
      ) : tiers.isPending ? (
        <div className="space-y-1.5" role="status">
          <span className="block text-sm font-medium text-slate-800 dark:text-slate-200">Hardware tier</span>
          <div className="skeleton h-9 w-full" aria-hidden="true" />
          <span className="sr-only">Loading hardware tiers…</span>
        </div>
      ) : (
        <SelectField
          label="Hardware tier"
          value={hardwareTier}
          onChange={(event) => setTierChoice(event.target.value)}
          hint={
            chosenTier?.maxSimultaneousExecutions !== undefined
              ? `Up to ${chosenTier.maxSimultaneousExecutions} jobs run on this tier at once; more wait in the queue.`
              : undefined
          }
        >
          {tierList.length === 0 ? <option value="">The project's default</option> : null}
          {tierList.map((tier) => (
            <option key={tier.id} value={tier.id}>
              {tier.name} — {describeTier(tier)}
              {tier.flags.isDefault ? ' (default)' : ''}
            </option>
          ))}
        </SelectField>
      )}
      <EnvironmentPicker value={environment} onChange={setEnvironment} error={shown('environmentId')} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Commit (optional)"
          value={commitId}
          onChange={(event) => {
            setCommitId(event.target.value);
            edit('commitId');
          }}
          onBlur={() => touch('commitId')}
          error={shown('commitId')}
          hint="A 40-character commit id of the project's files; empty runs the latest."
          className="font-mono"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      {apiError ? <ApiErrorAlert title="The job was not started" error={apiError} /> : null}
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" aria-disabled={start.isPending || undefined}>
          {start.isPending ? 'Starting…' : 'Run job'}
        </Button>
      </DialogActions>
    </form>
  );
}

export function RunJobDialog({
  open,
  onClose,
  projectId,
  projectName,
  initial,
  title = 'Run a job',
}: {
  open: boolean;
  onClose: () => void;
  projectId: string;
  projectName?: string;
  initial?: RunJobInitial;
  title?: string;
}) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={projectName ? `In the project ${projectName}.` : undefined} size="lg">
      <RunJobForm projectId={projectId} onClose={onClose} initial={initial} />
    </Dialog>
  );
}
