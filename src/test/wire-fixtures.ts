// What the fake Domino of the page tests answers with: one small, consistent workspace (three
// people, three projects, an organization, two jobs), written as the wire sends it and typed
// against the contract's input side. A fixture that drifts from the contract fails the type check
// instead of a test at run time. Types only from src/api/schemas: nothing here runs zod.
import type { z } from 'zod';
import type { ModelApiSchema, ModelApiVersionSchema } from '../api/schemas/model-apis';
import type { BillingTagSummarySchema, BillingTagsSettingsV1Schema } from '../api/schemas/billing-tags';
import type { DatasetRwDetailsV1Schema, DatasetRwGrantDetailsV1Schema, DatasetStatsSchema, SnapshotDetailsV1Schema } from '../api/schemas/datasets';
import { EMBEDDED_EXTENSIONS, type EmbeddedInfoSchema } from '../api/schemas/embedded';
import type { EnvironmentRevisionDetailsSchema, EnvironmentV1Schema, RevisionJobSchema } from '../api/schemas/environments';
import type { MetricAlertSchema, MetricValueV1Schema, MonitoredModelSchema } from '../api/schemas/monitoring';
import type { HardwareTierV1Schema } from '../api/schemas/hardware-tiers';
import type { JobDetailsV1Schema, JobV1Schema, TagV1Schema } from '../api/schemas/jobs';
import type { OrganizationV1Schema } from '../api/schemas/organizations';
import type { ProjectStatusEmbeddedEnvelopeSchema } from '../api/schemas/project-files';
import type { ProjectGoalV1Schema, ProjectV1Schema } from '../api/schemas/projects';
import type { GitCredentialsAccessorV1Schema, UserV1Schema } from '../api/schemas/users';

export type UserWire = z.input<typeof UserV1Schema>;
export type ProjectWire = z.input<typeof ProjectV1Schema>;
export type ProjectGoalWire = z.input<typeof ProjectGoalV1Schema>;
export type ProjectStatusWire = Omit<z.input<typeof ProjectStatusEmbeddedEnvelopeSchema>, 'metadata'>;
export type OrganizationWire = z.input<typeof OrganizationV1Schema>;
export type JobWire = z.input<typeof JobV1Schema>;
export type JobDetailsWire = z.input<typeof JobDetailsV1Schema>;
export type TagWire = z.input<typeof TagV1Schema>;
export type HardwareTierWire = z.input<typeof HardwareTierV1Schema>;
export type EmbeddedInfoWire = z.input<typeof EmbeddedInfoSchema>;
export type GitCredentialWire = z.input<typeof GitCredentialsAccessorV1Schema>;
export type DatasetWire = z.input<typeof DatasetRwDetailsV1Schema>;
export type SnapshotWire = z.input<typeof SnapshotDetailsV1Schema>;
export type GrantDetailsWire = z.input<typeof DatasetRwGrantDetailsV1Schema>;
export type DatasetStatsWire = z.input<typeof DatasetStatsSchema>;
export type EnvironmentWire = z.input<typeof EnvironmentV1Schema>;
export type RevisionDetailsWire = z.input<typeof EnvironmentRevisionDetailsSchema>;
export type RevisionJobWire = z.input<typeof RevisionJobSchema>;
export type MonitoredModelWire = z.input<typeof MonitoredModelSchema>;
export type MetricValueWire = z.input<typeof MetricValueV1Schema>;
export type MetricAlertWire = z.input<typeof MetricAlertSchema>;

/** A 24-hex ObjectId made of one repeated pattern, easy to tell apart in a failure. */
export const objectId = (pattern: string) => pattern.repeat(24 / pattern.length);

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

// People. Omar shares no email: the pages show "—" for him.
export const admin = {
  id: objectId('a'),
  userName: 'admin',
  firstName: 'Domino',
  lastName: 'Admin',
  fullName: 'Domino Admin',
  avatarUrl: '',
  email: 'admin@example.com',
} satisfies UserWire;
export const maya = {
  id: objectId('b'),
  userName: 'maya.chen',
  firstName: 'Maya',
  lastName: 'Chen',
  fullName: 'Maya Chen',
  avatarUrl: '',
  email: 'maya@example.com',
} satisfies UserWire;
export const omar = {
  id: objectId('c'),
  userName: 'omar.haddad',
  firstName: 'Omar',
  lastName: 'Haddad',
  fullName: 'Omar Haddad',
  avatarUrl: '',
} satisfies UserWire;

