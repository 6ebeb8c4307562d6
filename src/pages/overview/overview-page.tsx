import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { createLazyRoute, Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { embeddedQueries } from '../../api/embedded';
import { organizationsQueries } from '../../api/organizations';
import { usersQueries } from '../../api/users';
import { Avatar } from '../../components/avatar';
import { DemoBadge } from '../../components/demo-badge';
import { PageHeader } from '../../components/page-header';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { displayName } from '../../lib/user-names';
import { ReviewInbox } from '../models/review-inbox';
import { CostCard } from './cost-card';
import { MyJobsCard } from './my-jobs-card';

// One row is enough: the counts come from the pagination metadata.
const COUNT_PAGE = { offset: 0, limit: 1 } as const;

function CountCard({
  title,
  count,
  status,
  children,
}: {
  title: string;
  count: number | undefined;
  status: 'pending' | 'error' | 'success';
  children: ReactNode;
}) {
  let value: ReactNode;
  if (status === 'pending')
    value = (
      <>
        <span className="skeleton inline-block h-8 w-12 align-middle" aria-hidden="true" />
        <span className="sr-only">Loading</span>
      </>
    );
  else if (status === 'error' || count === undefined) value = <span className="text-base font-normal text-slate-600 dark:text-slate-400">Not available</span>;
  else value = count;
  return (
    <section className="rounded-lg border border-slate-200 p-5 dark:border-slate-800">
      <h2 className="text-sm font-medium text-slate-600 dark:text-slate-400">{title}</h2>
      <p className="mt-2 text-3xl font-semibold text-slate-900 dark:text-slate-50">{value}</p>
      <div className="mt-3 text-sm">{children}</div>
    </section>
  );
}

const linkClasses = 'font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400';

export function OverviewPage() {
  useDocumentTitle('Overview');
  const { data: self } = useSuspenseQuery(usersQueries.self());
  const { data: info } = useSuspenseQuery(embeddedQueries.info());
  const users = useQuery(usersQueries.list(COUNT_PAGE));
  const myOrgs = useQuery(organizationsQueries.list('mine', COUNT_PAGE));

  return (
    <div className="space-y-8">
      <PageHeader
        title="Overview"
        description={info.embedded ? `Connected to the embedded Domino${info.version ? ` ${info.version}` : ''}.` : 'Connected to a Domino deployment.'}
      />

      {info.demo ? (
        <p className="max-w-3xl rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          <DemoBadge className="mr-2" />
          This is a demo workspace: the embedded Domino created an administrator, eight demo users and two organizations on its first start. Everything you
          change here is stored in its local data directory only.
        </p>
      ) : null}

      <section aria-labelledby="signed-in-heading" className="flex items-center gap-4 rounded-lg border border-slate-200 p-5 dark:border-slate-800">
        <Avatar user={self} size="lg" />
        <div className="min-w-0">
          <h2 id="signed-in-heading" className="text-sm font-medium text-slate-600 dark:text-slate-400">
            Signed in as
          </h2>
          <p className="truncate text-lg font-semibold text-slate-900 dark:text-slate-50">{displayName(self)}</p>
          <p className="truncate text-sm text-slate-700 dark:text-slate-300">
            {self.userName}
            {self.email ? ` · ${self.email}` : ''}
          </p>
          <p className="mt-1 text-sm">
            <Link to="/users/$userId" params={{ userId: self.id }} className={linkClasses}>
              Your profile and git credentials
            </Link>
          </p>
        </div>
      </section>

      <MyJobsCard />

      <ReviewInbox />

      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <CountCard title="Users" count={users.data?.pagination.totalCount} status={users.status}>
          <Link to="/users" className={linkClasses}>
            Browse users
          </Link>
        </CountCard>
        <CountCard title="Your organizations" count={myOrgs.data?.pagination.totalCount} status={myOrgs.status}>
          <Link to="/organizations" className={linkClasses}>
            View your organizations
          </Link>
        </CountCard>
        <CostCard />
      </div>
    </div>
  );
}

export const overviewLazyRoute = createLazyRoute('/')({ component: OverviewPage });
