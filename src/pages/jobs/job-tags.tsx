import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/error-details';
import { jobsMutations } from '../../api/jobs';
import type { TagV1 } from '../../api/schemas/jobs';
import { Button } from '../../components/button';
import { inputClasses } from '../../components/field';
import { toastStore } from '../../lib/toast-store';

const MAX_TAG_LENGTH = 100;

/** The reason a tag name cannot be added, or undefined when it can. */
export function tagNameProblem(name: string, existing: readonly Pick<TagV1, 'name'>[]): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Type a tag name first.';
  if (trimmed.length > MAX_TAG_LENGTH) return `A tag is at most ${MAX_TAG_LENGTH} characters.`;
  if (existing.some((tag) => tag.name === trimmed)) return `The job is already tagged “${trimmed}”.`;
  return undefined;
}

export interface JobTagsProps {
  jobId: string;
  jobNumber: number;
  projectId: string | undefined;
  tags: readonly TagV1[];
  /** compact: the table cell (the input opens on demand); full: the job page (input always shown). */
  variant: 'compact' | 'full';
  /** The tags are still loading (the list does not carry them). */
  pending?: boolean;
}

/** A job's tags with × to remove each, and a small input to add one. */
export function JobTags({ jobId, jobNumber, projectId, tags, variant, pending = false }: JobTagsProps) {
  const inputId = useId();
  const errorId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const addButtonRef = useRef<HTMLButtonElement>(null);
  const [adding, setAdding] = useState(variant === 'full');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const add = useMutation(jobsMutations.addTag(jobId));
  const remove = useMutation(jobsMutations.removeTag(jobId));
  const canEdit = projectId !== undefined;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!projectId || add.isPending) return;
    const reason = tagNameProblem(name, tags);
    setProblem(reason);
    if (reason) {
      inputRef.current?.focus();
      return;
    }
    add.mutate(
      { jobId, projectId, tagName: name.trim() },
      {
        onSuccess: () => {
          setName('');
          if (variant === 'compact') {
            setAdding(false);
            // The button comes back in the next render; focus it once it is there.
            requestAnimationFrame(() => addButtonRef.current?.focus());
          } else inputRef.current?.focus();
        },
        onError: (error) => setProblem(errorMessage(error)),
      },
    );
  }

  // The removed tag's button is gone: keep the keyboard reader in the tags, not on the page's body.
  function focusAfterRemoval() {
    requestAnimationFrame(() => (variant === 'compact' ? addButtonRef.current : inputRef.current)?.focus());
  }

  const removeError = remove.isError ? errorMessage(remove.error) : undefined;
  const shownProblem = problem ?? removeError;

  return (
    <div className={variant === 'compact' ? 'min-w-36' : ''}>
      <ul className="flex flex-wrap items-center gap-1.5" aria-label={`Tags of job #${jobNumber}`}>
        {pending ? (
          <li className="skeleton inline-block h-5 w-16" aria-hidden="true" />
        ) : tags.length === 0 && variant === 'full' ? (
          <li className="text-sm text-slate-600 dark:text-slate-400">No tags yet.</li>
        ) : null}
        {tags.map((tag) => {
          const removing = remove.isPending && remove.variables?.tagId === tag.id;
          return (
            <li
              key={tag.id}
              className="inline-flex items-center gap-0.5 rounded-full bg-slate-100 py-0.5 pr-0.5 pl-2 text-xs font-medium text-slate-800 ring-1 ring-slate-300 ring-inset dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600"
            >
              <span className="max-w-48 truncate">{tag.name}</span>
              {canEdit ? (
                <button
                  type="button"
                  aria-label={`Remove tag ${tag.name}`}
                  aria-disabled={removing || undefined}
                  onClick={() => {
                    if (removing) return;
                    setProblem(undefined);
                    remove.mutate(
                      { jobId, projectId, tagId: tag.id },
                      {
                        // Removed at once; Undo tags the job again (a failure there toasts like any mutation's).
                        onSuccess: () => {
                          focusAfterRemoval();
                          toastStore.push({
                            tone: 'info',
                            title: `Removed tag “${tag.name}” from job #${jobNumber}`,
                            action: {
                              label: 'Undo',
                              accessibleLabel: `Undo: tag job #${jobNumber} “${tag.name}” again`,
                              run: () => add.mutate({ jobId, projectId, tagName: tag.name }),
                            },
                          });
                        },
                      },
                    );
                  }}
                  className="inline-flex size-5 items-center justify-center rounded-full text-slate-600 hover:bg-slate-200 hover:text-slate-900 aria-disabled:opacity-50 dark:text-slate-300 dark:hover:bg-slate-700 dark:hover:text-white"
                >
                  <span aria-hidden="true">×</span>
                </button>
              ) : null}
            </li>
          );
        })}
        {canEdit && variant === 'compact' && !adding ? (
          <li>
            <Button
              ref={addButtonRef}
              size="sm"
              variant="ghost"
              className="h-6 w-6 px-0 text-base"
              aria-label={`Add a tag to job #${jobNumber}`}
              title="Add a tag"
              onClick={() => {
                setAdding(true);
                setProblem(undefined);
              }}
            >
              <span aria-hidden="true">+</span>
            </Button>
          </li>
        ) : null}
      </ul>
      {canEdit && adding ? (
        <form onSubmit={onSubmit} noValidate className="mt-1.5 flex items-center gap-1.5">
          <label htmlFor={inputId} className="sr-only">
            New tag for job #{jobNumber}
          </label>
          <input
            ref={inputRef}
            id={inputId}
            // Opened on demand in the table: the user asked for this input, so it takes focus.
            autoFocus={variant === 'compact'}
            value={name}
            maxLength={MAX_TAG_LENGTH + 1}
            autoComplete="off"
            placeholder="New tag"
            aria-invalid={shownProblem ? true : undefined}
            aria-describedby={shownProblem ? errorId : undefined}
            onChange={(event) => {
              setName(event.target.value);
              setProblem(undefined);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && variant === 'compact') {
                event.preventDefault();
                setAdding(false);
                setName('');
                setProblem(undefined);
                requestAnimationFrame(() => addButtonRef.current?.focus());
              }
            }}
            className={`${inputClasses} ${variant === 'compact' ? 'h-7 w-28 px-2 py-1 text-xs' : 'w-56'}`}
          />
          <Button type="submit" size="sm" className={variant === 'compact' ? 'h-7 text-xs' : ''} aria-disabled={add.isPending || undefined}>
            {add.isPending ? 'Adding…' : variant === 'compact' ? 'Add' : 'Add tag'}
          </Button>
        </form>
      ) : null}
      {shownProblem ? (
        <p id={errorId} role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
          {shownProblem}
        </p>
      ) : null}
    </div>
  );
}
