import { describe, expect, it } from 'vitest';
import { buildsDrained } from '../services/environments';
import { builtRevision, EMBEDDED_ENVIRONMENTS, ENVIRONMENT, ENVIRONMENTS, newEnvironment } from './environment-fixtures';
import { finishedJob, newProject, startJob, stdOut } from './fixtures';
import { startTestServer, type TestServer, type TestUser, UNKNOWN_ID } from './helper';

const TOOLING = [
  'ARG VERSION=2.0',
  'ENV GREETING="hello from the environment"',
  'RUN mkdir -p "$DOMINO_ENVIRONMENT_DIR/bin" && printf \'#!/bin/bash\\necho "greet v$1"\\n\' > "$DOMINO_ENVIRONMENT_DIR/bin/greet" && chmod +x "$DOMINO_ENVIRONMENT_DIR/bin/greet"',
].join('\n');

async function builtEnvironment(server: TestServer, as: TestUser, body: Record<string, unknown>) {
  const env = await newEnvironment(server, as, body);
  const revision = await builtRevision(server, as, env.id, env.latestRevision!.id);
  expect(revision.status, revision.failure).toBe('succeeded');
  return env;
}

describe('jobs on an environment', () => {
  it("set the revision's variables, run its pre- and post-run scripts around the command, and find its RUN output on PATH", async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await newProject(server, maya);
    const env = await builtEnvironment(server, maya, {
      dockerfileInstructions: TOOLING,
      environmentVariables: [{ key: 'TEAM', value: 'risk' }],
      preRunScript: 'export FROM_PRE=yes\necho "pre-run in $PWD"',
      postRunScript: 'echo "post-run saw $FROM_PRE"',
    });
    const job = await startJob(
      server,
      maya,
      project.id,
      'echo "$TEAM|$GREETING|$FROM_PRE|${VERSION:-no build args}"; greet 2; echo "$DOMINO_ENVIRONMENT_DIR"',
      {
        environmentId: env.id,
      },
    );
    const done = await finishedJob(server, maya, job);
    const out = await stdOut(server, maya, job.id);
    expect(done.status.executionStatus, out.join('\n')).toBe('Succeeded');
    expect(out).toEqual(['pre-run in /mnt', 'risk|hello from the environment|yes|no build args', 'greet v2', '/opt/domino/environment', 'post-run saw yes']);
    // Recorded on the job: the revision lists it.
    const jobs = await server.call(maya, { method: 'GET', url: `${EMBEDDED_ENVIRONMENTS}/${env.id}/revisions/${env.latestRevision!.id}/jobs` });
    expect(jobs.status).toBe(200);
    expect(jobs.body.jobs).toEqual([expect.objectContaining({ jobId: job.id, projectId: project.id, number: job.number, status: 'Succeeded' })]);
    expect(jobs.body.metadata.totalCount).toBe(1);
    // Others see only the jobs of projects they may read.
    const omar = await server.newUser('omar');
    const global = await builtEnvironment(server, server.admin, { visibility: 'global' });
    await finishedJob(server, maya, await startJob(server, maya, project.id, 'true', { environmentId: global.id }));
    const seen = await server.call(omar, { method: 'GET', url: `${EMBEDDED_ENVIRONMENTS}/${global.id}/revisions/${global.latestRevision!.id}/jobs` });
    expect(seen.body.jobs).toEqual([]);
    const admin = await server.call(server.admin, { method: 'GET', url: `${EMBEDDED_ENVIRONMENTS}/${global.id}/revisions/${global.latestRevision!.id}/jobs` });
    expect(admin.body.jobs).toHaveLength(1);
  });

  it("keep the command's exit status after the post-run script; a failing pre-run script stops the run", async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await newProject(server, maya);
    const env = await builtEnvironment(server, maya, { postRunScript: 'echo post; exit 0' });
    const failed = await finishedJob(server, maya, await startJob(server, maya, project.id, 'echo cmd; exit 4', { environmentId: env.id }));
    expect(failed.status.executionStatus).toBe('Failed');
    const stopped = await builtEnvironment(server, maya, { preRunScript: 'false' });
    const job = await startJob(server, maya, project.id, 'echo never', { environmentId: stopped.id });
    expect((await finishedJob(server, maya, job)).status.executionStatus).toBe('Failed');
    expect(await stdOut(server, maya, job.id)).toEqual([]);
  });

  it('pick the revision the spec names, and refuse with why', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const project = await newProject(server, maya);
    const env = await builtEnvironment(server, maya, { environmentVariables: [{ key: 'REV', value: 'one' }] });
    const bad = await server.call(maya, {
      method: 'POST',
      url: `${ENVIRONMENTS}/${env.id}/revisions`,
      payload: { dockerfileInstructions: 'RUN exit 1', environmentVariables: [{ key: 'REV', value: 'two' }] },
    });
    const failedId = bad.body.environmentRevision.id;
    await buildsDrained(server.app.ctx);
    const start = (extra: Record<string, unknown>) =>
      server.call(maya, { method: 'POST', url: '/api/jobs/v1/jobs', payload: { projectId: project.id, runCommand: 'echo $REV', ...extra } });

    const active = await start({ environmentId: env.id, environmentRevisionSpec: 'ActiveRevision' });
    expect(active.status).toBe(200);
    expect(await stdOut(server, maya, (await finishedJob(server, maya, active.body.job.id)).id)).toEqual(['one']);
    const some = await start({ environmentId: env.id, environmentRevisionSpec: `SomeRevision(${env.latestRevision!.id})` });
    expect(some.status).toBe(200);

    const refusals: Array<[Record<string, unknown>, string]> = [
      [
        { environmentId: env.id, environmentRevisionSpec: 'LatestRevision' },
        `environmentRevisionSpec: the latest revision of ${env.name} is revision #2, and its build failed (line 1: RUN exited with code 1)`,
      ],
      [
        { environmentId: env.id, environmentRevisionSpec: `SomeRevision(${failedId})` },
        `environmentRevisionSpec: the revision asked for of ${env.name} is revision #2, and its build failed (line 1: RUN exited with code 1)`,
      ],
      [
        { environmentId: env.id, environmentRevisionSpec: `SomeRevision(${UNKNOWN_ID})` },
        `environmentRevisionSpec: ${UNKNOWN_ID} is not a revision of ${env.name}`,
      ],
      [{ environmentRevisionSpec: 'ActiveRevision' }, 'environmentRevisionSpec: it names a revision of environmentId, which is missing'],
      [{ environmentId: UNKNOWN_ID }, `environmentId: no environment ${UNKNOWN_ID} you may use`],
    ];
    for (const [extra, message] of refusals) {
      const res = await start(extra);
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.body.errors).toEqual([message]);
    }
    const others = await newEnvironment(server, omar);
    expect((await start({ environmentId: others.id })).body.errors).toEqual([`environmentId: no environment ${others.id} you may use`]);
    const neverBuilt = await newEnvironment(server, maya, { dockerfileInstructions: 'FROM x' });
    await buildsDrained(server.app.ctx);
    expect((await start({ environmentId: neverBuilt.id })).body.errors).toEqual([`environmentRevisionSpec: ${neverBuilt.name} has no revision that built yet`]);

    // Archived: no new jobs, but the jobs that used it still resolve it.
    expect((await server.call(maya, { method: 'DELETE', url: `${ENVIRONMENT}/${env.id}` })).status).toBe(200);
    expect((await start({ environmentId: env.id })).body.errors).toEqual([`environmentId: the environment ${env.name} is archived`]);
    const used = await server.call(maya, { method: 'GET', url: `${EMBEDDED_ENVIRONMENTS}/${env.id}/revisions/${env.latestRevision!.id}/jobs` });
    expect(used.body.jobs).toHaveLength(2);
  });
});
