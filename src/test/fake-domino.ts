// The one fake Domino of the page tests: answers the API the pages call from a small world of wire
// fixtures, every body typed against the contract (z.input of its envelope schema). A test changes
// the world, answers some requests itself (`answer`, asked first), or holds answers back (`hold`)
// to look at the screen before a refetch can land. Anything it does not know is a 500 that names
// the request, so a page calling something new fails loudly.
import type { z } from 'zod';
import type * as billingTags from '../api/schemas/billing-tags';
import type * as common from '../api/schemas/common';
import type * as consoleSchemas from '../api/schemas/console';
import type * as datasets from '../api/schemas/datasets';
import type * as environments from '../api/schemas/environments';
import type * as monitoring from '../api/schemas/monitoring';
import type * as hardwareTiers from '../api/schemas/hardware-tiers';
import type * as jobs from '../api/schemas/jobs';
import type * as modelApis from '../api/schemas/model-apis';
import type * as asyncPredictions from '../api/schemas/async-predictions';
import type * as organizations from '../api/schemas/organizations';
import type * as projectFiles from '../api/schemas/project-files';
import type * as projects from '../api/schemas/projects';
import type * as users from '../api/schemas/users';
import { json, metadata, mockFetch, type RecordedCall } from './fetch-mock';
import { defaultCost, serveCost, type FakeCost } from './fake-cost';
import { defaultRegistry, serveRegistry, type FakeRegistry } from './fake-registry';
import {
  accuracyAlert,
  accuracyValues,
  admin,
  monitoredModel,
  privateEnvironment,
  sparkEnvironment,
  sparkRevisions,
  standardEnvironment,
  standardRevisionJob,
  standardRevisions,
  type EnvironmentWire,
  type MetricAlertWire,
  type MetricValueWire,
  type MonitoredModelWire,
  type RevisionDetailsWire,
  type RevisionJobWire,
  baselineTag,
  churn,
  churnFeatures,
  churnFeaturesSnapshot,
  ownerStats,
  churnGoal,
  churnScoring,
  churnScoringVersion,
  churnStatus,
  creditRisk,
  detailsOf,
  embeddedInfo,
  finishedJob,
  forecasting,
  oldPipeline,
  maya,
  objectId,
  omar,
  riskAnalytics,
  runningJob,
  smallTier,
  type DatasetStatsWire,
  type DatasetWire,
  type EmbeddedInfoWire,
  type GrantDetailsWire,
  type SnapshotWire,
  type GitCredentialWire,
  type HardwareTierWire,
  type JobDetailsWire,
  type JobWire,
  type ModelApiVersionWire,
  type ModelApiWire,
  type OrganizationWire,
  type ProjectGoalWire,
  type ProjectStatusWire,
  type ProjectWire,
  type UserWire,
  type BillingTagSettingsWire,
  type BillingTagWire,
  legacyTag,
  marketingTag,
  researchTag,
} from './wire-fixtures';

/** What the fake Domino holds. Records are keyed by project or user id. */
export interface FakeWorld {
  self: UserWire;
  users: readonly UserWire[];
  info: EmbeddedInfoWire;
  projects: readonly ProjectWire[];
  /** Archived projects (embedded 'archived-projects'), latest archived first; restoring moves one to `projects`. */
  archivedProjects: readonly z.input<typeof projectFiles.ArchivedProjectSchema>[];
  projectStatus: Readonly<Record<string, ProjectStatusWire>>;
  goals: Readonly<Record<string, readonly ProjectGoalWire[]>>;
  organizations: readonly OrganizationWire[];
  gitCredentials: Readonly<Record<string, readonly GitCredentialWire[]>>;
  hardwareTiers: readonly HardwareTierWire[];
  jobs: readonly JobDetailsWire[];
  datasets: readonly DatasetWire[];
  datasetStats: Readonly<Record<string, DatasetStatsWire>>;
  snapshots: readonly SnapshotWire[];
  grants: Readonly<Record<string, readonly GrantDetailsWire[]>>;
  /** A project's files on main (embedded 'project-files'), by project id, then path: their text. */
  projectFiles: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Live files by dataset id, then directory path ('' for the top). */
  datasetFiles: Readonly<Record<string, Readonly<Record<string, readonly z.input<typeof datasets.DatasetFileEntrySchema>[]>>>>;
  environments: readonly EnvironmentWire[];
  /** By environment id, newest first. */
  revisions: Readonly<Record<string, readonly RevisionDetailsWire[]>>;
  /** Build log lines by revision id: all of them come in one complete page. */
  buildLogs: Readonly<Record<string, readonly z.input<typeof jobs.LogContentV1Schema>[]>>;
  revisionJobs: Readonly<Record<string, readonly RevisionJobWire[]>>;
  monitoredModels: readonly MonitoredModelWire[];
  /** By `${modelMonitoringId}/${metric}`, sorted by time. */
  metricValues: Readonly<Record<string, readonly MetricValueWire[]>>;
  alerts: readonly MetricAlertWire[];
  modelApis: readonly ModelApiWire[];
  modelApiVersions: Readonly<Record<string, readonly ModelApiVersionWire[]>>;
  /**
   * Predictions sent (by id): each answers Processing when first read, then Succeeded with
   * `{"echo": parameters}` — or Failed with the model's error when the parameters hold `"fail"`.
   */
  predictions: Record<string, { parameters: Record<string, unknown>; reads: number }>;
  /** The model registry (fake-registry.ts); it changes as the pages respond to reviews. */
  registry: FakeRegistry;
  /** Billing tags, active and inactive, and their settings; adding, deactivating and retagging change them. */
  billingTags: readonly BillingTagWire[];
  billingTagSettings: BillingTagSettingsWire;
  /** Daily usage the cost API answers from (fake-cost.ts), and in which shape. */
  cost: FakeCost;
}

