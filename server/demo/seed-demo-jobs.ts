// The demo's job history: a few hundred jobs over the last 90 days, replayed through the runner's
// own code path (real processes, real logs, real result commits) by runners whose clocks are set
// in the past and run faster than real time, so a run of a few hundred milliseconds reads as the
// minutes it stands for. Then a few long jobs start for real and print for an hour.
import type { Clock } from '../clock';
import type { ServerContext } from '../context';
import { readSetting, writeSetting } from '../db/database';
import type { UserRow } from '../db/users-repository';
import type { JobRunner } from '../jobs/runner';
import { addTag, startJob } from '../services/jobs';
import { asActor } from './demo-workspace';

/** A clock that starts at a chosen past moment and runs `speed` times faster than real time. */
class ReplayClock implements Clock {
  private base = 0;
  private realStart = 0;
  constructor(private readonly speed: number) {}
  setTo(moment: number): void {
    this.base = moment;
    this.realStart = Date.now();
  }
  now(): Date {
    return new Date(this.base + (Date.now() - this.realStart) * this.speed);
  }
}

const HISTORY_JOBS = 240;
const HISTORY_DAYS = 90;
const REPLAY_SPEED = 400;
// Two lanes leave a core for the person looking at the dashboard meanwhile.
const PARALLEL_RUNNERS = 2;

interface Recipe {
  command: string;
  title: string;
  tier: string;
  tags?: string[];
}

// Commands that exist in the demo projects' files (seed-demo-projects.ts); some fail on purpose.
const RECIPES: Record<string, Recipe[]> = {
  'customer-churn': [
    { command: 'train.py', title: 'Nightly retrain', tier: 'medium-k8s', tags: ['nightly'] },
    { command: 'train.py --features v2', title: 'Feature set v2', tier: 'large-k8s', tags: ['experiment'] },
    { command: 'evaluate.py', title: 'Evaluate on holdout', tier: 'small-k8s' },
  ],
  'credit-risk-scoring': [
    { command: 'python3 -c "import score; print(score.score({\'utilisation\': 0.4}))"', title: 'Score smoke test', tier: 'small-k8s' },
    { command: 'score.py', title: 'Batch scoring', tier: 'medium-k8s', tags: ['batch'] },
  ],
  'demand-forecasting': [
    { command: 'forecast.py --region north', title: 'Forecast north', tier: 'large-k8s', tags: ['weekly'] },
    { command: 'forecast.py --region south', title: 'Forecast south', tier: 'large-k8s', tags: ['weekly'] },
  ],
  'image-quality-inspection': [
    { command: 'inspect.sh batch-42', title: 'Inspect batch', tier: 'gpu-k8s', tags: ['gpu'] },
    { command: 'inspect.sh nightly', title: 'Nightly inspection', tier: 'gpu-k8s' },
  ],
  'platform-benchmarks': [{ command: 'bench.js --suite io', title: 'IO benchmark', tier: 'small-k8s' }],
};

/** A small deterministic generator, so every fresh demo has the same history. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** The owner and the collaborators who may start jobs: who appears as a demo job's starter. */
function launchersOf(ctx: ServerContext, projectId: string): UserRow[] {
  const project = ctx.projects.findById(projectId)!;
  const ids = [
    project.ownerId,
    ...ctx.projects
      .collaborators(projectId)
      .filter((c) => c.role === 'contributor' || c.role === 'launcherUser')
      .map((c) => c.userId),
  ];
  return ids.map((id) => ctx.users.findById(id)!);
}

/**
 * How far the replay got, kept in settings so a server stopped during it picks up where it left
 * off: the moment the plan was drawn from (the plan is a function of it) and, per lane, how many
 * of its steps have started. A step whose job was cut short by the stop is not run again: the
 * restart's recovery marks that job Error, as it would any job.
 */
const HISTORY_SETTING = 'demo.history';

interface HistoryProgress {
  anchor: number;
  started: number[];
}

function readProgress(ctx: ServerContext): HistoryProgress | undefined {
  const raw = readSetting(ctx.db, HISTORY_SETTING);
  return raw === undefined ? undefined : (JSON.parse(raw) as HistoryProgress);
}

/** Whether a replay was begun and has steps left (a restart then resumes it). */
export function demoHistoryUnfinished(ctx: ServerContext): boolean {
  const progress = readProgress(ctx);
  return progress !== undefined && progress.started.some((count, lane) => lane + count * PARALLEL_RUNNERS < HISTORY_JOBS);
}

/**
 * Replays the history in the background (the server serves meanwhile), from the start or from
 * where a previous server stopped; `close` stops it, for a server shutting down before it is done.
 */
