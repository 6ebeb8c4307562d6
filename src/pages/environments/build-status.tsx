// A revision's build status as words (never colour alone), and the visibility labels.
import type { EnvironmentVisibilityV1 } from '../../api/schemas/environments';
import { Badge, type BadgeTone } from '../../components/badge';
import { isBuilding } from '../../api/environments';

const TONES: Record<string, BadgeTone> = { succeeded: 'green', failed: 'amber', killed: 'neutral' };

export function BuildStatusBadge({ status }: { status: string | undefined }) {
  if (!status) return <span className="text-slate-600 dark:text-slate-400">—</span>;
  const building = isBuilding(status);
  return (
    <Badge tone={building ? 'blue' : (TONES[status] ?? 'neutral')}>
      {building ? <span aria-hidden="true" className="mr-1 inline-block size-2 animate-pulse rounded-full bg-current motion-reduce:animate-none" /> : null}
      {status}
    </Badge>
  );
}

export const VISIBILITY_LABELS: Record<EnvironmentVisibilityV1, string> = {
  global: 'Global',
  private: 'Private',
  organization: 'Organization',
};

export function visibilityLabel(visibility: string): string {
  return VISIBILITY_LABELS[visibility as EnvironmentVisibilityV1] ?? visibility;
}