export function defaultWorld(): FakeWorld {
  return {
    self: admin,
    users: [admin, maya, omar],
    info: embeddedInfo,
    projects: [churn, creditRisk, forecasting],
    archivedProjects: [{ project: oldPipeline, archivedAt: '2026-11-20T10:00:00Z' }],
    projectStatus: { [churn.id]: churnStatus },
    goals: { [churn.id]: [churnGoal] },
    organizations: [riskAnalytics],
    gitCredentials: {},
    hardwareTiers: [smallTier],
    jobs: [detailsOf(runningJob), detailsOf(finishedJob, { tags: [baselineTag] })],
    datasets: [churnFeatures],
    datasetStats: { [churnFeatures.id]: ownerStats },
    snapshots: [churnFeaturesSnapshot],
    grants: { [churnFeatures.id]: [{ targetId: admin.id, targetName: admin.userName, targetRole: 'DatasetRwOwner', isOrganization: false }] },
    registry: defaultRegistry(),
    cost: defaultCost(),
    projectFiles: {},
    datasetFiles: {
      [churnFeatures.id]: {
        '': [
          { name: 'features', path: 'features', type: 'dir', size: null },
          { name: 'README.txt', path: 'README.txt', type: 'file', size: 1024 },
        ],
        features: [{ name: '2026-10.csv', path: 'features/2026-10.csv', type: 'file', size: 1024 }],
      },
    },
    environments: [standardEnvironment, sparkEnvironment, privateEnvironment],
    revisions: { [standardEnvironment.id]: standardRevisions, [sparkEnvironment.id]: sparkRevisions, [privateEnvironment.id]: [] },
    buildLogs: {
      [sparkRevisions[0]!.id]: [
        { logType: 'stdOut', timestamp: '2026-11-21T09:00:01Z', log: 'Checking the Spark connector licence', size: 36 },
        { logType: 'stdErr', timestamp: '2026-11-21T09:00:02Z', log: 'spark-connector.lic not found in /opt/licenses', size: 46 },
      ],
    },
    revisionJobs: { [standardRevisions[0]!.id]: [standardRevisionJob] },
    monitoredModels: [monitoredModel],
    metricValues: { [`${monitoredModel.modelMonitoringId}/accuracy`]: accuracyValues },
    alerts: [accuracyAlert],
    modelApis: [churnScoring],
    modelApiVersions: { [churnScoring.id]: [churnScoringVersion] },
    predictions: {},
    billingTags: [researchTag, marketingTag, legacyTag],
    billingTagSettings: { mode: 'optional', notifications: false },
  };
}

