// Each family parses a realistic answer (PascalCase enums, flat-only pagination) and refuses a bad one.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AsyncPredictionEnvelopeV1Schema, AsyncPredictionRequestEnvelopeV1Schema, NewAsyncPredictionV1Schema } from './async-predictions';
import { CostAllocationEnvelopeV1Schema, CostAllocationQuerySchema, CostAssetsEnvelopeV1Schema } from './cost';
import {
  DatasetRwGrantBodySchema,
  DatasetRwGrantDetailsEnvelopeV1Schema,
  ListDatasetsV2QuerySchema,
  NewDatasetRwV1Schema,
  NewSnapshotV1Schema,
  PaginatedDatasetRwEnvelopeV2Schema,
  PaginatedSnapshotEnvelopeV1Schema,
} from './datasets';
import { EnvironmentEnvelopeV1Schema, NewEnvironmentV1Schema, PaginatedEnvironmentEnvelopeV1Schema } from './environments';
import { HardwareTierEnvelopeV1Schema, ListHardwareTiersQuerySchema, PaginatedHardwareTierEnvelopeV1Schema } from './hardware-tiers';
import { JobEnvelopeV1Schema, JobLogsQuerySchema, ListJobsQuerySchema, LogsEnvelopeV1Schema, NewJobV1Schema, PaginatedJobEnvelopeV1Schema } from './jobs';
import {
  NewRegisteredModelReviewResponseV1Schema,
  NewRegisteredModelReviewV1Schema,
  PaginatedRegisteredModelNamesV1Schema,
  PaginatedRegisteredModelsEnvelopeV1Schema,
  RegisteredModelV1Schema,
  RegisteredModelVersionDetailsV1Schema,
  UpdatedRegisteredModelReviewV1Schema,
} from './models';
import { MetricAlertRequestV1Schema, MetricValuesEnvelopeV1Schema, NewMetricValuesEnvelopeV1Schema } from './monitoring';
import {
  CopyProjectSpecV1Schema,
  NewProjectV1Schema,
  PaginatedProjectsEnvelopeV1Schema,
  ProjectCopyResultEnvelopeV1Schema,
  ProjectStatusEnvelopeV1Schema,
} from './projects';

const ID = '626046fcb7e5d347dbe7a904';
const ID2 = '62313ce67a0af0281c01a6a5';
const flatPagination = { requestId: 'req-1', notices: [], offset: 0, limit: 10, totalCount: 1 };
const metadata = { requestId: 'req-1', notices: [] };

