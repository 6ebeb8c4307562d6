// Billing tags (Domino 6.2): the active tags and the mode (everyone reads them: the create- and
// copy-project forms follow them), the notifications setting (a project page tells its owner when
// it has no tag), one tag by name and the admin's changes, and the embedded extras: every tag with its
// status (`billing-tags-all`) and retagging a project (`project-billing-tag`). A Domino older than
// 6.2 answers 404 on these paths: the forms then show no picker (`tagsUnsupported`).
import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { DominoApiError, request } from './http';
import { projectsKeys } from './projects';
import {
  billingTagsEndpoints,
  type BillingTagMode,
  type BillingTagsSettingsV1,
  type BillingTagStatusFilter,
  type BillingTagSummary,
  type BillingTagWithStatusV1,
} from './schemas/billing-tags';
import { projectFilesEndpoints } from './schemas/project-files';
import type { ProjectV1 } from './schemas/projects';

export const billingTagsKeys = {
  all: ['billing-tags'] as const,
  active: () => [...billingTagsKeys.all, 'active'] as const,
  summaries: (status: BillingTagStatusFilter) => [...billingTagsKeys.all, 'summaries', status] as const,
  settings: () => [...billingTagsKeys.all, 'settings'] as const,
  mode: () => [...billingTagsKeys.all, 'settings', 'mode'] as const,
  notifications: () => [...billingTagsKeys.all, 'settings', 'notifications'] as const,
  byName: (tag: string) => [...billingTagsKeys.all, 'by-name', tag] as const,
};

/** The mode and notifications, or `unsupported` where the deployment has no billing tags (before 6.2). */
export type BillingTagSettingsState = (BillingTagsSettingsV1 & { supported: true }) | { supported: false; mode: 'disabled'; notifications: false };

const UNSUPPORTED = { supported: false, mode: 'disabled', notifications: false } as const;

export async function fetchBillingTagSettings(signal?: AbortSignal): Promise<BillingTagSettingsState> {
  try {
    return { ...(await request(billingTagsEndpoints.getBillingTagSettings, { signal })), supported: true };
  } catch (error) {
    if (error instanceof DominoApiError && error.status === 404) return UNSUPPORTED;
    throw error;
  }
}

/** The mode alone (what the create-, copy- and retag forms follow); `supported: false` before 6.2. */
export async function fetchBillingTagMode(signal?: AbortSignal): Promise<{ supported: boolean; mode: BillingTagMode }> {
  try {
    return { ...(await request(billingTagsEndpoints.getBillingTagMode, { signal })), supported: true };
  } catch (error) {
    if (error instanceof DominoApiError && error.status === 404) return { supported: false, mode: 'disabled' };
    throw error;
  }
}

/** Whether owners are told about projects without a tag (false where the deployment has no billing tags). */
export async function fetchBillingTagNotifications(signal?: AbortSignal): Promise<boolean> {
  try {
    return (await request(billingTagsEndpoints.getBillingTagNotification, { signal })).notifications;
  } catch (error) {
    if (error instanceof DominoApiError && error.status === 404) return false;
    throw error;
  }
}

/** One tag by name, active or not (admins); null when no tag has that name. */
export async function fetchBillingTag(tag: string, signal?: AbortSignal): Promise<BillingTagWithStatusV1 | null> {
  try {
    return (await request(billingTagsEndpoints.getBillingTagByName, { params: { tag }, signal })).billingTag;
  } catch (error) {
    if (error instanceof DominoApiError && error.status === 404) return null;
    throw error;
  }
}

export async function fetchActiveBillingTags(signal?: AbortSignal): Promise<string[]> {
  const envelope = await request(billingTagsEndpoints.getActiveBillingTags, { signal });
  return envelope.billingTags.map((t) => t.tag);
}

/** Embedded `billing-tags-all` (admins). */
export async function fetchBillingTagSummaries(status: BillingTagStatusFilter, signal?: AbortSignal): Promise<BillingTagSummary[]> {
  const envelope = await request(billingTagsEndpoints.listBillingTags, { query: { status }, signal });
  return envelope.billingTags;
}

export async function upsertBillingTags(billingTags: string[]): Promise<string[]> {
  const envelope = await request(billingTagsEndpoints.upsertBillingTags, { body: { billingTags } });
  return envelope.billingTags.map((t) => t.tag);
}

export async function deactivateBillingTag(tag: string) {
  const envelope = await request(billingTagsEndpoints.deactivateBillingTag, { params: { tag } });
  return envelope.billingTag;
}

/**
 * Saves what changed and only that, through the sub-paths when one setting changed: another
 * admin's change to the other setting meanwhile is then not overwritten with this page's old value.
 */
export async function updateBillingTagSettings({ mode, notifications }: { mode?: BillingTagMode; notifications?: boolean }): Promise<void> {
  if (mode !== undefined && notifications !== undefined) await request(billingTagsEndpoints.updateBillingTagSettings, { body: { mode, notifications } });
  else if (mode !== undefined) await request(billingTagsEndpoints.updateBillingTagMode, { body: { mode } });
  else if (notifications !== undefined) await request(billingTagsEndpoints.updateBillingTagNotification, { body: { notifications } });
}

/** Embedded `project-billing-tag`: a tag for the project, or null to clear it. */
export async function setProjectBillingTag({ projectId, tag }: { projectId: string; tag: string | null }): Promise<ProjectV1> {
  const envelope = await request(projectFilesEndpoints.setProjectBillingTag, { params: { projectId }, body: { billingTag: tag === null ? null : { tag } } });
  return envelope.project;
}

export const billingTagsQueries = {
  settings: () => queryOptions({ queryKey: billingTagsKeys.settings(), queryFn: ({ signal }) => fetchBillingTagSettings(signal) }),
  mode: () => queryOptions({ queryKey: billingTagsKeys.mode(), queryFn: ({ signal }) => fetchBillingTagMode(signal) }),
  notifications: () => queryOptions({ queryKey: billingTagsKeys.notifications(), queryFn: ({ signal }) => fetchBillingTagNotifications(signal) }),
  byName: (tag: string) => queryOptions({ queryKey: billingTagsKeys.byName(tag), queryFn: ({ signal }) => fetchBillingTag(tag, signal) }),
  active: () => queryOptions({ queryKey: billingTagsKeys.active(), queryFn: ({ signal }) => fetchActiveBillingTags(signal) }),
  summaries: (status: BillingTagStatusFilter) =>
    queryOptions({ queryKey: billingTagsKeys.summaries(status), queryFn: ({ signal }) => fetchBillingTagSummaries(status, signal) }),
};

// Every change to tags or settings refreshes everything billing: the lists, the pickers, the mode.
const refreshTags = { invalidates: [billingTagsKeys.all] };

export const billingTagsMutations = {
  upsert: () => mutationOptions({ mutationKey: [...billingTagsKeys.all, 'upsert'], mutationFn: upsertBillingTags, meta: refreshTags }),
  deactivate: () => mutationOptions({ mutationKey: [...billingTagsKeys.all, 'deactivate'], mutationFn: deactivateBillingTag, meta: refreshTags }),
  updateSettings: () => mutationOptions({ mutationKey: [...billingTagsKeys.all, 'settings'], mutationFn: updateBillingTagSettings, meta: refreshTags }),
  setProjectTag: (projectId: string) =>
    mutationOptions({
      mutationKey: [...billingTagsKeys.all, 'project', projectId],
      mutationFn: setProjectBillingTag,
      // The project's page and the lists that show it, and the admin page's project counts.
      meta: { invalidates: [projectsKeys.project(projectId), projectsKeys.lists(), billingTagsKeys.all] },
    }),
};
