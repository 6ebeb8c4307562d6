// The review flow on a version's page: request a review (target stage from `reviewstages`,
// reviewers from the project's members, notes); an open review's reviewers with their decisions
// and notes; Approve / Request changes (notes required) after a confirmation; the requester (any
// editor) edits — which re-requests after changes were asked for — or cancels; and the version
// compared with the one now in the target stage.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { errorDetails } from '../../api/error-details';
import { modelsMutations, modelsQueries } from '../../api/models';
import { projectsQueries } from '../../api/projects';
import type { RegisteredModelReviewSummaryV1, RegisteredModelV1, RegisteredModelVersionDetailsV1 } from '../../api/schemas/models';
import type { UserV1 } from '../../api/schemas/users';
import { usersQueries } from '../../api/users';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Dialog, DialogActions } from '../../components/dialog';
import { ErrorPanel } from '../../components/error-panel';
import { SelectField, TextAreaField } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { PageSection } from '../../components/page-section';
import { TableSkeleton } from '../../components/skeleton';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { UserPicker } from '../../components/user-picker';
import { toastStore } from '../../lib/toast-store';
import { decisionLabel, reviewerName, ReviewStatusBadge, StageBadge } from './model-format';
import { ReviewCompare } from './review-compare';

/** The project's members other than `exclude`: who may review. */
function useCandidates(projectId: string, excludeId: string | undefined) {
  const project = useQuery(projectsQueries.detail(projectId));
  const directory = useQuery(usersQueries.directory());
  const memberIds = project.data ? new Set([project.data.ownerId, ...project.data.collaborators.map((c) => c.id)]) : undefined;
  const users: UserV1[] = memberIds ? (directory.data ?? []).filter((user) => memberIds.has(user.id) && user.id !== excludeId) : [];
  return { users, pending: project.isPending || directory.isPending, error: project.error ?? directory.error };
}

function ReviewersPicker({
  projectId,
  selfId,
  selected,
  onChange,
  error,
}: {
  projectId: string;
  selfId: string | undefined;
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  error?: string;
}) {
  const candidates = useCandidates(projectId, selfId);
  if (candidates.pending) return <TableSkeleton rows={2} columns={1} label="Loading the project’s members…" />;
  if (candidates.error) return <InlineAlert title="The project’s members could not be loaded">{errorDetails(candidates.error).messages.join(' ')}</InlineAlert>;
  if (candidates.users.length === 0)
    return <InlineAlert tone="info">Nobody else is a member of this project: add a collaborator to the project to have someone review.</InlineAlert>;
  return (
    <UserPicker
      legend="Reviewers"
      users={candidates.users}
      selectedIds={selected}
      mode="multiple"
      error={error}
      onChange={(userId, on) => {
        const next = new Set(selected);
        if (on) next.add(userId);
        else next.delete(userId);
        onChange(next);
      }}
    />
  );
}

function RequestReviewForm({ version, selfId }: { version: RegisteredModelVersionDetailsV1; selfId: string | undefined }) {
  const stages = useQuery(modelsQueries.reviewStages(version.modelName, version.modelVersion));
  const [target, setTarget] = useState('');
  const [reviewers, setReviewers] = useState<Set<string>>(new Set());
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<{ target?: string; reviewers?: string }>({});
  const request = useMutation(modelsMutations.requestReview(version.modelName));
  const chosen = target || stages.data?.[0] || '';

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (request.isPending) return;
    const problems = { target: chosen ? undefined : 'Choose the stage to move to', reviewers: reviewers.size ? undefined : 'Choose at least one reviewer' };
    setErrors(problems);
    if (problems.target || problems.reviewers) return;
    request.mutate(
      { modelName: version.modelName, version: version.modelVersion, targetStage: chosen, reviewers: [...reviewers].map((userId) => ({ userId })), notes },
      { onSuccess: () => toastStore.push({ tone: 'success', title: `Review requested: version ${version.modelVersion} to ${chosen}` }) },
    );
  }

  if (stages.isPending) return <TableSkeleton rows={2} columns={1} label="Loading the stages…" />;
  if (stages.isError) return <ErrorPanel details={errorDetails(stages.error)} onRetry={() => void stages.refetch()} />;
  return (
    <form
      aria-label="Request a review"
      onSubmit={onSubmit}
      noValidate
      className="max-w-2xl space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
    >
      <SelectField label="Move to stage" value={chosen} onChange={(event) => setTarget(event.target.value)} error={errors.target}>
        {stages.data.map((stage) => (
          <option key={stage} value={stage}>
            {stage}
          </option>
        ))}
      </SelectField>
      <ReviewersPicker projectId={version.project.id} selfId={selfId} selected={reviewers} onChange={setReviewers} error={errors.reviewers} />
      <TextAreaField label="Notes for the reviewers" value={notes} onChange={(event) => setNotes(event.target.value)} rows={3} />
      {request.isError ? <InlineAlert title="The review was not requested">{errorDetails(request.error).messages.join(' ')}</InlineAlert> : null}
      <Button type="submit" variant="primary" aria-disabled={request.isPending || undefined}>
        {request.isPending ? 'Requesting…' : 'Request review'}
      </Button>
    </form>
  );
}

