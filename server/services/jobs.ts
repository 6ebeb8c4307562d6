// Jobs: starting them (the runner does the rest), reading them as Domino answers them, logs with a
// nanosecond cursor, tags and goal links.
import type { z } from 'zod';
import type { Wire } from '../../src/api/schemas/common';
import type {
  CrossProjectJobsQuery,
  JobDetailsV1Schema,
  JobListQuery,
  JobLogsQuerySchema,
  JobV1Schema,
  LinkedGoalV1Schema,
  LogsEnvelopeV1Schema,
  NewJobV1Schema,
} from '../../src/api/schemas/jobs';
import type { ServerContext } from '../context';
import type { KeyOwner } from '../db/api-keys-repository';
import type { HardwareTierRow } from '../db/hardware-tiers-repository';
import type { JobRow } from '../db/jobs-repository';
import { LIVE_STATUSES } from '../db/jobs-repository';
import type { GoalRow } from '../db/project-parts-repository';
import { clampLimit } from '../http/envelopes';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import { newObjectId } from '../http/ids';
import { MAIN_BRANCH } from '../git/git-repositories';
import { JOB_HELP_LINK, type JobRunner } from '../jobs/runner';
import { revisionForJob } from './environments';
import { logPage } from './log-page';
import { accessProject, allows, type ProjectNeed } from './project-access';
import { ensureRepository } from './projects';

export function toJobV1(job: JobRow): Wire<typeof JobV1Schema> {
  const stats = Object.entries(job.dominoStats).map(([name, value]) => ({ name, value: String(value) }));
  return {
    id: job.id,
    number: job.number,
    title: job.title ?? undefined,
    runCommand: job.command,
    startedById: job.startedBy,
    stageTimes: {
      submissionTime: job.submittedAt,
      ...(job.runningAt ? { startTime: job.runningAt } : {}),
      ...(job.completedAt ? { completedTime: job.completedAt } : {}),
      // Beyond the spec (clients ignore them): every stage of the walk, for a status timeline.
      ...(job.preparingAt ? { preparingTime: job.preparingAt } : {}),
      ...(job.finishingAt ? { finishingTime: job.finishingAt } : {}),
    },
    status: {
      executionStatus: job.status,
      isCompleted: !LIVE_STATUSES.includes(job.status),
      isArchived: job.isArchived,
      isScheduled: false,
    },
    commitDetails: { inputCommitId: job.inputCommitId, ...(job.outputCommitId ? { outputCommitId: job.outputCommitId } : {}) },
    dominoStats: stats,
    ...(job.maxCpuPercent !== null ? { usage: { cpuPercentage: job.maxCpuPercent, memoryGiB: job.maxMemoryGiB ?? 0 } } : {}),
    projects: [],
    gitRepos: [],
    datasetMounts: [],
    externalVolumeMounts: [],
    mainRepoGitRef: { refType: 'commitId', value: job.inputCommitId },
    projectId: job.projectId,
    hardwareTierId: job.hardwareTierId,
    durationMs: job.durationMs ?? undefined,
  };
}

export function toJobDetailsV1(ctx: ServerContext, job: JobRow): Wire<typeof JobDetailsV1Schema> {
  const queued = ctx.runner.queueDetails(job);
  return {
    ...toJobV1(job),
    datasetMounts: ctx.datasets.mountsOfMany([job.id]).get(job.id)!,
    tags: ctx.jobs.tags(job.id),
    commentsCount: job.commentCount,
    goalIds: ctx.jobs.goalIds(job.id),
    ...(queued ? { queuedJobStatusDetails: queued } : {}),
  };
}

export function accessJob(ctx: ServerContext, user: KeyOwner, jobId: string, need: ProjectNeed): JobRow {
  const job = ctx.jobs.findById(jobId);
  if (!job) throw notFound(`Job ${jobId} not found`);
  try {
    accessProject(ctx, user, job.projectId, need);
  } catch (error) {
    // A job of a project you may not know of does not exist for you either.
    if ((error as { statusCode?: number }).statusCode === 404) throw notFound(`Job ${jobId} not found`);
    throw error;
  }
  return job;
}

export function resolveTier(ctx: ServerContext, tierId: string): HardwareTierRow {
  const tier = ctx.hardwareTiers.findById(tierId);
  if (!tier || tier.isArchived) {
    const known = ctx.hardwareTiers
      .list()
      .filter((t) => !t.isArchived)
      .map((t) => t.id);
    throw badRequest(`hardwareTier: "${tierId}" is not a hardware tier here (available: ${known.join(', ')})`);
  }
  return tier;
}

