// Embedded 'archived-projects': the archived projects a person owns or collaborates on (the
// projects list's "Archived" view), and the Restore action, offered there and on an archived
// project's own page. Restoring is not destructive (it can be archived again), so it is one click.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { errorDetails } from '../../api/error-details';
import { projectsMutations, projectsQueries } from '../../api/projects';
import type { ProjectV1 } from '../../api/schemas/projects';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { TableSkeleton } from '../../components/skeleton';
import { ActionsTh, Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { toastStore } from '../../lib/toast-store';
import { matchesFilters, matchesSearch } from './project-list';
import type { ProjectsSearch } from './projects-search';
import { VisibilityBadge } from './visibility-badge';

export function RestoreProjectButton({ project, variant = 'secondary' }: { project: Pick<ProjectV1, 'id' | 'name'>; variant?: 'primary' | 'secondary' }) {
  const restore = useMutation(projectsMutations.unarchive(project.id));
  return (
    <Button
      variant={variant}
      aria-disabled={restore.isPending || undefined}
      aria-label={`Restore ${project.name}`}
      onClick={() =>
        restore.isPending
          ? undefined
          : restore.mutate(undefined, {
              onSuccess: () => toastStore.push({ tone: 'success', title: `Restored ${project.name}`, description: 'It is back in the projects list.' }),
              onError: (error) =>
                toastStore.push({ tone: 'error', title: `Could not restore ${project.name}`, description: errorDetails(error).messages.join(' ') }),
            })
      }
    >
      {restore.isPending ? 'Restoring…' : 'Restore'}
    </Button>
  );
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function ArchivedProjects({ search, onClearFilters }: { search: ProjectsSearch; onClearFilters: () => void }) {
  const archived = useQuery(projectsQueries.archived());
  if (archived.isPending) return <TableSkeleton rows={4} columns={4} label="Loading archived projects…" />;
  if (archived.isError) return <ErrorPanel details={errorDetails(archived.error)} onRetry={() => void archived.refetch()} />;
  const all = archived.data;
  // The server's order is kept (latest archived first): the filters apply, the sort does not.
  const shown = all.filter(({ project }) => matchesSearch(project, search.q) && matchesFilters(project, search));
  if (all.length === 0) {
    return <EmptyState title="No archived projects">None of the projects you own or collaborate on is archived.</EmptyState>;
  }
  if (shown.length === 0) {
    return (
      <EmptyState title="No archived projects match these filters" action={<Button onClick={onClearFilters}>Clear filters</Button>}>
        None of the {all.length} archived {all.length === 1 ? 'project' : 'projects'} you can see match.
      </EmptyState>
    );
  }
  return (
    <Table caption={`Archived projects, latest first, ${shown.length} of ${all.length}`}>
      <TableHead>
        <Th>Project</Th>
        <Th className="w-40">Owner</Th>
        <Th className="w-36">Visibility</Th>
        <Th className="w-48">Archived</Th>
        <ActionsTh />
      </TableHead>
      <TableBody>
        {shown.map(({ project, archivedAt }) => (
          <tr key={project.id}>
            <Td className="max-w-0">
              <Link
                to="/projects/$projectId"
                params={{ projectId: project.id }}
                className="block truncate font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
              >
                {project.name}
              </Link>
              <p className="truncate text-xs text-slate-600 dark:text-slate-400">{project.description || <span className="italic">No description</span>}</p>
            </Td>
            <Td className="text-slate-700 dark:text-slate-300">{project.ownerUsername}</Td>
            <Td>
              <VisibilityBadge visibility={project.visibility} />
            </Td>
            <Td className="text-slate-700 dark:text-slate-300">
              <time dateTime={archivedAt}>{dateFormat.format(new Date(archivedAt))}</time>
            </Td>
            <Td className="text-right">
              <RestoreProjectButton project={project} />
            </Td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
