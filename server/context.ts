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
  /** Whether a dataset id names a dataset; the datasets family (not built yet) owns datasets. */
  datasetExists(datasetId: string): boolean;
}

export function createContext(db: Db, clock: Clock, dataDir: string): ServerContext {
  return {
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
    datasetExists: () => false,
  };
}
