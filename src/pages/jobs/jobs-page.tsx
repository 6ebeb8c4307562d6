import { useQuery } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi, Link } from '@tanstack/react-router';
import { useEffect } from 'react';
import { errorMessage } from '../../api/error-details';
import { isDominoApiError } from '../../api/http';
import { jobsQueries } from '../../api/jobs';
import { projectsQueries } from '../../api/projects';
import { EmptyState } from '../../components/empty-state';
import { InlineAlert } from '../../components/inline-alert';
import { ListPageSkeleton } from '../../components/list-page-skeleton';
import { PageHeader } from '../../components/page-header';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { resourceErrorComponent } from '../resource-error';
import { JobsList } from './jobs-list';
import { toJobListRequest, type JobListState } from './jobs-search';
import { ProjectPicker, projectLabel } from './project-picker';
import { readRecentProject, rememberRecentProject } from './recent-project';

const routeApi = getRouteApi('/jobs');

export function JobsPage() {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { projectId, ...state } = search;
  const projects = useQuery(projectsQueries.allVisible());
  const project = projects.data?.find((candidate) => candidate.id === projectId);
  useDocumentTitle(project ? `Jobs · ${project.name}` : 'Jobs');

  // Remember the project once its jobs load, so the next visit to /jobs opens on it; forget one
  // that no longer answers (archived, or access removed) so /jobs does not keep landing there.
  const list = useQuery({ ...jobsQueries.list(toJobListRequest(projectId ?? '', state)), enabled: false });
  const listOk = list.isSuccess;
  const listGone = list.isError && (isDominoApiError(list.error, 404) || isDominoApiError(list.error, 403));
  useEffect(() => {
    if (!projectId) return;
    if (listOk) rememberRecentProject(projectId);
    else if (listGone && readRecentProject() === projectId) rememberRecentProject(undefined);
  }, [projectId, listOk, listGone]);

  function selectProject(nextProjectId: string) {
    rememberRecentProject(nextProjectId);
    // A new project starts on its first page with the same sort and filters.
    void navigate({ search: { ...state, page: 1, projectId: nextProjectId } });
  }

  const pickerStatus = projects.isPending
    ? 'Loading projects…'
    : projects.isError
      ? `Projects could not be loaded: ${errorMessage(projects.error)}`
      : undefined;

  const picker = (
    <div>
      <ProjectPicker label="Project" projects={projects.data ?? []} selectedId={projectId} onSelect={selectProject} status={pickerStatus} />
      {projects.isError ? (
        <div className="mt-3 max-w-xl">
          <InlineAlert title="Projects could not be loaded">{errorMessage(projects.error)}</InlineAlert>
        </div>
      ) : null}
    </div>
  );

  return (
    <div>
      <PageHeader
        title="Jobs"
        actions={
          <Link to="/jobs/all" className="text-sm font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400">
            Your jobs across projects
          </Link>
        }
        description={
          project ? (
            <>
              Jobs of{' '}
              <Link
                to="/projects/$projectId"
                params={{ projectId: project.id }}
                className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
              >
                {projectLabel(project)}
              </Link>
              . Select a job for its timeline, usage and logs.
            </>
          ) : (
            'Runs of a command on a project’s files, with their logs, results and usage.'
          )
        }
      />
      {projectId ? (
        <JobsList
          key={projectId}
          projectId={projectId}
          projectName={project ? projectLabel(project) : undefined}
          state={state}
          onStateChange={(next: JobListState, { replace }) => void navigate({ search: { ...next, projectId }, replace })}
          leading={picker}
        />
      ) : (
        <div className="space-y-6">
          {picker}
          <EmptyState title="Choose a project to see its jobs">
            Jobs belong to a project. Pick one above
            {projects.data && projects.data.length > 0 ? ` (${projects.data.length} ${projects.data.length === 1 ? 'is' : 'are'} visible to you)` : ''}; the
            choice stays in the address bar, so the list can be bookmarked and shared.
          </EmptyState>
        </div>
      )}
    </div>
  );
}

export const jobsLazyRoute = createLazyRoute('/jobs')({
  // A ?projectId that is not an id: the bad-link page (jobs-routes.ts checks it).
  errorComponent: resourceErrorComponent({
    noun: 'project',
    missing: 'There is no project with this id, or it is private and you are not one of its collaborators.',
    back: { label: 'Back to jobs', to: '/jobs' },
  }),
  component: JobsPage,
  pendingComponent: () => <ListPageSkeleton title="Jobs" rows={8} columns={6} label="Loading jobs…" />,
});
