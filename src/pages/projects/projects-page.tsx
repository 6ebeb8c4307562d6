import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { projectsQueries } from '../../api/projects';
import { usersQueries } from '../../api/users';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { FilterSelect } from '../../components/filter-select';
import { ListPageSkeleton } from '../../components/list-page-skeleton';
import { PageHeader } from '../../components/page-header';
import { SearchBox } from '../../components/search-box';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { ArchivedProjects } from './archived-projects';
import { CreateProjectDialog } from './create-project-dialog';
import { hasActiveFilters, ownersOf, visibleProjects } from './project-list';
import { VISIBILITY_FILTERS, type ProjectSortKey, type ProjectsSearch } from './projects-search';
import { ProjectsTable } from './projects-table';
import { visibilityLabel } from './visibility-badge';

const routeApi = getRouteApi('/projects');

const SHOW_OPTIONS = [
  { value: 'live', label: 'Live projects' },
  { value: 'archived', label: 'Archived projects' },
] as const;

const VISIBILITY_OPTIONS = VISIBILITY_FILTERS.map((value) => ({ value, label: value === 'all' ? 'Any visibility' : visibilityLabel(value) }));

function plural(count: number, one: string, many: string) {
  return `${count} ${count === 1 ? one : many}`;
}

export function ProjectsPage() {
  useDocumentTitle('Projects');
  const resultsId = useId();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { data: projects } = useSuspenseQuery(projectsQueries.allVisible());
  const self = useQuery(usersQueries.self());
  const info = useQuery(embeddedQueries.info());
  // Against a real Domino there is no way to list archived projects: the choice is not offered.
  const archivedListed = hasExtension(info.data, 'archived-projects');
  const showArchived = archivedListed && search.show === 'archived';
  const [creating, setCreating] = useState(false);

  // Typing replaces the history entry (Back does not replay keystrokes); other changes push one.
  const update = (patch: Partial<ProjectsSearch>, replace = false) => void navigate({ search: (previous) => ({ ...previous, ...patch }), replace });
  const clearFilters = () => update({ q: '', visibility: 'all', owner: '' });
  const onSort = (key: ProjectSortKey) => update({ sort: key, order: search.sort === key && search.order === 'asc' ? 'desc' : 'asc' }, true);

  const shown = visibleProjects(projects, search);
  const owners = ownersOf(projects);
  if (search.owner && !owners.some((owner) => owner.toLocaleLowerCase() === search.owner.toLocaleLowerCase())) owners.push(search.owner);
  const ownedNames = self.data ? projects.filter((project) => project.ownerId === self.data.id).map((project) => project.name) : [];
  const filtered = hasActiveFilters(search);

  let content;
  if (showArchived) {
    content = <ArchivedProjects search={search} onClearFilters={clearFilters} />;
  } else if (projects.length === 0) {
    content = (
      <EmptyState
        title="No projects yet"
        action={
          <Button variant="primary" onClick={() => setCreating(true)}>
            Create project
          </Button>
        }
      >
        There are no projects you can see in this Domino. Create one to start working.
      </EmptyState>
    );
  } else if (shown.length === 0) {
    content = (
      <EmptyState title="No projects match these filters" action={<Button onClick={clearFilters}>Clear filters</Button>}>
        None of the {plural(projects.length, 'project', 'projects')} you can see match
        {search.q.trim() ? ` “${search.q.trim()}”` : ''}
        {search.visibility !== 'all' ? `, visibility ${visibilityLabel(search.visibility)}` : ''}
        {search.owner ? `, owner ${search.owner}` : ''}.
      </EmptyState>
    );
  } else {
    content = (
      <ProjectsTable
        projects={shown}
        caption={filtered ? `Projects matching the filters, ${shown.length} of ${projects.length}` : `Projects, ${projects.length}`}
        sort={search.sort}
        order={search.order}
        onSort={onSort}
      />
    );
  }

  return (
    <div>
      <PageHeader
        title="Projects"
        description="Every project you can see: yours, those you collaborate on, and public or searchable ones."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            Create project
          </Button>
        }
      />
      <div role="search" aria-label="Filter projects" className="mb-4 flex flex-wrap items-end gap-4">
        {archivedListed ? (
          <FilterSelect label="Show" value={search.show} options={SHOW_OPTIONS} onChange={(show) => update({ show })} selectClassName="min-w-40" />
        ) : null}
        <SearchBox label="Search projects" value={search.q} onChange={(q) => update({ q }, true)} placeholder="Name or description" describedBy={resultsId} />
        <FilterSelect
          label="Visibility"
          value={search.visibility}
          options={VISIBILITY_OPTIONS}
          onChange={(visibility) => update({ visibility })}
          selectClassName="min-w-40"
        />
        <FilterSelect
          label="Owner"
          value={search.owner}
          options={[
            { value: '', label: 'Anyone' },
            ...owners.map((owner) => ({ value: owner, label: owner === self.data?.userName ? `${owner} (you)` : owner })),
          ]}
          onChange={(owner) => update({ owner })}
          selectClassName="min-w-40"
        />
        {filtered && (showArchived || shown.length > 0) ? (
          <Button variant="ghost" onClick={clearFilters}>
            Clear filters
          </Button>
        ) : null}
        <p id={resultsId} className="ml-auto self-center text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
          {showArchived
            ? 'Archived projects you own or collaborate on, latest first'
            : filtered
              ? `${shown.length} of ${plural(projects.length, 'project', 'projects')} match`
              : plural(projects.length, 'project', 'projects')}
        </p>
      </div>
      {content}
      <CreateProjectDialog open={creating} onClose={() => setCreating(false)} ownedNames={ownedNames} />
    </div>
  );
}

export const projectsLazyRoute = createLazyRoute('/projects')({
  component: ProjectsPage,
  pendingComponent: () => <ListPageSkeleton title="Projects" rows={8} columns={4} label="Loading projects…" />,
});
