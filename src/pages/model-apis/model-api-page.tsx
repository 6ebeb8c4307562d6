import { useMutation, useQuery, useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi, useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useCallback, useState } from 'react';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { errorDetails } from '../../api/error-details';
import { fetchVersionLogPage, modelApisMutations, modelApisQueries, type LogKind } from '../../api/model-apis';
import type { ModelApiVersion } from '../../api/schemas/model-apis';
import { Breadcrumb, BreadcrumbLink } from '../../components/breadcrumb';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { CopyButton } from '../../components/copy-button';
import { FilterSelect } from '../../components/filter-select';
import { InlineAlert } from '../../components/inline-alert';
import { toColumns } from '../../components/log-viewer/log-columns';
import type { LogStream } from '../../components/log-viewer/log-streams';
import type { LogsPageRequest } from '../../components/log-viewer/logs-api';
import { PageHeader } from '../../components/page-header';
import { PageSection } from '../../components/page-section';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { useConfirmedMutation } from '../../hooks/use-confirmed-mutation';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { dateTime } from '../../lib/dates';
import { NewVersionDialog } from './deploy-dialog';
import { DeploymentBadge } from './model-api-status';
import { PredictionForm } from './prediction-form';
import { requireObjectId } from '../bad-link';
import { resourceErrorComponent } from '../resource-error';
import { PageSkeleton } from '../../components/skeleton';

const routeApi = getRouteApi('/model-apis/$modelApiId');

export async function loadModelApi(queryClient: QueryClient, modelApiId: string): Promise<void> {
  requireObjectId(modelApiId, 'Model API');
  await Promise.all([
    queryClient.ensureQueryData(modelApisQueries.detail(modelApiId)),
    queryClient.ensureQueryData(modelApisQueries.versions(modelApiId)),
    queryClient.ensureQueryData(embeddedQueries.info()),
  ]);
}

function sourceLabel(version: ModelApiVersion): string {
  const s = version.source;
  return s.type === 'Registry' ? `${s.registeredModelName} v${s.registeredModelVersion}` : `${s.file}:${s.function}`;
}

/**
 * The Model API's access token (embedded `model-api-access-tokens`): made or regenerated here,
 * its secret shown once, with a copy button; callers that are no Domino user predict with it.
 */
function AccessToken({ modelApiId, hasToken }: { modelApiId: string; hasToken: boolean }) {
  const make = useMutation(modelApisMutations.accessToken(modelApiId));
  return (
    <div className="space-y-3 text-sm">
      <p className="text-slate-700 dark:text-slate-300">
        {hasToken ? 'This Model API has an access token. A new one replaces it: the old secret stops working.' : 'No access token yet.'}
      </p>
      <Button onClick={() => make.mutate(modelApiId)} aria-disabled={make.isPending || undefined}>
        {hasToken ? 'Regenerate the access token' : 'Create an access token'}
      </Button>
      {make.isError ? <InlineAlert title="Not made">{errorDetails(make.error).messages.join(' ')}</InlineAlert> : null}
      {make.data ? (
        <div className="flex flex-wrap items-center gap-2" role="status">
          <span>Its secret, shown only now:</span>
          <code className="rounded bg-slate-100 px-2 py-1 font-mono text-xs break-all dark:bg-slate-900">{make.data.token}</code>
          <CopyButton text={make.data.token} what="the access token" />
        </div>
      ) : null}
    </div>
  );
}

const LogViewer = lazy(() => import('../../components/log-viewer/log-viewer').then((module) => ({ default: module.LogViewer })));

const LOG_KIND_LABELS: Record<LogKind, string> = { instance: 'Instance (workers)', build: 'Build', export: 'Export' };

