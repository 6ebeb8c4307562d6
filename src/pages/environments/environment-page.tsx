import { useMutation, useQuery, useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { environmentsMutations, environmentsQueries, isBuilding } from '../../api/environments';
import type { EnvironmentRevisionDetails, EnvironmentRevisionV1, EnvironmentV1 } from '../../api/schemas/environments';
import { Badge } from '../../components/badge';
import { Breadcrumb, BreadcrumbLink } from '../../components/breadcrumb';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { InlineAlert } from '../../components/inline-alert';
import { PageHeader } from '../../components/page-header';
import { PageSection } from '../../components/page-section';
import { PageSkeleton, TableSkeleton } from '../../components/skeleton';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { errorMessage } from '../../api/error-details';
import { dateTime } from '../../lib/dates';
import { requireObjectId } from '../bad-link';
import { resourceErrorComponent } from '../resource-error';
import { BuildStatusBadge, visibilityLabel } from './build-status';
import { CreateRevisionDialog } from './create-revision-dialog';
import { RevisionPanel } from './revision-panel';

const routeApi = getRouteApi('/environments/$environmentId');

/** The route's loader, loaded with this page. */
export async function loadEnvironment(queryClient: QueryClient, environmentId: string): Promise<void> {
  requireObjectId(environmentId, 'environment');
  await Promise.all([queryClient.ensureQueryData(environmentsQueries.detail(environmentId)), queryClient.ensureQueryData(embeddedQueries.info())]);
}

const RESTRICT_DENIED = 'Only site administrators may restrict a revision.';

/** What the environment itself says of its revisions, for a Domino without the revisions list. */
function knownRevisions(environment: EnvironmentV1): EnvironmentRevisionV1[] {
  const byId = new Map<string, EnvironmentRevisionV1>();
  for (const revision of [environment.latestRevision, environment.selectedRevision, environment.restrictedRevision]) {
    if (revision) byId.set(revision.id, revision);
  }
  return [...byId.values()].sort((a, b) => b.number - a.number);
}

function RevisionsTable({
  environment,
  revisions,
  selectedId,
  onSelect,
  canRestrict,
}: {
  environment: EnvironmentV1;
  revisions: readonly EnvironmentRevisionDetails[];
  selectedId: string | undefined;
  onSelect: (revisionId: string) => void;
  canRestrict: boolean;
}) {
  const restrict = useMutation(environmentsMutations.restrict(environment.id));
  return (
    <div className="space-y-3">
      {restrict.isError ? <InlineAlert title="The restriction was not changed">{errorMessage(restrict.error)}</InlineAlert> : null}
      <Table caption="Revisions">
        <TableHead>
          <Th>Revision</Th>
          <Th>Build</Th>
          <Th>Created</Th>
          <Th>Summary</Th>
          <Th>Tags</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </TableHead>
        <TableBody>
          {revisions.map((revision) => {
            const selected = revision.id === selectedId;
            return (
              <tr key={revision.id} aria-current={selected || undefined} className={selected ? 'bg-blue-50 dark:bg-slate-800' : undefined}>
                <Td>
                  <span className="font-medium">#{revision.number}</span>
                  {revision.isActive ? (
                    <Badge tone="green" className="ml-2">
                      Active
                    </Badge>
                  ) : null}
                  {revision.isRestricted ? (
                    <Badge tone="amber" className="ml-2">
                      Restricted
                    </Badge>
                  ) : null}
                </Td>
                <Td>
                  <BuildStatusBadge status={revision.status} />
                </Td>
                <Td>
                  {dateTime.format(new Date(revision.createdAt))}
                  <span className="block text-xs text-slate-600 dark:text-slate-400">by {revision.createdBy.userName}</span>
                </Td>
                <Td className="max-w-64">{revision.summary ?? '—'}</Td>
                <Td>{revision.tags.length ? revision.tags.join(', ') : '—'}</Td>
                <Td className="text-right whitespace-nowrap">
                  <div className="flex justify-end gap-2">
                    <Button
                      size="sm"
                      onClick={() => onSelect(revision.id)}
                      aria-pressed={selected}
                      aria-label={`Build log and jobs of revision #${revision.number}`}
                    >
                      Log and jobs
                    </Button>
                    <Button
                      size="sm"
                      disabled={!canRestrict || restrict.isPending}
                      title={canRestrict ? undefined : RESTRICT_DENIED}
                      aria-label={`${revision.isRestricted ? 'Lift the restriction of' : 'Restrict'} revision #${revision.number}`}
                      onClick={() => restrict.mutate({ environmentId: environment.id, revisionId: revision.id, isRestricted: !revision.isRestricted })}
                    >
                      {revision.isRestricted ? 'Unrestrict' : 'Restrict'}
                    </Button>
                  </div>
                </Td>
              </tr>
            );
          })}
        </TableBody>
      </Table>
      {canRestrict ? null : <p className="text-xs text-slate-600 dark:text-slate-400">{RESTRICT_DENIED}</p>}
    </div>
  );
}

/** For a Domino without the revisions list: the revisions the environment names, without actions beyond what the spec has. */
function KnownRevisionsTable({ environment }: { environment: EnvironmentV1 }) {
  const revisions = knownRevisions(environment);
  if (revisions.length === 0) return <p className="text-sm text-slate-700 dark:text-slate-300">This environment has no revision yet.</p>;
  return (
    <Table caption="Revisions">
      <TableHead>
        <Th>Revision</Th>
        <Th>Build</Th>
        <Th>Role</Th>
      </TableHead>
      <TableBody>
        {revisions.map((revision) => (
          <tr key={revision.id}>
            <Td className="font-medium">#{revision.number}</Td>
            <Td>
              <BuildStatusBadge status={revision.status} />
            </Td>
            <Td>
              {[
                revision.id === environment.selectedRevision?.id ? 'Active' : undefined,
                revision.id === environment.latestRevision?.id ? 'Latest' : undefined,
                revision.id === environment.restrictedRevision?.id ? 'Restricted' : undefined,
              ]
                .filter(Boolean)
                .join(', ')}
            </Td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}

export function EnvironmentPage() {
  const { environmentId } = routeApi.useParams();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { data: environment } = useSuspenseQuery(environmentsQueries.detail(environmentId));
  const { data: info } = useSuspenseQuery(embeddedQueries.info());
  const listsRevisions = hasExtension(info, 'environment-revisions');
  const revisions = useQuery({ ...environmentsQueries.revisions(environmentId), enabled: listsRevisions });
  useDocumentTitle(environment.name);
  const [creatingRevision, setCreatingRevision] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const archive = useMutation(environmentsMutations.archive(environmentId));
  // Against a real Domino the server decides; the embedded one says whether the caller is an administrator.
  const canRestrict = !info.embedded || info.callerIsAdmin;

  const selected = revisions.data?.find((revision) => revision.id === search.revision) ?? revisions.data?.[0];
  const active = revisions.data?.find((revision) => revision.isActive);
  const select = (revisionId: string) => void navigate({ search: { revision: revisionId }, replace: true, resetScroll: false });
  const building = isBuilding(environment.latestRevision?.status);

  return (
    <div>
      <Breadcrumb current={environment.name}>
        <BreadcrumbLink to="/environments">Environments</BreadcrumbLink>
      </Breadcrumb>
      <PageHeader
        title={environment.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge>{visibilityLabel(environment.visibility)}</Badge>
            {environment.isCurated ? <Badge tone="violet">Curated</Badge> : null}
            {environment.archived ? <Badge tone="amber">Archived</Badge> : null}
            {environment.owner ? <span>Owned by {environment.owner.username}</span> : null}
          </span>
        }
        actions={
          <div className="flex gap-2">
            <Button
              variant="primary"
              onClick={() => setCreatingRevision(true)}
              disabled={environment.archived}
              title={environment.archived ? 'An archived environment takes no new revisions.' : undefined}
            >
              New revision
            </Button>
            <Button
              variant="danger"
              onClick={() => setArchiving(true)}
              disabled={environment.archived}
              title={environment.archived ? 'Already archived.' : undefined}
            >
              Archive
            </Button>
          </div>
        }
      />
      <div className="space-y-8">
        <dl className="grid gap-4 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-600 dark:text-slate-400">Active revision</dt>
            <dd className="font-medium">{environment.selectedRevision ? `#${environment.selectedRevision.number}` : 'None has built yet'}</dd>
          </div>
          <div>
            <dt className="text-slate-600 dark:text-slate-400">Latest revision</dt>
            <dd className="flex items-center gap-2 font-medium" aria-live="polite">
              {environment.latestRevision ? (
                <>
                  #{environment.latestRevision.number} <BuildStatusBadge status={environment.latestRevision.status} />
                </>
              ) : (
                '—'
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600 dark:text-slate-400">Restricted revision</dt>
            <dd className="font-medium">{environment.restrictedRevision ? `#${environment.restrictedRevision.number}` : 'None'}</dd>
          </div>
          <div>
            <dt className="text-slate-600 dark:text-slate-400">Clusters</dt>
            <dd className="font-medium">{environment.supportedClusters.length ? environment.supportedClusters.join(', ') : 'None'}</dd>
          </div>
        </dl>
        {building ? (
          <InlineAlert tone="info">
            Revision #{environment.latestRevision?.number} is building ({environment.latestRevision?.status}); this page follows it.
          </InlineAlert>
        ) : null}
        <PageSection title="Revisions">
          {!listsRevisions ? (
            <KnownRevisionsTable environment={environment} />
          ) : revisions.isPending ? (
            <TableSkeleton rows={3} columns={6} label="Loading revisions…" />
          ) : revisions.isError ? (
            <InlineAlert title="The revisions could not be loaded">{errorMessage(revisions.error)}</InlineAlert>
          ) : (
            <RevisionsTable environment={environment} revisions={revisions.data} selectedId={selected?.id} onSelect={select} canRestrict={canRestrict} />
          )}
        </PageSection>
        {selected ? <RevisionPanel environmentId={environmentId} environmentName={environment.name} revision={selected} /> : null}
      </div>
      {creatingRevision ? (
        <CreateRevisionDialog environmentId={environmentId} from={active ?? selected} open onClose={() => setCreatingRevision(false)} onCreated={select} />
      ) : null}
      <ConfirmDialog
        open={archiving}
        title={`Archive ${environment.name}?`}
        confirmLabel="Archive environment"
        onConfirm={() => archive.mutate(environmentId, { onSuccess: () => setArchiving(false) })}
        onCancel={() => {
          setArchiving(false);
          archive.reset();
        }}
        pending={archive.isPending}
        error={archive.error}
      >
        It leaves the list and no new job can use it; a build still running is stopped. Jobs that already ran on it keep their record.
      </ConfirmDialog>
    </div>
  );
}

export const environmentLazyRoute = createLazyRoute('/environments/$environmentId')({
  component: EnvironmentPage,
  pendingComponent: PageSkeleton,
  errorComponent: resourceErrorComponent({
    noun: 'environment',
    missing: 'There is no environment with this id, or it is private to someone else or to an organization you are not a member of.',
    back: { label: 'Back to environments', to: '/environments' },
  }),
});