/** The messages of a failed parse, prefixed with their path. */
function errorsOf(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('projects', () => {
  const project = {
    id: ID,
    name: 'churn',
    description: 'Customer churn',
    visibility: 'Private',
    ownerId: ID2,
    ownerUsername: 'steve_holt',
    collaborators: [{ id: ID2, role: 'Contributor' }],
    'internal tags': ['restricted'],
    mainRepository: {
      id: ID2,
      uri: 'https://github.com/torvalds/linux',
      defaultRef: { refType: 'Branch', value: 'main' },
      serviceProvider: 'GitHub',
    },
    somethingNew: true,
  };

  it('parses a project list with flat pagination and PascalCase enums', () => {
    const parsed = PaginatedProjectsEnvelopeV1Schema.parse({ projects: [project], metadata: flatPagination });
    expect(parsed.metadata.pagination).toEqual({ offset: 0, limit: 10, totalCount: 1 });
    const [first] = parsed.projects;
    expect(first?.visibility).toBe('private');
    expect(first?.collaborators[0]?.role).toBe('contributor');
    expect(first?.internalTags).toEqual(['restricted']);
    expect(first?.mainRepository?.serviceProvider).toBe('github');
    expect(first).not.toHaveProperty('somethingNew');
  });

  it('parses a copy answer and a status answer', () => {
    const copied = ProjectCopyResultEnvelopeV1Schema.parse({
      project: { ...project, internalTags: [] },
      metadata,
      datasetsNotCopied: [{ datasetInfo: { id: ID2, name: 'raw', createdAt: '2022-03-12T02:13:44.467Z' }, errorMessage: 'too big' }],
    });
    expect(copied.datasetsNotCopied?.[0]?.errorMessage).toBe('too big');
    const status = ProjectStatusEnvelopeV1Schema.parse({ status: { status: 'Complete', isBlocked: false }, metadata });
    expect(status.status.status).toBe('complete');
  });

  it('refuses a bad project and bad request bodies', () => {
    expect(errorsOf(PaginatedProjectsEnvelopeV1Schema, { projects: [{ ...project, visibility: 'secret' }], metadata: flatPagination }).join()).toContain(
      'projects.0.visibility',
    );
    expect(errorsOf(NewProjectV1Schema, { name: 'my project', description: '', visibility: 'public' })).toContain('name: name must not contain white space');
    expect(
      errorsOf(CopyProjectSpecV1Schema, {
        copyDatasets: true,
        gitCodeRepoSpec: {
          credentialId: ID,
          referenceCopy: { mainRepoUrl: 'https://x/y.git' },
          deepCopy: { newRepoName: 'a', newRepoOwnerName: 'b', visibility: 'private' },
        },
      }).join(),
    ).toContain('exactly one of deepCopy or referenceCopy');
  });
});

describe('jobs', () => {
  const job = {
    id: ID,
    number: 7,
    title: 'K-means',
    runCommand: 'main.py',
    stageTimes: { submissionTime: '2022-03-12T02:13:44.467Z', startTime: '2022-03-12T02:15:44.848Z' },
    status: { executionStatus: 'succeeded', isCompleted: true, isArchived: false, isScheduled: false },
    commitDetails: { inputCommitId: 'f1dafe322c7d4a6720f652c330fe33b014720e46' },
    dominoStats: [{ name: 'R-squared', value: 0.89 }],
    projects: [],
    gitRepos: [{ id: ID2, name: 'spark', uri: 'git@github.com:apache/spark.git', ref: 'head', serviceProvider: 'GitHub' }],
    datasetMounts: [],
    externalVolumeMounts: [],
    usage: { cpuPercentage: 5, memoryGiB: 0.73 },
    computeCluster: { clusterType: 'Spark', computeEnvironmentId: ID2, workerCount: 2, workerHardwareTier: 'small-k8s' },
  };

  it('parses a job list with flat pagination, canonicalising known states and keeping unknown ones', () => {
    const parsed = PaginatedJobEnvelopeV1Schema.parse({
      jobs: [job, { ...job, status: { ...job.status, executionStatus: 'StopRequested' } }],
      metadata: flatPagination,
    });
    expect(parsed.metadata.pagination.totalCount).toBe(1);
    expect(parsed.jobs[0]?.status.executionStatus).toBe('Succeeded');
    expect(parsed.jobs[1]?.status.executionStatus).toBe('StopRequested');
    expect(parsed.jobs[0]?.dominoStats[0]?.value).toBe('0.89');
    expect(parsed.jobs[0]?.computeCluster?.clusterType).toBe('spark');
  });

  it('parses job details and a log page with its string cursor', () => {
    const details = JobEnvelopeV1Schema.parse({
      job: { ...job, tags: [{ id: ID2, name: 'best', creatorId: ID, createdAt: '2022-03-15T21:48:36.586Z' }], commentsCount: 0, goalIds: [] },
      metadata,
    });
    expect(details.job.tags[0]?.name).toBe('best');
    const logs = LogsEnvelopeV1Schema.parse({
      logs: {
        logContent: [{ timestamp: '2022-03-12T02:13:51.616Z', logType: 'StdOut', log: 'hello', size: 5 }],
        isComplete: false,
      },
      metadata: { requestId: 'req-2', notices: [], pagination: { limit: 10000, latestTimeNano: '1647051415275957459' } },
    });
    expect(logs.logs.logContent[0]?.logType).toBe('stdOut');
    expect(logs.metadata.pagination.latestTimeNano).toBe('1647051415275957459');
  });

  it('reads list and log queries from the query string', () => {
    const query = ListJobsQuerySchema.parse({ projectId: ID, limit: '25', statusFilter: 'Running', ascending: 'TRUE' });
    expect(query).toMatchObject({ offset: 0, limit: 25, sortBy: 'number', statusFilter: 'running', ascending: true, showArchived: false });
    expect(JobLogsQuerySchema.parse({ limit: '50000', logType: 'STDERR' })).toEqual({ limit: 10_000, logType: 'stdErr' });
  });

  it('refuses a bad job, a bad log cursor and a bad start body', () => {
    const { commitDetails: _omitted, ...withoutCommit } = job;
    expect(errorsOf(PaginatedJobEnvelopeV1Schema, { jobs: [withoutCommit], metadata: flatPagination }).join()).toContain('jobs.0.commitDetails');
    expect(errorsOf(JobLogsQuerySchema, { latestTimeNano: '12abc' })).toContain('latestTimeNano: latestTimeNano must be epoch nanoseconds (up to 19 digits)');
    expect(errorsOf(NewJobV1Schema, { projectId: 'nope', runCommand: ' ' })).toEqual([
      'projectId: nope is not a valid ID',
      'runCommand: runCommand must not be empty',
    ]);
    expect(errorsOf(ListJobsQuerySchema, { projectId: ID, sortBy: 'colour' }).join()).toContain('sortBy');
  });
});

describe('hardware tiers', () => {
  const tier = {
    id: 'small-k8s',
    name: 'Small',
    resources: { cores: 1, memory: { value: 4, units: 'gib' }, allowSharedMemoryToExceedDefault: false },
    flags: { isDefault: true, isVisible: true, isGlobal: true, isArchived: false, isDataAnalystTier: false },
    centsPerMinute: 0.25,
    maxSimultaneousExecutions: 10,
    gpuConfiguration: { numberOfGpus: 0, gpuKey: 'nvidia.com/gpu' },
    capacity: {
      numberOfExecutors: 1,
      maxNumberOfExecutors: 4,
      executingRuns: 0,
      queuedRuns: 0,
      maxConcurrentRuns: 4,
      availableCapacityWithoutLaunching: 1,
      maxAvailableCapacity: 4,
      capacityLevel: 'canExecuteWithCurrentInstances',
    },
    creationTime: '2022-03-12T02:13:44.467Z',
    updateTime: '2022-03-12T02:13:44.467Z',
    podCustomization: {},
    metadata: {},
  };

  it('parses a tier list with flat pagination', () => {
    const parsed = PaginatedHardwareTierEnvelopeV1Schema.parse({ hardwareTiers: [tier], metadata: flatPagination });
    expect(parsed.metadata.pagination.limit).toBe(10);
    expect(parsed.hardwareTiers[0]?.resources.memory.units).toBe('GiB');
    expect(parsed.hardwareTiers[0]?.capacity?.capacityLevel).toBe('CanExecuteWithCurrentInstances');
    expect(ListHardwareTiersQuerySchema.parse({ includeArchived: 'True' })).toEqual({ offset: 0, limit: 10, includeArchived: true });
  });

  it('refuses a tier without flags', () => {
    const { flags: _omitted, ...withoutFlags } = tier;
    expect(errorsOf(HardwareTierEnvelopeV1Schema, { hardwareTier: withoutFlags, metadata }).join()).toContain('hardwareTier.flags');
  });
});

describe('datasets', () => {
  const dataset = {
    id: ID,
    name: 'raw',
    createdAt: '2022-03-12T02:13:44.467Z',
    snapshotIds: [ID2],
    tags: { latest: ID2 },
    projectId: ID2,
  };

  it('parses a v2 dataset list, snapshots and grants', () => {
    const parsed = PaginatedDatasetRwEnvelopeV2Schema.parse({
      datasets: [{ dataset, projectInfo: { projectId: ID2, projectName: 'churn', projectOwnerUsername: 'steve_holt' } }],
      metadata: flatPagination,
    });
    expect(parsed.datasets[0]?.dataset.tags).toEqual({ latest: ID2 });
    expect(parsed.metadata.pagination.offset).toBe(0);
    const snapshots = PaginatedSnapshotEnvelopeV1Schema.parse({
      snapshots: [{ id: ID2, datasetId: ID, createdAt: '2022-03-12T02:13:44.467Z', status: 'MarkForDeletion' }],
      metadata: flatPagination,
    });
    expect(snapshots.snapshots[0]?.status).toBe('markForDeletion');
    const grants = DatasetRwGrantDetailsEnvelopeV1Schema.parse({
      grantDetails: [{ targetId: ID2, targetName: 'steve_holt', targetRole: 'datasetrwowner', isOrganization: false }],
      metadata,
    });
    expect(grants.grantDetails[0]?.targetRole).toBe('DatasetRwOwner');
    expect(ListDatasetsV2QuerySchema.parse({ projectIdsToInclude: `${ID},${ID2}`, minimumPermission: 'readdatasetrwv2' })).toMatchObject({
      projectIdsToInclude: [ID, ID2],
      minimumPermission: 'ReadDatasetRwV2',
      includeProjectInfo: false,
    });
  });

  it('refuses bad bodies with clear messages', () => {
    expect(errorsOf(NewDatasetRwV1Schema, { name: 'raw' })).toContain('projectId: either projectId or snapshotId must be provided');
    expect(errorsOf(DatasetRwGrantBodySchema, { targetId: 'bob', targetRole: 'DatasetRwReader' })).toEqual(['targetId: bob is not a valid ID']);
    expect(errorsOf(NewSnapshotV1Schema, { relativeFilePaths: ['../etc/passwd'] })).toEqual([
      'relativeFilePaths.0: relativeFilePaths must not contain "..": "../etc/passwd"',
    ]);
    expect(
      errorsOf(PaginatedDatasetRwEnvelopeV2Schema, { datasets: [{ dataset: { ...dataset, tags: undefined } }], metadata: flatPagination }).join(),
    ).toContain('datasets.0.dataset.tags');
  });
});

describe('environments', () => {
  const environment = {
    id: ID,
    name: 'Domino Standard',
    visibility: 'Global',
    supportedClusters: ['Spark', 'ray'],
    archived: false,
    owner: { id: ID2, username: 'acme', ownerType: 'Organization' },
    latestRevision: { id: ID2, number: 4, availableTools: [{ name: 'jupyter', title: 'Jupyter', startScripts: [] }], status: 'Succeeded' },
  };

  it('parses an environment list with flat pagination', () => {
    const parsed = PaginatedEnvironmentEnvelopeV1Schema.parse({ environments: [environment], metadata: flatPagination });
    const [first] = parsed.environments;
    expect(first?.visibility).toBe('global');
    expect(first?.supportedClusters).toEqual(['spark', 'ray']);
    expect(first?.owner?.ownerType).toBe('organization');
    expect(first?.latestRevision?.status).toBe('succeeded');
    expect(EnvironmentEnvelopeV1Schema.parse({ environment, metadata }).environment.id).toBe(ID);
  });

  it('refuses bad environments and bodies', () => {
    expect(errorsOf(EnvironmentEnvelopeV1Schema, { environment: { ...environment, visibility: 'everyone' }, metadata }).join()).toContain(
      'environment.visibility',
    );
    expect(errorsOf(NewEnvironmentV1Schema, { name: 'env', visibility: 'Private', addBaseDependencies: false })).toEqual([
      'image: image is required when creating a new environment',
    ]);
    expect(errorsOf(NewEnvironmentV1Schema, { duplicateFromEnvironmentId: ID, name: 'copy' }).join()).toContain(
      'no other property may be set with duplicateFromEnvironmentId',
    );
  });
});

describe('models', () => {
  const project = { id: ID2, name: 'churn', ownerUsername: 'steve_holt', isGitBasedProject: false };
  const model = {
    name: 'churn-prediction',
    description: 'Customer churn model',
    project,
    tags: { team: 'growth' },
    ownerUsername: 'martin_hito',
    createdAt: '2022-03-12T02:13:44.467Z',
    updatedAt: '2022-03-12T02:13:44.467Z',
    latestVersion: 2,
    requestingUserAccess: {
      canEditModel: true,
      canEditProjectAssets: true,
      canViewExperimentRuns: true,
      canViewModelApis: true,
      canViewProject: true,
      canViewProjectFiles: true,
    },
  };

  it('parses a bare model, a model list either way and a names list with flat pagination', () => {
    expect(RegisteredModelV1Schema.parse(model).discoverable).toBe(false);
    const tokenPage = PaginatedRegisteredModelsEnvelopeV1Schema.parse({ items: [model], metadata: { ...metadata, pagination: { nextPageToken: 'abc' } } });
    expect(tokenPage.metadata.pagination.nextPageToken).toBe('abc');
    const offsetPage = PaginatedRegisteredModelsEnvelopeV1Schema.parse({ items: [model], metadata: flatPagination });
    expect(offsetPage.metadata.pagination).toMatchObject({ offset: 0, limit: 10, totalCount: 1 });
    const names = PaginatedRegisteredModelNamesV1Schema.parse({ items: ['churn-prediction'], metadata: flatPagination });
    expect(names.metadata.pagination.totalCount).toBe(1);
  });

  it('parses a bare version with its review summary', () => {
    const version = RegisteredModelVersionDetailsV1Schema.parse({
      modelName: 'churn-prediction',
      modelVersion: 2,
      modelVersionDescription: 'v2',
      experimentRunId: 'db79712b47084c27a463a188bf901943',
      currentStage: 'Staging',
      project,
      versionUiDetails: { experimentRunInfo: { metrics: [], params: [], runUrl: '/x' }, modelVersionDataSources: [], modelVersionDatasets: [] },
      tags: {},
      ownerUsername: 'martin_hito',
      createdAt: '2022-03-12T02:13:44.467Z',
      updatedAt: '2022-03-12T02:13:44.467Z',
      reviewSummary: {
        modelReviewId: ID,
        targetStage: 'Production',
        notes: 'please',
        status: 'open',
        reviewerResponses: [{ reviewer: { id: ID2, username: 'r', firstName: 'R', lastName: 'S' }, decision: 'approved' }],
      },
    });
    expect(version.reviewSummary?.status).toBe('Open');
    expect(version.reviewSummary?.reviewerResponses[0]?.decision).toBe('Approved');
  });

  it('refuses a model without access flags and bad review bodies', () => {
    const { requestingUserAccess: _omitted, ...withoutAccess } = model;
    expect(errorsOf(RegisteredModelV1Schema, withoutAccess).join()).toContain('requestingUserAccess');
    expect(errorsOf(NewRegisteredModelReviewV1Schema, { targetStage: 'Production', reviewers: [] })).toEqual(['reviewers: reviewers must not be empty']);
    expect(errorsOf(NewRegisteredModelReviewResponseV1Schema, { decision: 'requestchanges' })).toEqual([
      'notes: notes must give a reason when the decision is RequestChanges',
    ]);
    expect(errorsOf(UpdatedRegisteredModelReviewV1Schema, { reviewers: [{ userId: ID }], status: 'canceled' })).toEqual([
      ': change reviewers or cancel the review, not both at once',
    ]);
  });
});

describe('cost', () => {
  it('parses the spec flat list', () => {
    const parsed = CostAllocationEnvelopeV1Schema.parse({
      data: [
        { name: 'churn', cpuCost: 1.25, cpuEfficincy: 0.42, totalCost: 3.5, labels: { project_name: 'churn' }, window: { start: 'a', end: 'b', minutes: 60 } },
      ],
    });
    expect(parsed.data).toHaveLength(1);
    expect(parsed.data[0]).toMatchObject({ name: 'churn', cpuCost: 1.25, cpuEfficincy: 0.42, labels: { project_name: 'churn' } });
  });

  it('flattens kubecost step maps and reads its spellings', () => {
    const parsed = CostAllocationEnvelopeV1Schema.parse({
      data: [
        { churn: { cpuEfficiency: 0.5, gpuCost: 2.75, totalCost: 4.1, properties: { labels: { project_id: ID } }, pvs: null } },
        { churn: { name: 'churn', totalCost: 1.1 }, __idle__: { totalCost: 0.3 } },
      ],
    });
    expect(parsed.data.map((allocation) => allocation.name)).toEqual(['churn', 'churn', '__idle__']);
    expect(parsed.data[0]).toMatchObject({ cpuEfficincy: 0.5, cpuEfficiency: 0.5, gpucost: 2.75, gpuCost: 2.75, labels: { project_id: ID } });
    const assets = CostAssetsEnvelopeV1Schema.parse({
      data: [{ 'cluster-one/node-a': { type: 'Node', totalCost: 9.5, properties: { providerID: 'i-123', category: 'Compute' } } }],
    });
    expect(assets.data[0]).toMatchObject({ name: 'cluster-one/node-a', totalCost: 9.5, properties: { providerId: 'i-123' } });
  });

  it('reads 6.2 and 5.9.1 spellings alike and keeps labels beyond the spec', () => {
    const [v62, v59] = CostAllocationEnvelopeV1Schema.parse({
      data: [
        { name: 'a', gpuCost: 1.5, gpuCostAdjustment: 0, nodeType: 'gpu-small', labels: { billing_tag: 'finance', hardware_tier_id: 'gpu-small', team: 'x' } },
        { name: 'b', gpucost: 2.5, gpucostAdjustment: 0.25, cpuEfficincy: 0.3 },
      ],
    }).data;
    expect(v62).toMatchObject({ gpuCost: 1.5, gpucost: 1.5, gpuCostAdjustment: 0, gpucostAdjustment: 0, nodeType: 'gpu-small' });
    expect(v62!.labels).toEqual({ billing_tag: 'finance', hardware_tier_id: 'gpu-small', team: 'x' });
    expect(v59).toMatchObject({ gpuCost: 2.5, gpucost: 2.5, gpuCostAdjustment: 0.25, cpuEfficiency: 0.3, cpuEfficincy: 0.3 });
    expect(errorsOf(CostAllocationQuerySchema, { window: 'today', shareSplit: 'half' })).toEqual(['shareSplit: shareSplit must be even or weighted']);
    expect(CostAllocationQuerySchema.parse({ window: 'today', shareSplit: 'Even' }).shareSplit).toBe('even');
  });

  it('refuses a bad answer and a bad window', () => {
    errorsOf(CostAllocationEnvelopeV1Schema, { data: [{ name: 'churn', totalCost: 'lots' }] });
    errorsOf(CostAllocationEnvelopeV1Schema, { data: { churn: {} } });
    expect(CostAllocationQuerySchema.parse({ window: 'LastWeek', aggregate: 'label:project_id' }).accumulate).toBe(false);
    expect(CostAllocationQuerySchema.parse({ window: '2021-03-10T00:00:00Z,2021-03-11T00:00:00Z' }).window).toContain(',');
    expect(errorsOf(CostAllocationQuerySchema, { window: 'fortnight' })[0]).toContain('window must be today');
    expect(errorsOf(CostAllocationQuerySchema, {})).toEqual(['window: window is required']);
  });
});

describe('monitoring', () => {
  it('parses metric values and an alert with a PascalCase condition', () => {
    const values = MetricValuesEnvelopeV1Schema.parse({
      metricValues: [{ value: 0.93, referenceTimestamp: '2013-07-01T17:55:13-07:00', tags: [{ key: 'region', value: 'eu' }] }],
      metadata,
    });
    expect(values.metricValues[0]?.value).toBe(0.93);
    const alert = MetricAlertRequestV1Schema.parse({
      modelMonitoringId: 'mm-1',
      metric: 'accuracy',
      value: 0.7,
      targetRange: { condition: 'Between', lowerLimit: 0.8, upperLimit: 1 },
    });
    expect(alert.targetRange.condition).toBe('between');
  });

  it('refuses bad bodies', () => {
    expect(
      errorsOf(MetricAlertRequestV1Schema, {
        modelMonitoringId: 'mm-1',
        metric: 'accuracy',
        value: 0.7,
        targetRange: { condition: 'between', lowerLimit: 0.8 },
      }),
    ).toEqual([
      "targetRange.upperLimit: targetRange.upperLimit is missing: a between range needs it (a limit of 0 must be sent as 0; Domino's Python client leaves 0 out)",
    ]);
    expect(
      errorsOf(NewMetricValuesEnvelopeV1Schema, {
        newMetricValues: [{ modelMonitoringId: 'mm-1', metric: 'accuracy', value: 1, referenceTimestamp: '2013-07-01 17:55' }],
      })[0],
    ).toContain('referenceTimestamp must be an RFC 3339 timestamp');
    errorsOf(MetricValuesEnvelopeV1Schema, { metricValues: [{ value: '0.9', referenceTimestamp: 'x', tags: [] }], metadata });
  });
});

describe('async predictions', () => {
  it('parses the request and result envelopes', () => {
    expect(AsyncPredictionRequestEnvelopeV1Schema.parse({ asyncPredictionId: 'p-1' }).asyncPredictionId).toBe('p-1');
    const result = AsyncPredictionEnvelopeV1Schema.parse({ asyncPredictionId: 'p-1', status: 'succeeded', result: { prediction: [1, 0] } });
    expect(result.status).toBe('Succeeded');
    expect(AsyncPredictionEnvelopeV1Schema.parse({ asyncPredictionId: 'p-2', status: 'Expired' }).status).toBe('Expired');
  });

  it('refuses a result without a status and a body without parameters', () => {
    expect(errorsOf(AsyncPredictionEnvelopeV1Schema, { asyncPredictionId: 'p-1' }).join()).toContain('status');
    expect(errorsOf(NewAsyncPredictionV1Schema, { parameters: [1, 2] })).toEqual(['parameters: parameters must be a JSON object']);
  });
});
