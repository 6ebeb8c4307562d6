// What the registry's pages show the same way: a stage (its name, always in words), a metric's
// value, a reviewer's name, a review status.
import { Badge, type BadgeTone } from '../../components/badge';

const STAGE_TONES: Record<string, BadgeTone> = { production: 'green', staging: 'blue', archived: 'neutral', none: 'neutral' };

/** A stage as a badge: the tone helps, the word says it. */
export function StageBadge({ stage }: { stage: string }) {
  return <Badge tone={STAGE_TONES[stage.toLowerCase()] ?? 'violet'}>{stage}</Badge>;
}

const REVIEW_TONES: Record<string, BadgeTone> = { open: 'amber', approved: 'green', canceled: 'neutral' };

export function ReviewStatusBadge({ status }: { status: string }) {
  return <Badge tone={REVIEW_TONES[status.toLowerCase()] ?? 'neutral'}>Review {status.toLowerCase()}</Badge>;
}

/** Four significant digits: enough to tell runs apart, short enough for a table. */
export function formatMetric(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return Number(value.toPrecision(4)).toString();
}

export function reviewerName(user: { firstName: string; lastName: string; username: string }): string {
  const full = `${user.firstName} ${user.lastName}`.trim();
  return full ? `${full} (${user.username})` : user.username;
}

/** The decision words people read (the wire's RequestChanges is one word). */
export function decisionLabel(decision: string | undefined): string {
  if (!decision) return 'Pending';
  if (decision.toLowerCase() === 'requestchanges') return 'Changes requested';
  return decision;
}

export const linkClasses = 'font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400';
