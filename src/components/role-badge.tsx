import type { OrganizationRoleV1 } from '../api/schemas/organizations';
import { Badge } from './badge';

const LABELS: Record<OrganizationRoleV1, string> = { admin: 'Admin', member: 'Member' };

export function RoleBadge({ role }: { role: OrganizationRoleV1 }) {
  return <Badge tone={role === 'admin' ? 'violet' : 'neutral'}>{LABELS[role]}</Badge>;
}
