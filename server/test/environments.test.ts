import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildsDrained } from '../services/environments';
import { builtRevision, buildLog, EMBEDDED_ENVIRONMENTS, ENVIRONMENT, ENVIRONMENTS, newEnvironment } from './environment-fixtures';
import { startTestServer, type TestServer, type TestUser, UNKNOWN_ID } from './helper';

async function createOrg(server: TestServer, as: TestUser, members: Array<{ user: TestUser; role: 'member' | 'admin' }> = []) {
  const res = await server.call(as, {
    method: 'POST',
    url: '/api/organizations/v1/organizations',
    payload: { name: `org-${Math.random().toString(36).slice(2, 10)}`, members: members.map((m) => ({ userId: m.user.id, organizationRole: m.role })) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.org as { id: string; name: string };
}

const names = (res: { body: { environments: Array<{ name: string }> } }) => res.body.environments.map((e) => e.name);

describe('creating and seeing environments', () => {
  it('builds the first revision, walking the states, and answers which revision is which', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const env = await newEnvironment(server, maya, {
      name: 'py-tools',
      dockerfileInstructions: 'ENV GREETING=hello\nARG LEVEL=3',
      environmentVariables: [{ key: 'TEAM', value: 'risk' }],
      tags: ['python'],
      supportedClusters: ['spark'],
    });
    expect(env).toMatchObject({ name: 'py-tools', visibility: 'private', archived: false, owner: { id: maya.id, username: 'maya', ownerType: 'individual' } });
    expect(env.latestRevision).toMatchObject({ number: 1, status: 'queued' });
    const revision = await builtRevision(server, maya, env.id, env.latestRevision!.id);
    expect(revision.status).toBe('succeeded');
    const log = await buildLog(server, maya, env.id, env.latestRevision!.id);
    expect(log[0]).toBe('Building revision #1 of py-tools');
    expect(log).toContain('line 1: ENV GREETING=hello');
    expect(log).toContain('line 2: ARG LEVEL=3');
    expect(log.at(-1)).toBe('Revision #1 built');
    const got = await server.call(maya, { method: 'GET', url: `${ENVIRONMENT}/${env.id}` });
    expect(got.body.environment).toMatchObject({
      selectedRevision: { id: env.latestRevision!.id, number: 1, status: 'succeeded' },
      latestRevision: { id: env.latestRevision!.id, number: 1 },
      activeRevisionTags: ['python'],
      supportedClusters: ['spark'],
    });
    expect(got.body.environment.restrictedRevision).toBeUndefined();
  });

  it('shows global ones to all, private ones to their owner, organization ones to its members; searches and filters', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const lee = await server.newUser('lee');
    const org = await createOrg(server, server.admin, [{ user: maya, role: 'member' }]);
    const forbiddenGlobal = await server.call(maya, {
      method: 'POST',
      url: ENVIRONMENTS,
      payload: { name: 'g', image: 'ubuntu:22.04', visibility: 'global', addBaseDependencies: false },
    });
    expect(forbiddenGlobal.status).toBe(403);
    expect(forbiddenGlobal.body.errors).toEqual(['Only site administrators may create global environments']);
    const global = await newEnvironment(server, server.admin, { name: 'Domino Standard', visibility: 'global', isCurated: true });
    expect(global.owner).toBeUndefined();
    const mine = await newEnvironment(server, maya, { name: 'maya private' });
    const orgEnv = await newEnvironment(server, maya, { name: 'team env', orgOwnerId: org.id });
    expect(orgEnv).toMatchObject({ visibility: 'organization', owner: { id: org.id, username: org.name, ownerType: 'organization' } });
    await newEnvironment(server, omar, { name: 'omar private' });

    expect(names(await server.call(maya, { method: 'GET', url: ENVIRONMENTS }))).toEqual(['Domino Standard', 'maya private', 'team env']);
    expect(names(await server.call(lee, { method: 'GET', url: ENVIRONMENTS }))).toEqual(['Domino Standard']);
    expect(names(await server.call(server.admin, { method: 'GET', url: ENVIRONMENTS }))).toHaveLength(4);
    expect((await server.call(lee, { method: 'GET', url: `${ENVIRONMENT}/${mine.id}` })).status).toBe(404);
    expect((await server.call(lee, { method: 'GET', url: `${ENVIRONMENT}/${orgEnv.id}` })).status).toBe(404);
    expect((await server.call(maya, { method: 'GET', url: `${ENVIRONMENT}/${orgEnv.id}` })).status).toBe(200);
    expect((await server.call(maya, { method: 'GET', url: `${ENVIRONMENT}/${UNKNOWN_ID}` })).status).toBe(404);

    const paged = await server.call(maya, { method: 'GET', url: `${ENVIRONMENTS}?offset=1&limit=1` });
    expect(names(paged)).toEqual(['maya private']);
    expect(paged.body.metadata.pagination).toEqual({ offset: 1, limit: 1, totalCount: 3 });
    expect(names(await server.call(maya, { method: 'GET', url: `${EMBEDDED_ENVIRONMENTS}?search=PRIV` }))).toEqual(['maya private']);
    expect(names(await server.call(maya, { method: 'GET', url: `${EMBEDDED_ENVIRONMENTS}?visibility=organization` }))).toEqual(['team env']);
    expect(names(await server.call(maya, { method: 'GET', url: `${EMBEDDED_ENVIRONMENTS}?visibility=Global` }))).toEqual(['Domino Standard']);
    expect((await server.call(maya, { method: 'GET', url: `${EMBEDDED_ENVIRONMENTS}?visibility=public` })).status).toBe(400);

    // A non-member may not make an environment of an organization; an unknown one is a bad request.
    const outsider = await server.call(lee, {
      method: 'POST',
      url: ENVIRONMENTS,
      payload: { name: 'x', image: 'ubuntu', visibility: 'private', addBaseDependencies: false, orgOwnerId: org.id },
    });
    expect(outsider.status).toBe(403);
    const unknownOrg = await server.call(lee, {
      method: 'POST',
      url: ENVIRONMENTS,
      payload: { name: 'x', image: 'ubuntu', visibility: 'private', addBaseDependencies: false, orgOwnerId: UNKNOWN_ID },
    });
    expect(unknownOrg.status).toBe(400);
    const info = await server.call(maya, { method: 'GET', url: '/api/embedded/v1/info' });
    expect(info.body.extensions).toEqual(
      expect.arrayContaining(['environment-search', 'environment-revisions', 'environment-build-logs', 'environment-revision-jobs']),
    );
    await buildsDrained(server.app.ctx);
  });

  it('refuses bad bodies with what is wrong', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const post = (payload: Record<string, unknown>) => server.call(maya, { method: 'POST', url: ENVIRONMENTS, payload });
    const missing = await post({ name: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual(
      expect.arrayContaining([expect.stringContaining('image is required'), expect.stringContaining('visibility is required')]),
    );
    const badImage = await post({ name: 'x', image: 'Not An Image', visibility: 'private', addBaseDependencies: false });
    expect(badImage.status).toBe(400);
    expect(badImage.body.errors[0]).toContain('"Not An Image" is not a Docker image reference');
    const both = await post({ duplicateFromEnvironmentId: UNKNOWN_ID, name: 'x' });
    expect(both.status).toBe(400);
    expect(both.body.errors[0]).toContain('no other property may be set with duplicateFromEnvironmentId (got name)');
    const badVar = await post({
      name: 'x',
      image: 'ubuntu',
      visibility: 'private',
      addBaseDependencies: false,
      environmentVariables: [{ key: '1X', value: 'v' }],
    });
    expect(badVar.status).toBe(400);
    const restricted = await post({ name: 'x', image: 'ubuntu', visibility: 'private', addBaseDependencies: false, isRestricted: true });
    expect(restricted.status).toBe(403);
  });
});

describe('the build', () => {
  it('runs RUN lines in the sandbox with the ENV and ARG values, into the revision directory', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const env = await newEnvironment(server, maya, {
      dockerfileInstructions: [
        '# tools for the jobs',
        'ARG VERSION=1.2',
        'ENV TOOL_HOME=$DOMINO_ENVIRONMENT_DIR GREETING="hello there"',
        'RUN mkdir -p "$DOMINO_ENVIRONMENT_DIR/bin" \\',
        '  && printf \'#!/bin/bash\\necho "greet $VERSION"\\n\' > "$DOMINO_ENVIRONMENT_DIR/bin/greet" \\',
        '  && chmod +x "$DOMINO_ENVIRONMENT_DIR/bin/greet"',
        'RUN echo "built as $(id -u) with $GREETING, version $VERSION"; greet',
      ].join('\n'),
    });
    const revision = await builtRevision(server, maya, env.id, env.latestRevision!.id);
    const log = await buildLog(server, maya, env.id, env.latestRevision!.id);
    expect(revision.status, log.join('\n')).toBe('succeeded');
    expect(log).toContain('built as 65534 with hello there, version 1.2');
    expect(log).toContain('greet 1.2');
    const tool = path.join(server.dataDir, 'environments', env.latestRevision!.id, 'env', 'bin', 'greet');
    expect(fs.existsSync(tool)).toBe(true);
  });

  it.each([
    ['FROM ubuntu:22.04', 'Dockerfile line 2: FROM is not allowed: a revision is built on its image (the image field), so set the image instead'],
    ['COPY . /app', 'Dockerfile line 2: COPY is not supported here: only ENV, ARG and RUN are (this Domino builds without a container engine)'],
    ['FETCH http://x', 'Dockerfile line 2: "FETCH" is not a Dockerfile instruction'],
    ['ENV 9LIVES=1', 'Dockerfile line 2: "9LIVES" is not a variable name (letters, digits and _, not starting with a digit)'],
    ['RUN exit 3', 'line 2: RUN exited with code 3'],
  ])('fails on %s with the line and why', async (instruction, failure) => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const env = await newEnvironment(server, maya, { dockerfileInstructions: `ENV A=1\n${instruction}\nRUN echo never` });
    const revision = await builtRevision(server, maya, env.id, env.latestRevision!.id);
    expect(revision).toMatchObject({ status: 'failed', failure });
    const log = await buildLog(server, maya, env.id, env.latestRevision!.id);
    expect(log.at(-1)).toBe(`Build failed: ${failure}`);
    expect(log).not.toContain('never');
    const logs = await server.call(maya, { method: 'GET', url: `${EMBEDDED_ENVIRONMENTS}/${env.id}/revisions/${env.latestRevision!.id}/logs` });
    expect(logs.body.logs).toMatchObject({ isComplete: true, problem: failure });
    // A failed first revision: no active revision, the latest is the failed one.
    const got = (await server.call(maya, { method: 'GET', url: `${ENVIRONMENT}/${env.id}` })).body.environment;
    expect(got.selectedRevision).toBeUndefined();
    expect(got.latestRevision).toMatchObject({ number: 1, status: 'failed' });
  });

  it('checks the scripts with bash -n', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const env = await newEnvironment(server, maya, { preRunScript: 'echo ok', postRunScript: 'if true; then\necho x\n' });
    const revision = await builtRevision(server, maya, env.id, env.latestRevision!.id);
    expect(revision.status).toBe('failed');
    expect(revision.failure).toMatch(/^postRunScript: line \d+: syntax error/);
  });

  it('numbers revisions without gaps; the active one is the latest that built', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const env = await newEnvironment(server, maya, { tags: ['v1'] });
    const first = env.latestRevision!.id;
    const add = (body: Record<string, unknown>) => server.call(maya, { method: 'POST', url: `${ENVIRONMENTS}/${env.id}/revisions`, payload: body });
    const second = await add({ dockerfileInstructions: 'RUN false', tags: ['v2'] });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.environmentRevision).toMatchObject({ number: 2, availableTools: [] });
    const third = await add({ tags: ['v3'], image: 'ubuntu:24.04' });
    expect(third.body.environmentRevision.number).toBe(3);
    await buildsDrained(server.app.ctx);
    const revisions = (await server.call(maya, { method: 'GET', url: `${EMBEDDED_ENVIRONMENTS}/${env.id}/revisions` })).body.revisions;
    expect(revisions.map((r: { number: number; status: string; isActive: boolean }) => [r.number, r.status, r.isActive])).toEqual([
      [3, 'succeeded', true],
      [2, 'failed', false],
      [1, 'succeeded', false],
    ]);
    // A revision without an image keeps the previous one's.
    expect(revisions[1].image).toBe('quay.io/domino/standard:py3.11');
    const got = (await server.call(maya, { method: 'GET', url: `${ENVIRONMENT}/${env.id}` })).body.environment;
    expect(got.selectedRevision.number).toBe(3);
    expect(got.activeRevisionTags).toEqual(['v3']);
    expect(first).toMatch(/^[0-9a-f]{24}$/);
  });

  it('archiving kills a build under way; the archived environment leaves the list but still resolves', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const env = await newEnvironment(server, maya, { dockerfileInstructions: 'RUN echo started; sleep 30' });
    const revisionId = env.latestRevision!.id;
    const until = Date.now() + 10_000;
    while (!(await buildLog(server, maya, env.id, revisionId)).includes('started')) {
      if (Date.now() > until) throw new Error('the build never started its RUN line');
      await new Promise((r) => setTimeout(r, 25));
    }
    const live = (await server.call(maya, { method: 'GET', url: `${EMBEDDED_ENVIRONMENTS}/${env.id}/revisions` })).body.revisions[0];
    expect(live.status).toBe('building');
    const log = await buildLog(server, maya, env.id, revisionId);
    expect(log.slice(0, 4)).toEqual([
      expect.stringMatching(/^Building revision #1/),
      expect.stringMatching(/^Base image quay.io\/domino\/standard:py3.11: recorded, not pulled/),
      'Reading the Dockerfile instructions',
      'line 1: RUN echo started; sleep 30',
    ]);
    const started = Date.now();
    const archived = await server.call(maya, { method: 'DELETE', url: `${ENVIRONMENT}/${env.id}` });
    expect(archived.status).toBe(200);
    expect(archived.body.environment).toMatchObject({ archived: true, latestRevision: { status: 'killed' } });
    await buildsDrained(server.app.ctx);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await builtRevision(server, maya, env.id, revisionId)).failure).toBe('The environment was archived during the build');
    expect(names(await server.call(maya, { method: 'GET', url: ENVIRONMENTS }))).toEqual([]);
    expect((await server.call(maya, { method: 'GET', url: `${ENVIRONMENT}/${env.id}` })).body.environment.archived).toBe(true);
    const more = await server.call(maya, { method: 'POST', url: `${ENVIRONMENTS}/${env.id}/revisions`, payload: {} });
    expect(more.status).toBe(400);
    expect(more.body.errors[0]).toContain('is archived');
  });

  it('pages a build log by the nanosecond cursor', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const env = await newEnvironment(server, maya, { dockerfileInstructions: 'RUN for i in 1 2 3 4 5; do echo line $i; done' });
    await builtRevision(server, maya, env.id, env.latestRevision!.id);
    const url = `${EMBEDDED_ENVIRONMENTS}/${env.id}/revisions/${env.latestRevision!.id}/logs`;
    const all = await server.call(maya, { method: 'GET', url });
    const lines = all.body.logs.logContent.map((l: { log: string }) => l.log);
    const first = await server.call(maya, { method: 'GET', url: `${url}?limit=3` });
    expect(first.body.logs.isComplete).toBe(false);
    const rest = await server.call(maya, { method: 'GET', url: `${url}?latestTimeNano=${first.body.metadata.pagination.latestTimeNano}` });
    expect([...first.body.logs.logContent, ...rest.body.logs.logContent].map((l: { log: string }) => l.log)).toEqual(lines);
    expect(rest.body.logs.isComplete).toBe(true);
    const stdOut = await server.call(maya, { method: 'GET', url: `${url}?logType=stdOut` });
    expect(stdOut.body.logs.logContent.map((l: { log: string }) => l.log)).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
  });
});

