import { useQuery } from '@tanstack/react-query';
import { Outlet, useRouter, useRouterState } from '@tanstack/react-router';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { consoleQueries } from '../api/console';
import { embeddedQueries, hasExtension } from '../api/embedded';
import { usersQueries } from '../api/users';
import { AppLayout } from '../components/app-layout';
import { DemoBadge } from '../components/demo-badge';
import {
  BillingTagsIcon,
  CostIcon,
  DatasetsIcon,
  EnvironmentsIcon,
  JobsIcon,
  ModelApisIcon,
  ModelsIcon,
  MonitoringIcon,
  OrganizationsIcon,
  OverviewIcon,
  ProjectsIcon,
  UsersIcon,
} from '../components/icons';
import { SandboxBanner } from '../components/sandbox-banner';
import { SidebarNav, type NavItem } from '../components/sidebar-nav';
import { ThemeToggle } from '../components/theme-toggle';
import { Toaster } from '../components/toaster';
import { UserMenu } from '../components/user-menu';
import { useIsSiteAdmin } from '../hooks/use-site-admin';
import { useTheme } from '../hooks/use-theme';
import { useToasts } from '../hooks/use-toasts';
import { PaletteLauncher } from '../palette/palette-launcher';
import { toastStore } from '../lib/toast-store';

const ReviewCount = lazy(() => import('./models/review-count'));

/** The count of reviews waiting for me, where the server has the inbox; loaded after the frame. */
function ReviewCountSlot() {
  const info = useQuery(embeddedQueries.info());
  if (!hasExtension(info.data, 'model-review-inbox')) return null;
  return (
    <Suspense fallback={null}>
      <ReviewCount />
    </Suspense>
  );
}

const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Overview', icon: <OverviewIcon /> },
  { to: '/projects', label: 'Projects', icon: <ProjectsIcon /> },
  { to: '/jobs', label: 'Jobs', icon: <JobsIcon /> },
  { to: '/datasets', label: 'Datasets', icon: <DatasetsIcon /> },
  { to: '/models', label: 'Models', icon: <ModelsIcon />, extra: <ReviewCountSlot /> },
  { to: '/model-apis', label: 'Model APIs', icon: <ModelApisIcon /> },
  { to: '/cost', label: 'Cost', adminOnly: true, icon: <CostIcon /> },
  { to: '/environments', label: 'Environments', icon: <EnvironmentsIcon /> },
  { to: '/organizations', label: 'Organizations', icon: <OrganizationsIcon /> },
  { to: '/users', label: 'Users', icon: <UsersIcon /> },
  { to: '/monitoring', label: 'Monitoring', icon: <MonitoringIcon /> },
];

/**
 * Site administration, shown to admins only. The embedded Domino says who is one; against a real
 * Domino the entry shows and its page explains to non-admins why they cannot manage tags.
 */
const ADMIN_ITEMS: readonly NavItem[] = [{ to: '/admin/billing-tags', label: 'Billing tags', icon: <BillingTagsIcon /> }];

/**
 * After a navigation to another page, focus moves to the new page's heading so screen reader and
 * keyboard users start from the top of the new content (search-param changes keep focus).
 */
function useFocusHeadingOnNavigation() {
  const router = useRouter();
  useEffect(
    () =>
      router.subscribe('onResolved', (event) => {
        if (!event.fromLocation || !event.pathChanged) return;
        requestAnimationFrame(() => {
          const main = document.getElementById('main-content');
          const heading = main?.querySelector<HTMLElement>('h1');
          (heading ?? main)?.focus({ preventScroll: true });
        });
      }),
    [router],
  );
}

/** The sign-in page stands alone: no navigation, no user (there may be nobody to show). */
function SignInFrame({ children }: { children: ReactNode }) {
  const [theme, setTheme] = useTheme();
  return (
    <div className="min-h-screen">
      <header className="flex h-14 items-center justify-between border-b border-slate-200 px-4 dark:border-slate-800">
        <span className="flex items-center gap-2 text-base font-semibold text-slate-900 dark:text-slate-50">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          Domino Console
        </span>
        <ThemeToggle value={theme} onChange={setTheme} />
      </header>
      <main id="main-content" tabIndex={-1} className="px-4 outline-none">
        {children}
      </main>
    </div>
  );
}

export function RootLayout() {
  const onSignIn = useRouterState({ select: (state) => state.location.pathname === '/sign-in' });
  const toasts = useToasts();
  useFocusHeadingOnNavigation();
  return (
    <>
      {onSignIn ? (
        <SignInFrame>
          <Outlet />
        </SignInFrame>
      ) : (
        <AppFrame />
      )}
      <Toaster toasts={toasts} onDismiss={toastStore.dismiss} />
    </>
  );
}

function AppFrame() {
  const self = useQuery(usersQueries.self());
  const info = useQuery(embeddedQueries.info());
  const session = useQuery(consoleQueries.session());
  const [theme, setTheme] = useTheme();
  const isAdmin = useIsSiteAdmin();

  return (
    <>
      <AppLayout
        sidebar={<SidebarNav items={NAV_ITEMS} adminItems={ADMIN_ITEMS} isAdmin={isAdmin} />}
        headerEnd={
          <>
            <PaletteLauncher />
            {info.data?.demo ? <DemoBadge /> : null}
            <ThemeToggle value={theme} onChange={setTheme} />
            <UserMenu user={self.data} status={self.status} session={session.data} />
          </>
        }
      >
        <SandboxBanner status={info.data} />
        <Outlet />
      </AppLayout>
    </>
  );
}
