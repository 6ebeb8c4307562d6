import { useMutation, useQuery, useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { errorMessage } from '../../api/error-details';
import { modelsMutations, modelsQueries, validateStageMove } from '../../api/models';
import type { RegisteredModelVersionDetailsV1 } from '../../api/schemas/models';
import { Breadcrumb, BreadcrumbLink } from '../../components/breadcrumb';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { CopyButton } from '../../components/copy-button';
import { SelectField } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { PageHeader } from '../../components/page-header';
import { PageSection } from '../../components/page-section';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { Tabs } from '../../components/tabs';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { dateTime } from '../../lib/dates';
import { toastStore } from '../../lib/toast-store';
import { BadLinkError } from '../bad-link';
import { resourceErrorComponent } from '../resource-error';
import { ActivityTimeline } from './activity-timeline';
import { formatMetric, linkClasses, ReviewStatusBadge, StageBadge } from './model-format';
import { ModelApisList } from './model-apis-list';
import type { VersionTab } from './models-routes';
import { ReviewPanel } from './review-panel';

const routeApi = getRouteApi('/models/$modelName/versions/$version');

function versionNumber(raw: string): number {
  const number = Number(raw);
  if (!Number.isInteger(number) || number < 1) throw new BadLinkError('version', raw);
  return number;
}

/** The route's loader, loaded with this page. */
export async function loadVersion(queryClient: QueryClient, modelName: string, version: string): Promise<void> {
  const number = versionNumber(version);
  await Promise.all([
    queryClient.ensureQueryData(modelsQueries.detail(modelName)),
    queryClient.ensureQueryData(modelsQueries.version(modelName, number)),
    queryClient.ensureQueryData(embeddedQueries.info()),
  ]);
}

/** A direct move, for those who may (project owners and admins): the server's validation says whether this caller may, before the confirmation. */
function MoveStage({ version }: { version: RegisteredModelVersionDetailsV1 }) {
  const stages = useQuery(modelsQueries.projectStages(version.project.id));
  const [stage, setStage] = useState('');
  const [refusal, setRefusal] = useState<string | undefined>();
  const [asked, setAsked] = useState(false);
  const move = useMutation(modelsMutations.moveStage(version.modelName));
  const options = (stages.data ?? []).filter((label) => label.toLowerCase() !== version.currentStage.toLowerCase());
  const chosen = stage || options[0] || '';
  const [checking, setChecking] = useState(false);

  async function onMove() {
    if (!chosen || checking) return;
    setChecking(true);
    try {
      await validateStageMove({ modelName: version.modelName, version: version.modelVersion, stage: chosen });
      setRefusal(undefined);
      move.reset();
      setAsked(true);
    } catch (error) {
      setRefusal(errorMessage(error));
    } finally {
      setChecking(false);
    }
  }

  if (stages.isPending || options.length === 0) return null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <SelectField
          label="Move directly to"
          value={chosen}
          onChange={(event) => {
            setStage(event.target.value);
            setRefusal(undefined);
          }}
        >
          {options.map((label) => (
            <option key={label} value={label}>
              {label}
            </option>
          ))}
        </SelectField>
        <Button onClick={() => void onMove()} aria-disabled={checking || undefined}>
          {checking ? 'Checking…' : 'Move'}
        </Button>
      </div>
      {refusal ? <InlineAlert tone="info">{refusal}</InlineAlert> : null}
      <ConfirmDialog
        open={asked}
        title={`Move to ${chosen}?`}
        confirmLabel="Move"
        tone="primary"
        pending={move.isPending}
        error={move.error}
        onCancel={() => setAsked(false)}
        onConfirm={() =>
          move.mutate(
            { modelName: version.modelName, version: version.modelVersion, stage: chosen },
            {
              onSuccess: () => {
                toastStore.push({ tone: 'success', title: `Version ${version.modelVersion} is in ${chosen}` });
                setAsked(false);
              },
            },
          )
        }
      >
        Version {version.modelVersion} moves from {version.currentStage} to {chosen} without a review.
        {['staging', 'production'].includes(chosen.toLowerCase()) ? ` The version in ${chosen} now, if any, moves to Archived.` : ''}
      </ConfirmDialog>
    </div>
  );
}

