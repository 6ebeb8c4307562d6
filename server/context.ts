// What every route module and service needs: the database, its repositories and the clock.
import type { Clock } from './clock';
import type { Db } from './db/database';
import { apiKeysRepository } from './db/api-keys-repository';
import { gitCredentialsRepository } from './db/git-credentials-repository';
import { organizationsRepository } from './db/organizations-repository';
import { projectPartsRepository } from './db/project-parts-repository';
import { projectsRepository } from './db/projects-repository';
import path from 'node:path';
import { GitRepositories } from './git/git-repositories';
import { hardwareTiersRepository } from './db/hardware-tiers-repository';
import { jobLogsRepository } from './db/job-logs-repository';
import { jobsRepository } from './db/jobs-repository';
import type { RequestDispatcher } from './jobs/api-relay';
import { JobRunner } from './jobs/runner';
import type { SandboxStatus } from './jobs/sandbox';
import { NO_DATASETS, type DatasetCatalog } from './services/dataset-catalog';
import { usersRepository } from './db/users-repository';

export interface ServerContext {
  db: Db;
  clock: Clock;
  dataDir: string;
  users: ReturnType<typeof usersRepository>;
  apiKeys: ReturnType<typeof apiKeysRepository>;
  gitCredentials: ReturnType<typeof gitCredentialsRepository>;
  organizations: ReturnType<typeof organizationsRepository>;
  projects: ReturnType<typeof projectsRepository>;
  projectParts: ReturnType<typeof projectPartsRepository>;
  git: GitRepositories;
  hardwareTiers: ReturnType<typeof hardwareTiersRepository>;
  jobs: ReturnType<typeof jobsRepository>;
  jobLogs: ReturnType<typeof jobLogsRepository>;
  runner: JobRunner;
  /** Background work to end before the database closes (e.g. the demo's history replay). */
  onShutdown: Array<() => Promise<void>>;
  /** The datasets the projects family links to (the datasets family provides the catalog). */
  datasets: DatasetCatalog;
}

export interface ContextOptions {
  /** The API address unsandboxed jobs are given as DOMINO_API_HOST (known once the server listens). */
  apiHost: () => string;
  /** Hands a sandboxed job's API request to the app (undefined until it is ready). */
  dispatcher: () => RequestDispatcher | undefined;
  /** The server log, for the details of a platform failure. */
  reportError: (error: unknown, jobId: string) => void;
  /** Which sandbox jobs run in; found by probing the machine unless given (tests). */
  sandbox?: () => SandboxStatus;
  datasets?: DatasetCatalog;
}

export function createContext(db: Db, clock: Clock, dataDir: string, options: ContextOptions): ServerContext {
  const partial: Omit<ServerContext, 'runner'> = {
    db,
    clock,
    dataDir,
    users: usersRepository(db),
    apiKeys: apiKeysRepository(db),
    gitCredentials: gitCredentialsRepository(db),
    organizations: organizationsRepository(db),
    projects: projectsRepository(db),
    projectParts: projectPartsRepository(db),
    git: new GitRepositories(path.join(dataDir, 'repositories')),
    hardwareTiers: hardwareTiersRepository(db),
    jobs: jobsRepository(db),
    jobLogs: jobLogsRepository(db),
    datasets: options.datasets ?? NO_DATASETS,
    onShutdown: [],
  };
  // The runner works on the context it belongs to.
  const ctx = partial as ServerContext;
  ctx.runner = new JobRunner(ctx, { clock, workRoot: path.join(dataDir, 'work'), ...options });
  return ctx;
}
