import { keepPreviousData, useMutation, useQuery, useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi, Link } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { errorDetails } from '../../api/error-details';
import { modelsMutations, modelsQueries } from '../../api/models';
import type { RegisteredModelV1, RegisteredModelVersionOverviewV1 } from '../../api/schemas/models';
import { Badge } from '../../components/badge';
import { Breadcrumb, BreadcrumbLink } from '../../components/breadcrumb';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { TextAreaField } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { PageHeader } from '../../components/page-header';
import { PageSection } from '../../components/page-section';
import { Pagination } from '../../components/pagination';
import { TableSkeleton } from '../../components/skeleton';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { Tabs } from '../../components/tabs';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { dateTime } from '../../lib/dates';
import { toastStore } from '../../lib/toast-store';
import { resourceErrorComponent } from '../resource-error';
import { formatMetric, linkClasses, ReviewStatusBadge, StageBadge } from './model-format';
import { ModelApisList } from './model-apis-list';
import type { ModelTab } from './models-routes';
import { StageHistory } from './stage-history';

const routeApi = getRouteApi('/models/$modelName');

/** The route's loader, loaded with this page. */
export async function loadModel(queryClient: QueryClient, modelName: string): Promise<void> {
  await Promise.all([queryClient.ensureQueryData(modelsQueries.detail(modelName)), queryClient.ensureQueryData(embeddedQueries.info())]);
}

/** Versions come 20 a page, Domino's default for this list. */
const VERSIONS_PAGE = 20;
const SHOWN_METRICS = 3;