// Projects, one of each visibility. The admin collaborates on Maya's churn project. Their ids are
// not all digits: the router would write such an id into a search param as a quoted number.
export const churn = {
  id: objectId('1c'),
  name: 'customer-churn',
  description: 'Predict which subscribers will cancel',
  visibility: 'public',
  ownerId: maya.id,
  ownerUsername: maya.userName,
  collaborators: [{ id: admin.id, role: 'contributor' }],
  internalTags: [],
} satisfies ProjectWire;
export const creditRisk = {
  ...churn,
  id: objectId('2c'),
  name: 'credit-risk',
  description: 'PD model for loans',
  visibility: 'private',
  ownerId: admin.id,
  ownerUsername: admin.userName,
  collaborators: [],
} satisfies ProjectWire;
export const forecasting = {
  ...churn,
  id: objectId('3c'),
  name: 'demand-forecasting',
  description: 'Weekly forecasts',
  visibility: 'searchable',
  collaborators: [],
} satisfies ProjectWire;

/** Archived (embedded 'archived-projects'): the admin's, restorable. */
export const oldPipeline = {
  ...churn,
  id: objectId('4c'),
  name: 'old-pipeline',
  description: 'Retired nightly ETL',
  visibility: 'private',
  ownerId: admin.id,
  ownerUsername: admin.userName,
  collaborators: [],
} satisfies ProjectWire;

export const churnStatus = {
  status: { status: 'active', isBlocked: false },
  isArchived: false,
  createdAt: '2026-01-01T00:00:00Z',
  yourRole: 'admin',
} satisfies ProjectStatusWire;
export const churnGoal = {
  id: objectId('9'),
  title: 'Beat the baseline',
  isComplete: false,
  projectId: churn.id,
  createdAt: '2026-01-01T00:00:00Z',
  creatorId: maya.id,
} satisfies ProjectGoalWire;

export const riskAnalytics = {
  id: objectId('d'),
  name: 'Risk Analytics',
  members: [
    { userId: admin.id, organizationRole: 'admin' },
    { userId: maya.id, organizationRole: 'member' },
  ],
} satisfies OrganizationWire;

export const smallTier = {
  id: 'small-k8s',
  name: 'Small',
  resources: { cores: 1, memory: { value: 4, units: 'GiB' }, allowSharedMemoryToExceedDefault: false },
  flags: { isDefault: true, isVisible: true, isGlobal: true, isArchived: false, isDataAnalystTier: false },
  centsPerMinute: 0.8,
  creationTime: '2026-01-01T00:00:00Z',
  updateTime: '2026-01-01T00:00:00Z',
  podCustomization: {},
  metadata: {},
} satisfies HardwareTierWire;

export const baselineTag = { id: objectId('f'), name: 'baseline', creatorId: maya.id, createdAt: minutesAgo(10) } satisfies TagWire;

/** A job of the churn project, by default one that succeeded an hour ago with an AUC. */
export function jobOf(number: number, overrides: Partial<JobWire> = {}): JobWire {
  return {
    id: number.toString(16).padStart(24, '0'),
    number,
    title: `Job ${number}`,
    runCommand: `train.py --run ${number}`,
    startedById: maya.id,
    stageTimes: {
      submissionTime: minutesAgo(60),
      preparingTime: minutesAgo(59),
      startTime: minutesAgo(58),
      finishingTime: minutesAgo(55),
      completedTime: minutesAgo(54),
    },
    status: { executionStatus: 'Succeeded', isCompleted: true, isArchived: false, isScheduled: false },
    commitDetails: { inputCommitId: '7a'.repeat(20) },
    dominoStats: [{ name: 'AUC', value: '0.81' }],
    usage: { cpuPercentage: 12.5, memoryGiB: 0.5 },
    projects: [],
    gitRepos: [],
    datasetMounts: [],
    externalVolumeMounts: [],
    projectId: churn.id,
    hardwareTierId: smallTier.id,
    durationMs: 240_000,
    ...overrides,
  };
}

/** The same job as GET /jobs/{id} answers: with its tags, comment count and goals. */
export function detailsOf(job: JobWire, extra: Partial<JobDetailsWire> = {}): JobDetailsWire {
  return { ...job, tags: [], commentsCount: 0, goalIds: [], ...extra };
}

/** Job #2: finished, tagged "baseline". */
export const finishedJob = jobOf(2);
/** Job #3: running for two minutes, no stats yet. */
export const runningJob = jobOf(3, {
  title: 'Sweep',
  stageTimes: { submissionTime: minutesAgo(3), preparingTime: minutesAgo(3), startTime: minutesAgo(2) },
  status: { executionStatus: 'Running', isCompleted: false, isArchived: false, isScheduled: false },
  dominoStats: [],
  durationMs: undefined,
});

