import { useMatch } from '@tanstack/react-router';
import { NotBuiltYet } from '../../components/not-built-yet';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { PLANNED_FAMILIES } from './planned-families';

/** The placeholder for every family in planned-routes.ts; its route's staticData says which. */
export function PlannedPage() {
  const key = useMatch({ strict: false, select: (match) => match.staticData.plannedFamily });
  const planned = key ? PLANNED_FAMILIES[key] : undefined;
  useDocumentTitle(planned?.family);
  if (!planned) return null;
  return <NotBuiltYet family={planned.family} plannedContent={planned.plannedContent} endpoints={planned.endpoints} />;
}
