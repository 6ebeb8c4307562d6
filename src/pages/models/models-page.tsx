import { useQuery, useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi, Link } from '@tanstack/react-router';
import { useId } from 'react';
import { modelsQueries, type ModelListRequest } from '../../api/models';
import { projectsQueries } from '../../api/projects';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { FilterSelect } from '../../components/filter-select';
import { ListPageSkeleton } from '../../components/list-page-skeleton';
import { PageHeader } from '../../components/page-header';
import { Pagination } from '../../components/pagination';
import { PastLastPage } from '../../components/past-last-page';
import { SearchBox } from '../../components/search-box';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { usePageLoading } from '../../hooks/use-page-loading';
import { useTableUrlState } from '../../hooks/use-table-url-state';
import { dateTime } from '../../lib/dates';
import { projectFilterOptions, projectLabel } from '../jobs/project-picker';
import { formatMetric, linkClasses, StageBadge } from './model-format';
import type { ModelsSearch } from './models-routes';

const routeApi = getRouteApi('/models');

function listRequest(search: Pick<ModelsSearch, 'page' | 'pageSize' | 'q' | 'project' | 'stage'>): ModelListRequest {
  return { page: search.page, pageSize: search.pageSize, search: search.q.trim() || undefined, projectId: search.project, stage: search.stage };
}

/** The route's loader, loaded with this page (not with the frame's initial bundle). */
export async function loadModels(queryClient: QueryClient, deps: Pick<ModelsSearch, 'page' | 'pageSize' | 'q' | 'project' | 'stage'>): Promise<void> {
  await queryClient.ensureQueryData(modelsQueries.list(listRequest(deps)));
}

const ANY = 'any';
/** At most this many metrics in a row: the model's page has them all. */
const SHOWN_METRICS = 3;

export function ModelsPage() {
  useDocumentTitle('Models');
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const table = useTableUrlState(search, (next, { replace }) => void navigate({ search: next, replace }), { queryResetsPage: true });
  const { data } = useSuspenseQuery(modelsQueries.list(listRequest(search)));
  const projects = useQuery(projectsQueries.allVisible());
  const stages = useQuery(modelsQueries.stages());
  const busy = usePageLoading(table);
  const countId = useId();

  const projectOptions = projectFilterOptions(projects.data, search.project, ANY);
  const stageOptions = [
    { value: ANY, label: 'Any stage' },
    ...(stages.data ?? []).map((stage) => ({ value: stage, label: stage })),
    ...(search.stage && !stages.data?.some((s) => s.toLowerCase() === search.stage?.toLowerCase()) ? [{ value: search.stage, label: search.stage }] : []),
  ];
  const filtered = Boolean(search.q.trim() || search.project || search.stage);

  let list;
  if (data.items.length === 0) {
    if (table.page > 1) list = <PastLastPage noun="models" onFirstPage={() => table.setPage(1)} />;
    else if (filtered)
      list = (
        <EmptyState
          title="No model matches"
          action={<Button onClick={() => void navigate({ search: { page: 1, pageSize: table.pageSize, q: '' } })}>Clear the filters</Button>}
        >
          Nothing you can see matches the search and filters.
        </EmptyState>
      );
    else
      list = (
        <EmptyState title="No registered models yet">
          A model is registered from an experiment run that logged one: open a project, its Experiment runs tab, and register a run’s model.
        </EmptyState>
      );
  } else {
    list = (
      <Table caption="Registered models">
        <TableHead>
          <Th>Name</Th>
          <Th>Project</Th>
          <Th>Latest version</Th>
          <Th>Stage of the latest</Th>
          <Th>Metrics of the latest</Th>
          <Th>Model APIs</Th>
          <Th>Updated</Th>
        </TableHead>
        <TableBody>
          {data.items.map((model) => {
            const metrics = Object.entries(model.latestVersionExperimentMetrics ?? {}).sort(([a], [b]) => a.localeCompare(b));
            return (
              <tr key={model.name} className="hover:bg-slate-50 dark:hover:bg-slate-900">
                <Td>
                  <Link to="/models/$modelName" params={{ modelName: model.name }} className={linkClasses}>
                    {model.name}
                  </Link>
                  {model.description ? <p className="line-clamp-1 text-xs text-slate-600 dark:text-slate-400">{model.description}</p> : null}
                </Td>
                <Td>{projectLabel({ name: model.project.name, ownerUsername: model.project.ownerUsername })}</Td>
                <Td>{model.latestVersion !== undefined ? `v${model.latestVersion}` : '—'}</Td>
                <Td>{model.latestVersionStage ? <StageBadge stage={model.latestVersionStage} /> : '—'}</Td>
                <Td>
                  {metrics.length === 0 ? (
                    '—'
                  ) : (
                    <span className="font-mono text-xs">
                      {metrics
                        .slice(0, SHOWN_METRICS)
                        .map(([key, value]) => `${key} ${formatMetric(value)}`)
                        .join(' · ')}
                      {metrics.length > SHOWN_METRICS ? ` · +${metrics.length - SHOWN_METRICS}` : ''}
                    </span>
                  )}
                </Td>
                <Td>{model.modelApiCount}</Td>
                <Td>{dateTime.format(new Date(model.updatedAt))}</Td>
              </tr>
            );
          })}
        </TableBody>
      </Table>
    );
  }

  return (
    <div>
      <PageHeader title="Models" description="The model registry: models registered from experiment runs, their versions, stages and reviews." />
      <div className="space-y-4">
        <div className="flex flex-wrap items-end gap-3">
          <SearchBox label="Search" value={table.q} onChange={table.setQuery} placeholder="Model name" describedBy={countId} />
          <FilterSelect
            label="Project"
            value={search.project ?? ANY}
            options={projectOptions}
            onChange={(value) => void navigate({ search: (previous) => ({ ...previous, page: 1, project: value === ANY ? undefined : value }) })}
            selectClassName="min-w-48"
          />
          <FilterSelect
            label="Stage of the latest version"
            value={search.stage ?? ANY}
            options={stageOptions}
            onChange={(value) => void navigate({ search: (previous) => ({ ...previous, page: 1, stage: value === ANY ? undefined : value }) })}
          />
        </div>
        <p id={countId} className="sr-only" aria-live="polite">
          {data.totalCount ?? data.items.length} models
        </p>
        {list}
        <Pagination {...table.pagination} itemCount={data.items.length} totalCount={data.totalCount} noun="models" busy={busy} />
      </div>
    </div>
  );
}

export const modelsLazyRoute = createLazyRoute('/models')({
  component: ModelsPage,
  pendingComponent: () => <ListPageSkeleton title="Models" rows={5} columns={6} label="Loading models…" />,
});
