import { useQuery, useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi, Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { modelApisQueries } from '../../api/model-apis';
import { projectsQueries } from '../../api/projects';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { FilterSelect } from '../../components/filter-select';
import { ListPageSkeleton } from '../../components/list-page-skeleton';
import { PageHeader } from '../../components/page-header';
import { Pagination } from '../../components/pagination';
import { PastLastPage } from '../../components/past-last-page';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { usePageLoading } from '../../hooks/use-page-loading';
import { offsetOf, useTableUrlState } from '../../hooks/use-table-url-state';
import { dateTime } from '../../lib/dates';
import { projectFilterOptions, projectLabel } from '../jobs/project-picker';
import { NewModelApiDialog } from './deploy-dialog';
import { DeploymentBadge } from './model-api-status';
import type { ModelApisSearch } from './model-apis-routes';

const routeApi = getRouteApi('/model-apis');
const ANY = 'any';

export async function loadModelApis(queryClient: QueryClient, deps: Pick<ModelApisSearch, 'page' | 'pageSize' | 'project'>): Promise<void> {
  await queryClient.ensureQueryData(modelApisQueries.list({ offset: offsetOf(deps), limit: deps.pageSize, projectId: deps.project }));
}

export function ModelApisPage() {
  useDocumentTitle('Model APIs');
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const table = useTableUrlState(search, (next, { replace }) => void navigate({ search: next, replace }), { queryResetsPage: true });
  const { data } = useSuspenseQuery(modelApisQueries.list({ offset: table.offset, limit: table.pageSize, projectId: search.project }));
  const projects = useQuery(projectsQueries.allVisible());
  const busy = usePageLoading(table);
  const [creating, setCreating] = useState(false);
  const countId = useId();
  const projectName = (id: string | undefined) => {
    const project = projects.data?.find((p) => p.id === id);
    return project ? projectLabel(project) : (id ?? '—');
  };
  const projectOptions = projectFilterOptions(projects.data, search.project, ANY);

  let list;
  if (data.items.length === 0) {
    if (table.page > 1) list = <PastLastPage noun="Model APIs" onFirstPage={() => table.setPage(1)} />;
    else
      list = (
        <EmptyState
          title={search.project ? 'No Model API in this project' : 'No Model APIs yet'}
          action={
            <Button variant="primary" onClick={() => setCreating(true)}>
              New Model API
            </Button>
          }
        >
          A Model API serves a registered model version (or a project’s function) to predictions.
        </EmptyState>
      );
  } else {
    list = (
      <Table caption="Model APIs you can see">
        <TableHead>
          <Th>Name</Th>
          <Th>Project</Th>
          <Th>Status</Th>
          <Th>Version</Th>
          <Th>Replicas</Th>
          <Th>Kind</Th>
          <Th>Created</Th>
        </TableHead>
        <TableBody>
          {data.items.map((api) => (
            <tr key={api.id} className="hover:bg-slate-50 dark:hover:bg-slate-900">
              <Td>
                <Link
                  to="/model-apis/$modelApiId"
                  params={{ modelApiId: api.id }}
                  className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
                >
                  {api.name}
                </Link>
                {api.description ? <p className="line-clamp-1 text-xs text-slate-600 dark:text-slate-400">{api.description}</p> : null}
              </Td>
              <Td>{projectName(api.projectId)}</Td>
              <Td>
                <DeploymentBadge status={api.activeVersion?.deployment?.status} />
              </Td>
              <Td>{api.activeVersion?.number ?? '—'}</Td>
              <Td>{api.replicas}</Td>
              <Td>{api.isAsync ? 'Async' : 'Sync'}</Td>
              <Td>{dateTime.format(new Date(api.metadata.created))}</Td>
            </tr>
          ))}
        </TableBody>
      </Table>
    );
  }

  return (
    <div>
      <PageHeader
        title="Model APIs"
        description="Deployed models: their versions, workers, logs and predictions."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            New Model API
          </Button>
        }
      />
      <div className="space-y-4">
        <FilterSelect
          label="Project"
          value={search.project ?? ANY}
          options={projectOptions}
          onChange={(value) => void navigate({ search: (previous) => ({ ...previous, page: 1, project: value === ANY ? undefined : value }) })}
          selectClassName="min-w-48"
        />
        <p id={countId} className="sr-only" aria-live="polite">
          {data.metadata.pagination?.totalCount ?? data.items.length} Model APIs
        </p>
        {list}
        <Pagination {...table.pagination} itemCount={data.items.length} totalCount={data.metadata.pagination?.totalCount} noun="Model APIs" busy={busy} />
      </div>
      <NewModelApiDialog open={creating} onClose={() => setCreating(false)} defaultProjectId={search.project} />
    </div>
  );
}

export const modelApisLazyRoute = createLazyRoute('/model-apis')({
  component: ModelApisPage,
  pendingComponent: () => <ListPageSkeleton title="Model APIs" rows={5} columns={6} label="Loading Model APIs…" />,
});