function EditModelDialog({ model, open, onClose }: { model: RegisteredModelV1; open: boolean; onClose: () => void }) {
  const [description, setDescription] = useState(model.description);
  const [discoverable, setDiscoverable] = useState(model.discoverable);
  const checkboxId = useId();
  const patch = useMutation(modelsMutations.patchModel(model.name));
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (patch.isPending) return;
    patch.mutate(
      { modelName: model.name, description, discoverable },
      {
        onSuccess: () => {
          toastStore.push({ tone: 'success', title: `Saved ${model.name}` });
          onClose();
        },
      },
    );
  }
  return (
    <Dialog open={open} onClose={onClose} title="Edit model" dismissable={!patch.isPending}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <TextAreaField label="Description" value={description} onChange={(event) => setDescription(event.target.value)} rows={4} />
        <div className="flex items-start gap-2">
          <input
            id={checkboxId}
            type="checkbox"
            checked={discoverable}
            onChange={(event) => setDiscoverable(event.target.checked)}
            className="mt-1 h-4 w-4 rounded border-slate-400"
          />
          <label htmlFor={checkboxId} className="text-sm text-slate-800 dark:text-slate-200">
            Discoverable: people outside the project see its name, description and owner, and may ask for access
          </label>
        </div>
        {patch.isError ? <InlineAlert title="Not saved">{errorDetails(patch.error).messages.join(' ')}</InlineAlert> : null}
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" aria-disabled={patch.isPending || undefined}>
            {patch.isPending ? 'Saving…' : 'Save'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** One version's row: the overview from the list, the stage, review and metrics from its details (fetched for visible rows only). */
function VersionRow({ modelName, version }: { modelName: string; version: RegisteredModelVersionOverviewV1 }) {
  const details = useQuery(modelsQueries.version(modelName, version.modelVersion));
  const pending = <span className="skeleton inline-block h-4 w-16 align-middle" aria-label="Loading" />;
  const failed = <span className="text-slate-600 dark:text-slate-400">Not available</span>;
  const cell = (render: (data: NonNullable<typeof details.data>) => React.ReactNode) =>
    details.isPending ? pending : details.isError ? failed : render(details.data);
  return (
    <tr className="hover:bg-slate-50 dark:hover:bg-slate-900">
      <Td>
        <Link
          to="/models/$modelName/versions/$version"
          params={{ modelName, version: String(version.modelVersion) }}
          className={linkClasses}
          aria-label={`Version ${version.modelVersion}`}
        >
          v{version.modelVersion}
        </Link>
      </Td>
      <Td>
        {cell((data) => (
          <StageBadge stage={data.currentStage} />
        ))}
      </Td>
      <Td>{cell((data) => (data.reviewSummary ? <ReviewStatusBadge status={data.reviewSummary.status} /> : '—'))}</Td>
      <Td>
        {cell((data) => {
          const metrics = [...data.versionUiDetails.experimentRunInfo.metrics].sort((a, b) => a.key.localeCompare(b.key));
          if (metrics.length === 0) return '—';
          return (
            <span className="font-mono text-xs">
              {metrics
                .slice(0, SHOWN_METRICS)
                .map((metric) => `${metric.key} ${formatMetric(metric.value)}`)
                .join(' · ')}
              {metrics.length > SHOWN_METRICS ? ` · +${metrics.length - SHOWN_METRICS}` : ''}
            </span>
          );
        })}
      </Td>
      <Td className="font-mono text-xs">{version.experimentRunId.slice(0, 12)}</Td>
      <Td>{version.ownerUsername}</Td>
      <Td>{dateTime.format(new Date(version.createdAt))}</Td>
    </tr>
  );
}

function VersionsPanel({ model, page, onPage }: { model: RegisteredModelV1; page: number; onPage: (page: number) => void }) {
  const versions = useQuery({
    ...modelsQueries.versions(model.name, { offset: (page - 1) * VERSIONS_PAGE, limit: VERSIONS_PAGE }),
    placeholderData: keepPreviousData,
  });
  if (versions.isPending) return <TableSkeleton rows={3} columns={6} label="Loading versions…" />;
  if (versions.isError) return <ErrorPanel details={errorDetails(versions.error)} onRetry={() => void versions.refetch()} />;
  if (versions.data.items.length === 0 && page === 1) return <EmptyState title="No versions">This model has no versions yet.</EmptyState>;
  return (
    <div className="space-y-3">
      <Table caption={`Versions of ${model.name}`}>
        <TableHead>
          <Th>Version</Th>
          <Th>Stage</Th>
          <Th>Review</Th>
          <Th>Run metrics</Th>
          <Th>Run</Th>
          <Th>Registered by</Th>
          <Th>Registered</Th>
        </TableHead>
        <TableBody>
          {versions.data.items.map((version) => (
            <VersionRow key={version.modelVersion} modelName={model.name} version={version} />
          ))}
        </TableBody>
      </Table>
      <Pagination
        page={page}
        pageSize={VERSIONS_PAGE}
        pageSizes={[VERSIONS_PAGE]}
        itemCount={versions.data.items.length}
        totalCount={versions.data.pagination.totalCount}
        onPageChange={onPage}
        onPageSizeChange={() => undefined}
        noun="versions"
        busy={versions.isPlaceholderData}
      />
    </div>
  );
}

/** A discoverable model seen from outside its project: its basics, and a way to ask for access. */
function OutsiderNotice({ model }: { model: RegisteredModelV1 }) {
  const ask = useMutation(modelsMutations.requestAccess());
  return (
    <InlineAlert tone="info" title="You can see this model because it is discoverable">
      <p>
        Its versions, runs and reviews belong to project {model.project.ownerUsername}/{model.project.name}, which you cannot read.
      </p>
      <div className="mt-2">
        {ask.isSuccess ? (
          <p role="status">Access requested: the project’s owner decides.</p>
        ) : (
          <Button size="sm" onClick={() => ask.mutate(model.project.id)} aria-disabled={ask.isPending || undefined}>
            {ask.isPending ? 'Asking…' : 'Ask for access'}
          </Button>
        )}
        {ask.isError ? <p className="mt-1 text-red-700 dark:text-red-300">{errorDetails(ask.error).messages.join(' ')}</p> : null}
      </div>
    </InlineAlert>
  );
}

export function ModelPage() {
  const { modelName } = routeApi.useParams();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { data: model } = useSuspenseQuery(modelsQueries.detail(modelName));
  const { data: info } = useSuspenseQuery(embeddedQueries.info());
  const [editing, setEditing] = useState(false);
  useDocumentTitle(model.name);
  const canRead = model.requestingUserAccess.canViewProject;
  const withHistory = hasExtension(info, 'model-stage-history');
  const tabs: { value: ModelTab; label: string }[] = [
    { value: 'versions', label: 'Versions' },
    ...(withHistory ? [{ value: 'history' as const, label: 'Stage history' }] : []),
  ];
  const tab = withHistory ? search.tab : 'versions';

  return (
    <div className="space-y-6">
      <div>
        <Breadcrumb current={model.name}>
          <BreadcrumbLink to="/models">Models</BreadcrumbLink>
        </Breadcrumb>
        <PageHeader
          title={model.name}
          description={
            <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span>
                In project{' '}
                {canRead ? (
                  <Link to="/projects/$projectId" params={{ projectId: model.project.id }} className={linkClasses}>
                    {model.project.ownerUsername}/{model.project.name}
                  </Link>
                ) : (
                  `${model.project.ownerUsername}/${model.project.name}`
                )}
              </span>
              <span aria-hidden="true">·</span>
              <span>Registered by {model.ownerUsername}</span>
              {model.latestVersion !== undefined ? (
                <>
                  <span aria-hidden="true">·</span>
                  <span>Latest version v{model.latestVersion}</span>
                </>
              ) : null}
              {model.discoverable ? <Badge tone="violet">Discoverable</Badge> : null}
            </span>
          }
          actions={
            model.requestingUserAccess.canEditModel ? (
              <>
                <Button onClick={() => setEditing(true)}>Edit</Button>
                <Link
                  to="/projects/$projectId"
                  params={{ projectId: model.project.id }}
                  search={{ tab: 'runs' }}
                  className="inline-flex h-9 items-center rounded-md bg-blue-700 px-3 text-sm font-medium text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500"
                >
                  Register a new version
                </Link>
              </>
            ) : undefined
          }
        />
        <p className="mt-2 max-w-3xl text-sm whitespace-pre-wrap text-slate-700 dark:text-slate-300">{model.description || 'No description.'}</p>
      </div>
      {canRead ? (
        <>
          <Tabs label="Model sections" items={tabs} selected={tab} onSelect={(next) => void navigate({ search: (previous) => ({ ...previous, tab: next }) })}>
            {tab === 'versions' ? (
              <VersionsPanel model={model} page={search.page} onPage={(page) => void navigate({ search: (previous) => ({ ...previous, page }) })} />
            ) : (
              <StageHistory
                modelName={model.name}
                at={search.at}
                onAt={(at) => void navigate({ search: (previous) => ({ ...previous, at }), replace: true })}
              />
            )}
          </Tabs>
          <PageSection title="Model APIs">
            <ModelApisList modelName={model.name} empty="No Model API serves a version of this model." />
          </PageSection>
        </>
      ) : (
        <OutsiderNotice model={model} />
      )}
      {editing ? <EditModelDialog model={model} open onClose={() => setEditing(false)} /> : null}
    </div>
  );
}

const ModelError = resourceErrorComponent({
  noun: 'model',
  missing: 'There is no registered model with this name, or it belongs to a project you cannot see. Check the link, or find the model in the list.',
  back: { label: 'Back to models', to: '/models' },
});

export const modelLazyRoute = createLazyRoute('/models/$modelName')({ component: ModelPage, errorComponent: ModelError });
