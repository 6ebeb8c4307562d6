import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';

export interface NavItem {
  to:
    | '/'
    | '/projects'
    | '/jobs'
    | '/datasets'
    | '/models'
    | '/model-apis'
    | '/cost'
    | '/environments'
    | '/organizations'
    | '/users'
    | '/monitoring'
    | '/admin/billing-tags';
  label: string;
  /** Shown only to site administrators (Cost: Domino refuses it to everyone else). */
  adminOnly?: boolean;
  /** After the label: a count (the reviews waiting in Models). */
  extra?: ReactNode;
  icon: ReactNode;
}

const linkClasses =
  'group flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-950 aria-[current=page]:bg-blue-50 aria-[current=page]:text-blue-800 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white dark:aria-[current=page]:bg-slate-800 dark:aria-[current=page]:text-white';

function NavList({ items, isAdmin }: { items: readonly NavItem[]; isAdmin?: boolean }) {
  return (
    <ul className="space-y-0.5">
      {items
        .filter((item) => !item.adminOnly || isAdmin)
        .map((item) => (
          <li key={item.to}>
            <Link to={item.to} activeOptions={{ exact: item.to === '/' }} className={linkClasses}>
              <span
                aria-hidden="true"
                className="text-slate-500 group-aria-[current=page]:text-blue-700 dark:text-slate-400 dark:group-aria-[current=page]:text-blue-300"
              >
                {item.icon}
              </span>
              <span className="flex-1">{item.label}</span>
              {item.extra}
            </Link>
          </li>
        ))}
    </ul>
  );
}

/**
 * The main items, then (for site administrators) an Administration group under its own heading.
 * `isAdmin` false or unknown (undefined) leaves out the admins-only items and the group.
 */
export function SidebarNav({ items, adminItems = [], isAdmin }: { items: readonly NavItem[]; adminItems?: readonly NavItem[]; isAdmin?: boolean }) {
  return (
    <nav aria-label="Main" className="p-3">
      <NavList items={items} isAdmin={isAdmin} />
      {isAdmin && adminItems.length > 0 ? (
        <div className="mt-4 border-t border-slate-200 pt-3 dark:border-slate-800">
          <h2 className="px-3 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">Administration</h2>
          <NavList items={adminItems} isAdmin={isAdmin} />
        </div>
      ) : null}
    </nav>
  );
}