describe('who may change an environment', () => {
  it('owners, organization admins and site administrators; restricting needs a site administrator', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const ana = await server.newUser('ana');
    const org = await createOrg(server, server.admin, [
      { user: maya, role: 'member' },
      { user: omar, role: 'member' },
      { user: ana, role: 'admin' },
    ]);
    const global = await newEnvironment(server, server.admin, { visibility: 'global' });
    const mine = await newEnvironment(server, maya);
    const team = await newEnvironment(server, maya, { orgOwnerId: org.id });
    const revise = (as: TestUser, id: string) => server.call(as, { method: 'POST', url: `${ENVIRONMENTS}/${id}/revisions`, payload: {} });
    expect((await revise(maya, global.id)).status).toBe(403);
    expect((await revise(server.admin, global.id)).status).toBe(200);
    expect((await revise(omar, mine.id)).status).toBe(404);
    expect((await revise(omar, team.id)).status).toBe(403);
    expect((await revise(ana, team.id)).status).toBe(200);
    expect((await revise(maya, team.id)).status).toBe(200);
    expect((await server.call(omar, { method: 'DELETE', url: `${ENVIRONMENT}/${team.id}` })).status).toBe(403);
    expect((await server.call(maya, { method: 'DELETE', url: `${ENVIRONMENT}/${global.id}` })).status).toBe(403);

    const restrict = (as: TestUser, isRestricted: boolean) =>
      server.call(as, { method: 'PATCH', url: `${ENVIRONMENTS}/${mine.id}/revisions/${mine.latestRevision!.id}`, payload: { isRestricted } });
    const refused = await restrict(maya, true);
    expect(refused.status).toBe(403);
    const done = await restrict(server.admin, true);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ id: mine.latestRevision!.id });
    const got = (await server.call(maya, { method: 'GET', url: `${ENVIRONMENT}/${mine.id}` })).body.environment;
    expect(got.restrictedRevision).toMatchObject({ id: mine.latestRevision!.id, number: 1 });
    expect(got.internalTags).toEqual(['restricted']);
    await restrict(server.admin, false);
    expect((await server.call(maya, { method: 'GET', url: `${ENVIRONMENT}/${mine.id}` })).body.environment.restrictedRevision).toBeUndefined();
    const wrong = await server.call(server.admin, {
      method: 'PATCH',
      url: `${ENVIRONMENTS}/${mine.id}/revisions/${team.latestRevision!.id}`,
      payload: { isRestricted: true },
    });
    expect(wrong.status).toBe(404);
    const notBool = await server.call(server.admin, {
      method: 'PATCH',
      url: `${ENVIRONMENTS}/${mine.id}/revisions/${mine.latestRevision!.id}`,
      payload: { isRestricted: 'yes' },
    });
    expect(notBool.status).toBe(400);
    expect((await server.call(null, { method: 'GET', url: ENVIRONMENTS })).status).toBe(401);
    await buildsDrained(server.app.ctx);
  });

  it('duplicates what the caller may see as a private environment of theirs, rebuilding the active revision', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    const global = await newEnvironment(server, server.admin, { name: 'Standard', visibility: 'global', dockerfileInstructions: 'ENV X=1', tags: ['t'] });
    await builtRevision(server, server.admin, global.id, global.latestRevision!.id);
    const copy = await server.call(maya, { method: 'POST', url: ENVIRONMENTS, payload: { duplicateFromEnvironmentId: global.id } });
    expect(copy.status).toBe(200);
    expect(copy.body.environment).toMatchObject({ name: 'Standard (copy)', visibility: 'private', owner: { id: maya.id }, latestRevision: { number: 1 } });
    const built = await builtRevision(server, maya, copy.body.environment.id, copy.body.environment.latestRevision.id);
    expect(built).toMatchObject({ status: 'succeeded', dockerfileInstructions: 'ENV X=1', tags: ['t'] });
    const mine = await newEnvironment(server, maya);
    expect((await server.call(omar, { method: 'POST', url: ENVIRONMENTS, payload: { duplicateFromEnvironmentId: mine.id } })).status).toBe(404);
    await buildsDrained(server.app.ctx);
  });
});
