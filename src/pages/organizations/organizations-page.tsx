import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { organizationsQueries, type OrganizationScope } from '../../api/organizations';
import type { OrganizationV1 } from '../../api/schemas/organizations';
import { usersQueries } from '../../api/users';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ExactMatchFilter } from '../../components/exact-match-filter';
import { ListPageSkeleton } from '../../components/list-page-skeleton';
import { PageHeader } from '../../components/page-header';
import { Pagination } from '../../components/pagination';
import { PastLastPage } from '../../components/past-last-page';
import { RoleBadge } from '../../components/role-badge';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { Tabs } from '../../components/tabs';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { usePageLoading } from '../../hooks/use-page-loading';
import { useTableUrlState } from '../../hooks/use-table-url-state';
import { CreateOrganizationDialog } from './create-organization-dialog';

const routeApi = getRouteApi('/organizations');

const TAB_ITEMS = [
  { value: 'mine', label: 'Mine' },
  { value: 'all', label: 'All' },
] as const;

function OrganizationsTable({ orgs, selfId, caption }: { orgs: readonly OrganizationV1[]; selfId: string | undefined; caption: string }) {
  return (
    <Table caption={caption}>
      <TableHead>
        <Th>Name</Th>
        <Th>Members</Th>
        <Th>Admins</Th>
        <Th>Your role</Th>
      </TableHead>
      <TableBody>
        {orgs.map((org) => {
          const myRole = org.members.find((member) => member.userId === selfId)?.organizationRole;
          return (
            <tr key={org.id} className="hover:bg-slate-50 dark:hover:bg-slate-900">
              <Td>
                <Link
                  to="/organizations/$organizationId"
                  params={{ organizationId: org.id }}
                  className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
                >
                  {org.name}
                </Link>
              </Td>
              <Td>{org.members.length}</Td>
              <Td>{org.members.filter((member) => member.organizationRole === 'admin').length}</Td>
              <Td>{myRole ? <RoleBadge role={myRole} /> : <span className="text-slate-600 dark:text-slate-400">Not a member</span>}</Td>
            </tr>
          );
        })}
      </TableBody>
    </Table>
  );
}

export function OrganizationsPage() {
  useDocumentTitle('Organizations');
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const table = useTableUrlState(search, (next, { replace }) => void navigate({ search: next, replace }), { queryResetsPage: true });
  const { data: canListAll } = useSuspenseQuery(organizationsQueries.canListAll());
  const tab: OrganizationScope = canListAll ? search.tab : 'mine';
  const nameFilter = table.q.trim() || undefined;
  const { data } = useSuspenseQuery(organizationsQueries.list(tab, { offset: table.offset, limit: table.pageSize, nameFilter }));
  const self = useQuery(usersQueries.self());
  const busy = usePageLoading(table);
  const [creating, setCreating] = useState(false);

  let list;
  if (data.orgs.length === 0) {
    if (nameFilter) {
      list = (
        <EmptyState title={`No organization is named “${nameFilter}”`} action={<Button onClick={() => table.setQuery('')}>Clear the filter</Button>}>
          The filter matches whole names only.
        </EmptyState>
      );
    } else if (table.page > 1) {
      list = <PastLastPage noun="organizations" onFirstPage={() => table.setPage(1)} />;
    } else {
      list =
        tab === 'mine' ? (
          <EmptyState
            title="You are not in any organization yet"
            action={
              <Button variant="primary" onClick={() => setCreating(true)}>
                Create organization
              </Button>
            }
          >
            Create one, or ask an organization’s admin to add you.
          </EmptyState>
        ) : (
          <EmptyState title="No organizations yet">Nobody has created an organization in this Domino.</EmptyState>
        );
    }
  } else {
    list = <OrganizationsTable orgs={data.orgs} selfId={self.data?.id} caption={tab === 'all' ? 'All organizations' : 'Your organizations'} />;
  }

  const panel = (
    <div className="space-y-4">
      <ExactMatchFilter
        label="Organization name"
        formLabel="Filter organizations"
        value={table.q}
        onApply={table.setQuery}
        hint="Matches the whole name, in any letter case."
        inputClassName="w-72"
      />
      {list}
      <Pagination {...table.pagination} itemCount={data.orgs.length} totalCount={data.pagination.totalCount} noun="organizations" busy={busy} />
    </div>
  );

  return (
    <div>
      <PageHeader
        title="Organizations"
        description={canListAll ? 'Your organizations, and as an administrator, every organization.' : 'The organizations you are a member of.'}
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            Create organization
          </Button>
        }
      />
      {canListAll ? (
        <Tabs
          label="Which organizations"
          items={TAB_ITEMS}
          selected={tab}
          onSelect={(next) => void navigate({ search: (previous) => ({ ...previous, tab: next, page: 1 }) })}
        >
          {panel}
        </Tabs>
      ) : (
        panel
      )}
      <CreateOrganizationDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

export const organizationsLazyRoute = createLazyRoute('/organizations')({
  component: OrganizationsPage,
  pendingComponent: () => <ListPageSkeleton title="Organizations" rows={4} columns={4} label="Loading organizations…" />,
});
