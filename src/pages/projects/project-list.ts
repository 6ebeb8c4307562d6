// The projects list's search, filters and sorting, applied in the browser to every visible project
// (Domino's list only pages). Pure functions, so the URL fully decides what is shown.
import type { ProjectV1 } from '../../api/schemas/projects';
import type { ProjectSortKey, ProjectsSearch, VisibilityFilter } from './projects-search';

export type ProjectListItem = Pick<ProjectV1, 'id' | 'name' | 'description' | 'visibility' | 'ownerUsername' | 'collaborators'>;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Every word of the search must appear in the name or the description, in any letter case. */
export function matchesSearch(project: Pick<ProjectListItem, 'name' | 'description'>, q: string): boolean {
  const words = q.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = `${project.name}\n${project.description}`.toLocaleLowerCase();
  return words.every((word) => haystack.includes(word));
}

export function matchesFilters(project: ProjectListItem, { visibility, owner }: { visibility: VisibilityFilter; owner: string }): boolean {
  if (visibility !== 'all' && project.visibility !== visibility) return false;
  if (owner && project.ownerUsername.toLocaleLowerCase() !== owner.toLocaleLowerCase()) return false;
  return true;
}

// Most open first, the order Domino's own pickers use.
const VISIBILITY_ORDER: Record<string, number> = { public: 0, searchable: 1, private: 2 };

function compareBy(key: ProjectSortKey, a: ProjectListItem, b: ProjectListItem): number {
  switch (key) {
    case 'owner':
      return collator.compare(a.ownerUsername, b.ownerUsername);
    case 'visibility':
      return (VISIBILITY_ORDER[a.visibility] ?? 9) - (VISIBILITY_ORDER[b.visibility] ?? 9);
    case 'collaborators':
      return a.collaborators.length - b.collaborators.length;
    case 'name':
      return collator.compare(a.name, b.name);
  }
}

/**
 * A stable sort: ties on the chosen column fall back to name, then owner, then id, always
 * ascending, so rows never jump around when the direction flips.
 */
export function sortProjects<T extends ProjectListItem>(projects: readonly T[], sort: ProjectSortKey, order: 'asc' | 'desc'): T[] {
  const direction = order === 'asc' ? 1 : -1;
  return [...projects].sort(
    (a, b) =>
      direction * compareBy(sort, a, b) ||
      collator.compare(a.name, b.name) ||
      collator.compare(a.ownerUsername, b.ownerUsername) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export function visibleProjects<T extends ProjectListItem>(projects: readonly T[], search: ProjectsSearch): T[] {
  return sortProjects(
    projects.filter((project) => matchesSearch(project, search.q) && matchesFilters(project, search)),
    search.sort,
    search.order,
  );
}

/** Owner user names for the owner filter, each once, in alphabetical order. */
export function ownersOf(projects: readonly Pick<ProjectListItem, 'ownerUsername'>[]): string[] {
  return [...new Set(projects.map((project) => project.ownerUsername))].sort(collator.compare);
}

export function hasActiveFilters(search: ProjectsSearch): boolean {
  return search.q.trim() !== '' || search.visibility !== 'all' || search.owner !== '';
}
