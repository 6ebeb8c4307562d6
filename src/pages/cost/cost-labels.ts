// The words for the cost page's choices, loaded with the page (not with the route's URL schema).
import type { AggregateKey, WindowPreset } from '../../api/cost-options';

export const AGGREGATE_LABELS: Record<AggregateKey, string> = {
  project: 'Project',
  user: 'User',
  organization: 'Organization',
  hardwareTier: 'Hardware tier',
  workloadType: 'Workload type',
  billingTag: 'Billing tag',
};

export const WINDOW_LABELS: Record<WindowPreset | 'custom', string> = {
  today: 'Today',
  yesterday: 'Yesterday',
  week: 'This week',
  lastweek: 'Last week',
  month: 'This month',
  lastmonth: 'Last month',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  custom: 'Custom range',
};
