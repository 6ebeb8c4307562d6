// What an allocation is keyed, named, labelled and filtered by: the aggregate keys over an
// execution's label set, and the allocation labels (the spec's names plus billing_tag and the tier).
import type { CostDimRow } from '../../db/cost-repository';
import { badRequest } from '../../http/errors';

/** The one cluster of the embedded Domino. */
export const CLUSTER = 'domino-embedded';
export const UNALLOCATED = '__unallocated__';
export const IDLE = '__idle__';

export const ALLOCATION_KEYS = ['project', 'user', 'organization', 'hardwareTier', 'workloadType', 'billingTag', 'cluster'] as const;
export type AllocationKey = (typeof ALLOCATION_KEYS)[number];

/** One part of an aggregate: a key, or a label (its name as the allocation labels have it). */
export type AggregatePart = { key: AllocationKey } | { label: string };

/** Without an aggregate, one allocation per label set. */
export const DEFAULT_AGGREGATE: AggregatePart[] = (['project', 'user', 'organization', 'billingTag', 'hardwareTier', 'workloadType'] as const).map((key) => ({
  key,
}));

/** `dominodatalab.com/starting-user-username`, `label_dominodatalab_com_project_name` and `project_name` name the same label. */
export function labelName(raw: string): string {
  let name = raw.trim();
  if (name.startsWith('dominodatalab.com/')) name = name.slice('dominodatalab.com/'.length).replaceAll('-', '_');
  else if (name.startsWith('label_dominodatalab_com_')) name = name.slice('label_dominodatalab_com_'.length);
  const aliases: Record<string, string> = {
    starting_user_username: 'starting_user_name',
    project_owner_username: 'project_owner_name',
    hardware_tier: 'hardware_tier_id',
    organization: 'organization_name',
  };
  return aliases[name] ?? name;
}

/** The `aggregate` parameter: keys and labels, comma-separated; a 400 naming it otherwise. */
export function parseAggregate(text: string | undefined, keys: readonly string[] = ALLOCATION_KEYS): AggregatePart[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  return text.split(',').map((raw) => {
    const part = raw.trim();
    if (part.startsWith('label:')) {
      const name = part.slice('label:'.length).trim();
      if (name === '') throw badRequest('aggregate: "label:" needs a label name, e.g. label:dominodatalab.com/project-name');
      return { label: labelName(name) };
    }
    const key = keys.find((k) => k.toLowerCase() === part.toLowerCase());
    if (!key) throw badRequest(`aggregate: unknown key "${part}"; use ${keys.join(', ')} or label:<name>, comma-separated`);
    return { key: key as AllocationKey };
  });
}

/** The allocation labels of a label set ('' values left out). */
export function labelsOf(dim: CostDimRow): Record<string, string> {
  const labels: Record<string, string> = {
    project_id: dim.projectId,
    project_name: dim.projectName,
    project_owner_id: dim.ownerId,
    project_owner_name: dim.ownerName,
    starting_user_id: dim.userId,
    starting_user_name: dim.userName,
    workload_type: dim.workloadType,
    hardware_tier_id: dim.tierId,
    hardware_tier_name: dim.tierName,
  };
  if (dim.organizationId) {
    labels.organization_id = dim.organizationId;
    labels.organization_name = dim.organizationName;
  }
  if (dim.billingTag) labels.billing_tag = dim.billingTag;
  return labels;
}

/** [identity, name] of a label set under one aggregate key. */
export function keyOf(dim: CostDimRow, key: AllocationKey): [string, string] {
  switch (key) {
    case 'project':
      return [dim.projectId, dim.projectName];
    case 'user':
      return [dim.userId, dim.userName];
    case 'organization':
      return dim.organizationId ? [dim.organizationId, dim.organizationName] : [UNALLOCATED, UNALLOCATED];
    case 'hardwareTier':
      return [dim.tierId, dim.tierName];
    case 'workloadType':
      return [dim.workloadType, dim.workloadType];
    case 'billingTag':
      return dim.billingTag ? [dim.billingTag, dim.billingTag] : [UNALLOCATED, UNALLOCATED];
    case 'cluster':
      return [CLUSTER, CLUSTER];
  }
}

/** The values a filter clause on `key` compares with (names and ids alike). */
export function filterValuesOf(dim: CostDimRow, key: string, label?: string): string[] {
  switch (key) {
    case 'project':
      return [dim.projectName, dim.projectId];
    case 'user':
      return [dim.userName, dim.userId];
    case 'organization':
      return dim.organizationId ? [dim.organizationName, dim.organizationId] : [UNALLOCATED];
    case 'hardwareTier':
      return [dim.tierId, dim.tierName];
    case 'workloadType':
      return [dim.workloadType];
    case 'billingTag':
      return [dim.billingTag || UNALLOCATED];
    case 'cluster':
      return [CLUSTER];
    default:
      return [labelsOf(dim)[labelName(label ?? '')] ?? ''];
  }
}
