import { Link } from '@tanstack/react-router';
import type { MouseEvent, ReactNode } from 'react';

export interface AppLayoutProps {
  /** Right side of the header: demo badge, theme toggle, user menu. */
  headerEnd: ReactNode;
  sidebar: ReactNode;
  children: ReactNode;
}

function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  // Focus main ourselves: a bare #fragment would also go through the router as a navigation.
  event.preventDefault();
  const main = document.getElementById('main-content');
  main?.focus();
  main?.scrollIntoView();
}

/** The console's frame: skip link, header (banner), sidebar navigation and the main region. */
export function AppLayout({ headerEnd, sidebar, children }: AppLayoutProps) {
  return (
    <div className="min-h-screen">
      <a
        href="#main-content"
        onClick={skipToMain}
        className="sr-only z-50 rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:px-4 focus:py-2"
      >
        Skip to main content
      </a>
      <header className="sticky top-0 z-30 flex h-14 items-center justify-between gap-4 border-b border-slate-200 bg-white px-4 dark:border-slate-800 dark:bg-slate-950">
        <Link to="/" className="flex items-center gap-2 rounded-md text-base font-semibold text-slate-900 dark:text-slate-50">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          Domino Console
        </Link>
        <div className="flex items-center gap-3">{headerEnd}</div>
      </header>
      <div className="flex">
        <div className="sticky top-14 h-[calc(100vh-3.5rem)] w-60 shrink-0 overflow-y-auto border-r border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900">
          {sidebar}
        </div>
        <main id="main-content" tabIndex={-1} className="min-w-0 flex-1 px-8 py-6 outline-none">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
