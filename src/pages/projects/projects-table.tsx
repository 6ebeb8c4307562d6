// The projects table, virtualized: only the rows in view (plus a margin) are in the DOM, so a few
// hundred projects scroll smoothly. Spacer rows keep the scroll height right; aria-rowcount and
// aria-rowindex tell assistive tech how many rows there are and where each rendered one sits.
// Tabbing through the rows works too: the browser scrolls the focused link into view, and the
// rows after it are rendered before Tab reaches them.
import { Link } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { ProjectV1 } from '../../api/schemas/projects';
import { SortHeader } from '../../components/sort-header';
import type { ProjectSortKey } from './projects-search';
import { VisibilityBadge } from './visibility-badge';

const ROW_HEIGHT = 61;

const COLUMNS: readonly { key: ProjectSortKey; label: string; className: string }[] = [
  { key: 'name', label: 'Project', className: '' },
  { key: 'owner', label: 'Owner', className: 'w-40' },
  { key: 'visibility', label: 'Visibility', className: 'w-36' },
  { key: 'collaborators', label: 'Collaborators', className: 'w-44' },
];

export interface ProjectsTableProps {
  projects: readonly ProjectV1[];
  caption: string;
  sort: ProjectSortKey;
  order: 'asc' | 'desc';
  onSort: (key: ProjectSortKey) => void;
}

export function ProjectsTable({ projects, caption, sort, order, onSort }: ProjectsTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // useVirtualizer keeps mutable state the React Compiler cannot see; this component is not memoized by it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: projects.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // Before the first measurement (and in tests without layout) assume a viewport's worth of rows.
    initialRect: { width: 1024, height: 720 },
    getItemKey: (index) => projects[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <div
      ref={scrollRef}
      role="region"
      aria-label={caption}
      // Focusable so the list can be scrolled with the keyboard.
      tabIndex={0}
      className="max-h-[calc(100vh-18rem)] min-h-40 overflow-auto rounded-lg border border-slate-200 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-800"
    >
      <table className="w-full table-fixed border-collapse text-left text-sm" aria-rowcount={projects.length + 1}>
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 z-10 bg-slate-50 text-xs tracking-wide text-slate-600 uppercase shadow-[0_1px_0_0] shadow-slate-200 dark:bg-slate-900 dark:text-slate-400 dark:shadow-slate-800">
          <tr aria-rowindex={1}>
            {COLUMNS.map((column) => (
              <SortHeader
                key={column.key}
                label={column.label}
                direction={column.key === sort ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
                onSort={() => onSort(column.key)}
                className={`px-4 py-2 ${column.className}`}
              />
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {paddingTop > 0 ? (
            <tr aria-hidden="true">
              <td colSpan={COLUMNS.length} style={{ height: paddingTop, padding: 0 }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const project = projects[item.index];
            if (!project) return null;
            const count = project.collaborators.length;
            return (
              <tr key={item.key} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }} className="hover:bg-slate-50 dark:hover:bg-slate-900">
                <td className="overflow-hidden px-4 py-2 align-middle">
                  <Link
                    to="/projects/$projectId"
                    params={{ projectId: project.id }}
                    className="block truncate font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
                  >
                    {project.name}
                  </Link>
                  <p className="truncate text-xs text-slate-600 dark:text-slate-400">{project.description || <span className="italic">No description</span>}</p>
                </td>
                <td className="truncate px-4 py-2 align-middle text-slate-700 dark:text-slate-300">
                  <Link to="/users/$userId" params={{ userId: project.ownerId }} className="underline-offset-2 hover:underline">
                    {project.ownerUsername}
                  </Link>
                </td>
                <td className="px-4 py-2 align-middle">
                  <VisibilityBadge visibility={project.visibility} />
                </td>
                <td className="px-4 py-2 align-middle text-slate-700 tabular-nums dark:text-slate-300">
                  {count}
                  <span className="sr-only"> {count === 1 ? 'collaborator' : 'collaborators'}</span>
                </td>
              </tr>
            );
          })}
          {paddingBottom > 0 ? (
            <tr aria-hidden="true">
              <td colSpan={COLUMNS.length} style={{ height: paddingBottom, padding: 0 }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
