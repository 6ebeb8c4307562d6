import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { consoleMutations } from '../api/console';
import { errorMessage } from '../api/error-details';
import { usersQueries } from '../api/users';
import { displayName } from '../lib/user-names';
import { Avatar } from './avatar';
import { Dialog } from './dialog';
import { InlineAlert } from './inline-alert';
import { SearchBox } from './search-box';

/**
 * Act as another user of the demo workspace: the console mints that user a key for the session
 * (and revokes it at sign-out), so everything after this happens as them. A demo convenience,
 * offered only with the embedded Domino on one person's machine.
 */
export function SwitchUserDialog({ open, onClose, currentUserId }: { open: boolean; onClose: () => void; currentUserId: string | undefined }) {
  const users = useQuery({ ...usersQueries.directory(), enabled: open });
  const switchUser = useMutation({ ...consoleMutations.switchUser(), onSuccess: onClose });
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = (users.data ?? []).filter(
    (user) => !needle || displayName(user).toLowerCase().includes(needle) || user.userName.toLowerCase().includes(needle),
  );

  return (
    <Dialog
      open={open}
      onClose={onClose}
      dismissable={!switchUser.isPending}
      title="Switch user"
      description="A demo convenience: act as another user of this workspace. The console mints them a key for this session and revokes it when you sign out."
    >
      <div className="space-y-3">
        <SearchBox label="Find a user" value={filter} onChange={setFilter} />
        {switchUser.isError ? <InlineAlert title="Could not switch user">{errorMessage(switchUser.error)}</InlineAlert> : null}
        {users.isPending ? <p className="text-sm text-slate-600 dark:text-slate-400">Loading users…</p> : null}
        {users.isError ? <InlineAlert title="Could not load the users">{errorMessage(users.error)}</InlineAlert> : null}
        <ul className="max-h-80 divide-y divide-slate-200 overflow-y-auto rounded-md border border-slate-200 dark:divide-slate-700 dark:border-slate-700">
          {shown.map((user) => (
            <li key={user.id}>
              <button
                type="button"
                disabled={switchUser.isPending || user.id === currentUserId}
                onClick={() => switchUser.mutate(user.id)}
                className="flex w-full items-center gap-3 px-3 py-2 text-left text-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60 dark:hover:bg-slate-800"
              >
                <Avatar user={user} size="sm" />
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium text-slate-900 dark:text-slate-50">{displayName(user)}</span>
                  <span className="block truncate text-xs text-slate-600 dark:text-slate-400">{user.userName}</span>
                </span>
                {user.id === currentUserId ? <span className="text-xs text-slate-600 dark:text-slate-400">you now</span> : null}
              </button>
            </li>
          ))}
          {users.data && shown.length === 0 ? <li className="px-3 py-2 text-sm text-slate-600 dark:text-slate-400">No user matches “{filter}”.</li> : null}
        </ul>
      </div>
    </Dialog>
  );
}
