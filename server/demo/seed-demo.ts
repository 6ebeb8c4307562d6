// The demo workspace created on a first start with an empty data dir. Everything goes through the
// same services the API handlers call, so the demo holds only what the API itself could produce.
// Later families append their own seeding steps here.
import type { ServerContext } from '../context';
import { readSetting, writeSetting } from '../db/database';
import type { UserRow } from '../db/users-repository';
import { createOrganization, setOrganizationMember } from '../services/organizations';
import { addGitCredential, createUser } from '../services/users';
import { demoHistoryUnfinished, replayDemoJobHistory, restartDemoLongJobs, startDemoLongJobs } from './seed-demo-jobs';
import { asActor, DEMO_SETTING, DEMO_USERS, type DemoWorkspace } from './demo-workspace';
import { seedDemoCost } from './seed-demo-cost';
import { seedDemoDatasets } from './seed-demo-datasets';
import { seedDemoEnvironments } from './seed-demo-environments';
import { seedDemoMonitoring } from './seed-demo-monitoring';
import { seedDemoProjects } from './seed-demo-projects';
import { demoRegistryUnfinished, seedDemoRegistry } from './seed-demo-registry';

export async function seedDemo(ctx: ServerContext, admin: UserRow): Promise<DemoWorkspace> {
  const workspace = seedDemoPeople(ctx, admin);
  await seedDemoProjects(ctx, admin, workspace.users);
  // Before anything runs: the projects' billing tags are set here, and executions copy them as they start.
  seedDemoCost(ctx);
  // Before the datasets: their job snapshots a dataset when it ends, which the demo shows as it happens.
  await seedDemoEnvironments(ctx, admin, workspace.users);
  seedDemoMonitoring(ctx, workspace.users);
  await seedDemoDatasets(ctx, workspace.users);
  await startDemoLongJobs(ctx);
  writeSetting(ctx.db, DEMO_SETTING, ctx.clock.now().toISOString());
  startDemoHistory(ctx);
  startDemoRegistry(ctx);
  return workspace;
}

/**
 * On a later start: the live jobs start again if none runs, and the demo's history, if a stop
 * interrupted its replay, goes on from there.
 */
export async function resumeDemo(ctx: ServerContext): Promise<void> {
  if (readSetting(ctx.db, DEMO_SETTING) === undefined) return;
  await restartDemoLongJobs(ctx);
  if (demoHistoryUnfinished(ctx)) startDemoHistory(ctx);
  if (demoRegistryUnfinished(ctx)) startDemoRegistry(ctx);
}

/** The registry's training jobs and registrations fill in while the server already serves. */
function startDemoRegistry(ctx: ServerContext): void {
  seedDemoRegistry(ctx).catch((error: Error) => console.error(`The demo's model registry stopped early: ${error.message}`));
}

/** The history (a few hundred real runs) fills in while the server already serves. */
function startDemoHistory(ctx: ServerContext): void {
  const history = replayDemoJobHistory(ctx);
  ctx.onShutdown.push(() => history.close());
  history.done.catch((error: Error) => console.error(`The demo's job history stopped early: ${error.message}`));
}

function seedDemoPeople(ctx: ServerContext, admin: UserRow): DemoWorkspace {
  return ctx.db.transaction(() => {
    const users = Object.fromEntries(DEMO_USERS.map((u) => [u.userName, createUser(ctx, { ...u, isAdmin: false })])) as DemoWorkspace['users'];

    const risk = createOrganization(ctx, asActor(users['maya.chen']), {
      name: 'Risk Analytics',
      members: [
        { userId: users['omar.haddad'].id, organizationRole: 'member' },
        { userId: users['lena.fischer'].id, organizationRole: 'member' },
        { userId: users['raj.patel'].id, organizationRole: 'admin' },
      ],
    });
    createOrganization(ctx, asActor(users['sofia.rossi']), {
      name: 'Growth Data Science',
      members: [
        { userId: users['tomas.novak'].id, organizationRole: 'member' },
        { userId: users['aiko.tanaka'].id, organizationRole: 'member' },
        { userId: users['maya.chen'].id, organizationRole: 'member' },
      ],
    });
    // The admin joins one organization, as a member added by its admin.
    setOrganizationMember(ctx, asActor(users['maya.chen']), risk.id, admin.id, 'member');

    addGitCredential(ctx, users['maya.chen'].id, {
      name: 'GitHub (work)',
      gitServiceProvider: 'github',
      domain: 'github.com',
      protocol: 'https',
      secret: 'demo-token-maya-chen',
    });
    addGitCredential(ctx, users['omar.haddad'].id, {
      name: 'Internal GitLab',
      gitServiceProvider: 'gitLabEnterprise',
      domain: 'gitlab.internal.example.com',
      protocol: 'ssh',
      secret: 'demo-key-omar-haddad',
    });
    addGitCredential(ctx, admin.id, {
      name: 'GitHub',
      gitServiceProvider: 'github',
      domain: 'github.com',
      protocol: 'https',
      secret: 'demo-token-admin',
    });

    return { users };
  })();
}
