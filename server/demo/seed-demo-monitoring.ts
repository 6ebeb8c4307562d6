// Demo model monitoring: two monitored models with 60 days of daily metrics; the credit scorer
// drifts out of its configured ranges in the last weeks, raising alerts. Through the monitoring
// services, as the API would do it.
import type { ServerContext } from '../context';
import { logMetricValues, sendMetricAlert, setMetricRange } from '../services/monitoring';
import { asActor, type DemoWorkspace } from './demo-workspace';

export const DEMO_MONITORED_MODELS = { stable: 'churn-classifier-prod', drifting: 'credit-scorer-v3' } as const;

const DAY_MS = 24 * 3600 * 1000;

/** A small deterministic wobble (no Math.random: the demo is the same on every first start). */
const wobble = (i: number, seed: number) => Math.sin(i * 1.7 + seed) * 0.5 + Math.sin(i * 0.37 + seed * 2) * 0.5;

export function seedDemoMonitoring(ctx: ServerContext, users: DemoWorkspace['users']): void {
  const maya = asActor(users['maya.chen']);
  const omar = asActor(users['omar.haddad']);
  const today = Math.floor(ctx.clock.now().getTime() / DAY_MS) * DAY_MS;
  const days = Array.from({ length: 60 }, (_, i) => today - (59 - i) * DAY_MS);
  const round = (n: number) => Math.round(n * 10_000) / 10_000;

  setMetricRange(ctx, DEMO_MONITORED_MODELS.stable, 'accuracy', { condition: 'greaterThanEqual', lowerLimit: 0.85 });
  setMetricRange(ctx, DEMO_MONITORED_MODELS.stable, 'psi', { condition: 'lessThan', upperLimit: 0.2 });
  setMetricRange(ctx, DEMO_MONITORED_MODELS.drifting, 'accuracy', { condition: 'greaterThanEqual', lowerLimit: 0.8 });
  setMetricRange(ctx, DEMO_MONITORED_MODELS.drifting, 'psi', { condition: 'lessThan', upperLimit: 0.2 });
  setMetricRange(ctx, DEMO_MONITORED_MODELS.drifting, 'approval_rate', { condition: 'between', lowerLimit: 0.35, upperLimit: 0.55 });

  const tags = (segment: string) => [
    { key: 'region', value: 'eu-west' },
    { key: 'segment', value: segment },
  ];
  const at = (ms: number) => new Date(ms).toISOString();
  logMetricValues(ctx, maya, {
    newMetricValues: days.flatMap((ms, i) => [
      {
        modelMonitoringId: DEMO_MONITORED_MODELS.stable,
        metric: 'accuracy',
        value: round(0.9 + wobble(i, 1) * 0.015),
        referenceTimestamp: at(ms),
        tags: tags('retail'),
      },
      {
        modelMonitoringId: DEMO_MONITORED_MODELS.stable,
        metric: 'psi',
        value: round(0.06 + Math.abs(wobble(i, 2)) * 0.04),
        referenceTimestamp: at(ms),
        tags: tags('retail'),
      },
    ]),
  });
  // The credit scorer drifts from day 40: accuracy falls, the population shifts, approvals climb.
  logMetricValues(ctx, omar, {
    newMetricValues: days.flatMap((ms, i) => {
      const drift = Math.max(0, i - 40) / 19;
      return [
        {
          modelMonitoringId: DEMO_MONITORED_MODELS.drifting,
          metric: 'accuracy',
          value: round(0.87 - drift * 0.12 + wobble(i, 3) * 0.01),
          referenceTimestamp: at(ms),
          tags: tags('sme'),
        },
        {
          modelMonitoringId: DEMO_MONITORED_MODELS.drifting,
          metric: 'psi',
          value: round(0.08 + drift * 0.22 + Math.abs(wobble(i, 4)) * 0.02),
          referenceTimestamp: at(ms),
          tags: tags('sme'),
        },
        {
          modelMonitoringId: DEMO_MONITORED_MODELS.drifting,
          metric: 'approval_rate',
          value: round(0.45 + drift * 0.15 + wobble(i, 5) * 0.02),
          referenceTimestamp: at(ms),
          tags: tags('sme'),
        },
      ];
    }),
  });
  // Alerts sent by the monitoring job itself, as Domino's client would.
  sendMetricAlert(ctx, omar, {
    modelMonitoringId: DEMO_MONITORED_MODELS.drifting,
    metric: 'psi',
    value: 0.27,
    targetRange: { condition: 'lessThan', upperLimit: 0.2 },
    description: 'Weekly drift check: income distribution shifted after the new onboarding flow.',
  });
  sendMetricAlert(ctx, maya, {
    modelMonitoringId: DEMO_MONITORED_MODELS.stable,
    metric: 'accuracy',
    value: 0.9,
    targetRange: { condition: 'greaterThanEqual', lowerLimit: 0.85 },
    description: 'Monthly check: within range.',
  });
}
