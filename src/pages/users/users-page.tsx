import { useSuspenseQuery } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi, Link } from '@tanstack/react-router';
import { useId } from 'react';
import { usersQueries } from '../../api/users';
import { Avatar } from '../../components/avatar';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ListPageSkeleton } from '../../components/list-page-skeleton';
import { PageHeader } from '../../components/page-header';
import { Pagination } from '../../components/pagination';
import { PastLastPage } from '../../components/past-last-page';
import { SearchBox } from '../../components/search-box';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { usePageLoading } from '../../hooks/use-page-loading';
import { useTableUrlState } from '../../hooks/use-table-url-state';
import { displayName, userMatches } from '../../lib/user-names';

const routeApi = getRouteApi('/users');

export function UsersPage() {
  useDocumentTitle('Users');
  const resultsId = useId();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const table = useTableUrlState(search, (next, { replace }) => void navigate({ search: next, replace }), { queryResetsPage: false });
  const { data } = useSuspenseQuery(usersQueries.list({ offset: table.offset, limit: table.pageSize }));
  const busy = usePageLoading(table);

  const visible = data.users.filter((user) => userMatches(user, table.q));
  const query = table.q.trim();

  let content;
  if (data.users.length === 0) {
    content =
      table.page > 1 ? (
        <PastLastPage noun="users" onFirstPage={() => table.setPage(1)} />
      ) : (
        <EmptyState title="No users yet">Nobody is visible to you in this Domino.</EmptyState>
      );
  } else if (visible.length === 0) {
    content = (
      <EmptyState title={`No users match “${query}”`} action={<Button onClick={() => table.setQuery('')}>Clear the search</Button>}>
        The search looks at the names, user names and email addresses of the {data.users.length} users on this page.
      </EmptyState>
    );
  } else {
    content = (
      <Table caption={`Users, page ${table.page}${query ? `, filtered by “${query}”` : ''}`}>
        <TableHead>
          <Th>Name</Th>
          <Th>User name</Th>
          <Th>Email</Th>
        </TableHead>
        <TableBody>
          {visible.map((user) => (
            <tr key={user.id} className="hover:bg-slate-50 dark:hover:bg-slate-900">
              <Td>
                <div className="flex items-center gap-3">
                  <Avatar user={user} size="sm" />
                  <Link
                    to="/users/$userId"
                    params={{ userId: user.id }}
                    className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
                  >
                    {displayName(user)}
                  </Link>
                </div>
              </Td>
              <Td className="text-slate-700 dark:text-slate-300">{user.userName}</Td>
              <Td className="text-slate-700 dark:text-slate-300">{user.email ?? '—'}</Td>
            </tr>
          ))}
        </TableBody>
      </Table>
    );
  }

  return (
    <div>
      <PageHeader title="Users" description="Everyone visible to you in this Domino. Select a name for details and git credentials." />
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <SearchBox label="Search users on this page" value={table.q} onChange={table.setQuery} placeholder="Name, user name or email" describedBy={resultsId} />
        <p id={resultsId} className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
          {query ? `${visible.length} of ${data.users.length} users on this page match` : ''}
        </p>
      </div>
      <div className="space-y-4">
        {content}
        <Pagination {...table.pagination} itemCount={data.users.length} totalCount={data.pagination.totalCount} noun="users" busy={busy} />
      </div>
    </div>
  );
}

export const usersLazyRoute = createLazyRoute('/users')({
  component: UsersPage,
  pendingComponent: () => <ListPageSkeleton title="Users" rows={8} columns={3} label="Loading users…" />,
});