export async function startJob(
  ctx: ServerContext,
  actor: KeyOwner,
  input: z.output<typeof NewJobV1Schema>,
  /** A runner that runs the job at once instead of the queue (replaying history); it must not wait in the queue. */
  options: { runNowWith?: JobRunner } = {},
): Promise<JobRow> {
  const { project } = accessProject(ctx, actor, input.projectId, 'launch');
  const tier = resolveTier(ctx, input.hardwareTier ?? project.defaultHardwareTierId);
  await ensureRepository(ctx, project);
  const commitId = await ctx.git.resolveCommit(project.id, input.commitId ?? MAIN_BRANCH);
  if (!commitId) throw badRequest(`commitId: ${input.commitId} is not a commit of project ${project.name}`);
  if (input.environmentRevisionSpec !== undefined && input.environmentId === undefined)
    throw badRequest('environmentRevisionSpec: it names a revision of environmentId, which is missing');
  const environment = input.environmentId !== undefined ? revisionForJob(ctx, actor, input.environmentId, input.environmentRevisionSpec) : undefined;
  const starter = ctx.users.findById(actor.id)!;
  const job = ctx.jobs.insert({
    id: newObjectId(ctx.clock),
    projectId: project.id,
    title: input.title ?? null,
    command: input.runCommand,
    status: 'Queued',
    startedBy: actor.id,
    startedByName: starter.userName,
    hardwareTierId: tier.id,
    environmentId: input.environmentId ?? null,
    environmentRevisionId: environment?.revision.id ?? null,
    inputCommitId: commitId,
    resultsBranch: project.resultsBranch,
    submittedAt: ctx.clock.now().toISOString(),
  });
  if (input.snapshotDatasetsOnCompletion) ctx.datasets.jobOptions(job.id, true);
  // In the same synchronous step as the insert, so no scheduler ever sees it queued.
  if (options.runNowWith) void options.runNowWith.runNow(job.id);
  else ctx.runner.schedule();
  return ctx.jobs.findById(job.id)!;
}

/**
 * Lines with time > cursor, oldest first, at most `limit`; the answer's cursor is the last line's
 * time (or the request's when there is none). isComplete: the job ended and nothing is left.
 */
export function readLogs(ctx: ServerContext, job: JobRow, query: z.output<typeof JobLogsQuerySchema>, requestId: string): Wire<typeof LogsEnvelopeV1Schema> {
  // Read the job before the lines: a job that ended before the read has all its lines written.
  const current = ctx.jobs.findById(job.id)!;
  const ended = !LIVE_STATUSES.includes(current.status);
  const failed = current.problem && (current.status === 'Failed' || current.status === 'Error' || current.status === 'Stopped');
  return logPage(ctx, job.id, query, ended, requestId, failed ? { text: current.problem!, helpLink: JOB_HELP_LINK } : undefined);
}

export function toLinkedGoalV1(jobId: string, goal: GoalRow): Wire<typeof LinkedGoalV1Schema> {
  return {
    goalId: goal.id,
    jobId,
    projectId: goal.projectId,
    title: goal.title,
    currentStage: goal.isComplete ? 'Complete' : 'Active',
    ...(goal.description ? { description: goal.description } : {}),
  };
}

/** The job to change, refused when the request names another project than the job's (the API carries both). */
function editableJobOf(ctx: ServerContext, actor: KeyOwner, jobId: string, projectId: string): JobRow {
  const job = accessJob(ctx, actor, jobId, 'edit');
  if (job.projectId !== projectId) throw badRequest(`projectId: job ${jobId} belongs to project ${job.projectId}`);
  return job;
}

export function addTag(ctx: ServerContext, actor: KeyOwner, jobId: string, projectId: string, tagName: string) {
  const job = editableJobOf(ctx, actor, jobId, projectId);
  if (ctx.jobs.findTagByName(job.id, tagName)) throw conflict(`Job #${job.number} is already tagged "${tagName}"`);
  const tag = {
    id: newObjectId(ctx.clock),
    jobId: job.id,
    projectId: job.projectId,
    name: tagName,
    creatorId: actor.id,
    createdAt: ctx.clock.now().toISOString(),
  };
  ctx.jobs.addTag(tag);
  return { id: tag.id, name: tag.name, creatorId: tag.creatorId, createdAt: tag.createdAt };
}

