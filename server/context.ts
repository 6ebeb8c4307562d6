// What every route module and service needs: the database, its repositories and the clock.
import type { Clock } from './clock';
import type { Db } from './db/database';
import { apiKeysRepository } from './db/api-keys-repository';
import { gitCredentialsRepository } from './db/git-credentials-repository';
import { organizationsRepository } from './db/organizations-repository';
import { usersRepository } from './db/users-repository';

export interface ServerContext {
  db: Db;
  clock: Clock;
  dataDir: string;
  users: ReturnType<typeof usersRepository>;
  apiKeys: ReturnType<typeof apiKeysRepository>;
  gitCredentials: ReturnType<typeof gitCredentialsRepository>;
  organizations: ReturnType<typeof organizationsRepository>;
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
  };
}
