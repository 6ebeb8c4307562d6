// Billing tags (Domino 6.2): /api/cost/v1/billingtags..., /api/cost/v1/billingtagSettings... and
// the embedded extensions around them (every tag with its status for the admin page, retagging a
// project, declared with the project's other extras in project-files.ts). A tag names who pays for a project's compute; the cost engine stamps it on each
// execution as it starts.
import { z } from 'zod';
import { hasControlCharacter, looseEnum, MetadataV1Schema } from './common';
import { EMBEDDED_PREFIX, endpoint } from './endpoint';

/** Longest tag name accepted; a cost-centre code with a short team name fits well inside it. */
export const BILLING_TAG_MAX_LENGTH = 64;
export const BILLING_TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const BILLING_TAG_RULE = `a billing tag is 1 to ${BILLING_TAG_MAX_LENGTH} letters, digits, ".", "_" or "-", starting with a letter or digit`;

/** A tag name as sent: trimmed, then checked against the rule (the message says the rule). */
export function billingTagName(label = 'tag') {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be a string`) })
    .trim()
    .refine((value) => !hasControlCharacter(value) && value.length <= BILLING_TAG_MAX_LENGTH && BILLING_TAG_PATTERN.test(value), {
      error: (issue) => `${label}: "${String(issue.input).slice(0, 80)}" is not a valid billing tag (${BILLING_TAG_RULE})`,
    });
}

export const BILLING_TAG_MODES = ['required', 'optional', 'disabled'] as const;
export type BillingTagMode = (typeof BILLING_TAG_MODES)[number];
export const BillingTagsSettingModeV1Schema = looseEnum(BILLING_TAG_MODES);
export const BillingTagsSettingNotificationsV1Schema = z.boolean({ error: 'notifications must be true or false' });

/** `{tag}`: on a project (create, copy, ProjectV1) and in the list of active tags. */
export const BillingTagV1Schema = z.object({ tag: z.string() });
export type BillingTagV1 = z.output<typeof BillingTagV1Schema>;

/** The same in a request body: the name is checked. */
export const BillingTagBodySchema = z.object({ tag: billingTagName('billingTag.tag') });

export const BillingTagWithStatusV1Schema = z.object({ tag: z.string(), tagId: z.string(), active: z.boolean() });
export type BillingTagWithStatusV1 = z.output<typeof BillingTagWithStatusV1Schema>;

export const BillingTagsEnvelopeV1Schema = z.object({ billingTags: z.array(BillingTagV1Schema) });
export const BillingTagEnvelopeV1Schema = z.object({ billingTag: BillingTagWithStatusV1Schema });

/** At most this many names in one upsert. */
export const MAX_TAGS_PER_UPSERT = 100;

export const NewBillingTagsV1Schema = z.object({
  billingTags: z
    .array(billingTagName('billingTags[]'), { error: 'billingTags must be a list of tag names' })
    .min(1, 'billingTags must name at least one tag')
    .max(MAX_TAGS_PER_UPSERT, `billingTags may name at most ${MAX_TAGS_PER_UPSERT} tags at once`),
});
export type NewBillingTagsV1 = z.input<typeof NewBillingTagsV1Schema>;

export const BillingTagsSettingsV1Schema = z.object({ mode: BillingTagsSettingModeV1Schema, notifications: BillingTagsSettingNotificationsV1Schema });
export type BillingTagsSettingsV1 = z.output<typeof BillingTagsSettingsV1Schema>;
export const BillingTagsSettingsEnvelopeV1Schema = BillingTagsSettingsV1Schema;
export const BillingTagsModeV1Schema = z.object({ mode: BillingTagsSettingModeV1Schema });
export const BillingTagsModeEnvelopeV1Schema = BillingTagsModeV1Schema;
export const BillingTagsNotificationsV1Schema = z.object({ notifications: BillingTagsSettingNotificationsV1Schema });
export const BillingTagsNotificationsEnvelopeV1Schema = BillingTagsNotificationsV1Schema;

export const BILLING_TAG_STATUSES = ['all', 'active', 'inactive'] as const;
export type BillingTagStatusFilter = (typeof BILLING_TAG_STATUSES)[number];

/** Embedded `billing-tags-all`: every tag with its status and how many live projects carry it. */
export const BillingTagSummarySchema = BillingTagWithStatusV1Schema.extend({ projectCount: z.number().int(), createdAt: z.string() });
export type BillingTagSummary = z.output<typeof BillingTagSummarySchema>;
export const BillingTagSummariesEnvelopeSchema = z.object({ billingTags: z.array(BillingTagSummarySchema), metadata: MetadataV1Schema });

/** Body of the embedded `project-billing-tag` retag: a tag, or null to clear it (not in required mode). */
export const ProjectBillingTagChangeSchema = z.object({
  billingTag: BillingTagBodySchema.nullable(),
});
export type ProjectBillingTagChange = z.input<typeof ProjectBillingTagChangeSchema>;

const TAGS = '/api/cost/v1/billingtags';
const SETTINGS = '/api/cost/v1/billingtagSettings';
const tagParams = z.object({ tag: z.string().min(1, 'tag must not be empty') });
const domino = { family: 'billingTags', source: 'domino-6.2' } as const;
const embedded = { family: 'billingTags', source: 'embedded' } as const;

export const billingTagsEndpoints = {
  /** Everyone signed in: the active tags (the create-project form offers them). */
  getActiveBillingTags: endpoint({ method: 'GET', path: TAGS, ...domino, response: BillingTagsEnvelopeV1Schema }),
  /** Admins: creates the new names and re-activates inactive ones; answers the tags as stored. */
  upsertBillingTags: endpoint({ method: 'POST', path: TAGS, ...domino, body: NewBillingTagsV1Schema, response: BillingTagsEnvelopeV1Schema }),
  /** Admins: one tag, active or not, found in any letter case. */
  getBillingTagByName: endpoint({ method: 'GET', path: `${TAGS}/{tag}`, ...domino, params: tagParams, response: BillingTagEnvelopeV1Schema }),
  /** Admins: deactivates (projects that carry the tag keep it; it cannot be given to more). */
  deactivateBillingTag: endpoint({ method: 'DELETE', path: `${TAGS}/{tag}`, ...domino, params: tagParams, response: BillingTagEnvelopeV1Schema }),
  /** Everyone signed in (the create-project form follows the mode). */
  getBillingTagSettings: endpoint({ method: 'GET', path: SETTINGS, ...domino, response: BillingTagsSettingsEnvelopeV1Schema }),
  updateBillingTagSettings: endpoint({
    method: 'PUT',
    path: SETTINGS,
    ...domino,
    body: BillingTagsSettingsV1Schema,
    response: BillingTagsSettingsEnvelopeV1Schema,
  }),
  getBillingTagMode: endpoint({ method: 'GET', path: `${SETTINGS}/mode`, ...domino, response: BillingTagsModeEnvelopeV1Schema }),
  updateBillingTagMode: endpoint({
    method: 'PUT',
    path: `${SETTINGS}/mode`,
    ...domino,
    body: BillingTagsModeV1Schema,
    response: BillingTagsModeEnvelopeV1Schema,
  }),
  getBillingTagNotification: endpoint({ method: 'GET', path: `${SETTINGS}/notifications`, ...domino, response: BillingTagsNotificationsEnvelopeV1Schema }),
  updateBillingTagNotification: endpoint({
    method: 'PUT',
    path: `${SETTINGS}/notifications`,
    ...domino,
    body: BillingTagsNotificationsV1Schema,
    response: BillingTagsNotificationsEnvelopeV1Schema,
  }),
  /** `billing-tags-all` (admins): every tag, inactive ones too, so the admin page can re-activate them. */
  listBillingTags: endpoint({
    method: 'GET',
    path: `${EMBEDDED_PREFIX}/billing-tags`,
    ...embedded,
    query: z.object({ status: looseEnum(BILLING_TAG_STATUSES).default('all') }),
    response: BillingTagSummariesEnvelopeSchema,
  }),
};