/** Every extension the embedded Domino lists; a test that needs a real Domino's answer passes its own. */
export const embeddedInfo = {
  version: '0.1.0',
  // The contract's list itself, so a new extension is offered to page tests without a second copy.
  extensions: [...EMBEDDED_EXTENSIONS],
  demo: true,
  callerIsAdmin: true,
} satisfies EmbeddedInfoWire;

export const churnFeatures = {
  id: objectId('d1'),
  name: 'churn-features',
  description: 'Monthly customer features',
  createdAt: '2026-11-02T09:00:00Z',
  snapshotIds: [objectId('51')],
  tags: { baseline: objectId('51') },
  projectId: objectId('1c'),
} satisfies DatasetWire;

export const churnFeaturesSnapshot = {
  id: objectId('51'),
  datasetId: churnFeatures.id,
  createdAt: '2026-11-02T10:00:00Z',
  status: 'active',
  creatorId: objectId('a'),
} satisfies SnapshotWire;

export const ownerStats = {
  fileCount: 2,
  bytes: 2048,
  yourPermissions: [
    'ListDatasetRwV2',
    'ReadDatasetRwV2',
    'PerformDatasetRwActionsInProjectV2',
    'UpdateDatasetRwV2',
    'EditSecurityDatasetRwV2',
    'DeleteDatasetRwV2',
    'PermanentDeleteDatasetRwV2',
  ],
} satisfies DatasetStatsWire;

export const readerStats = {
  fileCount: 2,
  bytes: 2048,
  yourPermissions: ['ListDatasetRwV2', 'ReadDatasetRwV2', 'PerformDatasetRwActionsInProjectV2'],
} satisfies DatasetStatsWire;

/** A revision as the embedded revisions list answers it: succeeded, built by the admin. */
export function revisionOf(id: string, number: number, overrides: Partial<RevisionDetailsWire> = {}): RevisionDetailsWire {
  return {
    id,
    number,
    availableTools: [],
    status: 'succeeded',
    createdAt: '2026-11-20T09:00:00Z',
    createdBy: { id: admin.id, userName: admin.userName },
    finishedAt: '2026-11-20T09:01:00Z',
    isActive: false,
    isRestricted: false,
    image: 'quay.io/domino/standard:py3.11',
    dockerfileInstructions: 'ENV MPLBACKEND=Agg',
    environmentVariables: [],
    supportedClusters: [],
    tags: ['python3.11'],
    skipCache: false,
    useVpn: false,
    ...overrides,
  };
}

// The standard environment: two succeeded revisions, #2 active. Spark: #2 failed (a licence check), #1 active.
export const standardRevisions = [
  revisionOf(objectId('e2'), 2, { isActive: true, summary: 'Adds env-info', tags: ['python3.11', '2026.11'] }),
  revisionOf(objectId('e1'), 1, { summary: 'First release' }),
];
export const sparkRevisions = [
  revisionOf(objectId('f2'), 2, {
    status: 'failed',
    failure: 'line 3: RUN exited with status 2',
    summary: 'Adds the connector',
    finishedAt: '2026-11-21T09:01:00Z',
    createdAt: '2026-11-21T09:00:00Z',
  }),
  revisionOf(objectId('f1'), 1, { isActive: true, image: 'quay.io/domino/spark:3.5' }),
];

const brief = (revision: RevisionDetailsWire) => ({ id: revision.id, number: revision.number, availableTools: [], status: revision.status });

export const standardEnvironment = {
  id: objectId('e0'),
  name: 'Domino Standard Environment',
  visibility: 'global',
  supportedClusters: [],
  archived: false,
  isCurated: true,
  activeRevisionTags: ['python3.11', '2026.11'],
  latestRevision: brief(standardRevisions[0]!),
  selectedRevision: brief(standardRevisions[0]!),
} satisfies EnvironmentWire;
export const sparkEnvironment = {
  id: objectId('f0'),
  name: 'Spark 3.5',
  visibility: 'global',
  supportedClusters: ['spark'],
  archived: false,
  isCurated: true,
  activeRevisionTags: [],
  latestRevision: brief(sparkRevisions[0]!),
  selectedRevision: brief(sparkRevisions[1]!),
} satisfies EnvironmentWire;
export const privateEnvironment = {
  id: objectId('a0'),
  name: 'maya-sandbox',
  visibility: 'private',
  supportedClusters: [],
  archived: false,
  owner: { id: maya.id, username: maya.userName, ownerType: 'individual' },
} satisfies EnvironmentWire;

