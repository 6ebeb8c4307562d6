import { z } from 'zod';
import { ObjectIdSchema } from '../../src/api/schemas/common';
import { EMBEDDED_PREFIX } from '../../src/api/schemas/embedded';
import {
  GoalEnvelopeV1Schema,
  GoalToLinkV1Schema,
  JobEnvelopeV1Schema,
  JobGoalsQuerySchema,
  JobLogsQuerySchema,
  ListJobsQuerySchema,
  LogsEnvelopeV1Schema,
  NewJobV1Schema,
  PaginatedGoalEnvelopeV1Schema,
  PaginatedJobEnvelopeV1Schema,
  RemoveJobTagQuerySchema,
  TagEnvelopeV1Schema,
  TagToAddV1Schema,
  UnlinkJobFromGoalQuerySchema,
} from '../../src/api/schemas/jobs';
import { DeleteEnvelopeV1Schema } from '../../src/api/schemas/projects';
import type { RouteRegistrar } from '../app';
import { LIVE_STATUSES } from '../db/jobs-repository';
import { clampLimit, metadata, paginatedMetadata } from '../http/envelopes';
import { badRequest, forbidden, notFound } from '../http/errors';
import { defineRoute } from '../http/route';
import { accessJob, addTag, readLogs, startJob, toJobDetailsV1, toJobV1, toLinkedGoalV1 } from '../services/jobs';
import { accessProject } from '../services/project-access';

const JobParams = z.object({ jobId: ObjectIdSchema });