export interface FakeRequest {
  method: string;
  /** The path without its query, e.g. /api/users/v1/users. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  call: RecordedCall;
}

/** A test's own answer to a request, or undefined to let the fake answer it. */
export type Answer = (request: FakeRequest) => Response | undefined;

/** A Domino error envelope, as every failing endpoint sends it. */
export function failure(status: number, message: string, requestId = `req-${status}`): Response {
  return json({ requestId, errors: [message] } satisfies z.input<typeof common.FailureEnvelopeV1Schema>, { status });
}

/** Answers to matching requests, kept back until released. */
export interface Hold {
  /** How many requests are waiting. */
  readonly waiting: number;
  /** Lets the waiting requests (and any later ones) through. */
  release(): void;
}

function paging(query: URLSearchParams, total: number) {
  const offset = Number(query.get('offset') ?? 0);
  const limit = Number(query.get('limit') ?? 10);
  return { offset, limit, metadata: { ...metadata, offset, limit, totalCount: total } };
}

function page<T>(items: readonly T[], query: URLSearchParams) {
  const { offset, limit, metadata: pageMetadata } = paging(query, items.length);
  return { items: items.slice(offset, offset + limit), metadata: pageMetadata };
}

/** A job as the list sends it: without the detail-only fields (the table then asks for tags itself). */
function listed(job: JobDetailsWire): JobWire {
  const { tags: _tags, commentsCount: _comments, goalIds: _goals, queuedJobStatusDetails: _queue, ...rest } = job;
  return rest;
}

/** The commit every fake project's files are at. */
export const FAKE_COMMIT_ID = 'c0ffee'.padEnd(40, '0');

/** One folder of a project's files: its files and the folders that lead to deeper ones. */
function serveTree(files: Readonly<Record<string, string>>, dir: string): Response {
  const prefix = dir === '' ? '' : `${dir}/`;
  const entries = new Map<string, z.input<typeof projectFiles.TreeEntrySchema>>();
  for (const [filePath, text] of Object.entries(files)) {
    if (!filePath.startsWith(prefix)) continue;
    const [name, ...rest] = filePath.slice(prefix.length).split('/');
    entries.set(
      name!,
      rest.length === 0 ? { name: name!, path: filePath, type: 'file', size: text.length } : { name: name!, path: `${prefix}${name}`, type: 'dir', size: null },
    );
  }
  return json({ commitId: FAKE_COMMIT_ID, path: dir, entries: [...entries.values()], metadata } satisfies z.input<
    typeof projectFiles.DirectoryListingEnvelopeSchema
  >);
}

function serve(world: FakeWorld, { method, path, query, body }: FakeRequest): Response {
  const segments = path.split('/').filter(Boolean);
  const id = segments.at(-1) ?? '';
  const get = method === 'GET';

  if (get && path === '/api/users/v1/self') return json({ user: world.self, metadata } satisfies z.input<typeof users.UserEnvelopeV1Schema>);
  if (get && path === '/api/users/v1/users') {
    const { items, metadata: pageMetadata } = page(world.users, query);
    return json({ users: items, metadata: pageMetadata } satisfies z.input<typeof users.PaginatedUserEnvelopeV1Schema>);
  }
  if (get && path.startsWith('/api/users/beta/credentials/')) {
    return json({ credentials: [...(world.gitCredentials[id] ?? [])], metadata } satisfies z.input<
      typeof users.PaginatedGitCredentialsAccessorEnvelopeV1Schema
    >);
  }
  if (get && path === '/api/embedded/v1/info') return json(world.info);
  // The console's proxy, in single-user mode: the configured key (the world's self) acts.
  if (get && path === '/console/api/session') {
    return json({
      mode: 'single-user',
      signedIn: false,
      user: { id: world.self.id, userName: world.self.userName, fullName: `${world.self.firstName} ${world.self.lastName}` },
      identity: 'configured',
      canSwitchUser: false,
      signInLinks: false,
      warnings: [],
    } satisfies z.input<typeof consoleSchemas.ConsoleSessionSchema>);
  }

  if (get && path === '/api/projects/beta/projects') {
    const { items, metadata: pageMetadata } = page(world.projects, query);
    return json({ projects: items, metadata: pageMetadata } satisfies z.input<typeof projects.PaginatedProjectsEnvelopeV1Schema>);
  }
  const projectId = segments[4] ?? '';
  if (get && path === '/api/embedded/v1/archived-projects') {
    const { items, metadata: pageMetadata } = page(world.archivedProjects, query);
    return json({ archivedProjects: items, metadata: pageMetadata } satisfies z.input<typeof projectFiles.ArchivedProjectsEnvelopeSchema>);
  }
  // Editing and restoring change the world, so the refetches that follow see the change.
  const mutable = world as { projects: FakeWorld['projects']; archivedProjects: FakeWorld['archivedProjects'] };
  if (method === 'PATCH' && path === `/api/embedded/v1/projects/${projectId}`) {
    const project = world.projects.find((candidate) => candidate.id === projectId);
    if (!project) return failure(404, `Project ${projectId} not found`);
    const changed = { ...project, ...(body as Partial<ProjectWire>) };
    mutable.projects = world.projects.map((candidate) => (candidate.id === projectId ? changed : candidate));
    return json({ project: changed, metadata } satisfies z.input<typeof projects.ProjectEnvelopeV1Schema>);
  }
  if (method === 'POST' && path === `/api/embedded/v1/projects/${projectId}/unarchive`) {
    const entry = world.archivedProjects.find((candidate) => candidate.project.id === projectId);
    if (!entry) return failure(400, `Project ${projectId} is not archived`);
    mutable.archivedProjects = world.archivedProjects.filter((candidate) => candidate !== entry);
    mutable.projects = [...world.projects, entry.project];
    return json({ project: entry.project, metadata } satisfies z.input<typeof projects.ProjectEnvelopeV1Schema>);
  }
  if (get && path.startsWith('/api/projects/v1/projects/') && path.endsWith('/goals')) {
    return json({ goals: [...(world.goals[projectId] ?? [])], metadata } satisfies z.input<typeof projects.ProjectGoalsEnvelopeV1Schema>);
  }
  if (get && path.startsWith('/api/projects/v1/projects/') && segments.length === 5) {
    const project = world.projects.find((candidate) => candidate.id === projectId);
    return project ? json({ project, metadata } satisfies z.input<typeof projects.ProjectEnvelopeV1Schema>) : failure(404, 'Project not found');
  }
  if (get && path.startsWith('/api/embedded/v1/projects/') && path.endsWith('/status')) {
    const status = world.projectStatus[projectId];
    return status
      ? json({ ...status, metadata } satisfies z.input<typeof projectFiles.ProjectStatusEmbeddedEnvelopeSchema>)
      : failure(404, 'Project not found');
  }
  if (get && path.startsWith(`/api/embedded/v1/projects/${projectId}/tree/`)) return serveTree(world.projectFiles[projectId] ?? {}, query.get('path') ?? '');
  if (get && path === `/api/embedded/v1/projects/${projectId}/commits`) {
    return json({ commits: [], hasMore: false, metadata } satisfies z.input<typeof projectFiles.CommitLogEnvelopeSchema>);
  }
  if (get && path.startsWith(`/api/projects/beta/projects/${projectId}/files/`) && path.endsWith('/content')) {
    // …/files/{commitId}/{path+}/content
    const filePath = segments.slice(7, -1).map(decodeURIComponent).join('/');
    const text = world.projectFiles[projectId]?.[filePath];
    return text === undefined
      ? failure(404, `No file ${filePath}`)
      : new Response(new TextEncoder().encode(text), { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  if (get && path.startsWith('/api/embedded/v1/projects/') && path.endsWith('/workspaces')) {
    return json({ workspaces: [], metadata: paging(query, 0).metadata } satisfies z.input<typeof projectFiles.WorkspacesEnvelopeSchema>);
  }

  if (get && (path === '/api/organizations/v1/organizations/all' || path === '/api/organizations/v1/organizations')) {
    const visible = path.endsWith('/all')
      ? world.organizations
      : world.organizations.filter((org) => org.members.some((member) => member.userId === world.self.id));
    const { items, metadata: pageMetadata } = page(visible, query);
    return json({ orgs: items, metadata: pageMetadata } satisfies z.input<typeof organizations.PaginatedOrganizationEnvelopeV1Schema>);
  }
  if (get && path.startsWith('/api/organizations/v1/organizations/')) {
    const org = world.organizations.find((candidate) => candidate.id === id);
    return org ? json({ org, metadata } satisfies z.input<typeof organizations.OrganizationEnvelopeV1Schema>) : failure(404, 'Organization not found');
  }

  if (get && path === '/api/hardwaretiers/v1/hardwaretiers') {
    const { items, metadata: pageMetadata } = page(world.hardwareTiers, query);
    return json({ hardwareTiers: items, metadata: pageMetadata } satisfies z.input<typeof hardwareTiers.PaginatedHardwareTierEnvelopeV1Schema>);
  }
  if (get && path.startsWith('/api/hardwaretiers/v1/hardwaretiers/')) {
    const tier = world.hardwareTiers.find((candidate) => candidate.id === id);
    return tier
      ? json({ hardwareTier: tier, metadata } satisfies z.input<typeof hardwareTiers.HardwareTierEnvelopeV1Schema>)
      : failure(404, 'Hardware tier not found');
  }

  const jobId = segments[4] ?? '';
  const job = world.jobs.find((candidate) => candidate.id === jobId);
  if (get && path === '/api/embedded/v1/jobs') {
    // The extension's rules in short: the world's projects are all readable; mine unless startedBy=anyone; newest first.
    const statusFilter = query.get('statusFilter');
    const states = statusFilter === 'active' ? ['Queued', 'Pending', 'Preparing', 'Running', 'Finishing'] : undefined;
    const outcome = query.get('executionStatus');
    const chosen = world.jobs
      .filter((candidate) => query.get('startedBy') === 'anyone' || candidate.startedById === world.self.id)
      .filter((candidate) => !states || states.includes(String(candidate.status.executionStatus)))
      .filter((candidate) => statusFilter !== 'completed' || candidate.status.isCompleted)
      .filter((candidate) => !outcome || candidate.status.executionStatus === outcome)
      .sort((a, b) => (a.stageTimes.submissionTime < b.stageTimes.submissionTime ? 1 : -1))
      .map(listed);
    const { items, metadata: pageMetadata } = page(chosen, query);
    const named = world.projects
      .filter((project) => items.some((item) => item.projectId === project.id))
      .map((project) => ({ id: project.id, name: project.name, ownerUsername: project.ownerUsername }));
    return json({ jobs: items, projects: named, metadata: pageMetadata } satisfies z.input<typeof jobs.CrossProjectJobsEnvelopeSchema>);
  }
  if (get && path === '/api/jobs/beta/jobs') {
    // statusFilter=active is what the jobs across projects ask a Domino without the extension.
    const active = query.get('statusFilter') === 'active';
    const { items, metadata: pageMetadata } = page(
      world.jobs
        .filter((candidate) => candidate.projectId === query.get('projectId') && (!active || !candidate.status.isCompleted))
        // By number, as Domino sorts by default; other orders are the world's.
        .sort((a, b) => ((query.get('sortBy') ?? 'number') === 'number' ? (query.get('ascending') === 'true' ? a.number - b.number : b.number - a.number) : 0))
        .map(listed),
      query,
    );
    return json({ jobs: items, metadata: pageMetadata } satisfies z.input<typeof jobs.PaginatedJobEnvelopeV1Schema>);
  }
  if (get && path.startsWith('/api/jobs/beta/jobs/') && path.endsWith('/logs')) {
    return json({ logs: { logContent: [], isComplete: true }, metadata: { ...metadata, pagination: { limit: 1 } } } satisfies z.input<
      typeof jobs.LogsEnvelopeV1Schema
    >);
  }
  if (get && path.startsWith('/api/jobs/beta/jobs/'))
    return job ? json({ job, metadata } satisfies z.input<typeof jobs.JobEnvelopeV1Schema>) : failure(404, `Job ${jobId} not found`);
  if (method === 'POST' && path.startsWith('/api/embedded/v1/jobs/') && path.endsWith('/stop') && job) {
    const stopped = { ...job, status: { ...job.status, executionStatus: 'Stopped', isCompleted: true } };
    return json({ job: stopped, metadata } satisfies z.input<typeof jobs.JobEnvelopeV1Schema>);
  }
  if (method === 'DELETE' && path.startsWith('/api/jobs/v1/jobs/') && segments[5] === 'tags')
    return json({ success: true, metadata } satisfies z.input<typeof common.DeleteEnvelopeV1Schema>);
  if (method === 'POST' && path.startsWith('/api/jobs/v1/jobs/') && path.endsWith('/tags')) {
    const { tagName } = body as { tagName: string };
    return json({ tag: { ...baselineTag, id: objectId('e'), name: tagName }, metadata } satisfies z.input<typeof jobs.TagEnvelopeV1Schema>);
  }
  if (get && path === '/api/jobs/v1/goals') return json({ goals: [], metadata } satisfies z.input<typeof jobs.PaginatedGoalEnvelopeV1Schema>);
  if (method === 'POST' && path === '/api/jobs/v1/goals') {
    const { goalId, projectId: goalProjectId } = body as { goalId: string; projectId: string };
    const goal = (world.goals[goalProjectId] ?? []).find((candidate) => candidate.id === goalId);
    if (!goal) return failure(404, `Goal ${goalId} not found`);
    const linked = { goalId, jobId: query.get('jobId') ?? '', projectId: goalProjectId, title: goal.title, currentStage: 'Open' };
    return json({ goal: linked, metadata } satisfies z.input<typeof jobs.GoalEnvelopeV1Schema>);
  }

  const datasetAnswer = serveDatasets(world, { method, path, query, body });
  if (datasetAnswer) return datasetAnswer;
  const environmentAnswer = serveEnvironments(world, { method, path, query, body });
  if (environmentAnswer) return environmentAnswer;
  const monitoringAnswer = serveMonitoring(world, { method, path, query, body });
  if (monitoringAnswer) return monitoringAnswer;
  const modelApiAnswer = serveModelApis(world, { method, path, query, body });
  if (modelApiAnswer) return modelApiAnswer;
  const costAnswer = serveCost(world.cost, { method, path, query });
  if (costAnswer) return costAnswer;
  const registryAnswer = serveRegistry(world.registry, world.self, { method, path, query, body });
  if (registryAnswer) return registryAnswer;
  const billingAnswer = serveBillingTags(world, { method, path, query, body });
  if (billingAnswer) return billingAnswer;

  return failure(500, `The fake Domino does not know ${method} ${path}`, 'req-fake');
}

function serveDatasets(world: FakeWorld, { method, path, query, body }: Omit<FakeRequest, 'call'>): Response | undefined {
  const segments = path.split('/').filter(Boolean);
  const get = method === 'GET';
  if (get && path === '/api/embedded/v1/datasets') {
    const text = (query.get('search') ?? '').toLowerCase();
    const matching = world.datasets.filter((d) => d.name.toLowerCase().includes(text) || (d.description ?? '').toLowerCase().includes(text));
    const { items, metadata: pageMetadata } = page(matching, query);
    const rows = items.map((dataset) => ({
      dataset,
      fileCount: world.datasetStats[dataset.id]?.fileCount ?? 0,
      bytes: world.datasetStats[dataset.id]?.bytes ?? 0,
    }));
    return json({ datasets: rows, metadata: pageMetadata } satisfies z.input<typeof datasets.DatasetSummariesEnvelopeSchema>);
  }
  if (get && path === '/api/datasetrw/v1/datasets') {
    const projectId = query.get('projectId');
    const { items, metadata: pageMetadata } = page(
      world.datasets.filter((d) => !projectId || d.projectId === projectId),
      query,
    );
    return json({ datasets: items, metadata: pageMetadata } satisfies z.input<typeof datasets.PaginatedDatasetRwEnvelopeV1Schema>);
  }
  if (get && path.startsWith('/api/datasetrw/v1/snapshots/')) {
    const snapshot = world.snapshots.find((s) => s.id === segments[4]);
    return snapshot ? json({ snapshot, metadata } satisfies z.input<typeof datasets.SnapshotEnvelopeV1Schema>) : failure(404, 'Snapshot not found');
  }
  const datasetId = path.startsWith('/api/datasetrw/v1/datasets/') || path.startsWith('/api/embedded/v1/datasets/') ? (segments[4] ?? '') : '';
  const dataset = world.datasets.find((candidate) => candidate.id === datasetId);
  if (datasetId && !dataset) return failure(404, `Dataset ${datasetId} not found`);
  if (dataset) {
    const rest = segments.slice(5).join('/');
    if (get && rest === '') return json({ dataset, metadata } satisfies z.input<typeof datasets.DatasetRwEnvelopeV1Schema>);
    if (method === 'DELETE' && rest === '') return json({ dataset, metadata } satisfies z.input<typeof datasets.DatasetRwEnvelopeV1Schema>);
    if (get && rest === 'stats')
      return json({ stats: world.datasetStats[dataset.id]!, metadata } satisfies z.input<typeof datasets.DatasetStatsEnvelopeSchema>);
    if (get && rest === 'grants')
      return json({ grantDetails: [...(world.grants[dataset.id] ?? [])], metadata } satisfies z.input<typeof datasets.DatasetRwGrantDetailsEnvelopeV1Schema>);
    if (get && rest === 'snapshots') {
      const { items, metadata: pageMetadata } = page(
        world.snapshots.filter((s) => s.datasetId === dataset.id),
        query,
      );
      return json({ snapshots: items, metadata: pageMetadata } satisfies z.input<typeof datasets.PaginatedSnapshotEnvelopeV1Schema>);
    }
    if (method === 'POST' && rest === 'snapshots') {
      const snapshot = { id: objectId('52'), datasetId: dataset.id, createdAt: '2026-12-01T12:00:00Z', status: 'pending' };
      return json({ snapshot, metadata } satisfies z.input<typeof datasets.SnapshotEnvelopeV1Schema>);
    }
    if (method === 'POST' && rest === 'grants') {
      const grant = body as { targetId: string; targetRole: string };
      return json({ grants: [grant], metadata } satisfies z.input<typeof datasets.DatasetRwGrantEnvelopeV1Schema>);
    }
    if (get && rest === 'files') {
      const entries = world.datasetFiles[dataset.id]?.[query.get('path') ?? ''];
      return entries
        ? json({ path: query.get('path') ?? '', entries: [...entries], metadata } satisfies z.input<typeof datasets.DatasetDirectoryEnvelopeSchema>)
        : failure(404, 'No such directory');
    }
  }
  if (get && path.startsWith('/api/embedded/v1/snapshots/') && path.endsWith('/stats'))
    return json({ stats: { fileCount: 2, bytes: 2048 }, metadata } satisfies z.input<typeof datasets.SnapshotStatsEnvelopeSchema>);
  return undefined;
}

/** Environments with the embedded rules in short: archived ones leave the list; the search is by name. */
function serveEnvironments(world: FakeWorld, { method, path, query, body }: Omit<FakeRequest, 'call'>): Response | undefined {
  const segments = path.split('/').filter(Boolean);
  const get = method === 'GET';
  if (get && (path === '/api/environments/beta/environments' || path === '/api/embedded/v1/environments')) {
    const text = (query.get('search') ?? '').toLowerCase();
    const visibility = query.get('visibility');
    const matching = world.environments.filter((e) => !e.archived && e.name.toLowerCase().includes(text) && (!visibility || e.visibility === visibility));
    const { items, metadata: pageMetadata } = page(matching, query);
    return json({ environments: items, metadata: pageMetadata } satisfies z.input<typeof environments.PaginatedEnvironmentEnvelopeV1Schema>);
  }
  if (method === 'POST' && path === '/api/environments/beta/environments') {
    const input = body as { name?: string; visibility?: 'global' | 'private'; duplicateFromEnvironmentId?: string };
    const revision = { id: objectId('c9'), number: 1, availableTools: [], status: 'queued' };
    const created = {
      id: objectId('c8'),
      name: input.name ?? 'copy',
      visibility: input.visibility ?? 'private',
      supportedClusters: [],
      archived: false,
      latestRevision: revision,
    } satisfies EnvironmentWire;
    world.environments = [...world.environments, created];
    world.revisions = { ...world.revisions, [created.id]: [{ ...standardRevisions[1]!, ...revision, isActive: false, summary: undefined }] };
    return json({ environment: created, metadata } satisfies z.input<typeof environments.EnvironmentEnvelopeV1Schema>);
  }
  const environmentId =
    path.startsWith('/api/environments/v1/environments/') ||
    path.startsWith('/api/environments/beta/environments/') ||
    path.startsWith('/api/embedded/v1/environments/')
      ? (segments[4] ?? '')
      : '';
  if (!environmentId) return undefined;
  const environment = world.environments.find((candidate) => candidate.id === environmentId);
  if (!environment) return failure(404, `Environment ${environmentId} not found`);
  const rest = segments.slice(5);
  if (rest.length === 0) {
    if (get) return json({ environment, metadata } satisfies z.input<typeof environments.EnvironmentEnvelopeV1Schema>);
    if (method === 'DELETE') {
      const archived = { ...environment, archived: true };
      world.environments = world.environments.map((e) => (e.id === environmentId ? archived : e));
      return json({ environment: archived, metadata } satisfies z.input<typeof environments.EnvironmentEnvelopeV1Schema>);
    }
  }
  const revisions = world.revisions[environmentId] ?? [];
  if (get && rest.length === 1 && rest[0] === 'revisions')
    return json({ revisions: [...revisions], metadata } satisfies z.input<typeof environments.EnvironmentRevisionsEnvelopeSchema>);
  if (method === 'POST' && rest.length === 1 && rest[0] === 'revisions') {
    const number = (revisions[0]?.number ?? 0) + 1;
    const created = { ...(revisions[0] ?? standardRevisions[1]!), ...(body as object), id: objectId('c7'), number, status: 'queued', isActive: false };
    world.revisions = { ...world.revisions, [environmentId]: [created, ...revisions] };
    return json({
      environmentRevision: { id: created.id, number, availableTools: [], status: 'queued' },
      metadata,
    } satisfies z.input<typeof environments.EnvironmentRevisionEnvelopeV1Schema>);
  }
  const revision = revisions.find((candidate) => candidate.id === rest[1]);
  if (rest[0] === 'revisions' && !revision) return failure(404, `Revision ${rest[1]} not found`);
  if (revision && method === 'PATCH' && rest.length === 2) {
    const { isRestricted } = body as { isRestricted: boolean };
    world.revisions = { ...world.revisions, [environmentId]: revisions.map((r) => ({ ...r, isRestricted: r.id === revision.id ? isRestricted : false })) };
    return json({ id: revision.id } satisfies z.input<typeof environments.EnvironmentRevisionUpdateEnvelopeV1Schema>);
  }
  if (revision && get && rest[2] === 'logs') {
    const lines = world.buildLogs[revision.id] ?? [];
    const after = query.get('latestTimeNano');
    return json({
      logs: { logContent: after ? [] : [...lines], isComplete: true },
      metadata: { ...metadata, pagination: { limit: Number(query.get('limit') ?? 10_000), latestTimeNano: lines.length ? '1' : undefined } },
    } satisfies z.input<typeof jobs.LogsEnvelopeV1Schema>);
  }
  if (revision && get && rest[2] === 'jobs') {
    const { items, metadata: pageMetadata } = page(world.revisionJobs[revision.id] ?? [], query);
    return json({ jobs: items, metadata: pageMetadata } satisfies z.input<typeof environments.RevisionJobsEnvelopeSchema>);
  }
  return undefined;
}

/** Monitoring: values between the inclusive bounds, alerts filtered as the extension does. */
function serveMonitoring(world: FakeWorld, { method, path, query, body }: Omit<FakeRequest, 'call'>): Response | undefined {
  const get = method === 'GET';
  if (get && path === '/api/embedded/v1/monitoring/models')
    return json({ models: [...world.monitoredModels], metadata } satisfies z.input<typeof monitoring.MonitoredModelsEnvelopeSchema>);
  if (get && path === '/api/embedded/v1/monitoring/alerts') {
    const matching = world.alerts.filter(
      (alert) =>
        (!query.get('modelMonitoringId') || alert.modelMonitoringId === query.get('modelMonitoringId')) &&
        (!query.get('metric') || alert.metric === query.get('metric')) &&
        (query.get('outOfRangeOnly') === 'false' || !alert.inRange),
    );
    const { items, metadata: pageMetadata } = page(matching, query);
    return json({ alerts: items, metadata: pageMetadata } satisfies z.input<typeof monitoring.MetricAlertsEnvelopeSchema>);
  }
  if (get && path.startsWith('/api/metricValues/v1/')) {
    const [, , , , model, metric] = path.split('/').map(decodeURIComponent);
    const values = world.metricValues[`${model}/${metric}`];
    if (!values && !world.monitoredModels.some((m) => m.modelMonitoringId === model)) return failure(404, `No metric values were logged for ${model}`);
    const from = Date.parse(query.get('startingReferenceTimestampInclusive') ?? '');
    const to = Date.parse(query.get('endingReferenceTimestampInclusive') ?? '');
    const inRange = (values ?? []).filter((v) => Date.parse(v.referenceTimestamp) >= from && Date.parse(v.referenceTimestamp) <= to);
    return json({ metricValues: inRange, metadata } satisfies z.input<typeof monitoring.MetricValuesEnvelopeV1Schema>);
  }
  if (method === 'POST' && path === '/api/metricValues/v1') {
    const { newMetricValues } = body as { newMetricValues: { modelMonitoringId: string; metric: string; value: number; referenceTimestamp: string }[] };
    for (const value of newMetricValues) {
      const key = `${value.modelMonitoringId}/${value.metric}`;
      const stored = { value: value.value, referenceTimestamp: new Date(value.referenceTimestamp).toISOString(), tags: [] };
      world.metricValues = { ...world.metricValues, [key]: [...(world.metricValues[key] ?? []), stored] };
    }
    return new Response(null, { status: 201 });
  }
  if (method === 'POST' && path === '/api/metricAlerts/v1') return new Response(null, { status: 200 });
  const range = /^\/api\/embedded\/v1\/monitoring\/models\/([^/]+)\/metrics\/([^/]+)\/range$/.exec(path);
  if (range && (method === 'PUT' || method === 'DELETE')) {
    const [model, metricName] = [decodeURIComponent(range[1]!), decodeURIComponent(range[2]!)];
    const targetRange = method === 'PUT' ? (body as MonitoredModelWire['metrics'][number]['targetRange']) : undefined;
    world.monitoredModels = world.monitoredModels.map((m) =>
      m.modelMonitoringId !== model ? m : { ...m, metrics: m.metrics.map((x) => (x.metric === metricName ? { ...x, targetRange } : x)) },
    );
    return method === 'PUT' ? json({ targetRange: targetRange!, metadata }) : new Response(null, { status: 204 });
  }
  return undefined;
}

function serveModelApis(world: FakeWorld, { method, path, query, body }: Omit<FakeRequest, 'call'>): Response | undefined {
  const segments = path.split('/').filter(Boolean);
  const get = method === 'GET';
  if (get && path === '/api/modelServing/v1/modelApis') {
    const projectId = query.get('projectId');
    const { items, metadata: pageMetadata } = page(
      world.modelApis.filter((api) => !projectId || api.projectId === projectId),
      query,
    );
    return json({ items, metadata: pageMetadata } satisfies z.input<typeof modelApis.ModelApiPaginatedListSchema>);
  }
  if (path.startsWith('/api/modelServing/v1/modelApis/')) {
    const api = world.modelApis.find((candidate) => candidate.id === segments[4]);
    if (!api) return failure(404, `Model API ${segments[4]} not found`);
    const rest = segments.slice(5).join('/');
    const versions = world.modelApiVersions[api.id] ?? [];
    if (get && rest === '') return json(api satisfies z.input<typeof modelApis.ModelApiSchema>);
    if (method === 'PUT' && rest === '') return json({ ...api, ...(body as object) } satisfies z.input<typeof modelApis.ModelApiSchema>);
    if (get && rest === 'versions') return json([...versions] satisfies Array<z.input<typeof modelApis.ModelApiVersionSchema>>);
    if (get && segments.length === 7 && segments[5] === 'versions') {
      const version = versions.find((candidate) => candidate.id === segments[6]);
      return version ? json(version satisfies z.input<typeof modelApis.ModelApiVersionSchema>) : failure(404, `Version ${segments[6]} not found`);
    }
    if (get && (rest.endsWith('/instanceLogs') || rest.endsWith('/buildLogs') || rest.endsWith('/exportLogs'))) {
      const line = { timestamp: Date.parse('2026-11-20T10:00:01Z'), timeNano: Date.parse('2026-11-20T10:00:01Z') * 1e6, streamType: 'stdout', tags: [] };
      const logs = rest.endsWith('/buildLogs')
        ? [{ ...line, log: 'Build succeeded' }]
        : rest.endsWith('/exportLogs')
          ? [{ ...line, log: 'Not exported to an external registry' }]
          : [{ ...line, log: 'Worker 1 ready: predict(tenure_months, monthly_spend)' }];
      return json({ modelId: api.id, modelVersionId: segments[6] ?? '', status: 'Succeeded', maxResults: 500, logs });
    }
  }
  if (method === 'POST' && path.startsWith('/api/embedded/v1/modelApis/') && path.endsWith('/accessToken'))
    return json({ id: objectId('ac'), token: 'secret-token-shown-once' } satisfies z.input<typeof modelApis.ModelApiAccessTokenSecretSchema>);
  if (path.startsWith('/api/modelApis/async/v1/')) {
    const api = world.modelApis.find((candidate) => candidate.id === segments[4]);
    if (!api) return failure(404, `Model API ${segments[4]} not found`);
    if (method === 'POST' && segments.length === 5) {
      const id = objectId(`f${Object.keys(world.predictions).length}`);
      world.predictions[id] = { parameters: (body as { parameters: Record<string, unknown> }).parameters, reads: 0 };
      return json({ asyncPredictionId: id } satisfies z.input<typeof asyncPredictions.AsyncPredictionRequestEnvelopeV1Schema>);
    }
    const prediction = world.predictions[segments[5] ?? ''];
    if (get && prediction) {
      const asyncPredictionId = segments[5]!;
      if (prediction.reads++ === 0) return json({ asyncPredictionId, status: 'Processing' });
      if ('fail' in prediction.parameters) return json({ asyncPredictionId, status: 'Failed', errors: ['ValueError: cannot score this'] });
      return json({ asyncPredictionId, status: 'Succeeded', result: { echo: prediction.parameters } } satisfies z.input<
        typeof asyncPredictions.AsyncPredictionEnvelopeV1Schema
      >);
    }
  }
  return undefined;
}

/** Billing tags (Domino 6.2) and the embedded listing and retag; the server's rules are tested against the server. */
function serveBillingTags(world: FakeWorld, { method, path, query, body }: Omit<FakeRequest, 'call'>): Response | undefined {
  const mutable = world as { billingTags: FakeWorld['billingTags']; billingTagSettings: FakeWorld['billingTagSettings']; projects: FakeWorld['projects'] };
  const get = method === 'GET';
  const TAGS = '/api/cost/v1/billingtags';
  const SETTINGS = '/api/cost/v1/billingtagSettings';
  const active = () => world.billingTags.filter((t) => t.active).map((t) => ({ tag: t.tag }));
  if (get && path === TAGS) return json({ billingTags: active() } satisfies z.input<typeof billingTags.BillingTagsEnvelopeV1Schema>);
  if (method === 'POST' && path === TAGS) {
    const names = (body as { billingTags: string[] }).billingTags;
    const known = (name: string) => world.billingTags.find((t) => t.tag.toLowerCase() === name.toLowerCase());
    mutable.billingTags = [
      ...world.billingTags.map((t) => (names.some((name) => name.toLowerCase() === t.tag.toLowerCase()) ? { ...t, active: true } : t)),
      ...names
        .filter((name) => !known(name))
        .map((tag, index) => ({
          tag,
          tagId: objectId(`b${world.billingTags.length + index + 10}`),
          active: true,
          projectCount: 0,
          createdAt: '2026-12-01T09:00:00Z',
        })),
    ];
    return json({ billingTags: names.map((name) => ({ tag: known(name)?.tag ?? name })) } satisfies z.input<typeof billingTags.BillingTagsEnvelopeV1Schema>);
  }
  if (method === 'DELETE' && path.startsWith(`${TAGS}/`)) {
    const name = decodeURIComponent(path.slice(TAGS.length + 1));
    const tag = world.billingTags.find((t) => t.tag === name);
    if (!tag) return failure(404, `Billing tag "${name}" not found`);
    mutable.billingTags = world.billingTags.map((t) => (t === tag ? { ...t, active: false } : t));
    return json({ billingTag: { tag: tag.tag, tagId: tag.tagId, active: false } } satisfies z.input<typeof billingTags.BillingTagEnvelopeV1Schema>);
  }
  if (get && path.startsWith(`${TAGS}/`)) {
    const name = decodeURIComponent(path.slice(TAGS.length + 1)).toLowerCase();
    const tag = world.billingTags.find((t) => t.tag.toLowerCase() === name);
    if (!tag) return failure(404, `Billing tag "${name}" not found`);
    return json({ billingTag: { tag: tag.tag, tagId: tag.tagId, active: tag.active } } satisfies z.input<typeof billingTags.BillingTagEnvelopeV1Schema>);
  }
  if (get && path === `${SETTINGS}/mode`)
    return json({ mode: world.billingTagSettings.mode } satisfies z.input<typeof billingTags.BillingTagsModeEnvelopeV1Schema>);
  if (get && path === `${SETTINGS}/notifications`)
    return json({ notifications: world.billingTagSettings.notifications } satisfies z.input<typeof billingTags.BillingTagsNotificationsEnvelopeV1Schema>);
  if (get && path === SETTINGS) return json(world.billingTagSettings satisfies z.input<typeof billingTags.BillingTagsSettingsEnvelopeV1Schema>);
  if (method === 'PUT' && path === SETTINGS) {
    mutable.billingTagSettings = body as BillingTagSettingsWire;
    return json(world.billingTagSettings satisfies z.input<typeof billingTags.BillingTagsSettingsEnvelopeV1Schema>);
  }
  if (method === 'PUT' && path === `${SETTINGS}/mode`) {
    mutable.billingTagSettings = { ...world.billingTagSettings, ...(body as { mode: BillingTagSettingsWire['mode'] }) };
    return json({ mode: world.billingTagSettings.mode } satisfies z.input<typeof billingTags.BillingTagsModeEnvelopeV1Schema>);
  }
  if (get && path === '/api/embedded/v1/billing-tags') {
    const status = query.get('status') ?? 'all';
    const rows = world.billingTags.filter((t) => status === 'all' || t.active === (status === 'active'));
    return json({ billingTags: [...rows], metadata } satisfies z.input<typeof billingTags.BillingTagSummariesEnvelopeSchema>);
  }
  const retag = /^\/api\/embedded\/v1\/projects\/([0-9a-f]{24})\/billing-tag$/.exec(path);
  if (method === 'PUT' && retag) {
    const project = world.projects.find((candidate) => candidate.id === retag[1]);
    if (!project) return failure(404, `Project ${retag[1]} not found`);
    const { billingTag } = body as { billingTag: { tag: string } | null };
    const { billingTag: _old, ...rest } = project;
    const changed: ProjectWire = billingTag ? { ...rest, billingTag } : rest;
    mutable.projects = world.projects.map((candidate) => (candidate.id === project.id ? changed : candidate));
    return json({ project: changed, metadata } satisfies z.input<typeof projects.ProjectEnvelopeV1Schema>);
  }
  return undefined;
}

export interface FakeDominoOptions {
  /** Changes to the default world. */
  world?: Partial<FakeWorld>;
  /** Asked first: a test's own answer (a refusal, a failing page), or undefined for the fake's. */
  answer?: Answer;
}

/** Stubs fetch with the fake; `calls` records every request, in order. */
export function fakeDomino({ world, answer }: FakeDominoOptions = {}) {
  const state: FakeWorld = { ...defaultWorld(), ...world };
  const holds: { matches: (request: FakeRequest) => boolean; waiting: number; released: Promise<void> }[] = [];

  const { calls } = mockFetch(async (call) => {
    const url = new URL(call.url, 'http://console');
    const request: FakeRequest = { method: call.method, path: url.pathname, query: url.searchParams, body: call.body, call };
    const hold = holds.find((candidate) => candidate.matches(request));
    if (hold) {
      hold.waiting++;
      await hold.released;
      hold.waiting--;
    }
    return answer?.(request) ?? serve(state, request);
  });

  return {
    calls,
    world: state,
    /**
     * Keeps back the answers to matching requests from now on, e.g. the refetch that follows a
     * refused change: the screen can then be checked before the server's state can arrive.
     */
    hold(matches: (request: FakeRequest) => boolean): Hold {
      let release!: () => void;
      const entry = { matches, waiting: 0, released: new Promise<void>((resolve) => (release = resolve)) };
      holds.push(entry);
      return {
        get waiting() {
          return entry.waiting;
        },
        release: () => {
          holds.splice(holds.indexOf(entry), 1);
          release();
        },
      };
    },
  };
}