/** A job that ran on the standard environment's active revision. */
export const standardRevisionJob = {
  jobId: finishedJob.id,
  projectId: churn.id,
  projectName: churn.name,
  number: finishedJob.number,
  title: 'Check the standard environment',
  status: 'Succeeded',
  submittedAt: '2026-11-22T10:00:00Z',
} satisfies RevisionJobWire;

// Monitoring: one model, accuracy with a configured range (≥ 0.8) and one value below it.
export const monitoredModel = {
  modelMonitoringId: 'credit-scorer-v3',
  metrics: [
    {
      metric: 'accuracy',
      valueCount: 4,
      firstReferenceTimestamp: '2026-11-01T00:00:00Z',
      lastReferenceTimestamp: '2026-11-04T00:00:00Z',
      targetRange: { condition: 'greaterThanEqual', lowerLimit: 0.8 },
      alertCount: 1,
    },
    { metric: 'psi', valueCount: 0, alertCount: 0 },
  ],
} satisfies MonitoredModelWire;

export const accuracyValues = [
  { value: 0.86, referenceTimestamp: '2026-11-01T00:00:00Z', tags: [{ key: 'segment', value: 'sme' }] },
  { value: 0.84, referenceTimestamp: '2026-11-02T00:00:00Z', tags: [] },
  { value: 0.82, referenceTimestamp: '2026-11-03T00:00:00Z', tags: [] },
  { value: 0.74, referenceTimestamp: '2026-11-04T00:00:00Z', tags: [] },
] satisfies MetricValueWire[];

export const accuracyAlert = {
  id: objectId('ab'),
  modelMonitoringId: monitoredModel.modelMonitoringId,
  metric: 'accuracy',
  value: 0.74,
  targetRange: { condition: 'greaterThanEqual', lowerLimit: 0.8 },
  inRange: false,
  source: 'loggedValue',
  referenceTimestamp: '2026-11-04T00:00:00Z',
  createdAt: '2026-11-04T00:00:05Z',
} satisfies MetricAlertWire;
export type ModelApiWire = z.input<typeof ModelApiSchema>;
export type ModelApiVersionWire = z.input<typeof ModelApiVersionSchema>;

/** An async Model API serving churn-predictor v1 in customer-churn, running. */
export const churnScoringVersion = {
  id: objectId('a1'),
  modelApiId: objectId('a0'),
  projectId: churn.id,
  number: 1,
  description: 'churn-predictor v1',
  source: { type: 'Registry', registeredModelName: 'churn-predictor', registeredModelVersion: 1, function: 'predict' },
  commitId: '0123456789abcdef0123456789abcdef01234567',
  dataPlaneId: 'local',
  environmentRevisionId: objectId('e1'),
  logHttpRequestResponse: false,
  monitoringEnabled: false,
  recordInvocation: false,
  labels: [],
  metadata: { created: Date.parse('2026-11-20T10:00:00Z'), createdBy: maya.id },
  deployment: { status: 'Running', isPending: false },
} satisfies ModelApiVersionWire;

export const churnScoring = {
  id: objectId('a0'),
  name: 'churn-scoring',
  description: 'Scores churn risk',
  isArchived: false,
  environmentId: objectId('e0'),
  hardwareTierId: 'small-k8s',
  replicas: 1,
  routingMode: 'SingleVersion',
  isAsync: true,
  strictNodeAntiAffinity: false,
  overrideRequestTimeoutSecs: 30,
  access: { isPublic: false, accessTokens: [] },
  healthCheck: { failureThreshold: 3, initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 5 },
  collaborators: [],
  volumes: [],
  metadata: { created: Date.parse('2026-11-20T10:00:00Z'), createdBy: maya.id, lastModified: Date.parse('2026-11-20T10:00:00Z') },
  activeVersion: { id: churnScoringVersion.id, dataPlaneId: 'local', number: 1, deployment: { status: 'Running', isPending: false } },
  projectId: churn.id,
} satisfies ModelApiWire;

export type BillingTagWire = z.input<typeof BillingTagSummarySchema>;
export type BillingTagSettingsWire = z.input<typeof BillingTagsSettingsV1Schema>;

export const researchTag = {
  tag: 'cc-1001-research',
  tagId: objectId('b1'),
  active: true,
  projectCount: 1,
  createdAt: '2026-11-01T09:00:00Z',
} satisfies BillingTagWire;
export const marketingTag = { ...researchTag, tag: 'cc-2040-marketing', tagId: objectId('b2'), projectCount: 0 } satisfies BillingTagWire;
export const legacyTag = { ...researchTag, tag: 'cc-0900-legacy', tagId: objectId('b3'), active: false, projectCount: 0 } satisfies BillingTagWire;
