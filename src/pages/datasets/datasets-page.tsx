import { useQuery, useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi, Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { datasetsQueries } from '../../api/datasets';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { projectsQueries } from '../../api/projects';
import { DATASET_PERMISSIONS, type DatasetRwPermissionV1 } from '../../api/schemas/datasets';
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
import { offsetOf, useTableUrlState } from '../../hooks/use-table-url-state';
import { dateTime } from '../../lib/dates';
import { projectFilterOptions } from '../jobs/project-picker';
import { CreateDatasetDialog } from './create-dataset-dialog';
import { formatBytes, PERMISSION_LABELS } from './dataset-format';
import type { DatasetsSearch } from './datasets-routes';

const routeApi = getRouteApi('/datasets');

/** The route's loader, loaded with this page (not with the frame's initial bundle). */
export async function loadDatasets(queryClient: QueryClient, deps: Pick<DatasetsSearch, 'page' | 'pageSize' | 'q' | 'project' | 'min'>): Promise<void> {
  const info = await queryClient.ensureQueryData(embeddedQueries.info());
  const embedded = hasExtension(info, 'dataset-search');
  await queryClient.ensureQueryData(
    datasetsQueries.list({
      offset: offsetOf(deps),
      limit: deps.pageSize,
      search: embedded ? deps.q.trim() || undefined : undefined,
      projectId: deps.project,
      minimumPermission: deps.min,
      embedded,
    }),
  );
}

const ANY = 'any';
// The permissions that mean a different level (Delete and PermanentDelete are EditSecurity's).
const MIN_OPTIONS = [
  { value: ANY, label: 'Any access' },
  ...DATASET_PERMISSIONS.filter((p) => p !== 'DeleteDatasetRwV2' && p !== 'PermanentDeleteDatasetRwV2').map((p) => ({ value: p, label: PERMISSION_LABELS[p] })),
];

export function DatasetsPage() {
  useDocumentTitle('Datasets');
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const table = useTableUrlState(search, (next, { replace }) => void navigate({ search: next, replace }), { queryResetsPage: true });
  const { data: info } = useSuspenseQuery(embeddedQueries.info());
  const embedded = hasExtension(info, 'dataset-search');
  const searchText = embedded ? table.q.trim() || undefined : undefined;
  const { data } = useSuspenseQuery(
    datasetsQueries.list({
      offset: table.offset,
      limit: table.pageSize,
      search: searchText,
      projectId: search.project,
      minimumPermission: search.min,
      embedded,
    }),
  );
  const projects = useQuery(projectsQueries.allVisible());
  const busy = usePageLoading(table);
  const [creating, setCreating] = useState(false);
  const countId = useId();

  const projectOptions = projectFilterOptions(projects.data, search.project, ANY);

  let list;
  if (data.items.length === 0) {
    if (table.page > 1) list = <PastLastPage noun="datasets" onFirstPage={() => table.setPage(1)} />;
    else if (searchText || search.project || search.min)
      list = (
        <EmptyState
          title="No dataset matches"
          action={<Button onClick={() => void navigate({ search: { page: 1, pageSize: table.pageSize, q: '' } })}>Clear the filters</Button>}
        >
          Nothing you can see matches the search and filters.
        </EmptyState>
      );
    else
      list = (
        <EmptyState
          title="No datasets yet"
          action={
            <Button variant="primary" onClick={() => setCreating(true)}>
              New dataset
            </Button>
          }
        >
          A dataset is a folder of files, versioned by snapshots and mounted into jobs.
        </EmptyState>
      );
  } else {
    list = (
      <Table caption="Datasets you can see">
        <TableHead>
          <Th>Name</Th>
          <Th>Project</Th>
          <Th>Snapshots</Th>
          {embedded ? <Th>Files</Th> : null}
          {embedded ? <Th>Size</Th> : null}
          <Th>Created</Th>
        </TableHead>
        <TableBody>
          {data.items.map((item) => (
            <tr key={item.dataset.id} className="hover:bg-slate-50 dark:hover:bg-slate-900">
              <Td>
                <Link
                  to="/datasets/$datasetId"
                  params={{ datasetId: item.dataset.id }}
                  className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
                >
                  {item.dataset.name}
                </Link>
                {item.dataset.description ? <p className="line-clamp-1 text-xs text-slate-600 dark:text-slate-400">{item.dataset.description}</p> : null}
              </Td>
              <Td>{item.projectName ? `${item.projectOwner}/${item.projectName}` : (item.dataset.projectId ?? '—')}</Td>
              <Td>{item.dataset.snapshotIds.length}</Td>
              {embedded ? <Td>{item.fileCount ?? '—'}</Td> : null}
              {embedded ? <Td>{item.bytes !== undefined ? formatBytes(item.bytes) : '—'}</Td> : null}
              <Td>{dateTime.format(new Date(item.dataset.createdAt))}</Td>
            </tr>
          ))}
        </TableBody>
      </Table>
    );
  }

  return (
    <div>
      <PageHeader
        title="Datasets"
        description="The datasets you can access: their files, snapshots, tags and who may use them."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            New dataset
          </Button>
        }
      />
      <div className="space-y-4">
        <div className="flex flex-wrap items-end gap-3">
          {embedded ? <SearchBox label="Search" value={table.q} onChange={table.setQuery} placeholder="Name or description" describedBy={countId} /> : null}
          <FilterSelect
            label="Project"
            value={search.project ?? ANY}
            options={projectOptions}
            onChange={(value) => void navigate({ search: (previous) => ({ ...previous, page: 1, project: value === ANY ? undefined : value }) })}
            selectClassName="min-w-48"
          />
          <FilterSelect
            label="Your access at least"
            value={search.min ?? ANY}
            options={MIN_OPTIONS}
            onChange={(value) =>
              void navigate({ search: (previous) => ({ ...previous, page: 1, min: value === ANY ? undefined : (value as DatasetRwPermissionV1) }) })
            }
          />
        </div>
        <p id={countId} className="sr-only" aria-live="polite">
          {data.pagination.totalCount ?? data.items.length} datasets
        </p>
        {list}
        <Pagination {...table.pagination} itemCount={data.items.length} totalCount={data.pagination.totalCount} noun="datasets" busy={busy} />
      </div>
      <CreateDatasetDialog open={creating} onClose={() => setCreating(false)} defaultProjectId={search.project} />
    </div>
  );
}

export const datasetsLazyRoute = createLazyRoute('/datasets')({
  component: DatasetsPage,
  pendingComponent: () => <ListPageSkeleton title="Datasets" rows={5} columns={5} label="Loading datasets…" />,
});
