import type { BillingTagMode } from '../../api/schemas/billing-tags';

/** What each mode means for the people creating projects: shown beside the admin's choice. */
export const BILLING_TAG_MODE_TEXT: Record<BillingTagMode, { label: string; meaning: string }> = {
  optional: {
    label: 'Optional',
    meaning: 'People may pick a tag when they create or copy a project, or leave it without one. Untagged cost shows as unallocated.',
  },
  required: {
    label: 'Required',
    meaning: 'Every new or copied project must carry an active tag; projects without one cannot be created. Existing projects keep what they have.',
  },
  disabled: {
    label: 'Disabled',
    meaning: 'Tags are not offered and projects cannot be given one. Tags already on projects stay, and past cost keeps its tags.',
  },
};
