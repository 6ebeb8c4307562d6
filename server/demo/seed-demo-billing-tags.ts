// Demo billing tags: a few cost-centre codes, one retired, each demo project carrying one, mode
// optional. Seeded right after the projects and before anything starts an execution, so the cost
// engine stamps a tag on everything the demo runs.
import type { ServerContext } from '../context';
import type { UserRow } from '../db/users-repository';
import { deactivateBillingTag, setProjectBillingTag, updateBillingTagSettings, upsertBillingTags } from '../services/billing-tags';
import { asActor } from './demo-workspace';

export const DEMO_BILLING_TAGS = ['cc-1001-research', 'cc-2040-marketing', 'cc-3100-risk', 'cc-4200-platform', 'cc-5300-supply-chain'] as const;
/** Retired when the old pricing work stopped: inactive, still named by the archived project. */
export const DEMO_INACTIVE_BILLING_TAG = 'cc-0900-legacy-pricing';

/** Which demo project is paid for by which cost centre. */
const PROJECT_TAGS: Record<string, string> = {
  'customer-churn': 'cc-2040-marketing',
  'credit-risk-scoring': 'cc-3100-risk',
  'demand-forecasting': 'cc-5300-supply-chain',
  'image-quality-inspection': 'cc-1001-research',
  'platform-benchmarks': 'cc-4200-platform',
  'legacy-pricing-model': DEMO_INACTIVE_BILLING_TAG,
};

export function seedDemoBillingTags(ctx: ServerContext, admin: UserRow): void {
  const actor = asActor(admin);
  upsertBillingTags(ctx, [...DEMO_BILLING_TAGS, DEMO_INACTIVE_BILLING_TAG]);
  updateBillingTagSettings(ctx, { mode: 'optional', notifications: false });
  const live = ctx.projects.listVisible(actor, 0, 1000).rows;
  const archived = ctx.projects.listArchived(actor, 0, 1000).rows;
  for (const project of live) {
    const tag = PROJECT_TAGS[project.name];
    if (tag) setProjectBillingTag(ctx, actor, project.id, { tag });
  }
  // An archived project refuses changes through the service; the demo gives it its tag as it had
  // when it was live, before the tag was retired.
  for (const project of archived) {
    const tag = PROJECT_TAGS[project.name];
    const row = tag ? ctx.billingTags.findByTag(tag) : undefined;
    if (row) ctx.projects.setBillingTag(project.id, row.id);
  }
  deactivateBillingTag(ctx, DEMO_INACTIVE_BILLING_TAG);
}
