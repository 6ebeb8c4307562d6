import { Badge, type BadgeTone } from '../../components/badge';

const VISIBILITY: Record<string, { label: string; tone: BadgeTone; meaning: string }> = {
  public: { label: 'Public', tone: 'green', meaning: 'Anyone can find and read it.' },
  searchable: { label: 'Searchable', tone: 'blue', meaning: 'Anyone can find its name and description; reading it takes collaboration.' },
  private: { label: 'Private', tone: 'neutral', meaning: 'Only its owner, collaborators and administrators know it exists.' },
};

export function visibilityLabel(visibility: string): string {
  return VISIBILITY[visibility]?.label ?? visibility;
}

export function visibilityMeaning(visibility: string): string {
  return VISIBILITY[visibility]?.meaning ?? '';
}

export function VisibilityBadge({ visibility }: { visibility: string }) {
  const entry = VISIBILITY[visibility];
  return <Badge tone={entry?.tone ?? 'neutral'}>{entry?.label ?? visibility}</Badge>;
}
