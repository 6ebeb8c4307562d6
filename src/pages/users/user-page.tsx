import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi, Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { usersQueries } from '../../api/users';
import { Avatar } from '../../components/avatar';
import { Badge } from '../../components/badge';
import { buttonClasses } from '../../components/button';
import { PageHeader } from '../../components/page-header';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { displayName } from '../../lib/user-names';
import { GitCredentialsSection } from './git-credentials-section';

const routeApi = getRouteApi('/users/$userId');

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-4 px-4 py-3">
      <dt className="text-sm font-medium text-slate-600 dark:text-slate-400">{term}</dt>
      <dd className="text-sm break-words text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

function UserNotFound({ userId }: { userId: string }) {
  useDocumentTitle('User not found');
  return (
    <div className="max-w-xl">
      <p className="text-sm font-semibold text-slate-600 dark:text-slate-400">404</p>
      <h1 tabIndex={-1} className="mt-1 text-2xl font-semibold tracking-tight text-slate-900 outline-none dark:text-slate-50">
        User not found
      </h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        No user visible to you has the id <code className="font-mono text-sm break-all">{userId}</code>. They may have been removed, or the
        address may be mistyped.
      </p>
      <div className="mt-6">
        <Link to="/users" className={buttonClasses('primary')}>
          Back to users
        </Link>
      </div>
    </div>
  );
}

export function UserPage() {
  const { userId } = routeApi.useParams();
  const { data: user } = useSuspenseQuery(usersQueries.detail(userId));
  const self = useQuery(usersQueries.self());
  useDocumentTitle(user ? displayName(user) : undefined);

  if (!user) return <UserNotFound userId={userId} />;
  const isSelf = self.data?.id === user.id;

  return (
    <div className="space-y-8">
      <div>
        <nav aria-label="Breadcrumb" className="mb-3 text-sm">
          <Link to="/users" className="text-blue-700 underline underline-offset-2 dark:text-blue-400">
            Users
          </Link>
          <span aria-hidden="true" className="mx-2 text-slate-500">
            /
          </span>
          <span aria-current="page" className="text-slate-700 dark:text-slate-300">
            {displayName(user)}
          </span>
        </nav>
        <PageHeader
          before={<Avatar user={user} size="lg" />}
          title={displayName(user)}
          description={
            <span className="flex items-center gap-2">
              {user.userName}
              {isSelf ? <Badge tone="blue">You</Badge> : null}
            </span>
          }
        />
      </div>

      <section aria-labelledby="user-details-heading">
        <h2 id="user-details-heading" className="mb-3 text-lg font-semibold text-slate-900 dark:text-slate-50">
          Details
        </h2>
        <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          <Detail term="Full name">{displayName(user)}</Detail>
          <Detail term="User name">{user.userName}</Detail>
          <Detail term="Email">{user.email ?? 'Not shared'}</Detail>
          {user.phoneNumber ? <Detail term="Phone">{user.phoneNumber}</Detail> : null}
          {user.companyName ? <Detail term="Company">{user.companyName}</Detail> : null}
          <Detail term="User ID">
            <code className="font-mono text-xs">{user.id}</code>
          </Detail>
        </dl>
      </section>

      <GitCredentialsSection user={user} />
    </div>
  );
}

export const userLazyRoute = createLazyRoute('/users/$userId')({ component: UserPage });
