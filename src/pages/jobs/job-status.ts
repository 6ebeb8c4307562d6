// How a job's state reads on screen: its badge tone, whether it is still live, and the stage walk
// (submitted → preparing → running → finishing → completed) with the time spent in each stage.
import type { JobStatusV1, StageTimesV1 } from '../../api/schemas/jobs';

export type StatusTone = 'waiting' | 'preparing' | 'running' | 'succeeded' | 'failed' | 'stopped' | 'unknown';

const TONES: Record<string, StatusTone> = {
  queued: 'waiting',
  pending: 'waiting',
  preparing: 'preparing',
  running: 'running',
  finishing: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  error: 'failed',
  stopped: 'stopped',
};

/** The badge tone of an execution status, compared case-insensitively (deployments differ in case). */
export function statusTone(executionStatus: string): StatusTone {
  return TONES[executionStatus.toLowerCase()] ?? 'unknown';
}

/** A list with a live job in it is asked again this often. */
export const LIVE_LIST_REFRESH_MS = 2000;
/** Asked again this often while nothing on the list runs: new jobs appear without a reload. */
export const QUIET_REFRESH_MS = 10_000;

const TERMINAL = new Set(['succeeded', 'failed', 'error', 'stopped']);

/**
 * Whether the job may still change: not completed. isCompleted is the API's word; a terminal
 * executionStatus counts too, in case a deployment lags in setting the flag.
 */
export function isLiveStatus(status: Pick<JobStatusV1, 'executionStatus' | 'isCompleted'>): boolean {
  return !status.isCompleted && !TERMINAL.has(status.executionStatus.toLowerCase());
}

/** Statuses that come with a problem worth explaining (the logs endpoint's problem + helpLink). */
export function hasProblem(executionStatus: string): boolean {
  return ['failed', 'error', 'stopped'].includes(executionStatus.toLowerCase());
}

/** Elapsed run time in ms: from start to completion (or now while running); undefined before it starts. */
export function jobDurationMs(
  job: { stageTimes: StageTimesV1; status: Pick<JobStatusV1, 'executionStatus' | 'isCompleted'>; durationMs?: number | undefined },
  now: number,
): number | undefined {
  const live = isLiveStatus(job.status);
  if (!live && job.durationMs !== undefined) return job.durationMs;
  const start = parseTime(job.stageTimes.startTime);
  if (start === undefined) return undefined;
  const end = live ? now : (parseTime(job.stageTimes.completedTime) ?? now);
  return Math.max(0, end - start);
}

export function parseTime(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** "0s", "42s", "4m 05s", "1h 02m", "3d 4h": compact and fixed-width enough for a table column. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
  return `${seconds}s`;
}

const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago". A time in the future (clock skew) is "just now". */
export function formatRelative(time: number, now: number): string {
  const elapsed = now - time;
  if (elapsed < 45_000) return 'just now';
  for (const [unit, size] of RELATIVE_UNITS) {
    if (elapsed >= size) return relativeFormat.format(-Math.floor(elapsed / size), unit);
  }
  return relativeFormat.format(-Math.max(1, Math.round(elapsed / 60_000)), 'minute');
}

/** The full local date and time, for a title or a <time> element's text. */
export function formatAbsolute(time: number): string {
  return new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export type StageKey = 'submitted' | 'preparing' | 'running' | 'finishing' | 'completed';

export interface Stage {
  key: StageKey;
  label: string;
  /** done: reached and left; current: the job is in it now; skipped: passed over without a time; upcoming: not yet. */
  state: 'done' | 'current' | 'skipped' | 'upcoming';
  /** When the job entered the stage. */
  time: number | undefined;
  /** Time spent in the stage (up to now for the current one); undefined when not known. */
  durationMs: number | undefined;
}

const STAGE_ORDER: readonly { key: StageKey; label: string; field: keyof StageTimesV1 }[] = [
  { key: 'submitted', label: 'Submitted', field: 'submissionTime' },
  { key: 'preparing', label: 'Preparing', field: 'preparingTime' },
  { key: 'running', label: 'Running', field: 'startTime' },
  { key: 'finishing', label: 'Finishing', field: 'finishingTime' },
  { key: 'completed', label: 'Completed', field: 'completedTime' },
];

/**
 * The stages of a job with the time spent in each. A stage's time runs until the next stage that
 * has a time; a stage without one (never entered, or not reported by the deployment) is skipped
 * when a later stage was reached, upcoming otherwise. The last stage is named after the outcome.
 */
export function stageTimeline(stageTimes: StageTimesV1, status: Pick<JobStatusV1, 'executionStatus' | 'isCompleted'>, now: number): Stage[] {
  const live = isLiveStatus(status);
  const times = STAGE_ORDER.map(({ field }) => parseTime(stageTimes[field]));
  // A finished job whose completion time is missing still ended: treat the last stage as reached.
  const reached = times.map((time, index) => time !== undefined || (!live && index === STAGE_ORDER.length - 1));
  const lastReached = reached.lastIndexOf(true);

  return STAGE_ORDER.map(({ key, label }, index) => {
    const time = times[index];
    const stageLabel = key === 'completed' && !live ? status.executionStatus : label;
    if (!reached[index]) {
      return { key, label: stageLabel, state: index < lastReached ? 'skipped' : 'upcoming', time: undefined, durationMs: undefined };
    }
    if (key === 'completed') return { key, label: stageLabel, state: 'done', time, durationMs: undefined };
    const isCurrent = live && index === lastReached;
    const nextTime = times.slice(index + 1).find((candidate) => candidate !== undefined);
    let durationMs: number | undefined;
    if (time !== undefined) {
      if (isCurrent) durationMs = Math.max(0, now - time);
      else if (nextTime !== undefined) durationMs = Math.max(0, nextTime - time);
    }
    return { key, label: stageLabel, state: isCurrent ? 'current' : 'done', time, durationMs };
  });
}
