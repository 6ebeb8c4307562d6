// Experiment tracking: MLflow's tracking protocol (decision 24). Each handler: the project the
// request tracks into, one service call. Errors on these paths take MLflow's shape
// (http/mlflow-errors.ts), whoever raises them.
import { mlflowEndpoints } from '../../src/api/schemas/mlflow';
import { defineRoute, type RouteRegistrar } from '../http/route';
import {
  createExperiment,
  createRun,
  getExperiment,
  getExperimentByName,
  getRun,
  logBatch,
  logInputs,
  logModel,
  metricHistory,
  searchExperiments,
  searchRuns,
  trackingScope,
  updateRun,
} from '../services/mlflow';

export const registerMlflowRoutes: RouteRegistrar = (app, ctx, options) => {
  const e = mlflowEndpoints;

  defineRoute(app, options, e.createExperiment, {
    access: 'user',
    handler: ({ params, body, user, request }) => ({
      experiment_id: createExperiment(ctx, trackingScope(ctx, request, user, params.projectId, 'launch'), body),
    }),
  });
  defineRoute(app, options, e.getExperiment, {
    access: 'user',
    handler: ({ params, query, user, request }) => ({
      experiment: getExperiment(ctx, trackingScope(ctx, request, user, params.projectId, 'read'), query.experiment_id),
    }),
  });
  defineRoute(app, options, e.getExperimentByName, {
    access: 'user',
    handler: ({ params, query, user, request }) => ({
      experiment: getExperimentByName(ctx, trackingScope(ctx, request, user, params.projectId, 'read'), query.experiment_name),
    }),
  });
  defineRoute(app, options, e.searchExperiments, {
    access: 'user',
    handler: ({ params, body, user, request }) => searchExperiments(ctx, trackingScope(ctx, request, user, params.projectId, 'read'), body),
  });
  defineRoute(app, options, e.createRun, {
    access: 'user',
    handler: ({ params, body, user, request }) => ({ run: createRun(ctx, trackingScope(ctx, request, user, params.projectId, 'launch'), body) }),
  });
  defineRoute(app, options, e.updateRun, {
    access: 'user',
    handler: ({ params, body, user, request }) => ({ run_info: updateRun(ctx, trackingScope(ctx, request, user, params.projectId, 'launch'), body) }),
  });
  defineRoute(app, options, e.getRun, {
    access: 'user',
    handler: ({ params, query, user, request }) => ({ run: getRun(ctx, trackingScope(ctx, request, user, params.projectId, 'read'), query.run_id) }),
  });
  defineRoute(app, options, e.searchRuns, {
    access: 'user',
    handler: ({ params, body, user, request }) => searchRuns(ctx, trackingScope(ctx, request, user, params.projectId, 'read'), body),
  });
  defineRoute(app, options, e.logBatch, {
    access: 'user',
    handler: ({ params, body, user, request }) => {
      logBatch(ctx, trackingScope(ctx, request, user, params.projectId, 'launch'), body);
      return {};
    },
  });
  defineRoute(app, options, e.logMetric, {
    access: 'user',
    handler: ({ params, body: { run_id, ...metric }, user, request }) => {
      logBatch(ctx, trackingScope(ctx, request, user, params.projectId, 'launch'), { run_id, metrics: [metric], params: [], tags: [] });
      return {};
    },
  });
  defineRoute(app, options, e.logParam, {
    access: 'user',
    handler: ({ params, body: { run_id, ...param }, user, request }) => {
      logBatch(ctx, trackingScope(ctx, request, user, params.projectId, 'launch'), { run_id, metrics: [], params: [param], tags: [] });
      return {};
    },
  });
  defineRoute(app, options, e.setTag, {
    access: 'user',
    handler: ({ params, body: { run_id, ...tag }, user, request }) => {
      logBatch(ctx, trackingScope(ctx, request, user, params.projectId, 'launch'), { run_id, metrics: [], params: [], tags: [tag] });
      return {};
    },
  });
  defineRoute(app, options, e.logModel, {
    access: 'user',
    handler: ({ params, body, user, request }) => {
      logModel(ctx, trackingScope(ctx, request, user, params.projectId, 'launch'), body.run_id, body.model_json);
      return {};
    },
  });
  defineRoute(app, options, e.logInputs, {
    access: 'user',
    handler: ({ params, body, user, request }) => {
      logInputs(ctx, trackingScope(ctx, request, user, params.projectId, 'launch'), body);
      return {};
    },
  });
  defineRoute(app, options, e.getMetricHistory, {
    access: 'user',
    handler: ({ params, query, user, request }) => metricHistory(ctx, trackingScope(ctx, request, user, params.projectId, 'read'), query),
  });
};
