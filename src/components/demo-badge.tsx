import { Badge } from './badge';

/** Marks a workspace seeded with demo data, so nobody mistakes it for a team's real one. */
export function DemoBadge({ className }: { className?: string }) {
  return (
    <Badge tone="amber" className={className}>
      Demo workspace
    </Badge>
  );
}
