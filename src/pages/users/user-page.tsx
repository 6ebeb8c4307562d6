import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { usersQueries } from '../../api/users';
import { Avatar } from '../../components/avatar';
import { YouBadge } from '../../components/badge';
import { Breadcrumb, BreadcrumbLink } from '../../components/breadcrumb';
import { NotFound } from '../../components/not-found';
import { resourceErrorComponent } from '../resource-error';
import { PageHeader } from '../../components/page-header';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { displayName } from '../../lib/user-names';
import { GitCredentialsSection } from './git-credentials-section';
import { SignInLinkSection } from './sign-in-link-section';

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
  return (
    <NotFound title="User not found" back={{ label: 'Back to users', link: { to: '/users' } }}>
      No user visible to you has the id <code className="font-mono text-sm break-all">{userId}</code>. They may have been removed, or the address may be
      mistyped.
    </NotFound>
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
        <Breadcrumb current={displayName(user)}>
          <BreadcrumbLink to="/users">Users</BreadcrumbLink>
        </Breadcrumb>
        <PageHeader
          before={<Avatar user={user} size="lg" />}
          title={displayName(user)}
          description={
            <span className="flex items-center gap-2">
              {user.userName}
              {isSelf ? <YouBadge /> : null}
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

      <SignInLinkSection user={user} />
    </div>
  );
}

export const userLazyRoute = createLazyRoute('/users/$userId')({
  component: UserPage,
  errorComponent: resourceErrorComponent({ noun: 'user', missing: 'No user visible to you has this id.', back: { label: 'Back to users', to: '/users' } }),
});