function KeyValueTable({ caption, rows, empty }: { caption: string; rows: { key: string; value: string }[]; empty: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-700 dark:text-slate-300">{empty}</p>;
  return (
    <Table caption={caption}>
      <TableHead>
        <Th>Name</Th>
        <Th>Value</Th>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <tr key={row.key}>
            <Td className="font-mono text-xs">{row.key}</Td>
            <Td className="font-mono text-xs break-all">{row.value}</Td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}

function Overview({ version, withActivity }: { version: RegisteredModelVersionDetailsV1; withActivity: boolean }) {
  const activity = useQuery({ ...modelsQueries.activity(version.modelName, version.modelVersion), enabled: withActivity });
  const run = version.versionUiDetails.experimentRunInfo;
  const jobId = /^\/jobs\/([0-9a-f]{24})$/.exec(run.runUrl)?.[1];
  return (
    <div className="space-y-6">
      <PageSection title="Details">
        <dl className="grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="font-medium text-slate-600 dark:text-slate-400">Description</dt>
          <dd className="whitespace-pre-wrap text-slate-900 dark:text-slate-100">{version.modelVersionDescription || 'None.'}</dd>
          <dt className="font-medium text-slate-600 dark:text-slate-400">Stage</dt>
          <dd>
            <StageBadge stage={version.currentStage} />
          </dd>
          <dt className="font-medium text-slate-600 dark:text-slate-400">Experiment run</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-xs break-all">{version.experimentRunId}</code>
            <CopyButton text={version.experimentRunId} what="run id" />
            {jobId ? (
              <Link to="/jobs/$jobId" params={{ jobId }} className={linkClasses}>
                The job that recorded it
              </Link>
            ) : null}
          </dd>
          {withActivity ? (
            <>
              <dt className="font-medium text-slate-600 dark:text-slate-400">Artifact</dt>
              <dd>
                {activity.data?.artifact !== undefined ? (
                  <code className="font-mono text-xs">{activity.data.artifact}</code>
                ) : activity.isError ? (
                  'Not available'
                ) : (
                  <span className="skeleton inline-block h-4 w-24" aria-label="Loading" />
                )}
              </dd>
            </>
          ) : null}
          <dt className="font-medium text-slate-600 dark:text-slate-400">Registered</dt>
          <dd className="text-slate-900 dark:text-slate-100">{dateTime.format(new Date(version.createdAt))}</dd>
        </dl>
      </PageSection>
      <PageSection title="Stage">
        <MoveStage version={version} />
      </PageSection>
      <PageSection title="Run parameters">
        <KeyValueTable caption="Run parameters" rows={run.params} empty="The run logged no parameters." />
      </PageSection>
      <PageSection title="Run metrics">
        <KeyValueTable
          caption="Run metrics"
          rows={run.metrics.map((metric) => ({ key: metric.key, value: formatMetric(metric.value) }))}
          empty="The run logged no metrics."
        />
      </PageSection>
      <PageSection title="Model APIs">
        <ModelApisList modelName={version.modelName} version={version.modelVersion} empty="No Model API serves this version." />
      </PageSection>
    </div>
  );
}

export function VersionPage() {
  const { modelName, version: rawVersion } = routeApi.useParams();
  const number = versionNumber(rawVersion);
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { data: model } = useSuspenseQuery(modelsQueries.detail(modelName));
  const { data: version } = useSuspenseQuery(modelsQueries.version(modelName, number));
  const { data: info } = useSuspenseQuery(embeddedQueries.info());
  useDocumentTitle(`${model.name} v${number}`);
  const withActivity = hasExtension(info, 'model-stage-history');
  const tabs: { value: VersionTab; label: string }[] = [
    { value: 'overview', label: 'Overview' },
    { value: 'review', label: 'Review' },
    ...(withActivity ? [{ value: 'activity' as const, label: 'Activity' }] : []),
  ];
  const tab = search.tab === 'activity' && !withActivity ? 'overview' : search.tab;
  const review = version.reviewSummary;

  let panel;
  if (tab === 'overview') panel = <Overview version={version} withActivity={withActivity} />;
  else if (tab === 'review')
    panel = (
      <ReviewPanel
        model={model}
        version={version}
        differencesOnly={search.diff === true}
        onDifferencesOnly={(diff) => void navigate({ search: (previous) => ({ ...previous, diff: diff || undefined }), replace: true })}
      />
    );
  else panel = <ActivityTimeline modelName={model.name} version={number} />;

  return (
    <div className="space-y-4">
      <div>
        <Breadcrumb current={`Version ${number}`}>
          <BreadcrumbLink to="/models">Models</BreadcrumbLink>
          <BreadcrumbLink to="/models/$modelName" params={{ modelName: model.name }}>
            {model.name}
          </BreadcrumbLink>
        </Breadcrumb>
        <PageHeader
          title={`${model.name} v${number}`}
          description={
            <span className="flex flex-wrap items-center gap-2">
              <span>Stage</span>
              <StageBadge stage={version.currentStage} />
              {review && review.status.toLowerCase() === 'open' ? (
                <>
                  <ReviewStatusBadge status={review.status} />
                  <span>to {review.targetStage}</span>
                </>
              ) : null}
            </span>
          }
        />
      </div>
      <Tabs label="Version sections" items={tabs} selected={tab} onSelect={(next) => void navigate({ search: (previous) => ({ ...previous, tab: next }) })}>
        {panel}
      </Tabs>
    </div>
  );
}

const VersionError = resourceErrorComponent({
  noun: 'model version',
  missing: 'There is no such version of this model, or the model belongs to a project you cannot read. Check the link, or find the model in the list.',
  back: { label: 'Back to models', to: '/models' },
});

export const versionLazyRoute = createLazyRoute('/models/$modelName/versions/$version')({ component: VersionPage, errorComponent: VersionError });
