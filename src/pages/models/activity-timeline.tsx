// A version's activity (the `model-stage-history` extension): its review events and stage changes
// on one timeline, oldest first, each said in words.
import { useQuery } from '@tanstack/react-query';
import { errorDetails } from '../../api/error-details';
import { modelsQueries } from '../../api/models';
import type { ReviewEventSchema, StageChange } from '../../api/schemas/models';
import type { z } from 'zod';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { TableSkeleton } from '../../components/skeleton';
import { dateTime } from '../../lib/dates';
import { decisionLabel, reviewerName, StageBadge } from './model-format';
import { CAUSE_LABELS } from './stage-history';

type ReviewEvent = z.output<typeof ReviewEventSchema>;
type Entry = { at: string; key: string } & ({ type: 'review'; event: ReviewEvent } | { type: 'stage'; change: StageChange });

function reviewSentence(event: ReviewEvent): string {
  const who = reviewerName(event.by);
  switch (event.kind) {
    case 'requested':
      return `${who} requested a review to move it to ${event.targetStage}`;
    case 'edited':
      return `${who} edited the review`;
    case 'rerequested':
      return `${who} asked the reviewers again (every decision starts over)`;
    case 'responded':
      return `${who}: ${decisionLabel(event.decision)}`;
    case 'approved':
      return `The review was approved: every reviewer approved`;
    case 'canceled':
      return `${who} canceled the review`;
  }
}

export function ActivityTimeline({ modelName, version }: { modelName: string; version: number }) {
  const activity = useQuery(modelsQueries.activity(modelName, version));
  if (activity.isPending) return <TableSkeleton rows={3} columns={2} label="Loading the activity…" />;
  if (activity.isError) return <ErrorPanel details={errorDetails(activity.error)} onRetry={() => void activity.refetch()} />;
  const entries: Entry[] = [
    ...activity.data.reviews.map((event, index) => ({ at: event.at, key: `r${index}`, type: 'review' as const, event })),
    ...activity.data.stageChanges.map((change, index) => ({ at: change.at, key: `s${index}`, type: 'stage' as const, change })),
  ].sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
  if (entries.length === 0)
    return <EmptyState title="Nothing has happened yet">Reviews and stage changes of this version appear here as they happen.</EmptyState>;
  return (
    <ol aria-label="Activity" className="space-y-3 border-l-2 border-slate-200 pl-4 dark:border-slate-700">
      {entries.map((entry) => (
        <li key={entry.key} className="relative">
          <span aria-hidden="true" className="absolute top-1.5 -left-[1.4rem] h-2.5 w-2.5 rounded-full bg-slate-400 dark:bg-slate-500" />
          <p className="text-xs text-slate-600 dark:text-slate-400">
            <time dateTime={entry.at}>{dateTime.format(new Date(entry.at))}</time>
          </p>
          {entry.type === 'review' ? (
            <>
              <p className="text-sm text-slate-900 dark:text-slate-100">{reviewSentence(entry.event)}</p>
              {entry.event.notes ? (
                <blockquote className="mt-1 border-l-2 border-slate-300 pl-2 text-sm whitespace-pre-wrap text-slate-700 dark:border-slate-600 dark:text-slate-300">
                  {entry.event.notes}
                </blockquote>
              ) : null}
            </>
          ) : (
            <p className="flex flex-wrap items-center gap-1.5 text-sm text-slate-900 dark:text-slate-100">
              <span>Stage changed from</span>
              <StageBadge stage={entry.change.fromStage} />
              <span>to</span>
              <StageBadge stage={entry.change.toStage} />
              <span>
                — {CAUSE_LABELS[entry.change.cause] ?? entry.change.cause}, by {reviewerName(entry.change.by)}
              </span>
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