/** One log of a version in the shared log viewer (search, streams, permalinks, download); the instance log is followed. */
function VersionLog({ modelApiId, version, kind, apiName }: { modelApiId: string; version: ModelApiVersion; kind: LogKind; apiName: string }) {
  const [stream, setStream] = useState<LogStream>('all');
  const modelApiVersionId = version.id;
  const fetchPage = useCallback(
    async (request: LogsPageRequest) => {
      const { lines, ...page } = await fetchVersionLogPage({ modelApiId, modelApiVersionId, kind }, request);
      return { ...page, columns: toColumns(lines) };
    },
    [modelApiId, modelApiVersionId, kind],
  );
  return (
    <Suspense
      fallback={
        <div role="status" className="space-y-2">
          <span className="sr-only">Loading the log viewer…</span>
          <div aria-hidden="true" className="skeleton h-64 w-full" />
        </div>
      }
    >
      <LogViewer
        jobId={`model-api-${modelApiVersionId}-${kind}`}
        label={`${{ instance: 'Instance', build: 'Build', export: 'Export' }[kind]} log`}
        fetchPage={fetchPage}
        stream={stream}
        onStreamChange={setStream}
        downloadName={`${apiName}-v${version.number}-${kind}`}
      />
    </Suspense>
  );
}

/** A version's build, instance or export log, in the shared log viewer. */
function VersionLogs({ modelApiId, apiName, versions }: { modelApiId: string; apiName: string; versions: ModelApiVersion[] }) {
  const [versionId, setVersionId] = useState(versions.at(-1)?.id ?? '');
  const [kind, setKind] = useState<LogKind>('instance');
  const version = useQuery({ ...modelApisQueries.version(modelApiId, versionId), enabled: Boolean(versionId) });
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <FilterSelect
          label="Version"
          value={versionId}
          options={versions.map((v) => ({ value: v.id, label: `Version ${v.number}` }))}
          onChange={setVersionId}
        />
        <FilterSelect
          label="Log"
          value={kind}
          options={(['instance', 'build', 'export'] as const).map((value) => ({ value, label: LOG_KIND_LABELS[value] }))}
          onChange={(value) => setKind(value as LogKind)}
        />
      </div>
      {version.data ? (
        <p className="flex flex-wrap items-center gap-2 text-sm" aria-label="The selected version">
          <span>Version {version.data.number}:</span>
          <DeploymentBadge status={version.data.deployment?.status} />
          <span className="text-slate-600 dark:text-slate-400">
            {sourceLabel(version.data)} · commit <code className="font-mono text-xs">{version.data.commitId.slice(0, 10)}</code> · environment revision{' '}
            <code className="font-mono text-xs">{version.data.environmentRevisionId}</code>
          </span>
        </p>
      ) : null}
      {version.isError ? <InlineAlert title="Could not load the version">{errorDetails(version.error).messages.join(' ')}</InlineAlert> : null}
      {version.data ? <VersionLog modelApiId={modelApiId} version={version.data} kind={kind} apiName={apiName} /> : null}
    </div>
  );
}

