import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { hasExtension } from '../../api/embedded';
import { errorDetails } from '../../api/error-details';
import { isDominoApiError } from '../../api/http';
import { isCommitId, projectFilesQueries } from '../../api/project-files';
import { MAIN_REF } from '../../api/schemas/project-files';
import type { TreeEntry } from '../../api/schemas/project-files';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { TextField } from '../../components/field';
import { FilterSelect } from '../../components/filter-select';
import { InlineAlert } from '../../components/inline-alert';
import { TableSkeleton } from '../../components/skeleton';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { CommitHistory } from './commit-history';
import { baseName, breadcrumbOf, formatBytes, normalisePath, parentOf, shortCommit } from './file-paths';
import { FileViewer } from './file-viewer';
import { readOnlyNote, readOnlyReason, type ProjectTabProps } from './project-tab-props';
import type { ProjectSearch } from './projects-routes';
import { UploadFileDialog } from './upload-file-dialog';
import { dateTime } from '../../lib/dates';

const routeApi = getRouteApi('/projects/$projectId');

// The Run dialog (and its environment picker) is loaded when "Run this file" is pressed.
const RunJobDialog = lazy(() => import('../jobs/run-job-dialog').then((module) => ({ default: module.RunJobDialog })));

/** "Run this file": the Run dialog, prefilled with the file's command (and its commit, when not the latest). */
function useRunFile(project: ProjectTabProps['project'], permissions: ProjectTabProps['permissions'], commitId: string | undefined) {
  const [command, setCommand] = useState<string | undefined>();
  const canRun = !permissions.archived && permissions.canLaunch;
  const dialog =
    command !== undefined ? (
      <Suspense fallback={null}>
        <RunJobDialog
          open
          onClose={() => setCommand(undefined)}
          projectId={project.id}
          projectName={project.name}
          initial={{ runCommand: command, ...(commitId ? { commitId } : {}) }}
        />
      </Suspense>
    ) : null;
  return { onRun: canRun ? setCommand : undefined, dialog };
}

const linkClasses = 'text-blue-700 underline-offset-2 hover:underline dark:text-blue-400';

/** Folders first, then files, each in a natural, case-insensitive order. */
export function sortEntries(entries: readonly TreeEntry[]): TreeEntry[] {
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return [...entries].sort((a, b) => (a.type === b.type ? collator.compare(a.name, b.name) : a.type === 'dir' ? -1 : 1));
}

function FolderIcon() {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      aria-hidden="true"
      className="shrink-0 text-amber-600 dark:text-amber-400"
    >
      <path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z" />
    </svg>
  );
}

function FileIcon() {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      aria-hidden="true"
      className="shrink-0 text-slate-500 dark:text-slate-400"
    >
      <path d="M6 3h8l4 4v14H6z M14 3v4h4" />
    </svg>
  );
}

/** A link to a place in the Files tab, keeping the other search params. */
function FilesLink({
  path,
  commit,
  children,
  className = linkClasses,
  label,
}: {
  path: string;
  commit?: string;
  children: React.ReactNode;
  className?: string;
  label?: string;
}) {
  const { projectId } = routeApi.useParams();
  const search = routeApi.useSearch();
  const next: ProjectSearch = { ...search, tab: 'files', path, commit: commit ?? search.commit };
  return (
    <Link to="/projects/$projectId" params={{ projectId }} search={next} className={className} aria-label={label}>
      {children}
    </Link>
  );
}