export function removeTag(ctx: ServerContext, actor: KeyOwner, jobId: string, tagId: string, projectId: string): void {
  const job = editableJobOf(ctx, actor, jobId, projectId);
  if (!ctx.jobs.removeTag(job.id, tagId)) throw notFound(`Tag ${tagId} not found on job ${job.id}`);
}

/** A page of a project's jobs, each with its tags. */
export function listJobs(ctx: ServerContext, actor: KeyOwner, query: JobListQuery) {
  accessProject(ctx, actor, query.projectId, 'read');
  const limit = clampLimit(query.limit);
  const { rows, totalCount } = ctx.jobs.list({ ...query, limit });
  const ids = rows.map((j) => j.id);
  // One query each for the page's tags and dataset mounts, whatever the page size.
  const tags = ctx.jobs.tagsOfMany(ids);
  const mounts = ctx.datasets.mountsOfMany(ids);
  return {
    jobs: rows.map((j) => ({ ...toJobV1(j), datasetMounts: mounts.get(j.id)!, tags: tags.get(j.id) })),
    page: { offset: query.offset, limit, totalCount },
  };
}

export function linkedGoals(ctx: ServerContext, actor: KeyOwner, jobId: string): Array<Wire<typeof LinkedGoalV1Schema>> {
  const job = accessJob(ctx, actor, jobId, 'read');
  return ctx.jobs.goalIds(job.id).flatMap((goalId) => {
    const goal = ctx.projectParts.goal(job.projectId, goalId);
    return goal ? [toLinkedGoalV1(job.id, goal)] : [];
  });
}

export function linkGoal(ctx: ServerContext, actor: KeyOwner, jobId: string, link: { goalId: string; projectId: string }): Wire<typeof LinkedGoalV1Schema> {
  const job = editableJobOf(ctx, actor, jobId, link.projectId);
  const goal = ctx.projectParts.goal(job.projectId, link.goalId);
  if (!goal) throw notFound(`Goal ${link.goalId} not found in project ${job.projectId}`);
  ctx.jobs.linkGoal(job.id, goal.id, ctx.clock.now().toISOString());
  return toLinkedGoalV1(job.id, goal);
}

export function unlinkGoal(ctx: ServerContext, actor: KeyOwner, jobId: string, goalId: string, projectId: string): void {
  const job = editableJobOf(ctx, actor, jobId, projectId);
  if (!ctx.jobs.unlinkGoal(job.id, goalId)) throw notFound(`Goal ${goalId} is not linked to job ${job.id}`);
}

/** Stops a job for whoever started it or a project editor; a finished job cannot be stopped. */
export async function stopJob(ctx: ServerContext, actor: KeyOwner, jobId: string): Promise<JobRow> {
  const job = accessJob(ctx, actor, jobId, 'read');
  const { project, role } = accessProject(ctx, actor, job.projectId, 'find');
  if (job.startedBy !== actor.id && !allows(project, role, 'edit')) throw forbidden('Only whoever started a job, or a project editor, may stop it');
  if (!LIVE_STATUSES.includes(job.status)) throw badRequest(`Job #${job.number} has already finished (${job.status})`);
  const who = ctx.users.findById(actor.id)!;
  await ctx.runner.stop(job.id, `Stopped by ${who.userName}.`);
  return ctx.jobs.findById(job.id)!;
}

/**
 * A page of the jobs across every live project whose jobs the caller may read (owner,
 * collaborator, public, or all for an admin), newest first, with the projects the page names.
 */
export function listJobsAcrossProjects(ctx: ServerContext, actor: KeyOwner, query: CrossProjectJobsQuery) {
  const limit = clampLimit(query.limit);
  const { ids, liveCount } = ctx.projects.readableIds(actor);
  const { rows, totalCount } = ctx.jobs.listAcrossProjects(
    { ...query, limit },
    { projectIds: ids, startedBy: query.startedBy === 'me' ? actor.id : undefined, share: liveCount > 0 ? ids.length / liveCount : 1 },
  );
  const tags = ctx.jobs.tagsOfMany(rows.map((j) => j.id));
  const projects = ctx.projects.namesOf([...new Set(rows.map((j) => j.projectId))]).map((p) => ({ id: p.id, name: p.name, ownerUsername: p.ownerUserName }));
  return {
    jobs: rows.map((j) => ({ ...toJobV1(j), tags: tags.get(j.id) })),
    projects,
    page: { offset: query.offset, limit, totalCount },
  };
}
