// What every route module and service needs: the database, its repositories, the clock, the git
// repositories, and the job runner. createApp builds it (createContext for the parts that need no
// runner, then the runner on its own narrow dependencies).
import path from 'node:path';
import type { Clock } from './clock';
import type { Db } from './db/database';
import { apiKeysRepository, type ApiKeysRepository } from './db/api-keys-repository';
import { costRepository, type CostRepository } from './db/cost-repository';
import { gitCredentialsRepository, type GitCredentialsRepository } from './db/git-credentials-repository';
import { hardwareTiersRepository, type HardwareTiersRepository } from './db/hardware-tiers-repository';
import { jobLogsRepository, type JobLogsRepository } from './db/job-logs-repository';
import { mlflowRepository, type MlflowRepository } from './db/mlflow-repository';
import { modelApisRepository, type ModelApisRepository } from './db/model-apis-repository';
import { registryRepository, type RegistryRepository } from './db/registry-repository';
import { jobsRepository, type JobsRepository } from './db/jobs-repository';
import { monitoringRepository, type MonitoringRepository } from './db/monitoring-repository';
import { organizationsRepository, type OrganizationsRepository } from './db/organizations-repository';
import { projectPartsRepository, type ProjectPartsRepository } from './db/project-parts-repository';
import { projectsRepository, type ProjectsRepository } from './db/projects-repository';
import { signInLinksRepository, type SignInLinksRepository } from './db/sign-in-links-repository';
import { usersRepository, type UsersRepository } from './db/users-repository';
import { GitRepositories } from './git/git-repositories';
import type { JobRunner } from './jobs/runner';
import type { ModelWorkers } from './jobs/model-workers';
import { tasksRepository } from './db/tasks-repository';
import { newObjectId } from './http/ids';
import type { DatasetCatalog } from './services/dataset-catalog';
import { installDatasets, type DatasetsState } from './services/datasets';
import { installEnvironments, type EnvironmentsState } from './services/environments';
import type { SandboxStatus } from './jobs/sandbox';
import { TaskQueue } from './tasks/task-queue';
import { CostEngine } from './services/cost/engine';

/** Everything but the runner: what the runner's own dependencies are made from. */
export interface BaseContext {
  db: Db;
  clock: Clock;
  dataDir: string;
  users: UsersRepository;
  apiKeys: ApiKeysRepository;
  signInLinks: SignInLinksRepository;
  gitCredentials: GitCredentialsRepository;
  organizations: OrganizationsRepository;
  projects: ProjectsRepository;
  projectParts: ProjectPartsRepository;
  git: GitRepositories;
  hardwareTiers: HardwareTiersRepository;
  jobs: JobsRepository;
  jobLogs: JobLogsRepository;
  mlflow: MlflowRepository;
  registry: RegistryRepository;
  /** Model APIs, their versions and logs, the async prediction queue, worker executions. */
  modelApis: ModelApisRepository;
  /** Model monitoring: metric series, values, alerts. */
  monitoring: MonitoringRepository;
  /** The cost engine's tables: executions as they ran, label sets, rollups. */
  costs: CostRepository;
  /** Folds ended executions into the rollups and answers cost queries (decision 35). */
  costEngine: CostEngine;
  /** What other families ask of datasets (links, copies, job mounts). */
  datasets: DatasetCatalog;
  /** The datasets family's own state (its repository, directories, task kind); set by installDatasets. */
  datasetState?: DatasetsState;
  /** The environments family's state (its repository, build task kind); set by installEnvironments. */
  environments?: EnvironmentsState;
  /** Durable background tasks (snapshots, builds, predictions, rollups); started by bootstrap. */
  tasks: TaskQueue;
  /** Background work to end before the database closes (e.g. the demo's history replay). */
  onShutdown: Array<() => Promise<void>>;
}

export interface ServerContext extends BaseContext {
  runner: JobRunner;
  /** The workers of deployed Model APIs and their prediction queues. */
  modelWorkers: ModelWorkers;
}

export function createContext(
  db: Db,
  clock: Clock,
  dataDir: string,
  options: {
    datasetUploadLimit?: number;
    reportError?: (error: unknown, subjectId: string) => void;
    /** Which sandbox environment builds run their RUN lines in (the runner's). */
    buildSandbox?: () => SandboxStatus;
  } = {},
): BaseContext {
  const base: BaseContext = {
    db,
    clock,
    dataDir,
    users: usersRepository(db),
    apiKeys: apiKeysRepository(db),
    signInLinks: signInLinksRepository(db),
    gitCredentials: gitCredentialsRepository(db),
    organizations: organizationsRepository(db),
    projects: projectsRepository(db),
    projectParts: projectPartsRepository(db),
    git: new GitRepositories(path.join(dataDir, 'repositories')),
    hardwareTiers: hardwareTiersRepository(db),
    jobs: jobsRepository(db),
    jobLogs: jobLogsRepository(db),
    mlflow: mlflowRepository(db),
    registry: registryRepository(db),
    modelApis: modelApisRepository(db),
    monitoring: monitoringRepository(db),
    costs: undefined as unknown as CostRepository,
    costEngine: undefined as unknown as CostEngine,
    datasets: undefined as unknown as DatasetCatalog, // installed just below: it is built on this context
    tasks: new TaskQueue(tasksRepository(db), clock, { newId: () => newObjectId(clock), reportError: options.reportError }),
    onShutdown: [],
  };
  base.costs = costRepository(db);
  base.costEngine = new CostEngine(base.costs, () => base.hardwareTiers.list());
  base.datasets = installDatasets(base, { uploadLimit: options.datasetUploadLimit });
  installEnvironments(base, options.buildSandbox ?? (() => ({ mode: 'unavailable', hint: 'no job sandbox on this server' })));
  return base;
}
