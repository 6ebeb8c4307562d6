// Model monitoring: the reference's metricValues and metricAlerts endpoints, and the embedded
// extensions (monitored models, configured ranges, the alerts list). Each handler: one service call.
import { monitoringEndpoints } from '../../src/api/schemas/monitoring';
import { metadata, paginatedMetadata } from '../http/envelopes';
import { defineRoute, JsonText, type RouteRegistrar } from '../http/route';
import { readPlainMetricValues } from '../services/metric-values-body';
import { listAlerts, logMetricValues, monitoredModels, retrieveMetricValuesJson, sendMetricAlert, setMetricRange } from '../services/monitoring';

export const registerMonitoringRoutes: RouteRegistrar = (app, ctx, options) => {
  const e = monitoringEndpoints;
  defineRoute(app, options, e.logMetricValues, {
    access: 'user',
    // A batch of 1,000 values with tags is well over the default 1 MiB.
    bodyLimit: 16 * 1024 * 1024,
    plainBody: readPlainMetricValues,
    handler: ({ body, user }) => logMetricValues(ctx, user, body),
  });

  defineRoute(app, options, e.retrieveMetricValues, {
    access: 'user',
    handler: ({ params, query, requestId }) =>
      new JsonText(
        retrieveMetricValuesJson(
          ctx,
          params.modelMonitoringId,
          params.metric,
          query.startingReferenceTimestampInclusive,
          query.endingReferenceTimestampInclusive,
          requestId,
        ),
      ),
  });

  defineRoute(app, options, e.sendMetricAlert, {
    access: 'user',
    handler: ({ body, user }) => sendMetricAlert(ctx, user, body),
  });

  defineRoute(app, options, e.getMonitoredModels, {
    access: 'user',
    handler: ({ requestId }) => ({ models: monitoredModels(ctx), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, e.setMetricRange, {
    access: 'user',
    handler: ({ params, body, requestId }) => ({
      targetRange: setMetricRange(ctx, params.modelMonitoringId, params.metric, body)!,
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, e.removeMetricRange, {
    access: 'user',
    handler: ({ params }) => {
      setMetricRange(ctx, params.modelMonitoringId, params.metric, undefined);
    },
  });

  defineRoute(app, options, e.getMetricAlerts, {
    access: 'user',
    handler: ({ query, requestId }) => {
      const { alerts, page } = listAlerts(ctx, query);
      return { alerts, metadata: paginatedMetadata(requestId, page) };
    },
  });
};
