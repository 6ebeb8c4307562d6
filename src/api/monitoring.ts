// Model monitoring: fetchers over the contract, query keys, `monitoringQueries` and
// `monitoringMutations`. The monitored-models list and the alerts list are embedded extensions
// (`monitored-models`, `metric-alerts`); against a real Domino the page asks for a model id and a
// metric by name and shows their values only.
import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { request } from './http';
import { monitoringEndpoints, type MetricAlertRequestV1, type NewMetricValueV1, type TargetRangeV1Schema } from './schemas/monitoring';
import type { z } from 'zod';

type TargetRangeV1Input = z.input<typeof TargetRangeV1Schema>;

export interface MetricWindow {
  modelMonitoringId: string;
  metric: string;
  /** RFC 3339, both inclusive. */
  from: string;
  to: string;
}

export interface AlertsRequest {
  modelMonitoringId?: string;
  metric?: string;
  outOfRangeOnly: boolean;
  offset: number;
  limit: number;
}

export const monitoringKeys = {
  all: ['monitoring'] as const,
  models: () => [...monitoringKeys.all, 'models'] as const,
  values: () => [...monitoringKeys.all, 'values'] as const,
  window: (window: MetricWindow) => [...monitoringKeys.values(), window] as const,
  alerts: () => [...monitoringKeys.all, 'alerts'] as const,
  alertsPage: (page: AlertsRequest) => [...monitoringKeys.alerts(), page] as const,
};

export async function fetchMonitoredModels(signal?: AbortSignal) {
  return (await request(monitoringEndpoints.getMonitoredModels, { signal })).models;
}

/** The values of one metric in a window, sorted by time: parallel arrays, as the chart and the downsampler read them. */
export interface MetricSeries {
  times: Float64Array;
  values: Float64Array;
  /** The values' tags, by index (most have none). */
  tags: readonly { key: string; value: string }[][];
  /** The server's notices, e.g. that more values were in the window than one answer carries. */
  notices: readonly string[];
}

export async function fetchMetricValues(window: MetricWindow, signal?: AbortSignal): Promise<MetricSeries> {
  const envelope = await request(monitoringEndpoints.retrieveMetricValues, {
    params: { modelMonitoringId: window.modelMonitoringId, metric: window.metric },
    query: { startingReferenceTimestampInclusive: window.from, endingReferenceTimestampInclusive: window.to },
    signal,
  });
  const count = envelope.metricValues.length;
  const times = new Float64Array(count);
  const values = new Float64Array(count);
  const tags: { key: string; value: string }[][] = new Array(count);
  envelope.metricValues.forEach((point, index) => {
    times[index] = Date.parse(point.referenceTimestamp);
    values[index] = point.value;
    tags[index] = point.tags;
  });
  return { times, values, tags, notices: envelope.metadata.notices };
}

export async function fetchAlerts(page: AlertsRequest, signal?: AbortSignal) {
  const envelope = await request(monitoringEndpoints.getMetricAlerts, {
    query: {
      modelMonitoringId: page.modelMonitoringId,
      metric: page.metric,
      outOfRangeOnly: page.outOfRangeOnly ? 'true' : 'false',
      offset: page.offset,
      limit: page.limit,
    },
    signal,
  });
  return { alerts: envelope.alerts, pagination: envelope.metadata.pagination };
}

export const monitoringQueries = {
  models: () => queryOptions({ queryKey: monitoringKeys.models(), queryFn: ({ signal }) => fetchMonitoredModels(signal) }),
  values: (window: MetricWindow) => queryOptions({ queryKey: monitoringKeys.window(window), queryFn: ({ signal }) => fetchMetricValues(window, signal) }),
  alerts: (page: AlertsRequest) => queryOptions({ queryKey: monitoringKeys.alertsPage(page), queryFn: ({ signal }) => fetchAlerts(page, signal) }),
};

export async function logMetricValue(value: NewMetricValueV1): Promise<void> {
  await request(monitoringEndpoints.logMetricValues, { body: { newMetricValues: [value] } });
}

export interface MetricRef {
  modelMonitoringId: string;
  metric: string;
}

export async function setMetricRange({ modelMonitoringId, metric, range }: MetricRef & { range: TargetRangeV1Input }): Promise<void> {
  await request(monitoringEndpoints.setMetricRange, { params: { modelMonitoringId, metric }, body: range });
}

export async function removeMetricRange({ modelMonitoringId, metric }: MetricRef): Promise<void> {
  await request(monitoringEndpoints.removeMetricRange, { params: { modelMonitoringId, metric } });
}

export async function sendMetricAlert(alert: MetricAlertRequestV1): Promise<void> {
  await request(monitoringEndpoints.sendMetricAlert, { body: alert });
}

export const monitoringMutations = {
  // A logged value changes the series, the model's counts and (outside a configured range) the alerts.
  log: () => mutationOptions({ mutationKey: [...monitoringKeys.all, 'log'], mutationFn: logMetricValue, meta: { invalidates: [monitoringKeys.all] } }),
  // A range changes the model's metric (its band, later alerts); an alert changes the alerts list.
  setRange: () =>
    mutationOptions({ mutationKey: [...monitoringKeys.all, 'set-range'], mutationFn: setMetricRange, meta: { invalidates: [monitoringKeys.all] } }),
  removeRange: () =>
    mutationOptions({ mutationKey: [...monitoringKeys.all, 'remove-range'], mutationFn: removeMetricRange, meta: { invalidates: [monitoringKeys.all] } }),
  sendAlert: () => mutationOptions({ mutationKey: [...monitoringKeys.all, 'alert'], mutationFn: sendMetricAlert, meta: { invalidates: [monitoringKeys.all] } }),
};
