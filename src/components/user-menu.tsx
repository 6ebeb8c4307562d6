import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { lazy, Suspense, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { consoleMutations } from '../api/console';
import { errorMessage } from '../api/error-details';
import type { ConsoleSession } from '../api/schemas/console';
import type { UserV1 } from '../api/schemas/users';
import { pageLoad } from '../lib/page-load';
import { displayName } from '../lib/user-names';
import { toastStore } from '../lib/toast-store';
import { Avatar } from './avatar';

// Opened rarely, and only where switching is offered: not part of the first load.
const SwitchUserDialog = lazy(() => import('./switch-user-dialog').then((module) => ({ default: module.SwitchUserDialog })));

const itemClasses =
  'block w-full rounded px-3 py-2 text-left text-sm text-slate-800 outline-none hover:bg-slate-100 focus:bg-slate-100 dark:text-slate-100 dark:hover:bg-slate-800 dark:focus:bg-slate-800';

/** A menu item that acts (the others are links); focus is moved by the menu's keys, not by Tab. */
function MenuAction({ onSelect, disabled, children }: { onSelect: () => void; disabled?: boolean; children: ReactNode }) {
  return (
    <button type="button" role="menuitem" tabIndex={-1} className={itemClasses} disabled={disabled} onClick={onSelect}>
      {children}
    </button>
  );
}

/** How the person in the header came to act here, in a few words under their name. */
function howSignedIn(session: ConsoleSession | undefined): string | undefined {
  if (!session) return undefined;
  if (session.signedIn) return 'Signed in to this console';
  return session.mode === 'single-user' ? 'Acting with the console’s own key' : undefined;
}

/**
 * Who you act as, in the header, and a menu (WAI-ARIA menu button) with their own pages, signing
 * in as someone else, switching user (the demo) and signing out. While the user loads or cannot
 * be read, it says so instead of showing a blank corner.
 */
export function UserMenu({ user, status, session }: { user: UserV1 | undefined; status: 'pending' | 'error' | 'success'; session?: ConsoleSession }) {
  const [open, setOpen] = useState(false);
  const [switching, setSwitching] = useState(false);
  const signOut = useMutation({
    ...consoleMutations.signOut(),
    onSuccess: (_answer, signedOutOf) => {
      // Multi-user: a fresh page load, so nothing of this person's stays even in memory. Single-user:
      // the console's own key acts again, and the identity change clears the page's data.
      if (signedOutOf === 'multi-user') pageLoad.to('/sign-in?reason=signed-out');
      else toastStore.push({ tone: 'success', title: 'Signed out', description: 'The console’s own key acts again.' });
    },
    onError: (error) => toastStore.push({ tone: 'error', title: 'Could not sign out', description: errorMessage(error) }),
  });
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  // Outside the menu's own render paths: a switch reloads the user, and the dialog must outlive that.
  const switchDialog = switching ? (
    <Suspense fallback={null}>
      <SwitchUserDialog open={switching} onClose={() => setSwitching(false)} currentUserId={user?.id} />
    </Suspense>
  ) : null;

  if (!user) {
    return (
      <>
        <p className="text-sm text-slate-600 dark:text-slate-400" role={status === 'error' ? 'alert' : undefined}>
          {status === 'error' ? 'Could not load your user' : 'Loading user…'}
        </p>
        {switchDialog}
      </>
    );
  }

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    let next: HTMLElement | undefined;
    if (event.key === 'ArrowDown') next = items[(index + 1) % items.length];
    else if (event.key === 'ArrowUp') next = items[(index - 1 + items.length) % items.length];
    else if (event.key === 'Home') next = items[0];
    else if (event.key === 'End') next = items[items.length - 1];
    else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
      return;
    } else if (event.key === 'Tab') {
      close(false);
      return;
    }
    if (next) {
      event.preventDefault();
      next.focus();
    }
  }

  const name = displayName(user);
  const how = howSignedIn(session);
  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className="flex items-center gap-2 rounded-md py-1 pr-2 pl-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
      >
        <Avatar user={user} size="sm" />
        <span className="max-w-40 truncate font-medium text-slate-800 dark:text-slate-100">{name}</span>
        <span className="sr-only">(user menu)</span>
        <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" className="text-slate-500 dark:text-slate-400">
          <path d="M3 4.5l3 3 3-3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
      </button>
      {open ? (
        <div className="absolute right-0 z-40 mt-1 w-64 rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <div className="border-b border-slate-200 px-3 py-2 dark:border-slate-700">
            <p className="truncate text-sm font-medium text-slate-900 dark:text-slate-50">{name}</p>
            <p className="truncate text-xs text-slate-600 dark:text-slate-400">{user.email ?? user.userName}</p>
            {how ? <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{how}</p> : null}
          </div>
          <div ref={menuRef} id={menuId} role="menu" aria-label={`${name} menu`} onKeyDown={onMenuKeyDown} className="pt-1">
            <Link to="/users/$userId" params={{ userId: user.id }} role="menuitem" tabIndex={-1} className={itemClasses} onClick={() => close(false)}>
              Your profile and git credentials
            </Link>
            <Link to="/organizations" search={{ tab: 'mine' }} role="menuitem" tabIndex={-1} className={itemClasses} onClick={() => close(false)}>
              Your organizations
            </Link>
            {session?.canSwitchUser ? (
              <MenuAction
                onSelect={() => {
                  close(true);
                  setSwitching(true);
                }}
              >
                Switch user… <span className="text-xs text-slate-500 dark:text-slate-400">(demo)</span>
              </MenuAction>
            ) : null}
            {session && !session.signedIn ? (
              <Link to="/sign-in" role="menuitem" tabIndex={-1} className={itemClasses} onClick={() => close(false)}>
                Sign in as someone else
              </Link>
            ) : null}
            {session?.signedIn ? (
              <MenuAction
                disabled={signOut.isPending}
                onSelect={() => {
                  close(true);
                  signOut.mutate(session.mode);
                }}
              >
                {signOut.isPending ? 'Signing out…' : 'Sign out'}
              </MenuAction>
            ) : null}
          </div>
        </div>
      ) : null}
      {switchDialog}
    </div>
  );
}
