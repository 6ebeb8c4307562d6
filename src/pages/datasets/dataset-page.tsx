import { useMutation, useQuery, useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { datasetsMutations, datasetsQueries } from '../../api/datasets';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { errorDetails } from '../../api/error-details';
import { DATASET_NAME_PATTERN, DATASET_NAME_RULE, type DatasetRwDetailsV1 } from '../../api/schemas/datasets';
import { Breadcrumb, BreadcrumbLink } from '../../components/breadcrumb';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextAreaField, TextField } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { PageHeader } from '../../components/page-header';
import { PageSection } from '../../components/page-section';
import { Tabs } from '../../components/tabs';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { AccessPanel } from './dataset-access';
import { FileBrowser, UploadPanel } from './dataset-files';
import { formatBytes } from './dataset-format';
import { SnapshotsPanel } from './dataset-snapshots';

const routeApi = getRouteApi('/datasets/$datasetId');

/** The route's loader, loaded with this page. */
export async function loadDataset(queryClient: QueryClient, datasetId: string): Promise<void> {
  await Promise.all([queryClient.ensureQueryData(datasetsQueries.detail(datasetId)), queryClient.ensureQueryData(embeddedQueries.info())]);
}

const TABS = [
  { value: 'files', label: 'Files' },
  { value: 'snapshots', label: 'Snapshots' },
  { value: 'access', label: 'Access' },
] as const;
type Tab = (typeof TABS)[number]['value'];

function EditDialog({ dataset, open, onClose }: { dataset: DatasetRwDetailsV1; open: boolean; onClose: () => void }) {
  const [name, setName] = useState(dataset.name);
  const [description, setDescription] = useState(dataset.description ?? '');
  const [nameError, setNameError] = useState<string | undefined>();
  const update = useMutation(datasetsMutations.update());
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!DATASET_NAME_PATTERN.test(name)) return setNameError(DATASET_NAME_RULE);
    update.mutate({ datasetId: dataset.id, name, description }, { onSuccess: onClose });
  }
  return (
    <Dialog open={open} onClose={onClose} title="Edit dataset" dismissable={!update.isPending}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <TextField
          label="Name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={nameError}
          hint="Jobs started after a rename mount it under the new name."
        />
        <TextAreaField label="Description" value={description} onChange={(event) => setDescription(event.target.value)} rows={3} />
        {update.isError ? <InlineAlert title="Not saved">{errorDetails(update.error).messages.join(' ')}</InlineAlert> : null}
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" aria-disabled={update.isPending || undefined}>
            {update.isPending ? 'Saving…' : 'Save'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Delete needs the dataset's name typed: it removes every snapshot too. */
function DeleteDialog({ dataset, open, onClose }: { dataset: DatasetRwDetailsV1; open: boolean; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const remove = useMutation(datasetsMutations.remove());
  const navigate = useNavigate();
  const matches = typed === dataset.name;
  return (
    <Dialog open={open} onClose={onClose} title={`Delete ${dataset.name}?`} role="alertdialog" size="sm" dismissable={!remove.isPending}>
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (matches) remove.mutate(dataset.id, { onSuccess: () => void navigate({ to: '/datasets' }) });
        }}
      >
        <p className="text-sm">
          The live files and all {dataset.snapshotIds.length} snapshots are removed; jobs can no longer mount it. This cannot be undone.
        </p>
        <TextField label={`Type ${dataset.name} to confirm`} value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" />
        {remove.isError ? <InlineAlert title="Not deleted">{errorDetails(remove.error).messages.join(' ')}</InlineAlert> : null}
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="danger" aria-disabled={!matches || remove.isPending || undefined}>
            {remove.isPending ? 'Deleting…' : 'Delete dataset'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function DatasetPage() {
  const { datasetId } = routeApi.useParams();
  const { data: dataset } = useSuspenseQuery(datasetsQueries.detail(datasetId));
  const { data: info } = useSuspenseQuery(embeddedQueries.info());
  const filesExtension = hasExtension(info, 'dataset-files');
  const stats = useQuery({ ...datasetsQueries.stats(datasetId), enabled: hasExtension(info, 'dataset-stats') });
  useDocumentTitle(dataset.name);
  const [tab, setTab] = useState<Tab>('files');
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [folder, setFolder] = useState('');

  // Without the stats extension (a real Domino) every action is offered and the server decides.
  const allowed = (permission: string) => !stats.data || stats.data.yourPermissions.includes(permission as never);
  const canUpdate = allowed('UpdateDatasetRwV2');
  const canOwn = allowed('EditSecurityDatasetRwV2');
  const canDelete = allowed('PermanentDeleteDatasetRwV2');
  const updateDenied = 'You need Editor access to the dataset for this.';

  return (
    <div>
      <Breadcrumb current={dataset.name}>
        <BreadcrumbLink to="/datasets">Datasets</BreadcrumbLink>
      </Breadcrumb>
      <PageHeader
        title={dataset.name}
        description={
          <span className="whitespace-pre-line">
            {dataset.description || 'No description.'}
            {stats.data ? ` · ${stats.data.fileCount} files, ${formatBytes(stats.data.bytes)}` : ''}
          </span>
        }
        actions={
          <div className="flex gap-2">
            <Button onClick={() => setEditing(true)} aria-disabled={!canUpdate || undefined} title={canUpdate ? undefined : updateDenied} disabled={!canUpdate}>
              Edit
            </Button>
            <Button
              variant="danger"
              onClick={() => setDeleting(true)}
              disabled={!canDelete}
              title={canDelete ? undefined : 'Only Owners of the dataset may delete it.'}
            >
              Delete
            </Button>
          </div>
        }
      />
      <Tabs label="Dataset sections" items={TABS} selected={tab} onSelect={setTab}>
        {tab === 'files' ? (
          filesExtension ? (
            <div className="space-y-6">
              <PageSection title="Live files">
                <FileBrowser
                  source={{ kind: 'live', datasetId }}
                  path={folder}
                  onPathChange={setFolder}
                  canDelete={canUpdate}
                  deniedReason={canUpdate ? undefined : updateDenied}
                />
              </PageSection>
              {canUpdate ? (
                <PageSection title="Upload">
                  <UploadPanel datasetId={datasetId} folder={folder} />
                </PageSection>
              ) : (
                <InlineAlert tone="info">{updateDenied} Readers can browse and download.</InlineAlert>
              )}
            </div>
          ) : (
            <InlineAlert tone="info">This Domino does not offer browsing dataset files through its API; mount the dataset in a job or workspace.</InlineAlert>
          )
        ) : tab === 'snapshots' ? (
          <SnapshotsPanel dataset={dataset} canUpdate={canUpdate} updateDenied={updateDenied} filesExtension={filesExtension} />
        ) : (
          <AccessPanel datasetId={datasetId} canEdit={canOwn} />
        )}
      </Tabs>
      {editing ? <EditDialog dataset={dataset} open onClose={() => setEditing(false)} /> : null}
      {deleting ? <DeleteDialog dataset={dataset} open onClose={() => setDeleting(false)} /> : null}
    </div>
  );
}

export const datasetLazyRoute = createLazyRoute('/datasets/$datasetId')({ component: DatasetPage });
