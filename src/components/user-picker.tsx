import { useId, useState } from 'react';
import type { UserV1 } from '../api/schemas/users';
import { displayName, userMatches } from '../lib/user-names';
import { Avatar } from './avatar';
import { inputClasses } from './field';
import { useOptionKeys } from '../hooks/use-option-keys';

// A picker, not a directory: past this many matches the user narrows the filter instead of
// scrolling a list of thousands.
const MAX_SHOWN = 50;

export interface UserPickerProps {
  legend: string;
  users: readonly UserV1[];
  selectedIds: ReadonlySet<string>;
  /** single: radio buttons, one user; multiple: checkboxes. */
  mode: 'single' | 'multiple';
  onChange: (userId: string, selected: boolean) => void;
  /** Users that cannot be picked (already members), left out of the list. */
  excludeIds?: ReadonlySet<string>;
  error?: string;
}

/**
 * Filter, then pick: with the mouse on a radio or checkbox, or from the filter box with the keys
 * every picker here has (↓/↑ and Enter, Esc; `useOptionKeys`).
 */
export function UserPicker({ legend, users, selectedIds, mode, onChange, excludeIds, error }: UserPickerProps) {
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const errorId = useId();
  const groupName = useId();
  const listId = useId();
  const candidates = users.filter((user) => !excludeIds?.has(user.id));
  const matches = candidates.filter((user) => userMatches(user, filter));
  const shown = matches.slice(0, MAX_SHOWN);
  // The list is always there; the keys "open" it by marking an option active (typing does too).
  const [keyed, setKeyed] = useState(false);
  const pick = (user: UserV1) => {
    if (mode === 'single') onChange(user.id, true);
    else onChange(user.id, !selectedIds.has(user.id));
  };
  const keys = useOptionKeys({
    count: shown.length,
    open: keyed,
    onOpen: () => setKeyed(true),
    onPick: (index) => pick(shown[index]!),
    onClose: () => setKeyed(false),
  });
  const active = keyed && keys.active >= 0 ? shown[keys.active] : undefined;
  const optionId = (userId: string) => `${listId}-${userId}`;

  return (
    <fieldset className="space-y-2" aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{legend}</legend>
      <div>
        <label htmlFor={filterId} className="sr-only">
          Filter users
        </label>
        <input
          id={filterId}
          type="search"
          role="combobox"
          aria-expanded={keyed}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active ? optionId(active.id) : undefined}
          value={filter}
          onChange={(event) => {
            setFilter(event.target.value);
            setKeyed(true);
            keys.setActive(0);
          }}
          onKeyDown={keys.onKeyDown}
          onBlur={() => setKeyed(false)}
          placeholder="Filter by name, user name or email"
          className={inputClasses}
          autoComplete="off"
        />
      </div>
      {candidates.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Every visible user is already a member.</p>
      ) : matches.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No users match “{filter}”.</p>
      ) : (
        <ul
          id={listId}
          className="max-h-56 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700"
        >
          {shown.map((user) => {
            const checked = selectedIds.has(user.id);
            return (
              <li key={user.id} id={optionId(user.id)} aria-current={user.id === active?.id ? true : undefined}>
                <label
                  className={`flex cursor-pointer items-center gap-3 px-3 py-2 ${user.id === active?.id ? 'outline-2 -outline-offset-2 outline-blue-600 dark:outline-blue-400' : ''} hover:bg-slate-50 has-checked:bg-blue-50 dark:hover:bg-slate-800 dark:has-checked:bg-slate-800`}
                >
                  <input
                    type={mode === 'single' ? 'radio' : 'checkbox'}
                    name={mode === 'single' ? groupName : undefined}
                    checked={checked}
                    onChange={(event) => onChange(user.id, event.target.checked)}
                    className="size-4 accent-blue-700 dark:accent-blue-400"
                  />
                  <Avatar user={user} size="sm" />
                  <span className="min-w-0 text-sm">
                    <span className="block truncate font-medium text-slate-900 dark:text-slate-100">{displayName(user)}</span>
                    <span className="block truncate text-xs text-slate-600 dark:text-slate-400">{user.userName}</span>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {matches.length > shown.length ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">{matches.length - shown.length} more match; narrow the filter to see them.</p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