export const registerJobRoutes: RouteRegistrar = (app, ctx, options) => {
  defineRoute(app, options, {
    method: 'GET',
    url: '/api/jobs/beta/jobs',
    access: 'user',
    query: ListJobsQuerySchema,
    response: PaginatedJobEnvelopeV1Schema,
    handler: ({ query, user, requestId }) => {
      accessProject(ctx, user, query.projectId, 'read');
      const limit = clampLimit(query.limit);
      const { rows, totalCount } = ctx.jobs.list({ ...query, limit });
      const tags = ctx.jobs.tagsOfMany(rows.map((j) => j.id));
      return { jobs: rows.map((j) => ({ ...toJobV1(j), tags: tags.get(j.id) })), metadata: paginatedMetadata(requestId, { offset: query.offset, limit, totalCount }) };
    },
  });

  defineRoute(app, options, {
    method: 'GET',
    url: '/api/jobs/beta/jobs/:jobId',
    access: 'user',
    params: JobParams,
    response: JobEnvelopeV1Schema,
    handler: ({ params, user, requestId }) => ({ job: toJobDetailsV1(ctx, accessJob(ctx, user, params.jobId, 'read')), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, {
    method: 'GET',
    url: '/api/jobs/beta/jobs/:jobId/logs',
    access: 'user',
    params: JobParams,
    query: JobLogsQuerySchema,
    response: LogsEnvelopeV1Schema,
    handler: ({ params, query, user, requestId }) => readLogs(ctx, accessJob(ctx, user, params.jobId, 'read'), query, requestId),
  });

  defineRoute(app, options, {
    method: 'POST',
    url: '/api/jobs/v1/jobs',
    access: 'user',
    body: NewJobV1Schema,
    response: JobEnvelopeV1Schema,
    handler: async ({ body, user, requestId }) => ({ job: toJobDetailsV1(ctx, await startJob(ctx, user, body)), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, {
    method: 'POST',
    url: '/api/jobs/v1/jobs/:jobId/tags',
    access: 'user',
    params: JobParams,
    body: TagToAddV1Schema,
    response: TagEnvelopeV1Schema,
    handler: ({ params, body, user, requestId }) => ({ tag: addTag(ctx, user, params.jobId, body.projectId, body.tagName), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, {
    method: 'DELETE',
    url: '/api/jobs/v1/jobs/:jobId/tags/:tagId',
    access: 'user',
    params: JobParams.extend({ tagId: ObjectIdSchema }),
    query: RemoveJobTagQuerySchema,
    response: DeleteEnvelopeV1Schema,
    handler: ({ params, query, user, requestId }) => {
      const job = accessJob(ctx, user, params.jobId, 'edit');
      if (job.projectId !== query.projectId) throw badRequest(`projectId: job ${job.id} belongs to project ${job.projectId}`);
      if (!ctx.jobs.removeTag(job.id, params.tagId)) throw notFound(`Tag ${params.tagId} not found on job ${job.id}`);
      return { success: true, metadata: metadata(requestId) };
    },
  });

  defineRoute(app, options, {
    method: 'GET',
    url: '/api/jobs/v1/goals',
    access: 'user',
    query: JobGoalsQuerySchema,
    response: PaginatedGoalEnvelopeV1Schema,
    handler: ({ query, user, requestId }) => {
      const job = accessJob(ctx, user, query.jobId, 'read');
      const goals = ctx.jobs.goalIds(job.id).flatMap((goalId) => {
        const goal = ctx.projectParts.goal(job.projectId, goalId);
        return goal ? [toLinkedGoalV1(job.id, goal)] : [];
      });
      return { goals, metadata: metadata(requestId) };
    },
  });

  defineRoute(app, options, {
    method: 'POST',
    url: '/api/jobs/v1/goals',
    access: 'user',
    query: JobGoalsQuerySchema,
    body: GoalToLinkV1Schema,
    response: GoalEnvelopeV1Schema,
    handler: ({ query, body, user, requestId }) => {
      const job = accessJob(ctx, user, query.jobId, 'edit');
      if (body.projectId !== job.projectId) throw badRequest(`projectId: job ${job.id} belongs to project ${job.projectId}`);
      const goal = ctx.projectParts.goal(job.projectId, body.goalId);
      if (!goal) throw notFound(`Goal ${body.goalId} not found in project ${job.projectId}`);
      ctx.jobs.linkGoal(job.id, goal.id, ctx.clock.now().toISOString());
      return { goal: toLinkedGoalV1(job.id, goal), metadata: metadata(requestId) };
    },
  });

  defineRoute(app, options, {
    method: 'DELETE',
    url: '/api/jobs/v1/goals/:goalId',
    access: 'user',
    params: z.object({ goalId: ObjectIdSchema }),
    query: UnlinkJobFromGoalQuerySchema,
    response: DeleteEnvelopeV1Schema,
    handler: ({ params, query, user, requestId }) => {
      const job = accessJob(ctx, user, query.jobId, 'edit');
      if (query.projectId !== job.projectId) throw badRequest(`projectId: job ${job.id} belongs to project ${job.projectId}`);
      if (!ctx.jobs.unlinkGoal(job.id, params.goalId)) throw notFound(`Goal ${params.goalId} is not linked to job ${job.id}`);
      return { success: true, metadata: metadata(requestId) };
    },
  });

  defineRoute(app, options, {
    method: 'POST',
    url: `${EMBEDDED_PREFIX}/jobs/:jobId/stop`,
    access: 'user',
    params: JobParams,
    response: JobEnvelopeV1Schema,
    handler: async ({ params, user, requestId }) => {
      const job = accessJob(ctx, user, params.jobId, 'read');
      const { role } = accessProject(ctx, user, job.projectId, 'find');
      if (job.startedBy !== user.id && !['owner', 'admin', 'contributor'].includes(role)) throw forbidden('Only whoever started a job, or a project editor, may stop it');
      if (!LIVE_STATUSES.includes(job.status)) throw badRequest(`Job #${job.number} has already finished (${job.status})`);
      const who = ctx.users.findById(user.id)!;
      await ctx.runner.stop(job.id, `Stopped by ${who.userName}.`);
      return { job: toJobDetailsV1(ctx, ctx.jobs.findById(job.id)!), metadata: metadata(requestId) };
    },
  });
};
