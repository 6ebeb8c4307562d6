// How the datasets pages show sizes and permissions.
import type { DatasetRwPermissionV1 } from '../../api/schemas/datasets';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

export const PERMISSION_LABELS: Record<DatasetRwPermissionV1, string> = {
  ListDatasetRwV2: 'List',
  ReadDatasetRwV2: 'Read',
  PerformDatasetRwActionsInProjectV2: 'Reader',
  UpdateDatasetRwV2: 'Editor (update)',
  EditSecurityDatasetRwV2: 'Owner (edit access)',
  DeleteDatasetRwV2: 'Owner (delete)',
  PermanentDeleteDatasetRwV2: 'Owner (delete permanently)',
  PerformDatasetRwActionsAsAdminV2: 'Site administrator',
};

export const ROLE_LABELS = { DatasetRwOwner: 'Owner', DatasetRwEditor: 'Editor', DatasetRwReader: 'Reader' } as const;
