// A dataset's snapshots: take one (of chosen paths or everything) with its status updating live,
// browse one's files, tag it (add, move, remove), start a new dataset from it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { datasetsKeys, datasetsMutations, datasetsQueries, isSettling } from '../../api/datasets';
import { errorDetails } from '../../api/error-details';
import type { DatasetRwDetailsV1, SnapshotDetailsV1 } from '../../api/schemas/datasets';
import { Badge, type BadgeTone } from '../../components/badge';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { TextField } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { TableSkeleton } from '../../components/skeleton';
import { ActionsTh, Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { dateTime } from '../../lib/dates';
import { CreateDatasetDialog } from './create-dataset-dialog';
import { FileBrowser } from './dataset-files';
import { formatBytes } from './dataset-format';

const STATUS_TONES: Record<string, BadgeTone> = { active: 'green', pending: 'amber', copying: 'blue', failed: 'violet' };

/**
 * A listed snapshot as it is now: one still being taken is asked for by itself (getSnapshot,
 * every second) until it settles; then the list's copy is brought up to date, so the row's
 * actions (files, tag, new dataset) follow without fetching every snapshot again.
 */
function useLiveSnapshot(datasetId: string, listed: SnapshotDetailsV1): SnapshotDetailsV1 {
  const queryClient = useQueryClient();
  const live = useQuery({ ...datasetsQueries.snapshot(listed.id), enabled: isSettling(listed) });
  const current = isSettling(listed) && live.data ? live.data : listed;
  useEffect(() => {
    if (current !== listed && !isSettling(current)) {
      queryClient.setQueryData<SnapshotDetailsV1[]>(datasetsKeys.snapshots(datasetId), (list) => list?.map((s) => (s.id === current.id ? current : s)));
    }
  }, [current, listed, datasetId, queryClient]);
  return current;
}

function SnapshotFacts({ snapshot, withStats }: { snapshot: SnapshotDetailsV1; withStats: boolean }) {
  const stats = useQuery({
    ...datasetsQueries.snapshotStats(snapshot.id),
    enabled: withStats && (snapshot.status === 'active' || snapshot.status === 'failed'),
  });
  if (!stats.data) return null;
  if (stats.data.failureReason) return <span className="text-red-700 dark:text-red-300">{stats.data.failureReason}</span>;
  return (
    <span>
      {stats.data.fileCount} files, {formatBytes(stats.data.bytes)}
    </span>
  );
}

function TakeSnapshotForm({ datasetId, disabledReason }: { datasetId: string; disabledReason?: string }) {
  const [paths, setPaths] = useState('');
  const take = useMutation(datasetsMutations.snapshot(datasetId));
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (disabledReason || take.isPending) return;
    const relativeFilePaths = paths
      .split(/[\n,]/)
      .map((p) => p.trim())
      .filter(Boolean);
    take.mutate({ datasetId, relativeFilePaths }, { onSuccess: () => setPaths('') });
  }
  return (
    <form onSubmit={onSubmit} className="space-y-2 rounded-lg border border-slate-200 p-4 dark:border-slate-800" aria-label="Take a snapshot">
      <TextField
        label="Files or folders to snapshot"
        value={paths}
        onChange={(event) => setPaths(event.target.value)}
        hint="Comma-separated paths inside the dataset; leave empty for everything."
        placeholder="everything"
        disabled={Boolean(disabledReason)}
      />
      <Button type="submit" variant="primary" aria-disabled={Boolean(disabledReason) || take.isPending || undefined} title={disabledReason}>
        {take.isPending ? 'Starting…' : 'Take snapshot'}
      </Button>
      {disabledReason ? <p className="text-xs text-slate-600 dark:text-slate-400">{disabledReason}</p> : null}
      {take.isError ? <InlineAlert title="No snapshot was taken">{errorDetails(take.error).messages.join(' ')}</InlineAlert> : null}
    </form>
  );
}

function TagForm({ dataset, snapshotId, onDone }: { dataset: DatasetRwDetailsV1; snapshotId: string; onDone: () => void }) {
  const [name, setName] = useState('');
  const tag = useMutation(datasetsMutations.addTag(dataset.id));
  const moving = name && dataset.tags[name] && dataset.tags[name] !== snapshotId;
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim()) tag.mutate({ datasetId: dataset.id, tagName: name.trim(), snapshotId }, { onSuccess: onDone });
      }}
    >
      <TextField
        label="Tag name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        hint={moving ? 'This tag moves here from another snapshot.' : undefined}
      />
      <Button type="submit" size="sm" variant="primary">
        {moving ? 'Move tag' : 'Add tag'}
      </Button>
      <Button size="sm" onClick={onDone}>
        Cancel
      </Button>
      {tag.isError ? <InlineAlert title="The tag was not set">{errorDetails(tag.error).messages.join(' ')}</InlineAlert> : null}
    </form>
  );
}

