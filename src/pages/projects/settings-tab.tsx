import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useId, useRef, useState, type FormEvent } from 'react';
import { errorDetails } from '../../api/error-details';
import { projectsMutations, projectsQueries, type ProjectCopyResult } from '../../api/projects';
import { PROJECT_VISIBILITIES, RESULTS_BRANCHES, type ProjectResultsSettingsV1, type ProjectVisibilityV1 } from '../../api/schemas/projects';
import { usersQueries } from '../../api/users';
import { Button, buttonClasses } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { ErrorPanel } from '../../components/error-panel';
import { TextField } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { TableSkeleton } from '../../components/skeleton';
import { toastStore } from '../../lib/toast-store';
import { hasExtension } from '../../api/embedded';
import { ProjectDetailsForm } from './project-details-form';
import { readOnlyNote, readOnlyReason, type ProjectTabProps } from './project-tab-props';
import { BillingTagPicker, billingTagBody, billingTagError, useBillingTagChoice } from '../billing-tags/billing-tag-picker';
import { ProjectBillingTagSection } from '../billing-tags/project-billing-tag';
import { checkProjectName, copyNameFor } from './project-validation';
import { VisibilityRadios } from './visibility-radios';

type Branch = ProjectResultsSettingsV1['branch'];

const BRANCH_INFO: Record<Branch, { label: string; meaning: string }> = {
  main: {
    label: 'Main branch',
    meaning: "Files a job writes are committed to the project's main branch, so the next job and every collaborator see them at once.",
  },
  isolated: {
    label: 'Isolated branch',
    meaning:
      "Each job commits its results to a branch of its own; the main branch changes only when someone merges them. Use it when jobs must not overwrite each other's files.",
  },
};

