// A version's deployment status (decision 0031's vocabulary) as a badge.
import { Badge, type BadgeTone } from '../../components/badge';

const TONES: Record<string, BadgeTone> = { Running: 'green', Starting: 'blue', Stopped: 'neutral', Inactive: 'neutral', Failed: 'amber' };

export function DeploymentBadge({ status }: { status: string | undefined }) {
  return <Badge tone={TONES[status ?? ''] ?? 'neutral'}>{status ?? 'No active version'}</Badge>;
}
