import type { JobStatusV1, StageTimesV1 } from '../../api/schemas/jobs';
import { formatAbsolute, formatDuration, stageTimeline, statusTone, type Stage } from './job-status';

const STATE_WORDS: Record<Stage['state'], string> = {
  done: 'done',
  current: 'in progress',
  skipped: 'not reported',
  upcoming: 'not yet',
};

function Marker({ stage, failed }: { stage: Stage; failed: boolean }) {
  const base = 'flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-bold ring-2';
  if (stage.state === 'current') {
    return (
      <span aria-hidden="true" className={`${base} bg-blue-50 text-blue-700 ring-blue-600 dark:bg-blue-950 dark:text-blue-300 dark:ring-blue-400`}>
        <span className="size-2 rounded-full bg-blue-600 motion-safe:animate-pulse dark:bg-blue-400" />
      </span>
    );
  }
  if (stage.state === 'done') {
    const tone = failed
      ? 'bg-red-600 text-white ring-red-600 dark:bg-red-500 dark:ring-red-500'
      : 'bg-emerald-600 text-white ring-emerald-600 dark:bg-emerald-500 dark:text-slate-950 dark:ring-emerald-500';
    return (
      <span aria-hidden="true" className={`${base} ${tone}`}>
        {failed ? '!' : '✓'}
      </span>
    );
  }
  return (
    <span aria-hidden="true" className={`${base} bg-white text-slate-500 ring-slate-300 dark:bg-slate-950 dark:text-slate-400 dark:ring-slate-600`}>
      {stage.state === 'skipped' ? '–' : ''}
    </span>
  );
}

/** submitted → preparing → running → finishing → the outcome, with the time spent in each stage. */
export function StageTimeline({
  stageTimes,
  status,
  now,
}: {
  stageTimes: StageTimesV1;
  status: Pick<JobStatusV1, 'executionStatus' | 'isCompleted'>;
  now: number;
}) {
  const stages = stageTimeline(stageTimes, status, now);
  const tone = statusTone(status.executionStatus);
  return (
    <ol className="grid gap-3 sm:grid-cols-5" aria-label="Stages">
      {stages.map((stage, index) => {
        // The outcome stage shows how the job ended; earlier done stages are plain successes.
        const failed = stage.key === 'completed' && (tone === 'failed' || tone === 'stopped');
        const muted = stage.state === 'upcoming' || stage.state === 'skipped';
        return (
          <li key={stage.key} className="relative flex gap-3 sm:flex-col sm:gap-2">
            {index < stages.length - 1 ? (
              <span aria-hidden="true" className="absolute top-3 left-6 hidden h-0.5 w-[calc(100%-1.5rem)] bg-slate-200 sm:block dark:bg-slate-700" />
            ) : null}
            <span className="relative">
              <Marker stage={stage} failed={failed} />
            </span>
            <div className="min-w-0 text-sm">
              <p className={`font-medium ${muted ? 'text-slate-600 dark:text-slate-400' : 'text-slate-900 dark:text-slate-100'}`}>
                {stage.label}
                <span className="sr-only">: {STATE_WORDS[stage.state]}</span>
              </p>
              {stage.time !== undefined ? (
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  <time dateTime={new Date(stage.time).toISOString()} title={formatAbsolute(stage.time)}>
                    {new Date(stage.time).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })}
                  </time>
                </p>
              ) : stage.state === 'skipped' ? (
                <p className="text-xs text-slate-600 dark:text-slate-400">Not reported</p>
              ) : null}
              {stage.durationMs !== undefined ? (
                <p className="font-mono text-xs text-slate-700 tabular-nums dark:text-slate-300">
                  {stage.state === 'current' ? `${formatDuration(stage.durationMs)} so far` : formatDuration(stage.durationMs)}
                </p>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