export function ModelApiPage() {
  const { modelApiId } = routeApi.useParams();
  const navigate = useNavigate();
  const { data: api } = useSuspenseQuery(modelApisQueries.detail(modelApiId));
  const { data: versions } = useSuspenseQuery(modelApisQueries.versions(modelApiId));
  const { data: info } = useSuspenseQuery(embeddedQueries.info());
  useDocumentTitle(api.name);
  const [deploying, setDeploying] = useState(false);
  const replicas = useMutation(modelApisMutations.setReplicas(modelApiId));
  const archive = useConfirmedMutation(useMutation(modelApisMutations.archive()), {
    variables: () => api.id,
    successTitle: () => `Archived ${api.name}`,
  });
  const status = api.activeVersion?.deployment?.status;
  const running = api.replicas > 0;

  return (
    <div>
      <Breadcrumb current={api.name}>
        <BreadcrumbLink to="/model-apis">Model APIs</BreadcrumbLink>
      </Breadcrumb>
      <PageHeader
        title={api.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <DeploymentBadge status={api.isArchived ? 'Archived' : status} />
            <span>
              {api.isAsync ? 'Async' : 'Sync'} · {api.replicas} replica{api.replicas === 1 ? '' : 's'} · timeout {api.overrideRequestTimeoutSecs ?? 60} s
            </span>
          </span>
        }
        actions={
          api.isArchived ? null : (
            <>
              <Button onClick={() => replicas.mutate({ api, replicas: running ? 0 : 1 })} aria-disabled={replicas.isPending || undefined}>
                {running ? 'Stop' : 'Start'}
              </Button>
              <Button variant="primary" onClick={() => setDeploying(true)}>
                Deploy a version
              </Button>
              <Button variant="danger" onClick={() => archive.ask(api.id)}>
                Archive
              </Button>
            </>
          )
        }
      />
      {api.description ? <p className="mb-6 text-sm text-slate-700 dark:text-slate-300">{api.description}</p> : null}
      {replicas.isError ? <InlineAlert title="Not changed">{errorDetails(replicas.error).messages.join(' ')}</InlineAlert> : null}
      <div className="space-y-8">
        <PageSection title="Versions">
          <Table caption={`Versions of ${api.name}`}>
            <TableHead>
              <Th>Version</Th>
              <Th>Source</Th>
              <Th>Status</Th>
              <Th>Commit</Th>
              <Th>Created</Th>
            </TableHead>
            <TableBody>
              {[...versions].reverse().map((version) => (
                <tr key={version.id}>
                  <Td>
                    {version.number}
                    {version.id === api.activeVersion?.id ? <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">(active)</span> : null}
                  </Td>
                  <Td>{sourceLabel(version)}</Td>
                  <Td>
                    <DeploymentBadge status={version.deployment?.status} />
                    {version.metadata.summary ? <p className="text-xs text-slate-600 dark:text-slate-400">{version.metadata.summary}</p> : null}
                  </Td>
                  <Td>
                    <code className="font-mono text-xs">{version.commitId.slice(0, 10)}</code>
                  </Td>
                  <Td>{dateTime.format(new Date(version.metadata.created))}</Td>
                </tr>
              ))}
            </TableBody>
          </Table>
        </PageSection>
        {api.isAsync && !api.isArchived ? (
          <PageSection title="Try a prediction">
            <PredictionForm modelApiId={api.id} />
          </PageSection>
        ) : null}
        {hasExtension(info, 'model-api-access-tokens') && !api.isArchived ? (
          <PageSection title="Access token">
            <AccessToken modelApiId={api.id} hasToken={api.access.accessTokens.length > 0} />
          </PageSection>
        ) : null}
        <PageSection title="Logs">
          <VersionLogs modelApiId={api.id} apiName={api.name} versions={versions} />
        </PageSection>
      </div>
      <NewVersionDialog open={deploying} onClose={() => setDeploying(false)} modelApiId={api.id} projectId={versions[0]?.projectId ?? api.projectId ?? ''} />
      <ConfirmDialog
        {...archive.dialog}
        onConfirm={() => {
          archive.dialog.onConfirm();
        }}
        title={`Archive ${api.name}?`}
        confirmLabel="Archive"
      >
        Its workers stop and predictions still waiting fail. The Model API stays readable, archived; its name becomes free.
      </ConfirmDialog>
      {archive.target === undefined && api.isArchived ? (
        <InlineAlert tone="info" title="Archived">
          This Model API is archived.{' '}
          <button type="button" className="underline" onClick={() => void navigate({ to: '/model-apis' })}>
            Back to the list
          </button>
        </InlineAlert>
      ) : null}
    </div>
  );
}

export const modelApiLazyRoute = createLazyRoute('/model-apis/$modelApiId')({
  component: ModelApiPage,
  pendingComponent: PageSkeleton,
  errorComponent: resourceErrorComponent({
    noun: 'Model API',
    missing: 'There is no Model API with this id, or it belongs to a project you cannot read.',
    back: { label: 'Back to Model APIs', to: '/model-apis' },
  }),
});
