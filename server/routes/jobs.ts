// Jobs: the reference's endpoints, the embedded stop and list across projects. Each handler: one service call, the envelope.
import { jobsEndpoints } from '../../src/api/schemas/jobs';
import { metadata, paginatedMetadata } from '../http/envelopes';
import { defineRoute, type RouteRegistrar } from '../http/route';
import {
  accessJob,
  addTag,
  linkedGoals,
  linkGoal,
  listJobs,
  listJobsAcrossProjects,
  readLogs,
  removeTag,
  startJob,
  stopJob,
  toJobDetailsV1,
  unlinkGoal,
} from '../services/jobs';

export const registerJobRoutes: RouteRegistrar = (app, ctx, options) => {
  defineRoute(app, options, jobsEndpoints.getJobs, {
    access: 'user',
    handler: ({ query, user, requestId }) => {
      const { jobs, page } = listJobs(ctx, user, query);
      return { jobs, metadata: paginatedMetadata(requestId, page) };
    },
  });

  defineRoute(app, options, jobsEndpoints.listJobsAcrossProjects, {
    access: 'user',
    handler: ({ query, user, requestId }) => {
      const { jobs, projects, page } = listJobsAcrossProjects(ctx, user, query);
      return { jobs, projects, metadata: paginatedMetadata(requestId, page) };
    },
  });

  defineRoute(app, options, jobsEndpoints.getJobDetails, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({ job: toJobDetailsV1(ctx, accessJob(ctx, user, params.jobId, 'read')), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, jobsEndpoints.getJobLogs, {
    access: 'user',
    handler: ({ params, query, user, requestId }) => readLogs(ctx, accessJob(ctx, user, params.jobId, 'read'), query, requestId),
  });

  defineRoute(app, options, jobsEndpoints.startJob, {
    access: 'user',
    handler: async ({ body, user, requestId }) => ({ job: toJobDetailsV1(ctx, await startJob(ctx, user, body)), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, jobsEndpoints.addJobTag, {
    access: 'user',
    handler: ({ params, body, user, requestId }) => ({ tag: addTag(ctx, user, params.jobId, body.projectId, body.tagName), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, jobsEndpoints.removeJobTag, {
    access: 'user',
    handler: ({ params, query, user, requestId }) => {
      removeTag(ctx, user, params.jobId, params.tagId, query.projectId);
      return { success: true, metadata: metadata(requestId) };
    },
  });

  defineRoute(app, options, jobsEndpoints.getLinkedGoalsForJob, {
    access: 'user',
    handler: ({ query, user, requestId }) => ({ goals: linkedGoals(ctx, user, query.jobId), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, jobsEndpoints.linkJobToGoal, {
    access: 'user',
    handler: ({ query, body, user, requestId }) => ({ goal: linkGoal(ctx, user, query.jobId, body), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, jobsEndpoints.unlinkJobFromGoal, {
    access: 'user',
    handler: ({ params, query, user, requestId }) => {
      unlinkGoal(ctx, user, query.jobId, params.goalId, query.projectId);
      return { success: true, metadata: metadata(requestId) };
    },
  });

  defineRoute(app, options, jobsEndpoints.stopJob, {
    access: 'user',
    handler: async ({ params, user, requestId }) => ({ job: toJobDetailsV1(ctx, await stopJob(ctx, user, params.jobId)), metadata: metadata(requestId) }),
  });
};
