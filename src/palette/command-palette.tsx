// The command palette (Ctrl/⌘ K): one search box over every source in ./sources.ts, as a combobox
// with a listbox of results. ↑/↓ move, Enter goes, Esc closes; the dialog traps focus and gives it
// back to whatever had it. Loaded on first use (palette-launcher.tsx).
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter, type ParsedLocation } from '@tanstack/react-router';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { Dialog } from '../components/dialog';
import type { PaletteItem } from './palette-types';
import { PALETTE_SOURCES } from './sources';

/** Entries per group: enough to find something, few enough to read. */
const PER_GROUP = 6;
const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** The project the current page is about: a project page, a job page or a project's jobs list. */
export function currentProjectOf(location: Pick<ParsedLocation, 'pathname' | 'search'>): string | undefined {
  const project = /^\/projects\/([0-9a-f]{24})/i.exec(location.pathname);
  if (project) return project[1];
  const fromSearch = (location.search as { projectId?: unknown }).projectId;
  return location.pathname.startsWith('/jobs') && typeof fromSearch === 'string' && OBJECT_ID.test(fromSearch) ? fromSearch : undefined;
}

interface Group {
  group: string;
  items: readonly PaletteItem[];
  failed: boolean;
}

export function CommandPalette({ onClose }: { onClose: () => void }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const hintId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  // Read once: the page under the palette does not change while it is open.
  const [currentProjectId] = useState(() => currentProjectOf(router.state.location));
  const typed = query.trim().toLowerCase();

  // eslint-disable-next-line @tanstack/query/exhaustive-deps -- the client is one for the app's life
  const results = useQuery({
    queryKey: ['palette', typed, currentProjectId],
    queryFn: ({ signal }) =>
      Promise.all(
        PALETTE_SOURCES.map(async (source): Promise<Group> => {
          try {
            const items = await source.search(typed, { queryClient, currentProjectId, signal }, PER_GROUP);
            return { group: source.group, items, failed: false };
          } catch {
            // One source failing (users not listable by this key) leaves the others usable.
            return { group: source.group, items: [], failed: !signal.aborted };
          }
        }),
      ),
    // The previous results stay while the next ones load, so the list does not flicker per key.
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });

  const groups = results.data ?? [];
  const items = groups.flatMap((group) => group.items);
  const activeIndex = Math.min(active, Math.max(items.length - 1, 0));
  const optionId = (index: number) => `${listId}-${index}`;

  function go(item: PaletteItem | undefined) {
    if (!item) return;
    onClose();
    void router.navigate({ href: item.href });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (items.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const next = (activeIndex + step + items.length) % items.length;
      setActive(next);
      document.getElementById(optionId(next))?.scrollIntoView?.({ block: 'nearest' });
    } else if (event.key === 'Enter') {
      event.preventDefault();
      go(items[activeIndex]);
    }
  }

  const failed = groups.filter((group) => group.failed).map((group) => group.group);
  // Each group's first option's place in the flat list that ↑/↓ walk.
  const starts = groups.map((_, at) => groups.slice(0, at).reduce((sum, group) => sum + group.items.length, 0));
  return (
    <Dialog open onClose={onClose} title="Go to" initialFocusRef={inputRef} size="lg">
      <input
        ref={inputRef}
        type="text"
        role="combobox"
        aria-label="Go to"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={items.length > 0 ? optionId(activeIndex) : undefined}
        aria-describedby={hintId}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        placeholder="A project, user, organization, page, or #12 for a job"
        className="mt-3 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 placeholder:text-slate-500 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-400"
      />
      <p id={hintId} className="mt-2 text-xs text-slate-600 dark:text-slate-400">
        ↑ ↓ to choose, Enter to go, Esc to close. A job: #12 {currentProjectId ? 'in this project' : 'in the project you are looking at'}, or owner/project#12.
      </p>
      <div id={listId} role="listbox" aria-label="Results" className="mt-3 max-h-[50vh] overflow-y-auto">
        {groups.map((group, groupIndex) =>
          group.items.length === 0 ? null : (
            <div key={group.group} role="group" aria-labelledby={`${listId}-group-${groupIndex}`}>
              <div
                id={`${listId}-group-${groupIndex}`}
                role="presentation"
                className="px-2 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400"
              >
                {group.group}
              </div>
              {group.items.map((item, itemIndex) => {
                const mine = starts[groupIndex]! + itemIndex;
                const selected = mine === activeIndex;
                return (
                  <div
                    key={item.key}
                    id={optionId(mine)}
                    role="option"
                    aria-selected={selected}
                    onMouseMove={() => setActive(mine)}
                    onClick={() => go(item)}
                    className={`flex cursor-pointer items-baseline justify-between gap-3 rounded-md px-2 py-1.5 text-sm ${
                      selected ? 'bg-blue-700 text-white' : 'text-slate-900 dark:text-slate-100'
                    }`}
                  >
                    <span className="min-w-0 truncate">{item.label}</span>
                    {item.detail ? (
                      <span className={`shrink-0 truncate text-xs ${selected ? 'text-blue-50' : 'text-slate-600 dark:text-slate-400'}`}>{item.detail}</span>
                    ) : null}
                  </div>
                );
              })}
            </div>
          ),
        )}
      </div>
      <div role="status" className="mt-2 text-sm text-slate-700 dark:text-slate-300">
        {results.isPending ? 'Searching…' : items.length === 0 ? `Nothing matches “${query.trim()}”.` : null}
        {failed.length > 0 ? ` ${failed.join(', ')} could not be searched.` : null}
      </div>
    </Dialog>
  );
}
