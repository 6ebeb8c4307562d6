import { describe, expect, it } from 'vitest';
import { formatDuration, formatRelative, hasProblem, isLiveStatus, jobDurationMs, stageTimeline, statusTone } from './job-status';

const running = { executionStatus: 'Running', isCompleted: false };
const succeeded = { executionStatus: 'Succeeded', isCompleted: true };
const T0 = Date.parse('2026-05-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

describe('statusTone', () => {
  it('maps each documented state to a tone, whatever the case', () => {
    expect(statusTone('Queued')).toBe('waiting');
    expect(statusTone('Pending')).toBe('waiting');
    expect(statusTone('Preparing')).toBe('preparing');
    expect(statusTone('Running')).toBe('running');
    expect(statusTone('Finishing')).toBe('running');
    expect(statusTone('Succeeded')).toBe('succeeded');
    expect(statusTone('FAILED')).toBe('failed');
    expect(statusTone('error')).toBe('failed');
    expect(statusTone('Stopped')).toBe('stopped');
    expect(statusTone('Scheduled')).toBe('unknown');
  });

  it('says which statuses come with a problem to explain', () => {
    expect(['Failed', 'error', 'Stopped'].every(hasProblem)).toBe(true);
    expect(['Succeeded', 'Running', 'Queued'].some(hasProblem)).toBe(false);
  });
});

describe('isLiveStatus', () => {
  it('is live until completed, and a terminal status counts as completed even if the flag lags', () => {
    expect(isLiveStatus(running)).toBe(true);
    expect(isLiveStatus({ executionStatus: 'Queued', isCompleted: false })).toBe(true);
    expect(isLiveStatus(succeeded)).toBe(false);
    expect(isLiveStatus({ executionStatus: 'Failed', isCompleted: false })).toBe(false);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [42_000, '42s'],
    [245_000, '4m 05s'],
    [3_720_000, '1h 02m'],
    [4 * 86_400_000 + 3 * 3_600_000, '4d 3h'],
    [-5, '0s'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('formatRelative', () => {
  const now = T0;
  it.each([
    [now - 10_000, 'just now'],
    [now + 60_000, 'just now'],
    [now - 5 * 60_000, '5 minutes ago'],
    [now - 3 * 3_600_000, '3 hours ago'],
    [now - 26 * 3_600_000, 'yesterday'],
    [now - 15 * 86_400_000, '2 weeks ago'],
  ])('%d → %s', (time, text) => expect(formatRelative(time, now)).toBe(text));
});

describe('jobDurationMs', () => {
  const stageTimes = { submissionTime: at(0), startTime: at(10) };
  it('counts up to now while the job runs', () => {
    expect(jobDurationMs({ stageTimes, status: running }, T0 + 70_000)).toBe(60_000);
  });
  it('uses the server’s duration once finished, else start to completion', () => {
    expect(jobDurationMs({ stageTimes: { ...stageTimes, completedTime: at(100) }, status: succeeded, durationMs: 12_345 }, T0 + 999_000)).toBe(12_345);
    expect(jobDurationMs({ stageTimes: { ...stageTimes, completedTime: at(100) }, status: succeeded }, T0 + 999_000)).toBe(90_000);
  });
  it('is undefined before the job starts', () => {
    expect(jobDurationMs({ stageTimes: { submissionTime: at(0) }, status: { executionStatus: 'Queued', isCompleted: false } }, T0 + 5000)).toBeUndefined();
  });
});

describe('stageTimeline', () => {
  it('gives each stage of a finished job its time until the next one, and names the last after the outcome', () => {
    const stages = stageTimeline(
      { submissionTime: at(0), preparingTime: at(2), startTime: at(16), finishingTime: at(241), completedTime: at(246) },
      succeeded,
      T0 + 10_000_000,
    );
    expect(stages.map((stage) => [stage.key, stage.label, stage.state, stage.durationMs])).toEqual([
      ['submitted', 'Submitted', 'done', 2000],
      ['preparing', 'Preparing', 'done', 14_000],
      ['running', 'Running', 'done', 225_000],
      ['finishing', 'Finishing', 'done', 5000],
      ['completed', 'Succeeded', 'done', undefined],
    ]);
  });

  it('marks the stage a live job is in as current, counting up to now, and later ones as upcoming', () => {
    const stages = stageTimeline({ submissionTime: at(0), preparingTime: at(1), startTime: at(5) }, running, T0 + 65_000);
    expect(stages.map((stage) => [stage.key, stage.state, stage.durationMs])).toEqual([
      ['submitted', 'done', 1000],
      ['preparing', 'done', 4000],
      ['running', 'current', 60_000],
      ['finishing', 'upcoming', undefined],
      ['completed', 'upcoming', undefined],
    ]);
  });

  it('skips stages a deployment does not report, spanning the gap from the previous stage', () => {
    const stages = stageTimeline({ submissionTime: at(0), startTime: at(30), completedTime: at(90) }, { executionStatus: 'Failed', isCompleted: true }, T0);
    expect(stages.map((stage) => [stage.key, stage.label, stage.state, stage.durationMs])).toEqual([
      ['submitted', 'Submitted', 'done', 30_000],
      ['preparing', 'Preparing', 'skipped', undefined],
      ['running', 'Running', 'done', 60_000],
      ['finishing', 'Finishing', 'skipped', undefined],
      ['completed', 'Failed', 'done', undefined],
    ]);
  });

  it('treats a job stopped while queued as ended, even without a completion time', () => {
    const stages = stageTimeline({ submissionTime: at(0) }, { executionStatus: 'Stopped', isCompleted: true }, T0 + 5000);
    expect(stages.map((stage) => stage.state)).toEqual(['done', 'skipped', 'skipped', 'skipped', 'done']);
    expect(stages[0]?.durationMs).toBeUndefined();
    expect(stages[4]?.label).toBe('Stopped');
  });

  it('shows a queued job waiting in its first stage', () => {
    const stages = stageTimeline({ submissionTime: at(0) }, { executionStatus: 'Queued', isCompleted: false }, T0 + 7000);
    expect(stages[0]).toMatchObject({ state: 'current', durationMs: 7000 });
    expect(stages.slice(1).every((stage) => stage.state === 'upcoming')).toBe(true);
  });
});