/** Each reviewer's notes since the review was last (re)requested, from the version's activity. */
function useReviewerNotes(version: RegisteredModelVersionDetailsV1, review: RegisteredModelReviewSummaryV1): Map<string, string> | undefined {
  const info = useQuery(embeddedQueries.info());
  const activity = useQuery({ ...modelsQueries.activity(version.modelName, version.modelVersion), enabled: hasExtension(info.data, 'model-stage-history') });
  if (!activity.data) return undefined;
  const notes = new Map<string, string>();
  for (const event of activity.data.reviews) {
    if (event.modelReviewId !== review.modelReviewId) continue;
    if (event.kind === 'requested' || event.kind === 'rerequested') notes.clear();
    if (event.kind === 'responded') notes.set(event.by.id, event.notes ?? '');
  }
  return notes;
}

function EditReviewDialog({
  version,
  review,
  selfId,
  onClose,
}: {
  version: RegisteredModelVersionDetailsV1;
  review: RegisteredModelReviewSummaryV1;
  selfId: string | undefined;
  onClose: () => void;
}) {
  const [reviewers, setReviewers] = useState(() => new Set(review.reviewerResponses.map((r) => r.reviewer.id)));
  const [notes, setNotes] = useState(review.notes);
  const [error, setError] = useState<string | undefined>();
  const update = useMutation(modelsMutations.updateReview(version.modelName));
  const changesRequested = review.reviewerResponses.some((r) => r.decision?.toLowerCase() === 'requestchanges');
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (update.isPending) return;
    if (reviewers.size === 0) return setError('Keep at least one reviewer (or cancel the review)');
    update.mutate(
      {
        modelName: version.modelName,
        version: version.modelVersion,
        modelReviewId: review.modelReviewId,
        reviewers: [...reviewers].map((userId) => ({ userId })),
        notes,
      },
      {
        onSuccess: () => {
          toastStore.push({ tone: 'success', title: changesRequested ? 'Review requested again' : 'Review updated' });
          onClose();
        },
      },
    );
  }
  return (
    <Dialog
      open
      onClose={onClose}
      title={changesRequested ? 'Edit and request again' : 'Edit review'}
      description={changesRequested ? 'Changes were requested: saving asks every reviewer again, and their decisions start over.' : undefined}
      size="lg"
      dismissable={!update.isPending}
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {/* The requester stays out of the list: nobody reviews their own request. */}
        <ReviewersPicker projectId={version.project.id} selfId={selfId} selected={reviewers} onChange={setReviewers} error={error} />
        <TextAreaField label="Notes for the reviewers" value={notes} onChange={(event) => setNotes(event.target.value)} rows={3} />
        {update.isError ? <InlineAlert title="Not saved">{errorDetails(update.error).messages.join(' ')}</InlineAlert> : null}
        <DialogActions>
          <Button onClick={onClose}>Close</Button>
          <Button type="submit" variant="primary" aria-disabled={update.isPending || undefined}>
            {update.isPending ? 'Saving…' : changesRequested ? 'Save and request again' : 'Save'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

type Decision = 'Approved' | 'RequestChanges';

function RespondForm({ version, review }: { version: RegisteredModelVersionDetailsV1; review: RegisteredModelReviewSummaryV1 }) {
  const [notes, setNotes] = useState('');
  const [asked, setAsked] = useState<Decision | undefined>();
  const [notesError, setNotesError] = useState<string | undefined>();
  const respond = useMutation(modelsMutations.respond(version.modelName));
  function ask(decision: Decision) {
    if (decision === 'RequestChanges' && !notes.trim()) return setNotesError('Say what should change: notes are required to request changes');
    setNotesError(undefined);
    respond.reset();
    setAsked(decision);
  }
  function confirm() {
    if (!asked) return;
    respond.mutate(
      { modelName: version.modelName, version: version.modelVersion, modelReviewId: review.modelReviewId, decision: asked, notes: notes.trim() || undefined },
      {
        onSuccess: () => {
          toastStore.push({ tone: 'success', title: asked === 'Approved' ? 'You approved' : 'You requested changes' });
          setAsked(undefined);
          setNotes('');
        },
      },
    );
  }
  return (
    <div className="max-w-2xl space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h3 className="text-base font-semibold text-slate-900 dark:text-slate-50">Your decision</h3>
      <TextAreaField
        label="Notes"
        hint="Required when you request changes."
        value={notes}
        onChange={(event) => {
          setNotes(event.target.value);
          setNotesError(undefined);
        }}
        error={notesError}
        rows={3}
      />
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" onClick={() => ask('Approved')}>
          Approve
        </Button>
        <Button onClick={() => ask('RequestChanges')}>Request changes</Button>
      </div>
      <ConfirmDialog
        open={asked !== undefined}
        title={asked === 'Approved' ? 'Approve this version?' : 'Request changes?'}
        confirmLabel={asked === 'Approved' ? 'Approve' : 'Request changes'}
        tone="primary"
        pending={respond.isPending}
        error={respond.error}
        onConfirm={confirm}
        onCancel={() => setAsked(undefined)}
      >
        {asked === 'Approved'
          ? `When every reviewer has approved, version ${version.modelVersion} of ${version.modelName} moves to ${review.targetStage}.`
          : `The requester sees your notes and can edit the review to ask again.`}
      </ConfirmDialog>
    </div>
  );
}

function OpenReview({
  model,
  version,
  review,
  selfId,
  differencesOnly,
  onDifferencesOnly,
}: {
  model: RegisteredModelV1;
  version: RegisteredModelVersionDetailsV1;
  review: RegisteredModelReviewSummaryV1;
  selfId: string | undefined;
  differencesOnly: boolean;
  onDifferencesOnly: (value: boolean) => void;
}) {
  const notes = useReviewerNotes(version, review);
  const [editing, setEditing] = useState(false);
  const [canceling, setCanceling] = useState(false);
  const cancel = useMutation(modelsMutations.updateReview(version.modelName));
  const isReviewer = review.reviewerResponses.some((r) => r.reviewer.id === selfId);
  const canEdit = model.requestingUserAccess.canEditModel;

  return (
    <div className="space-y-6">
      <PageSection
        title={`Review: move to ${review.targetStage}`}
        actions={
          canEdit ? (
            <div className="flex gap-2">
              <Button onClick={() => setEditing(true)}>Edit review</Button>
              <Button variant="danger" onClick={() => setCanceling(true)}>
                Cancel review
              </Button>
            </div>
          ) : undefined
        }
      >
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
          <ReviewStatusBadge status={review.status} />
          <span>From</span>
          <StageBadge stage={version.currentStage} />
          <span>to</span>
          <StageBadge stage={review.targetStage} />
        </p>
        {review.notes ? (
          <blockquote className="border-l-2 border-slate-300 pl-2 text-sm whitespace-pre-wrap text-slate-800 dark:border-slate-600 dark:text-slate-200">
            {review.notes}
          </blockquote>
        ) : null}
        <Table caption="Reviewers">
          <TableHead>
            <Th>Reviewer</Th>
            <Th>Decision</Th>
            {notes ? <Th>Notes</Th> : null}
          </TableHead>
          <TableBody>
            {review.reviewerResponses.map((response) => (
              <tr key={response.reviewer.id}>
                <Td>
                  {reviewerName(response.reviewer)}
                  {response.reviewer.id === selfId ? ' — you' : ''}
                </Td>
                <Td>{decisionLabel(response.decision)}</Td>
                {notes ? <Td className="whitespace-pre-wrap">{notes.get(response.reviewer.id) || '—'}</Td> : null}
              </tr>
            ))}
          </TableBody>
        </Table>
      </PageSection>
      {isReviewer ? <RespondForm version={version} review={review} /> : null}
      <PageSection title={`Compared with the version in ${review.targetStage}`}>
        <ReviewCompare version={version} targetStage={review.targetStage} differencesOnly={differencesOnly} onDifferencesOnly={onDifferencesOnly} />
      </PageSection>
      {editing ? <EditReviewDialog version={version} review={review} selfId={selfId} onClose={() => setEditing(false)} /> : null}
      <ConfirmDialog
        open={canceling}
        title="Cancel the review?"
        confirmLabel="Cancel review"
        pending={cancel.isPending}
        error={cancel.error}
        onCancel={() => setCanceling(false)}
        onConfirm={() =>
          cancel.mutate(
            { modelName: version.modelName, version: version.modelVersion, modelReviewId: review.modelReviewId, status: 'Canceled' },
            {
              onSuccess: () => {
                toastStore.push({ tone: 'success', title: 'Review canceled' });
                setCanceling(false);
              },
            },
          )
        }
      >
        The version stays in {version.currentStage}; the reviewers’ decisions are kept in its activity.
      </ConfirmDialog>
    </div>
  );
}

export function ReviewPanel({
  model,
  version,
  differencesOnly,
  onDifferencesOnly,
}: {
  model: RegisteredModelV1;
  version: RegisteredModelVersionDetailsV1;
  differencesOnly: boolean;
  onDifferencesOnly: (value: boolean) => void;
}) {
  const self = useQuery(usersQueries.self());
  const review = version.reviewSummary;
  if (review && review.status.toLowerCase() === 'open')
    return (
      <OpenReview
        model={model}
        version={version}
        review={review}
        selfId={self.data?.id}
        differencesOnly={differencesOnly}
        onDifferencesOnly={onDifferencesOnly}
      />
    );
  return (
    <div className="space-y-4">
      {review ? (
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
          <span>The last review, to move it to {review.targetStage}, was</span>
          <ReviewStatusBadge status={review.status} />
        </p>
      ) : (
        <p className="text-sm text-slate-700 dark:text-slate-300">This version has not been reviewed.</p>
      )}
      {model.requestingUserAccess.canEditModel ? (
        <RequestReviewForm version={version} selfId={self.data?.id} />
      ) : (
        <InlineAlert tone="info">Only the project’s owner, admins and contributors may request a review.</InlineAlert>
      )}
    </div>
  );
}
