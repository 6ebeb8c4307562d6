// The choices of the cost pages, with no dependency: the URL's schema (in the frame's bundle)
// and the API module share them. Their words are with the page (cost-labels.ts).

export const AGGREGATE_KEYS = ['project', 'user', 'organization', 'hardwareTier', 'workloadType', 'billingTag'] as const;
export type AggregateKey = (typeof AGGREGATE_KEYS)[number];

/** Idle capacity: left out, shown as its own entry (`__idle__`), or spread over the rest in proportion to cost. */
export const IDLE_MODES = ['hide', 'separate', 'share'] as const;
export type IdleMode = (typeof IDLE_MODES)[number];

export const COST_STEPS = ['day', 'week', 'month'] as const;
export type CostStep = (typeof COST_STEPS)[number];

/** The window presets: the API's own words, and durations ending now. */
export const WINDOW_PRESETS = ['today', 'yesterday', 'week', 'lastweek', 'month', 'lastmonth', '7d', '30d', '90d'] as const;
export type WindowPreset = (typeof WINDOW_PRESETS)[number];
