import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi, Link } from '@tanstack/react-router';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { projectsQueries } from '../../api/projects';
import { usersQueries } from '../../api/users';
import { Badge } from '../../components/badge';
import { Breadcrumb, BreadcrumbLink } from '../../components/breadcrumb';
import { PageHeader } from '../../components/page-header';
import { Tabs } from '../../components/tabs';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { ProjectJobsTab } from '../jobs/project-jobs-tab';
import { ProjectRunsTab } from '../models/project-runs-tab';
import { resourceErrorComponent } from '../resource-error';
import { CollaboratorsTab } from './collaborators-tab';
import { DatasetsTab } from './datasets-tab';
import { FilesTab } from './files-tab';
import { RestoreProjectButton } from './archived-projects';
import { OverviewTab } from './overview-tab';
import { permissionsFor, ROLE_LABELS } from './project-permissions';
import type { ProjectTab } from './projects-routes';
import { RepositoriesTab } from './repositories-tab';
import { SettingsTab } from './settings-tab';
import { VisibilityBadge } from './visibility-badge';

const routeApi = getRouteApi('/projects/$projectId');

const TAB_ITEMS: readonly { value: ProjectTab; label: string }[] = [
  { value: 'overview', label: 'Overview' },
  { value: 'files', label: 'Files' },
  { value: 'jobs', label: 'Jobs' },
  { value: 'datasets', label: 'Datasets' },
  { value: 'runs', label: 'Experiment runs' },
  { value: 'collaborators', label: 'Collaborators' },
  { value: 'repositories', label: 'Repositories' },
  { value: 'settings', label: 'Settings' },
];

export function ProjectPage() {
  const { projectId } = routeApi.useParams();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { data: project } = useSuspenseQuery(projectsQueries.detail(projectId));
  const { data: info } = useSuspenseQuery(embeddedQueries.info());
  const statusListed = hasExtension(info, 'project-status');
  // A project's experiment runs are the embedded Domino's extension: against a real Domino the tab is not there.
  const runsListed = hasExtension(info, 'project-experiment-runs');
  const status = useQuery({ ...projectsQueries.status(projectId), enabled: statusListed });
  const self = useQuery(usersQueries.self());
  useDocumentTitle(project.name);

  const details = status.data;
  const permissions = permissionsFor({ project, selfId: self.data?.id, yourRole: details?.yourRole, archived: details?.isArchived ?? false });
  const context = { project, permissions, status: details, info };

  let panel;
  const tab = search.tab === 'runs' && !runsListed ? 'overview' : search.tab;
  switch (tab) {
    case 'overview':
      panel = <OverviewTab {...context} />;
      break;
    case 'files':
      panel = <FilesTab {...context} />;
      break;
    case 'jobs':
      panel = <ProjectJobsTab projectId={projectId} />;
      break;
    case 'datasets':
      panel = <DatasetsTab {...context} />;
      break;
    case 'runs':
      panel = <ProjectRunsTab {...context} />;
      break;
    case 'collaborators':
      panel = <CollaboratorsTab {...context} />;
      break;
    case 'repositories':
      panel = <RepositoriesTab {...context} />;
      break;
    case 'settings':
      panel = <SettingsTab {...context} />;
      break;
  }

  return (
    <div className="space-y-4">
      <div>
        <Breadcrumb current={project.name}>
          <BreadcrumbLink to="/projects">Projects</BreadcrumbLink>
          <BreadcrumbLink to="/users/$userId" params={{ userId: project.ownerId }}>
            {project.ownerUsername}
          </BreadcrumbLink>
        </Breadcrumb>
        <PageHeader
          title={project.name}
          description={
            <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span>
                Owned by{' '}
                <Link
                  to="/users/$userId"
                  params={{ userId: project.ownerId }}
                  className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
                >
                  {project.ownerUsername}
                </Link>
              </span>
              <VisibilityBadge visibility={project.visibility} />
              {project.billingTag ? <Badge tone="blue">Billing tag: {project.billingTag.tag}</Badge> : null}
              {details?.isArchived ? <Badge tone="amber">Archived</Badge> : null}
              {details?.status.isBlocked ? <Badge tone="amber">Blocked</Badge> : null}
              {details?.status.status === 'complete' ? <Badge tone="violet">Complete</Badge> : null}
              {permissions.role && permissions.role !== 'none' ? (
                <>
                  <span aria-hidden="true">·</span>
                  <span>Your role: {ROLE_LABELS[permissions.role]}</span>
                </>
              ) : null}
            </span>
          }
        />
        {details?.isArchived ? (
          <div
            role="status"
            className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
          >
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div>
                <p className="font-semibold">This project is archived</p>
                <p className="mt-0.5">
                  It is read-only: its files, goals and settings can be looked at but not changed, and it no longer appears in the projects list.
                </p>
              </div>
              {/* Owners and admins restore it; an unknown role leaves it to the API (project-permissions.ts). */}
              {hasExtension(info, 'archived-projects') && (permissions.role === undefined || permissions.role === 'owner' || permissions.role === 'admin') ? (
                <RestoreProjectButton project={project} variant="primary" />
              ) : null}
            </div>
          </div>
        ) : null}
      </div>
      <Tabs
        label="Project sections"
        items={TAB_ITEMS.filter((item) => item.value !== 'runs' || runsListed)}
        selected={tab}
        onSelect={(tab) => void navigate({ search: (previous) => ({ ...previous, tab }) })}
      >
        {panel}
      </Tabs>
    </div>
  );
}

const ProjectError = resourceErrorComponent({
  noun: 'project',
  missing: 'There is no project with this address, or it is private and you are not one of its collaborators. Check the link, or find the project in the list.',
  back: { label: 'Back to projects', to: '/projects' },
});

export const projectLazyRoute = createLazyRoute('/projects/$projectId')({ component: ProjectPage, errorComponent: ProjectError });