function SnapshotRow({
  dataset,
  listed,
  canUpdate,
  filesExtension,
  browsing,
  tagging,
  onBrowse,
  onTag,
  onStartFrom,
}: {
  dataset: DatasetRwDetailsV1;
  listed: SnapshotDetailsV1;
  canUpdate: boolean;
  filesExtension: boolean;
  browsing: boolean;
  tagging: boolean;
  onBrowse: () => void;
  onTag: (on: boolean) => void;
  onStartFrom: () => void;
}) {
  const snapshot = useLiveSnapshot(dataset.id, listed);
  const removeTag = useMutation(datasetsMutations.removeTag(dataset.id));
  const tags = Object.entries(dataset.tags)
    .filter(([, id]) => id === snapshot.id)
    .map(([name]) => name);
  return (
    <tr>
      <Td>
        {dateTime.format(new Date(snapshot.createdAt))}
        <p className="font-mono text-xs text-slate-600 dark:text-slate-400">{snapshot.id}</p>
      </Td>
      <Td>
        <Badge tone={STATUS_TONES[snapshot.status] ?? 'neutral'}>{snapshot.status}</Badge>
      </Td>
      <Td>
        <SnapshotFacts snapshot={snapshot} withStats={filesExtension} />
      </Td>
      <Td>
        <ul className="flex flex-wrap gap-1">
          {tags.map((name) => (
            <li key={name} className="flex items-center gap-1 rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800">
              {name}
              {canUpdate ? (
                <button
                  type="button"
                  aria-label={`Remove tag ${name}`}
                  className="text-slate-600 hover:text-red-700 dark:text-slate-400"
                  onClick={() => removeTag.mutate({ datasetId: dataset.id, tagName: name })}
                >
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        {tagging ? <TagForm dataset={dataset} snapshotId={snapshot.id} onDone={() => onTag(false)} /> : null}
      </Td>
      <Td className="space-x-1 text-right whitespace-nowrap">
        {snapshot.status === 'active' && filesExtension ? (
          <Button size="sm" onClick={onBrowse}>
            {browsing ? 'Hide files' : 'Files'}
          </Button>
        ) : null}
        {canUpdate ? (
          <Button size="sm" onClick={() => onTag(true)}>
            Tag
          </Button>
        ) : null}
        {snapshot.status === 'active' ? (
          <Button size="sm" onClick={onStartFrom}>
            New dataset from this
          </Button>
        ) : null}
      </Td>
    </tr>
  );
}

export function SnapshotsPanel({
  dataset,
  canUpdate,
  updateDenied,
  filesExtension,
}: {
  dataset: DatasetRwDetailsV1;
  canUpdate: boolean;
  updateDenied?: string;
  filesExtension: boolean;
}) {
  const snapshots = useQuery(datasetsQueries.snapshots(dataset.id));
  const [browsing, setBrowsing] = useState<string | undefined>();
  const [browsePath, setBrowsePath] = useState('');
  const [tagging, setTagging] = useState<string | undefined>();
  const [startingFrom, setStartingFrom] = useState<string | undefined>();
  let body;
  if (snapshots.isPending) body = <TableSkeleton rows={2} columns={4} label="Loading snapshots…" />;
  else if (snapshots.isError) body = <ErrorPanel details={errorDetails(snapshots.error)} onRetry={() => void snapshots.refetch()} />;
  else if (snapshots.data.length === 0) body = <EmptyState title="No snapshots yet">A snapshot freezes the dataset’s files as they are now.</EmptyState>;
  else
    body = (
      <Table caption="Snapshots">
        <TableHead>
          <Th>Taken</Th>
          <Th>Status</Th>
          <Th>Contents</Th>
          <Th>Tags</Th>
          <ActionsTh />
        </TableHead>
        <TableBody>
          {[...snapshots.data].reverse().map((listed) => (
            <SnapshotRow
              key={listed.id}
              dataset={dataset}
              listed={listed}
              canUpdate={canUpdate}
              filesExtension={filesExtension}
              browsing={browsing === listed.id}
              tagging={tagging === listed.id}
              onBrowse={() => {
                setBrowsing(browsing === listed.id ? undefined : listed.id);
                setBrowsePath('');
              }}
              onTag={(on) => setTagging(on ? listed.id : undefined)}
              onStartFrom={() => setStartingFrom(listed.id)}
            />
          ))}
        </TableBody>
      </Table>
    );

  return (
    <div className="space-y-4">
      <TakeSnapshotForm datasetId={dataset.id} disabledReason={canUpdate ? undefined : updateDenied} />
      {body}
      {browsing ? (
        <section aria-label={`Files of snapshot ${browsing}`} className="space-y-2">
          <h3 className="text-sm font-semibold">Files of snapshot {browsing}</h3>
          <FileBrowser source={{ kind: 'snapshot', snapshotId: browsing }} path={browsePath} onPathChange={setBrowsePath} canDelete={false} />
        </section>
      ) : null}
      <CreateDatasetDialog open={startingFrom !== undefined} onClose={() => setStartingFrom(undefined)} snapshotId={startingFrom} />
    </div>
  );
}
