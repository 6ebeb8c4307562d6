import { Link } from '@tanstack/react-router';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { UserV1 } from '../api/schemas/users';
import { displayName } from '../lib/user-names';
import { Avatar } from './avatar';

const itemClasses =
  'block w-full rounded px-3 py-2 text-left text-sm text-slate-800 outline-none hover:bg-slate-100 focus:bg-slate-100 dark:text-slate-100 dark:hover:bg-slate-800 dark:focus:bg-slate-800';

/**
 * The signed-in user in the header, and a menu (WAI-ARIA menu button) with their own pages.
 * While the user loads or cannot be read, it says so instead of showing a blank corner.
 */
export function UserMenu({ user, status }: { user: UserV1 | undefined; status: 'pending' | 'error' | 'success' }) {
  const [open, setOpen] = useState(false);
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

  if (!user) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" role={status === 'error' ? 'alert' : undefined}>
        {status === 'error' ? 'Could not load your user' : 'Loading user…'}
      </p>
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
          </div>
          <div ref={menuRef} id={menuId} role="menu" aria-label={`${name} menu`} onKeyDown={onMenuKeyDown} className="pt-1">
            <Link to="/users/$userId" params={{ userId: user.id }} role="menuitem" tabIndex={-1} className={itemClasses} onClick={() => close(false)}>
              Your profile and git credentials
            </Link>
            <Link to="/organizations" search={{ tab: 'mine' }} role="menuitem" tabIndex={-1} className={itemClasses} onClick={() => close(false)}>
              Your organizations
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}