export function replayDemoJobHistory(ctx: ServerContext): { done: Promise<void>; close(): Promise<void> } {
  let stopped = false;
  const progress = readProgress(ctx) ?? { anchor: Date.now(), started: Array.from({ length: PARALLEL_RUNNERS }, () => 0) };
  writeSetting(ctx.db, HISTORY_SETTING, JSON.stringify(progress));
  const lanes = Array.from({ length: PARALLEL_RUNNERS }, () => {
    const clock = new ReplayClock(REPLAY_SPEED);
    return { clock, runner: ctx.runner.withClock(clock) };
  });
  const done = replay(ctx, lanes, progress, () => stopped);
  return {
    done,
    async close() {
      stopped = true;
      await Promise.all(lanes.map((lane) => lane.runner.close()));
      await done.catch(() => undefined);
    },
  };
}

async function replay(
  ctx: ServerContext,
  lanes: Array<{ clock: ReplayClock; runner: JobRunner }>,
  progress: HistoryProgress,
  isStopped: () => boolean,
): Promise<void> {
  const projects = Object.keys(RECIPES).flatMap((name) => {
    const row = ctx.db.prepare<[string], { id: string }>('SELECT id FROM projects WHERE name = ? AND is_archived = 0').get(name);
    return row ? [{ id: row.id, name, launchers: launchersOf(ctx, row.id) }] : [];
  });
  const next = random(42);
  const plan = Array.from({ length: HISTORY_JOBS }, (_, i) => {
    const project = projects[Math.floor(next() * projects.length)]!;
    const recipes = RECIPES[project.name]!;
    const recipe = recipes[Math.floor(next() * recipes.length)]!;
    // Oldest first, spread over the window, during working hours.
    const day = HISTORY_DAYS - (i / HISTORY_JOBS) * HISTORY_DAYS;
    const at = progress.anchor - day * 86_400_000 + Math.floor(next() * 8 * 3_600_000);
    return { project, recipe, at, starter: project.launchers[Math.floor(next() * project.launchers.length)]! };
  });

  await Promise.all(
    lanes.map(async (lane, laneIndex) => {
      for (let i = laneIndex + progress.started[laneIndex]! * PARALLEL_RUNNERS; i < plan.length && !isStopped(); i += PARALLEL_RUNNERS) {
        const step = plan[i]!;
        lane.clock.setTo(step.at);
        const actor = asActor(step.starter);
        const job = await startJob(
          { ...ctx, clock: lane.clock },
          actor,
          { projectId: step.project.id, runCommand: step.recipe.command, title: step.recipe.title, hardwareTier: step.recipe.tier },
          { runNowWith: lane.runner },
        );
        progress.started[laneIndex]!++;
        writeSetting(ctx.db, HISTORY_SETTING, JSON.stringify(progress));
        await lane.runner.settled(job.id);
        if (isStopped()) return;
        // Tags are an editor's call: the project's owner adds them.
        const owner = asActor(step.project.launchers[0]!);
        for (const tag of step.recipe.tags ?? []) addTag({ ...ctx, clock: lane.clock }, owner, job.id, job.projectId, tag);
      }
    }),
  );
}

const LONG_JOBS: Array<{ project: string; command: string; title: string }> = [
  { project: 'customer-churn', command: 'python3 long_training.py', title: 'Hyperparameter sweep (live)' },
  { project: 'demand-forecasting', command: 'python3 long_training.py --model prophet', title: 'Backtest 2025 (live)' },
  { project: 'image-quality-inspection', command: 'python3 long_training.py --model resnet50', title: 'Fine-tune ResNet-50 (live)' },
];

/** Jobs that print steadily for an hour, started now, so a live tail shows at once. */
export async function startDemoLongJobs(ctx: ServerContext): Promise<void> {
  for (const spec of LONG_JOBS) await startLongJob(ctx, spec);
}

/**
 * On a later start: the live jobs died with the last server (recovery marked them Error) or ran
 * their hour out. When none of them runs and jobs can run here, they start again as new runs, so
 * the demo always has a live tail; the old runs stay as they ended.
 */
export async function restartDemoLongJobs(ctx: ServerContext): Promise<number> {
  if (ctx.runner.sandbox().mode === 'unavailable') return 0;
  const live = ctx.jobs.live().filter((job) => LONG_JOBS.some((spec) => spec.title === job.title));
  if (live.length > 0) return 0;
  let started = 0;
  for (const spec of LONG_JOBS) if (await startLongJob(ctx, spec)) started++;
  return started;
}

async function startLongJob(ctx: ServerContext, spec: (typeof LONG_JOBS)[number]): Promise<boolean> {
  const project = ctx.db
    .prepare<[string], { id: string; owner_id: string }>('SELECT id, owner_id FROM projects WHERE name = ? AND is_archived = 0')
    .get(spec.project);
  if (!project) return false;
  const owner = ctx.users.findById(project.owner_id)!;
  await startJob(ctx, asActor(owner), { projectId: project.id, runCommand: spec.command, title: spec.title, hardwareTier: 'small-k8s' });
  return true;
}