function ResultsSettings({ project, permissions }: ProjectTabProps) {
  const settings = useQuery(projectsQueries.resultsSettings(project.id));
  const update = useMutation(projectsMutations.updateResultsSettings(project.id));
  const name = useId();
  const [choice, setChoice] = useState<Branch | undefined>(undefined);
  const reason = readOnlyReason(permissions, 'edit');
  const note = readOnlyNote(permissions, 'edit');

  if (settings.isPending) return <TableSkeleton rows={2} columns={1} label="Loading results settings…" />;
  if (settings.isError) return <ErrorPanel details={errorDetails(settings.error)} onRetry={() => void settings.refetch()} />;
  const saved = settings.data.branch;
  const selected = choice ?? saved;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (selected === saved || update.isPending) return;
    update.mutate(
      { projectId: project.id, settings: { branch: selected } },
      {
        onSuccess: (result) => {
          setChoice(undefined);
          toastStore.push({ tone: 'success', title: `Results now go to the ${BRANCH_INFO[result.branch].label.toLowerCase()}` });
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <fieldset disabled={Boolean(reason)}>
        <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">Where job results are committed</legend>
        <div className="mt-2 space-y-2">
          {RESULTS_BRANCHES.map((branch) => (
            <label
              key={branch}
              className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 px-3 py-2 has-checked:border-blue-600 has-checked:bg-blue-50 dark:border-slate-700 dark:has-checked:border-blue-400 dark:has-checked:bg-slate-800"
            >
              <input
                type="radio"
                name={name}
                value={branch}
                checked={selected === branch}
                onChange={() => setChoice(branch)}
                aria-describedby={`${name}-${branch}`}
                className="mt-0.5 size-4 accent-blue-700 dark:accent-blue-400"
              />
              <span className="text-sm">
                <span className="block font-medium text-slate-900 dark:text-slate-100">
                  {BRANCH_INFO[branch].label}
                  {branch === saved ? <span className="ml-2 text-xs font-normal text-slate-600 dark:text-slate-400">(current)</span> : null}
                </span>
                <span id={`${name}-${branch}`} className="block text-xs text-slate-600 dark:text-slate-400">
                  {BRANCH_INFO[branch].meaning}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {update.isError ? <InlineAlert title="The setting was not saved">{errorDetails(update.error).messages.join(' ')}</InlineAlert> : null}
      {reason ? (
        note ? (
          <p className="text-xs text-slate-600 dark:text-slate-400">{note}</p>
        ) : null
      ) : (
        <Button type="submit" variant="primary" aria-disabled={selected === saved || update.isPending || undefined}>
          {update.isPending ? 'Saving…' : 'Save results setting'}
        </Button>
      )}
    </form>
  );
}

function CopyProjectForm({ project, onClose, ownedNames }: { project: ProjectTabProps['project']; onClose: () => void; ownedNames: readonly string[] }) {
  const navigate = useNavigate();
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(() => copyNameFor(project.name, ownedNames));
  const [visibility, setVisibility] = useState<ProjectVisibilityV1>(project.visibility);
  const [copyDatasets, setCopyDatasets] = useState(true);
  const tagChoice = useBillingTagChoice();
  // The copy starts with the source's tag when it can still be given; a copy does not inherit it otherwise.
  const [billingTagDraft, setBillingTag] = useState<string | undefined>(undefined);
  const billingTag = billingTagDraft ?? (project.billingTag && tagChoice.tags.includes(project.billingTag.tag) ? project.billingTag.tag : '');
  const tagError = billingTagError(tagChoice, billingTag);
  const [submitted, setSubmitted] = useState(false);
  const [result, setResult] = useState<ProjectCopyResult | null>(null);
  const copy = useMutation(projectsMutations.copy(project.id));
  const legendId = useId();
  const nameCheck = checkProjectName(name, { takenNames: ownedNames });

  const openCopy = (projectId: string) => {
    onClose();
    void navigate({ to: '/projects/$projectId', params: { projectId } });
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (copy.isPending) return;
    setSubmitted(true);
    if (nameCheck.error) {
      nameRef.current?.focus();
      return;
    }
    if (tagError) return;
    copy.mutate(
      { projectId: project.id, spec: { name: nameCheck.value, visibility, copyDatasets, ...billingTagBody(tagChoice, billingTag) } },
      {
        onSuccess: (copied) => {
          toastStore.push({ tone: 'success', title: `Copied ${project.name} to “${copied.project.name}”` });
          // Some datasets could not be copied: say which before leaving, so it is not missed.
          if (copied.datasetsNotCopied.length > 0) setResult(copied);
          else openCopy(copied.project.id);
        },
      },
    );
  }

  if (result) {
    return (
      <div className="space-y-4">
        <InlineAlert tone="info" title={`“${result.project.name}” was created, but some datasets were not copied`}>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {result.datasetsNotCopied.map((entry) => (
              <li key={entry.datasetInfo.id}>
                <span className="font-medium">{entry.datasetInfo.name}</span>: {entry.errorMessage}
              </li>
            ))}
          </ul>
        </InlineAlert>
        <DialogActions>
          <Button onClick={onClose}>Stay here</Button>
          <Button variant="primary" onClick={() => openCopy(result.project.id)}>
            Open the copy
          </Button>
        </DialogActions>
      </div>
    );
  }

  const apiError = copy.isError ? errorDetails(copy.error) : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <TextField
        ref={nameRef}
        label="Name of the copy"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={submitted || name !== '' ? nameCheck.error : undefined}
        hint="The copy is yours; its name must be unique among your projects."
        autoComplete="off"
        spellCheck={false}
        required
      />
      <fieldset aria-labelledby={legendId}>
        <legend id={legendId} className="text-sm font-medium text-slate-800 dark:text-slate-200">
          Visibility of the copy
        </legend>
        <VisibilityRadios value={visibility} onChange={setVisibility} options={PROJECT_VISIBILITIES} />
      </fieldset>
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          checked={copyDatasets}
          onChange={(event) => setCopyDatasets(event.target.checked)}
          className="mt-0.5 size-4 accent-blue-700 dark:accent-blue-400"
        />
        <span>
          <span className="block font-medium text-slate-900 dark:text-slate-100">Copy the project's datasets</span>
          <span className="block text-xs text-slate-600 dark:text-slate-400">
            Files, goals, imported repositories and shared dataset links are always copied.
          </span>
        </span>
      </label>
      <BillingTagPicker choice={tagChoice} value={billingTag} onChange={setBillingTag} error={submitted ? tagError : undefined} />
      {apiError ? <InlineAlert title="The project was not copied">{apiError.messages.join(' ')}</InlineAlert> : null}
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" aria-disabled={copy.isPending || undefined}>
          {copy.isPending ? 'Copying…' : 'Copy project'}
        </Button>
      </DialogActions>
    </form>
  );
}

function ArchiveForm({ project, onClose }: { project: ProjectTabProps['project']; onClose: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const archive = useMutation(projectsMutations.archive(project.id));
  const matches = typed === project.name;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!matches || archive.isPending) return;
    archive.mutate(undefined, {
      onSuccess: () => {
        toastStore.push({ tone: 'success', title: `Archived ${project.name}` });
        onClose();
        // The list no longer has it; the project's own pages are refetched when visited again.
        queryClient.removeQueries({ queryKey: projectsQueries.detail(project.id).queryKey, exact: true });
        void navigate({ to: '/projects' });
      },
    });
  }

  const apiError = archive.isError ? errorDetails(archive.error) : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <TextField
        label={
          <>
            Type <span className="font-mono font-semibold">{project.name}</span> to confirm
          </>
        }
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      {apiError ? <InlineAlert title="The project was not archived">{apiError.messages.join(' ')}</InlineAlert> : null}
      <DialogActions>
        <Button onClick={archive.isPending ? undefined : onClose} aria-disabled={archive.isPending || undefined}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" aria-disabled={!matches || archive.isPending || undefined}>
          {archive.isPending ? 'Archiving…' : 'Archive project'}
        </Button>
      </DialogActions>
    </form>
  );
}

export function SettingsTab(props: ProjectTabProps) {
  const { project, permissions, info } = props;
  const restorable = hasExtension(info, 'archived-projects');
  const [dialog, setDialog] = useState<'copy' | 'archive' | null>(null);
  const projects = useQuery(projectsQueries.allVisible());
  const self = useQuery(usersQueries.self());
  const ownedNames = (projects.data ?? []).filter((p) => p.ownerId === self.data?.id).map((p) => p.name);
  const manageReason = readOnlyReason(permissions, 'manage');
  const manageNote = readOnlyNote(permissions, 'manage');
  const close = () => setDialog(null);

  return (
    <div className="max-w-3xl space-y-8">
      {hasExtension(info, 'project-edit') ? (
        <section aria-labelledby="details-heading" className="space-y-3">
          <h2 id="details-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-50">
            Name, description and visibility
          </h2>
          {/* Keyed by what is saved: a change made elsewhere (or this form's own save) starts a fresh draft. */}
          <ProjectDetailsForm key={`${project.name}\n${project.description}\n${project.visibility}`} project={project} permissions={permissions} />
        </section>
      ) : null}
      <ProjectBillingTagSection project={project} permissions={permissions} info={info} />
      <section aria-labelledby="results-heading" className="space-y-3">
        <h2 id="results-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-50">
          Results
        </h2>
        <ResultsSettings {...props} />
      </section>

      <section aria-labelledby="copy-heading" className="space-y-2">
        <h2 id="copy-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-50">
          Copy project
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Make a new project of your own with this project's files, goals and repositories. The original is not changed.
        </p>
        <Button onClick={() => setDialog('copy')}>Copy project…</Button>
      </section>

      <section aria-labelledby="archive-heading" className="space-y-2 rounded-lg border border-red-300 p-4 dark:border-red-800">
        <h2 id="archive-heading" className="text-lg font-semibold text-red-800 dark:text-red-300">
          Archive project
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          An archived project leaves the projects list and becomes read-only for everyone. Its files and history are kept
          {restorable ? ', and its owner or an administrator can restore it from the archived projects.' : '.'}
        </p>
        {manageReason ? (
          manageNote ? (
            <p className="text-xs text-slate-600 dark:text-slate-400">{manageNote}</p>
          ) : null
        ) : (
          <button type="button" className={buttonClasses('danger')} onClick={() => setDialog('archive')}>
            Archive project…
          </button>
        )}
      </section>

      <Dialog open={dialog === 'copy'} onClose={close} title="Copy project" description={`Create a copy of ${project.name} that you own.`} size="lg">
        <CopyProjectForm project={project} onClose={close} ownedNames={ownedNames} />
      </Dialog>
      <Dialog
        open={dialog === 'archive'}
        onClose={close}
        role="alertdialog"
        title={`Archive ${project.name}?`}
        description={
          restorable
            ? 'The project disappears from the projects list and nobody can change it until it is restored (Projects, Show: Archived projects).'
            : 'The project disappears from the projects list and nobody can change it any more. This cannot be undone from the console.'
        }
      >
        <ArchiveForm project={project} onClose={close} />
      </Dialog>
    </div>
  );
}
