// The jobs family's rules, each pinned by a test that fails without it: who may stop a job, and
// that a request naming one project cannot change a job of another.
import { describe, expect, it } from 'vitest';
import { describeAuthorizationMatrix, oneUserPerActor, row } from './authorization-matrix';
import { newProject, projectWithFiles, startJob } from './fixtures';
import { startTestServer, UNKNOWN_ID } from './helper';

type Actor = 'owner' | 'contributor' | 'launcherUser' | 'otherLauncher' | 'resultsConsumer' | 'stranger' | 'admin';
const ACTORS: readonly Actor[] = ['owner', 'contributor', 'launcherUser', 'otherLauncher', 'resultsConsumer', 'stranger', 'admin'];
const ROLES = { contributor: 'contributor', launcherUser: 'launcherUser', otherLauncher: 'launcherUser', resultsConsumer: 'resultsConsumer' } as const;

describeAuthorizationMatrix<Actor, { jobId: string }>('who may stop a job the launcherUser started', {
  actors: ACTORS,
  users: oneUserPerActor(ACTORS),
  async fixture(server, users) {
    const project = await newProject(server, users.owner);
    for (const [actor, role] of Object.entries(ROLES))
      await server.call(users.owner, {
        method: 'POST',
        url: `/api/projects/v1/projects/${project.id}/collaborators`,
        payload: { id: users[actor as Actor].id, role },
      });
    const job = await startJob(server, users.launcherUser, project.id, 'sleep 30');
    return { jobId: job.id };
  },
  actions: [
    {
      name: 'stop',
      // Whoever started it, or a project editor; another launcher may not; a stranger does not know it.
      expected: row(ACTORS, ['owner', 'contributor', 'launcherUser', 'admin'], { hidden: ['stranger'] }),
      request: ({ jobId }) => ({ method: 'POST', url: `/api/embedded/v1/jobs/${jobId}/stop` }),
    },
  ],
  async cleanUp(server) {
    for (const job of server.app.ctx.jobs.live()) await server.app.ctx.runner.stop(job.id, 'test over');
  },
});

describe('a request names the job’s own project', () => {
  it('refuses to remove a tag, link or unlink a goal through another project, and says what is missing', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await projectWithFiles(server, maya, {});
    const other = await newProject(server, maya);
    const job = await startJob(server, maya, project.id, 'true');
    const tag = (await server.call(maya, { method: 'POST', url: `/api/jobs/v1/jobs/${job.id}/tags`, payload: { tagName: 'keep', projectId: project.id } })).body
      .tag;
    const goal = (await server.call(maya, { method: 'POST', url: `/api/projects/v1/projects/${project.id}/goals`, payload: { title: 'Goal' } })).body.goal;

    const wrongTag = await server.call(maya, { method: 'DELETE', url: `/api/jobs/v1/jobs/${job.id}/tags/${tag.id}?projectId=${other.id}` });
    expect(wrongTag.status).toBe(400);
    expect(wrongTag.body.errors[0]).toMatch(/belongs to project/);
    expect((await server.call(maya, { method: 'DELETE', url: `/api/jobs/v1/jobs/${job.id}/tags/${UNKNOWN_ID}?projectId=${project.id}` })).status).toBe(404);

    const wrongLink = await server.call(maya, { method: 'POST', url: `/api/jobs/v1/goals?jobId=${job.id}`, payload: { goalId: goal.id, projectId: other.id } });
    expect(wrongLink.status).toBe(400);
    expect(
      (await server.call(maya, { method: 'POST', url: `/api/jobs/v1/goals?jobId=${job.id}`, payload: { goalId: goal.id, projectId: project.id } })).status,
    ).toBe(200);
    const wrongUnlink = await server.call(maya, { method: 'DELETE', url: `/api/jobs/v1/goals/${goal.id}?jobId=${job.id}&projectId=${other.id}` });
    expect(wrongUnlink.status).toBe(400);
    // Nothing changed through the wrong project.
    expect((await server.call(maya, { method: 'GET', url: `/api/jobs/beta/jobs/${job.id}` })).body.job).toMatchObject({
      goalIds: [goal.id],
      tags: [expect.objectContaining({ id: tag.id })],
    });
    await server.app.ctx.runner.settled(job.id);
  });
});
