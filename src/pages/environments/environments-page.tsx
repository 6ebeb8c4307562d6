import { useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi, Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { environmentsQueries } from '../../api/environments';
import { ENVIRONMENT_VISIBILITIES, type EnvironmentVisibilityV1 } from '../../api/schemas/environments';
import { Badge } from '../../components/badge';
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
import { BuildStatusBadge, VISIBILITY_LABELS, visibilityLabel } from './build-status';
import { CreateEnvironmentDialog } from './create-environment-dialog';
import type { EnvironmentsSearch } from './environments-routes';

const routeApi = getRouteApi('/environments');

function listRequest(deps: Pick<EnvironmentsSearch, 'page' | 'pageSize' | 'q' | 'visibility'>, embedded: boolean) {
  return {
    offset: offsetOf(deps),
    limit: deps.pageSize,
    // Against a real Domino the spec's list has only offset and limit: the URL's search is ignored.
    search: embedded ? deps.q.trim() || undefined : undefined,
    visibility: embedded ? deps.visibility : undefined,
    embedded,
  };
}

/** The route's loader, loaded with this page (not with the frame's initial bundle). */
export async function loadEnvironments(queryClient: QueryClient, deps: Pick<EnvironmentsSearch, 'page' | 'pageSize' | 'q' | 'visibility'>): Promise<void> {
  const info = await queryClient.ensureQueryData(embeddedQueries.info());
  await queryClient.ensureQueryData(environmentsQueries.list(listRequest(deps, hasExtension(info, 'environment-search'))));
}

const ANY = 'any';
const VISIBILITY_OPTIONS = [{ value: ANY, label: 'Any visibility' }, ...ENVIRONMENT_VISIBILITIES.map((v) => ({ value: v, label: VISIBILITY_LABELS[v] }))];

export function EnvironmentsPage() {
  useDocumentTitle('Environments');
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const table = useTableUrlState(search, (next, { replace }) => void navigate({ search: next, replace }), { queryResetsPage: true });
  const { data: info } = useSuspenseQuery(embeddedQueries.info());
  const embedded = hasExtension(info, 'environment-search');
  const listed = listRequest(search, embedded);
  const { data } = useSuspenseQuery(environmentsQueries.list(listed));
  const busy = usePageLoading(table);
  const [creating, setCreating] = useState(false);
  const countId = useId();

  let list;
  if (data.environments.length === 0) {
    if (table.page > 1) list = <PastLastPage noun="environments" onFirstPage={() => table.setPage(1)} />;
    else if (listed.search || listed.visibility)
      list = (
        <EmptyState
          title="No environment matches"
          action={<Button onClick={() => void navigate({ search: { page: 1, pageSize: table.pageSize, q: '' } })}>Clear the filters</Button>}
        >
          Nothing you can see matches the search and filter.
        </EmptyState>
      );
    else
      list = (
        <EmptyState
          title="No environments yet"
          action={
            <Button variant="primary" onClick={() => setCreating(true)}>
              New environment
            </Button>
          }
        >
          An environment is the image, packages and scripts a job runs on; each change is a new revision, built before jobs can use it.
        </EmptyState>
      );
  } else {
    list = (
      <Table caption="Environments you can see">
        <TableHead>
          <Th>Name</Th>
          <Th>Visibility</Th>
          <Th>Owner</Th>
          <Th>Active revision</Th>
          <Th>Latest build</Th>
          <Th>Tags</Th>
        </TableHead>
        <TableBody>
          {data.environments.map((environment) => (
            <tr key={environment.id} className="hover:bg-slate-50 dark:hover:bg-slate-900">
              <Td>
                <Link
                  to="/environments/$environmentId"
                  params={{ environmentId: environment.id }}
                  className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
                >
                  {environment.name}
                </Link>
                {environment.isCurated ? (
                  <Badge tone="violet" className="ml-2">
                    Curated
                  </Badge>
                ) : null}
                {environment.archived ? <Badge className="ml-2">Archived</Badge> : null}
              </Td>
              <Td>{visibilityLabel(environment.visibility)}</Td>
              <Td>{environment.owner?.username ?? '—'}</Td>
              <Td>{environment.selectedRevision ? `#${environment.selectedRevision.number}` : 'None yet'}</Td>
              <Td>
                {environment.latestRevision ? (
                  <span className="inline-flex items-center gap-2">
                    <span>#{environment.latestRevision.number}</span>
                    <BuildStatusBadge status={environment.latestRevision.status} />
                  </span>
                ) : (
                  '—'
                )}
              </Td>
              <Td>{environment.activeRevisionTags?.length ? environment.activeRevisionTags.join(', ') : '—'}</Td>
            </tr>
          ))}
        </TableBody>
      </Table>
    );
  }

  return (
    <div>
      <PageHeader
        title="Environments"
        description="The compute environments you can use: what each revision is built from, how its build went, and the jobs that ran on it."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            New environment
          </Button>
        }
      />
      <div className="space-y-4">
        {embedded ? (
          <div className="flex flex-wrap items-end gap-3">
            <SearchBox label="Search" value={table.q} onChange={table.setQuery} placeholder="Part of a name" describedBy={countId} />
            <FilterSelect
              label="Visibility"
              value={search.visibility ?? ANY}
              options={VISIBILITY_OPTIONS}
              onChange={(value) =>
                void navigate({ search: (previous) => ({ ...previous, page: 1, visibility: value === ANY ? undefined : (value as EnvironmentVisibilityV1) }) })
              }
            />
          </div>
        ) : null}
        <p id={countId} className="sr-only" aria-live="polite">
          {data.pagination.totalCount ?? data.environments.length} environments
        </p>
        {list}
        <Pagination {...table.pagination} itemCount={data.environments.length} totalCount={data.pagination.totalCount} noun="environments" busy={busy} />
      </div>
      {creating ? <CreateEnvironmentDialog open onClose={() => setCreating(false)} canCreateGlobal={info.callerIsAdmin || !info.embedded} /> : null}
    </div>
  );
}

export const environmentsLazyRoute = createLazyRoute('/environments')({
  component: EnvironmentsPage,
  pendingComponent: () => <ListPageSkeleton title="Environments" rows={5} columns={6} label="Loading environments…" />,
});
