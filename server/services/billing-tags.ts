// Billing tags (Domino 6.2): admins keep the list of tags and the mode; everyone picks an active
// tag for the projects they create. A tag is never deleted, only deactivated, so the projects and
// past executions that name it keep their meaning. Names are unique ignoring case: an upsert of
// "CC-1001" finds "cc-1001" and keeps its first spelling.
import type { Wire } from '../../src/api/schemas/common';
import type { BillingTagMode, BillingTagStatusFilter, BillingTagSummarySchema, BillingTagWithStatusV1Schema } from '../../src/api/schemas/billing-tags';
import type { ServerContext } from '../context';
import type { KeyOwner } from '../db/api-keys-repository';
import type { BillingTagRow, BillingTagSettingsRow } from '../db/billing-tags-repository';
import type { ProjectRow } from '../db/projects-repository';
import { badRequest, notFound } from '../http/errors';
import { newObjectId } from '../http/ids';
import { accessProject } from './project-access';

type Ctx = Pick<ServerContext, 'billingTags' | 'clock' | 'db'>;

export function toBillingTagWithStatusV1(row: BillingTagRow): Wire<typeof BillingTagWithStatusV1Schema> {
  return { tag: row.tag, tagId: row.id, active: row.active };
}

export function activeBillingTags(ctx: Ctx): Array<{ tag: string }> {
  return ctx.billingTags.listActive().map((row) => ({ tag: row.tag }));
}

/** Creates the names not known yet and re-activates inactive ones, in one transaction; answers the tags as stored, in the order sent. */
export function upsertBillingTags(ctx: Ctx, names: string[]): Array<{ tag: string }> {
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction(() => {
    const seen = new Map<string, BillingTagRow>();
    for (const name of names) {
      const key = name.toLowerCase();
      if (seen.has(key)) continue;
      let row = ctx.billingTags.findByTag(name);
      if (!row) {
        const id = newObjectId(ctx.clock);
        ctx.billingTags.insert({ id, tag: name, now });
        row = ctx.billingTags.findById(id)!;
      } else if (!row.active) {
        ctx.billingTags.setActive(row.id, true, now);
        row = { ...row, active: true };
      }
      seen.set(key, row);
    }
    return [...seen.values()].map((row) => ({ tag: row.tag }));
  })();
}

function existingTag(ctx: Ctx, tag: string): BillingTagRow {
  const row = ctx.billingTags.findByTag(tag.trim());
  if (!row) throw notFound(`Billing tag "${tag}" not found`);
  return row;
}

export function billingTagByName(ctx: Ctx, tag: string): BillingTagRow {
  return existingTag(ctx, tag);
}

/** Deactivates: projects that carry the tag keep it, but it can no longer be given to a project. */
export function deactivateBillingTag(ctx: Ctx, tag: string): BillingTagRow {
  const row = existingTag(ctx, tag);
  if (row.active) ctx.billingTags.setActive(row.id, false, ctx.clock.now().toISOString());
  return ctx.billingTags.findById(row.id)!;
}

/** Embedded `billing-tags-all`: every tag (or only active / inactive ones) with its live projects' count. */
export function billingTagSummaries(ctx: Ctx, status: BillingTagStatusFilter): Array<Wire<typeof BillingTagSummarySchema>> {
  const activeOnly = status === 'all' ? undefined : status === 'active';
  return ctx.billingTags
    .listWithProjectCounts(activeOnly)
    .map((row) => ({ ...toBillingTagWithStatusV1(row), projectCount: row.projectCount, createdAt: row.createdAt }));
}

export function billingTagSettings(ctx: Ctx): BillingTagSettingsRow {
  return ctx.billingTags.settings();
}

export function updateBillingTagSettings(ctx: Ctx, changes: Partial<BillingTagSettingsRow>): BillingTagSettingsRow {
  const next = { ...ctx.billingTags.settings(), ...changes };
  ctx.billingTags.setSettings(next);
  return next;
}

const MODE_WORDS: Record<BillingTagMode, string> = {
  required: 'billing tags are required',
  optional: 'billing tags are optional',
  disabled: 'billing tags are disabled',
};

/**
 * The tag a new or copied project gets under the current mode: its id, or null for none. An unknown
 * or inactive tag, any tag while tags are disabled, and no tag while they are required are 400s.
 */
export function billingTagForNewProject(ctx: Ctx, requested: { tag: string } | undefined | null): string | null {
  const { mode } = ctx.billingTags.settings();
  if (requested == null) {
    if (mode === 'required') throw badRequest(`billingTag: ${MODE_WORDS.required} on this deployment: choose one of the active tags`);
    return null;
  }
  if (mode === 'disabled') throw badRequest(`billingTag: ${MODE_WORDS.disabled} on this deployment: send the project without one`);
  const row = ctx.billingTags.findByTag(requested.tag);
  if (!row) throw badRequest(`billingTag: "${requested.tag}" is not a billing tag here`);
  if (!row.active) throw badRequest(`billingTag: "${row.tag}" is inactive and cannot be given to a project`);
  return row.id;
}

/**
 * Embedded `project-billing-tag`: the owner or an admin retags a project, or clears its tag (not
 * while tags are required). Executions that already ran keep the tag they were stamped with.
 */
export function setProjectBillingTag(ctx: ServerContext, actor: KeyOwner, projectId: string, requested: { tag: string } | null): ProjectRow {
  const { project } = accessProject(ctx, actor, projectId, 'manage');
  const billingTagId = billingTagForNewProject(ctx, requested);
  if (billingTagId !== project.billingTagId) ctx.projects.setBillingTag(project.id, billingTagId);
  return ctx.projects.findById(project.id)!;
}
