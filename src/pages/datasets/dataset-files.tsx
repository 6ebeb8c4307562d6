// A dataset's files: the live tree or a snapshot's, browsed by directory; uploads (drag and drop
// or a file picker) with a progress bar per file, cancel, and the server's reason when refused.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type DragEvent } from 'react';
import {
  datasetsKeys,
  datasetsMutations,
  datasetsQueries,
  liveFileUrl,
  snapshotFileUrl,
  uploadFile,
  type FileSource,
  type UploadHandle,
} from '../../api/datasets';
import { errorDetails } from '../../api/error-details';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { RemoveButton } from '../../components/remove-button';
import { TableSkeleton } from '../../components/skeleton';
import { ActionsTh, Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { formatBytes } from './dataset-format';

function PathTrail({ path, onOpen }: { path: string; onOpen: (path: string) => void }) {
  const parts = path === '' ? [] : path.split('/');
  return (
    <nav aria-label="Folder" className="flex flex-wrap items-center gap-1 text-sm">
      <button type="button" className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-400" onClick={() => onOpen('')}>
        (root)
      </button>
      {parts.map((part, index) => (
        <span key={index} className="flex items-center gap-1">
          <span aria-hidden="true">/</span>
          {index === parts.length - 1 ? (
            <span aria-current="location">{part}</span>
          ) : (
            <button
              type="button"
              className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
              onClick={() => onOpen(parts.slice(0, index + 1).join('/'))}
            >
              {part}
            </button>
          )}
        </span>
      ))}
    </nav>
  );
}

export interface FileBrowserProps {
  source: FileSource;
  /** The folder shown ('' for the top), kept by the page so uploads land in it. */
  path: string;
  onPathChange: (path: string) => void;
  canDelete: boolean;
  deniedReason?: string;
}

export function FileBrowser({ source, path, onPathChange: setPath, canDelete, deniedReason }: FileBrowserProps) {
  const query = useQuery(datasetsQueries.tree(source, path));
  const removal = useMutation(datasetsMutations.deleteFile(source.kind === 'live' ? source.datasetId : ''));
  const [confirming, setConfirming] = useState<string | undefined>();

  let body;
  if (query.isPending) body = <TableSkeleton rows={3} columns={3} label="Loading files…" />;
  else if (query.isError) body = <ErrorPanel details={errorDetails(query.error)} onRetry={() => void query.refetch()} />;
  else if (query.data.length === 0)
    body = <EmptyState title="No files here">{source.kind === 'live' ? 'Upload files, or let a job write them.' : 'This folder is empty.'}</EmptyState>;
  else
    body = (
      <Table caption={source.kind === 'live' ? 'Live files' : 'Snapshot files'}>
        <TableHead>
          <Th>Name</Th>
          <Th>Size</Th>
          <ActionsTh />
        </TableHead>
        <TableBody>
          {query.data.map((entry) => (
            <tr key={entry.path}>
              <Td>
                {entry.type === 'dir' ? (
                  <button
                    type="button"
                    className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
                    onClick={() => setPath(entry.path)}
                  >
                    {entry.name}/
                  </button>
                ) : (
                  <a
                    href={source.kind === 'live' ? liveFileUrl(source.datasetId, entry.path) : snapshotFileUrl(source.snapshotId, entry.path)}
                    download={entry.name}
                    className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-400"
                  >
                    {entry.name}
                  </a>
                )}
              </Td>
              <Td>{entry.size !== null ? formatBytes(entry.size) : ''}</Td>
              <Td className="text-right">
                {source.kind === 'live' ? (
                  canDelete ? (
                    <RemoveButton label="Delete" what={entry.path} onClick={() => setConfirming(entry.path)} />
                  ) : (
                    <span className="text-xs text-slate-600 dark:text-slate-400" title={deniedReason}>
                      {deniedReason ? 'Read-only' : ''}
                    </span>
                  )
                ) : null}
              </Td>
            </tr>
          ))}
        </TableBody>
      </Table>
    );

  return (
    <div className="space-y-3">
      <PathTrail path={path} onOpen={setPath} />
      {body}
      {confirming && source.kind === 'live' ? (
        <div
          role="alertdialog"
          aria-label={`Delete ${confirming}?`}
          className="flex flex-wrap items-center gap-2 rounded-md border border-red-300 p-3 text-sm dark:border-red-800"
        >
          <span>
            Delete <strong>{confirming}</strong> from the live dataset? Snapshots keep their copies.
          </span>
          <Button
            variant="danger"
            size="sm"
            onClick={() => removal.mutate({ datasetId: source.datasetId, path: confirming }, { onSettled: () => setConfirming(undefined) })}
          >
            {removal.isPending ? 'Deleting…' : 'Delete'}
          </Button>
          <Button size="sm" onClick={() => setConfirming(undefined)}>
            Cancel
          </Button>
        </div>
      ) : null}
    </div>
  );
}

interface UploadRow {
  id: number;
  name: string;
  loaded: number;
  total: number;
  state: 'uploading' | 'done' | 'failed' | 'cancelled';
  error?: string;
  handle?: UploadHandle;
}

let uploadCount = 0;

/** Drag-and-drop or pick files; each uploads on its own with its own progress bar. */
export function UploadPanel({ datasetId, folder }: { datasetId: string; folder: string }) {
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [rows, setRows] = useState<UploadRow[]>([]);
  const [over, setOver] = useState(false);

  const update = (id: number, change: Partial<UploadRow>) => setRows((current) => current.map((row) => (row.id === id ? { ...row, ...change } : row)));

  function start(files: FileList | File[]) {
    for (const file of Array.from(files)) {
      const id = ++uploadCount;
      const target = folder ? `${folder}/${file.name}` : file.name;
      const handle = uploadFile(datasetId, target, file, (loaded, total) => update(id, { loaded, total }));
      setRows((current) => [...current, { id, name: target, loaded: 0, total: file.size, state: 'uploading', handle }]);
      handle.done.then(
        () => {
          update(id, { state: 'done', loaded: file.size });
          void queryClient.invalidateQueries({ queryKey: datasetsKeys.files(datasetId) });
          void queryClient.invalidateQueries({ queryKey: datasetsKeys.stats(datasetId) });
        },
        (error: Error & { status?: number }) => update(id, { state: error.status === -1 ? 'cancelled' : 'failed', error: error.message }),
      );
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    if (event.dataTransfer.files.length > 0) start(event.dataTransfer.files);
  }

  return (
    <div className="space-y-3">
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="upload-drop-zone"
        className={`rounded-lg border-2 border-dashed p-4 text-center text-sm ${over ? 'border-blue-500 bg-blue-50 dark:bg-blue-950' : 'border-slate-300 dark:border-slate-700'}`}
      >
        <p id={hintId} className="mb-2 text-slate-700 dark:text-slate-300">
          Drop files here to upload them to {folder ? <strong>{folder}/</strong> : 'the top folder'}, or
        </p>
        <Button onClick={() => inputRef.current?.click()}>Choose files…</Button>
        <input
          ref={inputRef}
          type="file"
          multiple
          className="sr-only"
          aria-label="Files to upload"
          aria-describedby={hintId}
          tabIndex={-1}
          onChange={(event) => {
            if (event.target.files) start(event.target.files);
            event.target.value = '';
          }}
        />
      </div>
      {rows.length > 0 ? (
        <ul className="space-y-2" aria-label="Uploads">
          {rows.map((row) => {
            const percent = row.total > 0 ? Math.round((row.loaded / row.total) * 100) : row.state === 'done' ? 100 : 0;
            return (
              <li key={row.id} className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-800">
                <div className="flex items-center justify-between gap-2">
                  <span className="truncate font-mono">{row.name}</span>
                  <span className="shrink-0 text-xs">
                    {row.state === 'uploading' ? `${percent}%` : row.state === 'done' ? 'Uploaded' : row.state === 'cancelled' ? 'Cancelled' : 'Failed'}
                  </span>
                  {row.state === 'uploading' ? (
                    <Button size="sm" onClick={() => row.handle?.cancel()}>
                      Cancel
                    </Button>
                  ) : null}
                </div>
                <progress className="mt-1 h-2 w-full" max={100} value={percent} aria-label={`Upload of ${row.name}`} />
                {row.state === 'failed' ? (
                  <p role="alert" className="mt-1 text-red-700 dark:text-red-300">
                    {row.error}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {rows.some((row) => row.state !== 'uploading') ? (
        <Button size="sm" variant="ghost" onClick={() => setRows((current) => current.filter((row) => row.state === 'uploading'))}>
          Clear finished uploads
        </Button>
      ) : null}
    </div>
  );
}
