import { useId, useRef, useState } from 'react';
import type { ProjectV1 } from '../../api/schemas/projects';
import { inputClasses } from '../../components/field';
import { useOptionKeys } from '../../hooks/use-option-keys';

// A picker, not a directory: past this many matches the user narrows the text instead.
const MAX_SHOWN = 50;

export function projectLabel(project: Pick<ProjectV1, 'name' | 'ownerUsername'>): string {
  return `${project.ownerUsername}/${project.name}`;
}

/**
 * A list's project filter: "All projects" (`any`), every visible project, and the URL's project
 * before the list of projects has arrived (or one no longer listed), by its id.
 */
export function projectFilterOptions(projects: readonly ProjectV1[] | undefined, selected: string | undefined, any: string) {
  return [
    { value: any, label: 'All projects' },
    ...(projects ?? []).map((project) => ({ value: project.id, label: projectLabel(project) })),
    ...(selected && !projects?.some((p) => p.id === selected) ? [{ value: selected, label: selected }] : []),
  ];
}

/** Whether the project matches free text over its name, owner and description. */
export function projectMatches(project: Pick<ProjectV1, 'name' | 'ownerUsername' | 'description'>, text: string): boolean {
  const needle = text.trim().toLocaleLowerCase();
  if (!needle) return true;
  return [projectLabel(project), project.description].some((field) => field.toLocaleLowerCase().includes(needle));
}

export interface ProjectPickerProps {
  label: string;
  projects: readonly ProjectV1[];
  selectedId: string | undefined;
  onSelect: (projectId: string) => void;
  /** Shown while the project list loads or when it failed, in place of options. */
  status?: string;
}

/**
 * The WAI-ARIA combobox pattern (list autocomplete): type to filter, arrows to move, Enter to pick,
 * Esc to close and restore. The selection lives with the caller (the URL).
 */
export function ProjectPicker({ label, projects, selectedId, onSelect, status }: ProjectPickerProps) {
  const id = useId();
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const inputRef = useRef<HTMLInputElement>(null);
  const selected = projects.find((project) => project.id === selectedId);
  const selectedText = selected ? projectLabel(selected) : '';

  const [text, setText] = useState(selectedText);
  const [followed, setFollowed] = useState(selectedText);
  const [open, setOpen] = useState(false);
  if (selectedText !== followed) {
    // Follow a selection made elsewhere (Back, a link) without an effect.
    setFollowed(selectedText);
    if (!open) setText(selectedText);
  }

  // While the box still shows the selected project's label, every project is a candidate.
  const filter = text === selectedText ? '' : text;
  const matches = projects.filter((project) => projectMatches(project, filter));
  const shown = matches.slice(0, MAX_SHOWN);

  function choose(project: ProjectV1) {
    setText(projectLabel(project));
    setOpen(false);
    if (project.id !== selectedId) onSelect(project.id);
  }

  function close() {
    setOpen(false);
    setText(selectedText);
  }

  const keys = useOptionKeys({
    count: shown.length,
    open,
    onOpen: () => setOpen(true),
    openAt: () => shown.findIndex((project) => project.id === selectedId),
    onPick: (index) => choose(shown[index]!),
    onClose: close,
  });
  const active = keys.active >= 0 ? shown[keys.active] : undefined;

  const optionId = (projectId: string) => `${id}-option-${projectId}`;

  return (
    <div className="relative w-96 max-w-full">
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && active ? optionId(active.id) : undefined}
        aria-describedby={hintId}
        autoComplete="off"
        spellCheck={false}
        value={text}
        placeholder="Search projects by name or owner"
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          keys.setActive(0);
        }}
        onFocus={(event) => event.target.select()}
        onClick={() => setOpen(true)}
        onKeyDown={keys.onKeyDown}
        onBlur={() => close()}
        className={`${inputClasses} pr-9`}
      />
      <span aria-hidden="true" className="pointer-events-none absolute right-3 bottom-2.5 text-slate-500 dark:text-slate-400">
        ▾
      </span>
      <p id={hintId} className="sr-only">
        Type to filter, use the arrow keys to move through the projects and Enter to choose one.
      </p>
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        hidden={!open}
        className="absolute z-20 mt-1 max-h-72 w-full overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        {status ? (
          <li role="presentation" className="px-3 py-2 text-sm text-slate-600 dark:text-slate-400">
            {status}
          </li>
        ) : shown.length === 0 ? (
          <li role="presentation" className="px-3 py-2 text-sm text-slate-600 dark:text-slate-400">
            {projects.length === 0 ? 'No projects are visible to you.' : `No projects match “${text}”.`}
          </li>
        ) : (
          shown.map((project) => {
            const isActive = project.id === active?.id;
            const isSelected = project.id === selectedId;
            return (
              <li
                key={project.id}
                id={optionId(project.id)}
                role="option"
                aria-selected={isSelected}
                // mousedown, not click: the input's blur would close the list before a click lands.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(project);
                }}
                onMouseMove={() => keys.setActive(shown.indexOf(project))}
                className={`cursor-pointer px-3 py-2 text-sm ${isActive ? 'bg-blue-50 dark:bg-slate-800' : ''}`}
              >
                <span className="flex items-center justify-between gap-2">
                  <span className="min-w-0 truncate font-medium text-slate-900 dark:text-slate-100">{project.name}</span>
                  {isSelected ? (
                    <span aria-hidden="true" className="text-blue-700 dark:text-blue-300">
                      ✓
                    </span>
                  ) : null}
                </span>
                <span className="block truncate text-xs text-slate-600 dark:text-slate-400">
                  {project.ownerUsername}
                  {project.description ? ` · ${project.description}` : ''}
                </span>
              </li>
            );
          })
        )}
        {matches.length > shown.length ? (
          <li role="presentation" className="px-3 py-2 text-xs text-slate-600 dark:text-slate-400">
            {matches.length - shown.length} more match; type more to narrow the list.
          </li>
        ) : null}
      </ul>
    </div>
  );
}