function Breadcrumb({ path, rootLabel }: { path: string; rootLabel: string }) {
  const crumbs = breadcrumbOf(path, rootLabel);
  return (
    <nav aria-label="File path" className="min-w-0 text-sm">
      <ol className="flex flex-wrap items-center gap-1">
        {crumbs.map((crumb, index) => {
          const last = index === crumbs.length - 1;
          return (
            <li key={crumb.path} className="flex items-center gap-1">
              {index > 0 ? (
                <span aria-hidden="true" className="text-slate-500">
                  /
                </span>
              ) : null}
              {last ? (
                <span aria-current="page" className="font-medium break-all text-slate-900 dark:text-slate-100">
                  {crumb.label}
                </span>
              ) : (
                <FilesLink path={crumb.path}>{crumb.label}</FilesLink>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function DirectoryListing({ path, entries, projectName }: { path: string; entries: readonly TreeEntry[]; projectName: string }) {
  if (entries.length === 0 && path === '') return <EmptyState title="No files yet">This project has no files at this commit.</EmptyState>;
  return (
    <Table caption={`Files in ${path || projectName}`}>
      <TableHead>
        <Th>Name</Th>
        <Th className="w-32 text-right">Size</Th>
      </TableHead>
      <TableBody>
        {path !== '' ? (
          <tr>
            <Td>
              <FilesLink path={parentOf(path)} className={`${linkClasses} inline-flex items-center gap-2`} label="Parent folder">
                <FolderIcon />
                ..
              </FilesLink>
            </Td>
            <Td />
          </tr>
        ) : null}
        {sortEntries(entries).map((entry) => (
          <tr key={entry.path} className="hover:bg-slate-50 dark:hover:bg-slate-900">
            <Td className="py-2">
              <FilesLink path={entry.path} className={`${linkClasses} inline-flex items-center gap-2 break-all`}>
                {entry.type === 'dir' ? <FolderIcon /> : <FileIcon />}
                {entry.name}
                {entry.type === 'dir' ? <span className="sr-only"> (folder)</span> : null}
              </FilesLink>
            </Td>
            <Td className="py-2 text-right text-slate-700 tabular-nums dark:text-slate-300">
              {entry.type === 'file' && entry.size !== null ? formatBytes(entry.size) : '—'}
            </Td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}

function CommitSelector({ projectId, commit, resolvedId }: { projectId: string; commit: string; resolvedId: string | undefined }) {
  const navigate = routeApi.useNavigate();
  const recent = useQuery(projectFilesQueries.commits(projectId, { offset: 0, limit: 20 }));
  const commits = recent.data?.commits ?? [];
  const known = commit === MAIN_REF || commits.some((c) => c.id === commit);
  const browsing = commits.find((c) => c.id === resolvedId);
  return (
    <div className="min-w-0">
      <FilterSelect
        label="Commit"
        value={commit}
        options={[
          { value: MAIN_REF, label: 'Latest on main' },
          ...(known ? [] : [{ value: commit, label: `${shortCommit(commit)} (older commit)` }]),
          ...commits.map((c) => ({ value: c.id, label: `${shortCommit(c.id)} · ${c.message.length > 40 ? `${c.message.slice(0, 39)}…` : c.message}` })),
        ]}
        onChange={(next) => void navigate({ search: (previous) => ({ ...previous, commit: next }) })}
        selectClassName="w-72 max-w-full"
      />
      {browsing ? (
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {commit === MAIN_REF ? 'Latest: ' : ''}
          <span className="font-mono">{shortCommit(browsing.id)}</span> by {browsing.authorName}, {dateTime.format(new Date(browsing.authoredAt))}
        </p>
      ) : null}
    </div>
  );
}

function NotAtCommit({ path, commit }: { path: string; commit: string }) {
  return (
    <EmptyState title={`Nothing at ${path}`} action={<FilesLink path="">Go to the top folder</FilesLink>}>
      {commit === MAIN_REF
        ? 'There is no file or folder with this path on the main branch.'
        : `There is no file or folder with this path at commit ${shortCommit(commit)}.`}
    </EmptyState>
  );
}

/** Browsing with the embedded 'project-files' extension: listings, history and upload. */
function FileBrowser({ project, permissions }: ProjectTabProps) {
  const projectId = project.id;
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const [uploading, setUploading] = useState(false);
  const path = normalisePath(search.path);
  const commit = search.commit;
  const parent = path === '' ? '' : parentOf(path);

  // The parent's listing says whether the path is a folder or a file (and the file's size)
  // without asking for something that may not exist.
  const parentListing = useQuery(projectFilesQueries.directory(projectId, commit, parent));
  const entry = path === '' ? undefined : parentListing.data?.entries.find((e) => e.path === path);
  const resolvedId = parentListing.data?.commitId;
  const dirListing = useQuery({
    ...projectFilesQueries.directory(projectId, resolvedId ?? commit, path),
    enabled: path !== '' && entry?.type === 'dir' && resolvedId !== undefined,
  });
  const reason = readOnlyReason(permissions, 'edit');
  const note = readOnlyNote(permissions, 'edit');
  const currentDir = path === '' || entry?.type === 'dir' ? path : parent;
  // An older commit is run as it was; the latest on main needs no commit id.
  const run = useRunFile(project, permissions, commit !== MAIN_REF ? resolvedId : undefined);

  let main;
  if (parentListing.isPending) main = <TableSkeleton rows={6} columns={2} label="Loading files…" />;
  else if (parentListing.isError) {
    main = isDominoApiError(parentListing.error, 404) ? (
      <NotAtCommit path={path || '/'} commit={commit} />
    ) : (
      <ErrorPanel details={errorDetails(parentListing.error)} onRetry={() => void parentListing.refetch()} />
    );
  } else if (path === '') main = <DirectoryListing path="" entries={parentListing.data.entries} projectName={project.name} />;
  else if (!entry) main = <NotAtCommit path={path} commit={commit} />;
  else if (entry.type === 'file')
    main = <FileViewer projectId={projectId} commitId={parentListing.data.commitId} path={entry.path} size={entry.size ?? undefined} onRun={run.onRun} />;
  else if (dirListing.isPending) main = <TableSkeleton rows={6} columns={2} label="Loading files…" />;
  else if (dirListing.isError) main = <ErrorPanel details={errorDetails(dirListing.error)} onRetry={() => void dirListing.refetch()} />;
  else main = <DirectoryListing path={path} entries={dirListing.data.entries} projectName={project.name} />;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <CommitSelector projectId={projectId} commit={commit} resolvedId={resolvedId} />
        {reason ? null : (
          <Button variant="primary" onClick={() => setUploading(true)}>
            Upload file
          </Button>
        )}
      </div>
      {commit !== MAIN_REF ? (
        <InlineAlert tone="info">
          You are looking at the files as they were at commit <span className="font-mono">{shortCommit(commit)}</span>.{' '}
          <FilesLink path={path} commit={MAIN_REF} className="font-medium underline underline-offset-2">
            Show the latest version
          </FilesLink>
        </InlineAlert>
      ) : null}
      <Breadcrumb path={path} rootLabel={project.name} />
      {main}
      {note ? <p className="text-xs text-slate-600 dark:text-slate-400">{note}</p> : null}
      <CommitHistory projectId={projectId} browsingCommitId={resolvedId} />
      {run.dialog}
      <UploadFileDialog
        open={uploading}
        onClose={() => setUploading(false)}
        projectId={projectId}
        directory={currentDir}
        onUploaded={(uploadedPath) => void navigate({ search: (previous) => ({ ...previous, commit: MAIN_REF, path: uploadedPath, history: 1 }) })}
      />
    </div>
  );
}

/** Without the embedded extension only the reference's raw content endpoint exists: open a file by commit id and path. */
function RawFileOpener({ project, permissions }: ProjectTabProps) {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const [commitId, setCommitId] = useState(isCommitId(search.commit) ? search.commit : '');
  const [path, setPath] = useState(search.path);
  const [submitted, setSubmitted] = useState(false);
  const commitError = isCommitId(commitId.trim()) ? undefined : 'A commit id is 40 hexadecimal characters.';
  const pathError = normalisePath(path) ? undefined : 'Enter the path of a file, e.g. README.md.';
  const showing = isCommitId(search.commit) && normalisePath(search.path) !== '';
  const run = useRunFile(project, permissions, showing ? search.commit.toLowerCase() : undefined);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (commitError || pathError) return;
    void navigate({ search: (previous) => ({ ...previous, commit: commitId.trim().toLowerCase(), path: normalisePath(path) }) });
  }

  return (
    <div className="space-y-4">
      <InlineAlert tone="info" title="File browsing needs the embedded Domino">
        This Domino does not offer directory listings, commit history or uploads to the console (the embedded extension “project-files”). You can still open a
        file when you know its commit id and path.
      </InlineAlert>
      <form onSubmit={onSubmit} noValidate className="grid items-start gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto]">
        <TextField
          label="Commit id"
          value={commitId}
          onChange={(event) => setCommitId(event.target.value)}
          error={submitted ? commitError : undefined}
          className="font-mono"
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          label="File path"
          value={path}
          onChange={(event) => setPath(event.target.value)}
          error={submitted ? pathError : undefined}
          autoComplete="off"
          spellCheck={false}
        />
        <div className="sm:pt-6">
          <Button type="submit" variant="primary">
            Open file
          </Button>
        </div>
      </form>
      {showing ? <FileViewer projectId={project.id} commitId={search.commit} path={normalisePath(search.path)} size={undefined} onRun={run.onRun} /> : null}
      {run.dialog}
      {showing ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          {baseName(search.path)} from the reference endpoint GET …/files/{'{commitId}'}/{'{path}'}/content.
        </p>
      ) : null}
    </div>
  );
}

export function FilesTab(props: ProjectTabProps) {
  return (
    <section aria-labelledby="files-heading" className="space-y-3">
      <h2 id="files-heading" className="sr-only">
        Files
      </h2>
      {hasExtension(props.info, 'project-files') ? <FileBrowser {...props} /> : <RawFileOpener {...props} />}
    </section>
  );
}
