// Billing tags (Domino 6.2) against the real server: the tag list, the settings and their
// sub-paths, the rules on project create / copy / retag, and who may do what. Every answer is
// checked against the contract by the test server (checkResponses) and parsed here once more with
// the contract's schemas, since the spec crawl does not cover these paths.
import { describe, expect, it } from 'vitest';
import {
  BillingTagEnvelopeV1Schema,
  BillingTagsEnvelopeV1Schema,
  BillingTagsModeEnvelopeV1Schema,
  BillingTagsNotificationsEnvelopeV1Schema,
  BillingTagsSettingsEnvelopeV1Schema,
  BillingTagSummariesEnvelopeSchema,
} from '../../src/api/schemas/billing-tags';
import { ProjectCopyResultEnvelopeV1Schema, ProjectEnvelopeV1Schema } from '../../src/api/schemas/projects';
import { describeAuthorizationMatrix, oneUserPerActor, row } from './authorization-matrix';
import { newProject } from './fixtures';
import { startTestServer, type TestServer, type TestUser } from './helper';

const TAGS = '/api/cost/v1/billingtags';
const SETTINGS = '/api/cost/v1/billingtagSettings';
const ALL = '/api/embedded/v1/billing-tags';
const CREATE = '/api/projects/beta/projects';
const V1 = '/api/projects/v1/projects';
const retagUrl = (projectId: string) => `/api/embedded/v1/projects/${projectId}/billing-tag`;

async function addTags(server: TestServer, ...billingTags: string[]) {
  const res = await server.call(server.admin, { method: 'POST', url: TAGS, payload: { billingTags } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return BillingTagsEnvelopeV1Schema.parse(res.body).billingTags.map((t) => t.tag);
}

async function setMode(server: TestServer, mode: string) {
  const res = await server.call(server.admin, { method: 'PUT', url: `${SETTINGS}/mode`, payload: { mode } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

async function activeTags(server: TestServer, as: TestUser) {
  const res = await server.call(as, { method: 'GET', url: TAGS });
  expect(res.status).toBe(200);
  return BillingTagsEnvelopeV1Schema.parse(res.body).billingTags.map((t) => t.tag);
}

function create(server: TestServer, as: TestUser, name: string, billingTag?: unknown) {
  return server.call(as, {
    method: 'POST',
    url: CREATE,
    payload: { name, description: '', visibility: 'private', ...(billingTag === undefined ? {} : { billingTag }) },
  });
}

describe('the tag list', () => {
  it('upserts several tags, lists the active ones to everyone signed in, sorted, and refuses callers without a key', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    expect(await activeTags(server, maya)).toEqual([]);
    expect(await addTags(server, 'cc-2040-marketing', 'cc-1001-research', 'cc-2040-marketing')).toEqual(['cc-2040-marketing', 'cc-1001-research']);
    expect(await activeTags(server, maya)).toEqual(['cc-1001-research', 'cc-2040-marketing']);
    expect((await server.call(null, { method: 'GET', url: TAGS })).status).toBe(401);
  });

  it('is unique ignoring case: an upsert in another case finds the tag and keeps its first spelling', async () => {
    const server = await startTestServer();
    await addTags(server, 'CC-1001-Research');
    expect(await addTags(server, 'cc-1001-research', 'CC-1001-RESEARCH')).toEqual(['CC-1001-Research']);
    expect(await activeTags(server, server.admin)).toEqual(['CC-1001-Research']);
    const one = await server.call(server.admin, { method: 'GET', url: `${TAGS}/cc-1001-RESEARCH` });
    expect(BillingTagEnvelopeV1Schema.parse(one.body).billingTag).toMatchObject({ tag: 'CC-1001-Research', active: true });
  });

  it('deactivates with DELETE (still found by name, no longer listed) and re-activates with an upsert, keeping its id', async () => {
    const server = await startTestServer();
    await addTags(server, 'cc-3000-ops', 'cc-1001-research');
    const before = BillingTagEnvelopeV1Schema.parse((await server.call(server.admin, { method: 'GET', url: `${TAGS}/cc-3000-ops` })).body).billingTag;
    const deleted = await server.call(server.admin, { method: 'DELETE', url: `${TAGS}/CC-3000-OPS` });
    expect(deleted.status).toBe(200);
    expect(BillingTagEnvelopeV1Schema.parse(deleted.body).billingTag).toEqual({ tag: 'cc-3000-ops', tagId: before.tagId, active: false });
    expect(await activeTags(server, server.admin)).toEqual(['cc-1001-research']);
    // Deactivating twice is harmless.
    expect((await server.call(server.admin, { method: 'DELETE', url: `${TAGS}/cc-3000-ops` })).body.billingTag.active).toBe(false);
    await addTags(server, 'cc-3000-ops');
    const after = BillingTagEnvelopeV1Schema.parse((await server.call(server.admin, { method: 'GET', url: `${TAGS}/cc-3000-ops` })).body).billingTag;
    expect(after).toEqual({ tag: 'cc-3000-ops', tagId: before.tagId, active: true });
  });

  it('answers 404 for an unknown tag', async () => {
    const server = await startTestServer();
    for (const method of ['GET', 'DELETE'] as const) {
      const res = await server.call(server.admin, { method, url: `${TAGS}/nope` });
      expect(res.status).toBe(404);
      expect(res.body.errors[0]).toContain('nope');
    }
  });

  it('refuses bad names with a 400 that states the rule, and stores nothing from a refused request', async () => {
    const server = await startTestServer();
    const bad = [
      [],
      ['has space'],
      ['-leading-dash'],
      ['a/b'],
      ['x'.repeat(65)],
      [''],
      ['tab\there'],
      [42],
      'cc-1',
      [...Array(101).keys()].map((i) => `t${i}`),
    ];
    for (const billingTags of bad) {
      const res = await server.call(server.admin, { method: 'POST', url: TAGS, payload: { billingTags } });
      expect(res.status, JSON.stringify(billingTags)).toBe(400);
    }
    const mixed = await server.call(server.admin, { method: 'POST', url: TAGS, payload: { billingTags: ['good-one', 'bad one'] } });
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors.join(' ')).toContain('letters, digits, ".", "_" or "-"');
    expect((await server.call(server.admin, { method: 'POST', url: TAGS, payload: {} })).status).toBe(400);
    expect(await activeTags(server, server.admin)).toEqual([]);
    // Surrounding white space is trimmed, not refused.
    expect(await addTags(server, '  cc-9-trimmed ')).toEqual(['cc-9-trimmed']);
  });

  it('lists every tag with its status and live project count for admins (embedded billing-tags-all), filtered by status', async () => {
    const server = await startTestServer();
    await addTags(server, 'b-tag', 'a-tag', 'c-tag');
    await server.call(server.admin, { method: 'DELETE', url: `${TAGS}/c-tag` });
    expect((await create(server, server.admin, 'p1', { tag: 'a-tag' })).status).toBe(200);
    expect((await create(server, server.admin, 'p2', { tag: 'A-TAG' })).status).toBe(200);
    const all = BillingTagSummariesEnvelopeSchema.parse((await server.call(server.admin, { method: 'GET', url: ALL })).body).billingTags;
    expect(all.map((t) => [t.tag, t.active, t.projectCount])).toEqual([
      ['a-tag', true, 2],
      ['b-tag', true, 0],
      ['c-tag', false, 0],
    ]);
    const inactive = (await server.call(server.admin, { method: 'GET', url: `${ALL}?status=inactive` })).body.billingTags;
    expect(inactive.map((t: { tag: string }) => t.tag)).toEqual(['c-tag']);
    const active = (await server.call(server.admin, { method: 'GET', url: `${ALL}?status=Active` })).body.billingTags;
    expect(active.map((t: { tag: string }) => t.tag)).toEqual(['a-tag', 'b-tag']);
    expect((await server.call(server.admin, { method: 'GET', url: `${ALL}?status=some` })).status).toBe(400);
  });
});

describe('the settings', () => {
  it('default to optional without notifications, and change whole or by sub-path', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const get = async (url: string) => (await server.call(maya, { method: 'GET', url })).body;
    expect(BillingTagsSettingsEnvelopeV1Schema.parse(await get(SETTINGS))).toEqual({ mode: 'optional', notifications: false });
    const put = await server.call(server.admin, { method: 'PUT', url: SETTINGS, payload: { mode: 'required', notifications: true } });
    expect(put.body).toEqual({ mode: 'required', notifications: true });
    expect(BillingTagsModeEnvelopeV1Schema.parse(await get(`${SETTINGS}/mode`))).toEqual({ mode: 'required' });
    expect(BillingTagsNotificationsEnvelopeV1Schema.parse(await get(`${SETTINGS}/notifications`))).toEqual({ notifications: true });
    const mode = await server.call(server.admin, { method: 'PUT', url: `${SETTINGS}/mode`, payload: { mode: 'Disabled' } });
    expect(mode.body).toEqual({ mode: 'disabled' });
    const notifications = await server.call(server.admin, { method: 'PUT', url: `${SETTINGS}/notifications`, payload: { notifications: false } });
    expect(notifications.body).toEqual({ notifications: false });
    expect(await get(SETTINGS)).toEqual({ mode: 'disabled', notifications: false });
  });

  it('refuses a bad mode, a missing field and a non-boolean with 400, changing nothing', async () => {
    const server = await startTestServer();
    const cases: Array<[string, unknown]> = [
      [SETTINGS, { mode: 'required' }],
      [SETTINGS, { mode: 'sometimes', notifications: true }],
      [`${SETTINGS}/mode`, { mode: 'always' }],
      [`${SETTINGS}/mode`, {}],
      [`${SETTINGS}/notifications`, { notifications: 'yes' }],
    ];
    for (const [url, payload] of cases) {
      const res = await server.call(server.admin, { method: 'PUT', url, payload: payload as object });
      expect(res.status, `${url} ${JSON.stringify(payload)}`).toBe(400);
    }
    expect((await server.call(server.admin, { method: 'GET', url: SETTINGS })).body).toEqual({ mode: 'optional', notifications: false });
  });
});

describe('a project’s tag', () => {
  it('is taken on create (in any case), answered on ProjectV1, in the list, and absent when none was given', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    await addTags(server, 'cc-1001-research');
    const tagged = await create(server, maya, 'tagged', { tag: 'CC-1001-research' });
    expect(tagged.status, JSON.stringify(tagged.body)).toBe(200);
    const project = ProjectEnvelopeV1Schema.parse(tagged.body).project;
    expect(project.billingTag).toEqual({ tag: 'cc-1001-research' });
    const fetched = ProjectEnvelopeV1Schema.parse((await server.call(maya, { method: 'GET', url: `${V1}/${project.id}` })).body).project;
    expect(fetched.billingTag).toEqual({ tag: 'cc-1001-research' });
    const untagged = await create(server, maya, 'untagged');
    expect(untagged.body.project.billingTag).toBeUndefined();
    const list = (await server.call(maya, { method: 'GET', url: CREATE })).body.projects;
    expect(list.map((p: { name: string; billingTag?: unknown }) => [p.name, p.billingTag])).toEqual([
      ['tagged', { tag: 'cc-1001-research' }],
      ['untagged', undefined],
    ]);
  });

  it('refuses an unknown or inactive tag, a malformed one, and any tag while tags are disabled', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    await addTags(server, 'live-tag', 'old-tag');
    await server.call(server.admin, { method: 'DELETE', url: `${TAGS}/old-tag` });
    const unknown = await create(server, maya, 'p1', { tag: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toContain('"nope" is not a billing tag');
    const inactive = await create(server, maya, 'p2', { tag: 'old-tag' });
    expect(inactive.status).toBe(400);
    expect(inactive.body.errors[0]).toContain('inactive');
    expect((await create(server, maya, 'p3', { tag: 'bad tag' })).status).toBe(400);
    expect((await create(server, maya, 'p3', 'live-tag')).status).toBe(400);
    await setMode(server, 'disabled');
    const disabled = await create(server, maya, 'p4', { tag: 'live-tag' });
    expect(disabled.status).toBe(400);
    expect(disabled.body.errors[0]).toContain('disabled');
    expect((await create(server, maya, 'p5')).status).toBe(200);
    // Nothing refused was created.
    const names = (await server.call(maya, { method: 'GET', url: CREATE })).body.projects.map((p: { name: string }) => p.name);
    expect(names).toEqual(['p5']);
  });

  it('is required in required mode, on create and on copy', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    await addTags(server, 'cc-1001-research');
    const source = await newProject(server, maya, { name: 'source' });
    await setMode(server, 'required');
    const bare = await create(server, maya, 'bare');
    expect(bare.status).toBe(400);
    expect(bare.body.errors[0]).toContain('required');
    expect((await create(server, maya, 'tagged', { tag: 'cc-1001-research' })).status).toBe(200);
    const copyBare = await server.call(maya, { method: 'POST', url: `${V1}/${source.id}/copy-project`, payload: { copyDatasets: false } });
    expect(copyBare.status).toBe(400);
    expect(copyBare.body.errors[0]).toContain('required');
  });

  it('is given to a copy by v1 copy, which does not inherit the source’s, and checked like on create', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    await addTags(server, 'cc-1001-research', 'cc-2040-marketing', 'retired');
    await server.call(server.admin, { method: 'DELETE', url: `${TAGS}/retired` });
    const source = (await create(server, maya, 'source', { tag: 'cc-1001-research' })).body.project;
    const copy = await server.call(maya, {
      method: 'POST',
      url: `${V1}/${source.id}/copy-project`,
      payload: { copyDatasets: false, name: 'copy-a', billingTag: { tag: 'cc-2040-marketing' } },
    });
    expect(copy.status, JSON.stringify(copy.body)).toBe(200);
    expect(ProjectCopyResultEnvelopeV1Schema.parse(copy.body).project.billingTag).toEqual({ tag: 'cc-2040-marketing' });
    const plain = await server.call(maya, { method: 'POST', url: `${V1}/${source.id}/copy-project`, payload: { copyDatasets: false, name: 'copy-b' } });
    expect(plain.body.project.billingTag).toBeUndefined();
    const inactive = await server.call(maya, {
      method: 'POST',
      url: `${V1}/${source.id}/copy-project`,
      payload: { copyDatasets: false, name: 'copy-c', billingTag: { tag: 'retired' } },
    });
    expect(inactive.status).toBe(400);
  });

  it('keeps a tag that was deactivated after it was given (the project still names it)', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    await addTags(server, 'cc-7-legacy');
    const project = (await create(server, maya, 'p', { tag: 'cc-7-legacy' })).body.project;
    await server.call(server.admin, { method: 'DELETE', url: `${TAGS}/cc-7-legacy` });
    expect((await server.call(maya, { method: 'GET', url: `${V1}/${project.id}` })).body.project.billingTag).toEqual({ tag: 'cc-7-legacy' });
  });
});

describe('retagging a project (embedded project-billing-tag)', () => {
  it('changes the tag, clears it where the mode allows, and follows the same rules as create', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    await addTags(server, 'cc-1001-research', 'cc-2040-marketing', 'retired');
    await server.call(server.admin, { method: 'DELETE', url: `${TAGS}/retired` });
    const project = (await create(server, maya, 'p', { tag: 'cc-1001-research' })).body.project;
    const retag = (billingTag: unknown) => server.call(maya, { method: 'PUT', url: retagUrl(project.id), payload: { billingTag } });

    const changed = await retag({ tag: 'CC-2040-MARKETING' });
    expect(changed.status).toBe(200);
    expect(ProjectEnvelopeV1Schema.parse(changed.body).project.billingTag).toEqual({ tag: 'cc-2040-marketing' });
    // The list pages (cached between changes) show the new tag at once.
    expect((await server.call(maya, { method: 'GET', url: CREATE })).body.projects[0].billingTag).toEqual({ tag: 'cc-2040-marketing' });

    expect((await retag({ tag: 'retired' })).status).toBe(400);
    expect((await retag({ tag: 'unknown' })).status).toBe(400);
    expect((await server.call(maya, { method: 'PUT', url: retagUrl(project.id), payload: {} })).status).toBe(400);

    await setMode(server, 'required');
    const clearRequired = await retag(null);
    expect(clearRequired.status).toBe(400);
    expect(clearRequired.body.errors[0]).toContain('required');

    await setMode(server, 'optional');
    const cleared = await retag(null);
    expect(cleared.status).toBe(200);
    expect(cleared.body.project.billingTag).toBeUndefined();

    await setMode(server, 'disabled');
    expect((await retag({ tag: 'cc-1001-research' })).status).toBe(400);
    expect((await retag(null)).status).toBe(200);
  });

  it('answers 404 for a project the caller cannot see and 400 for a malformed id', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const omar = await server.newUser('omar');
    await addTags(server, 't1');
    const project = await newProject(server, maya, { visibility: 'private' });
    expect((await server.call(omar, { method: 'PUT', url: retagUrl(project.id), payload: { billingTag: { tag: 't1' } } })).status).toBe(404);
    expect((await server.call(maya, { method: 'PUT', url: retagUrl('not-an-id'), payload: { billingTag: { tag: 't1' } } })).status).toBe(400);
  });
});

const ACTORS = ['admin', 'owner', 'contributor', 'stranger'] as const;
type Actor = (typeof ACTORS)[number];

describeAuthorizationMatrix<Actor, { projectId: string }>('who may do what with billing tags', {
  actors: ACTORS,
  users: oneUserPerActor(ACTORS),
  async fixture(server, users) {
    await server.call(server.admin, { method: 'POST', url: TAGS, payload: { billingTags: ['cc-1', 'cc-2'] } });
    const project = await newProject(server, users.owner, { visibility: 'public' });
    await server.call(users.owner, { method: 'POST', url: `${V1}/${project.id}/collaborators`, payload: { id: users.contributor.id, role: 'contributor' } });
    return { projectId: project.id };
  },
  actions: [
    { name: 'list the active tags', expected: row(ACTORS, ACTORS), request: () => ({ method: 'GET', url: TAGS }) },
    {
      name: 'upsert tags',
      expected: row(ACTORS, ['admin']),
      request: () => ({ method: 'POST', url: TAGS, payload: { billingTags: ['cc-3'] } }),
    },
    { name: 'read one tag', expected: row(ACTORS, ['admin']), request: () => ({ method: 'GET', url: `${TAGS}/cc-1` }) },
    { name: 'deactivate a tag', expected: row(ACTORS, ['admin']), request: () => ({ method: 'DELETE', url: `${TAGS}/cc-2` }) },
    { name: 'list every tag (embedded)', expected: row(ACTORS, ['admin']), request: () => ({ method: 'GET', url: ALL }) },
    { name: 'read the settings', expected: row(ACTORS, ACTORS), request: () => ({ method: 'GET', url: SETTINGS }) },
    { name: 'read the mode', expected: row(ACTORS, ACTORS), request: () => ({ method: 'GET', url: `${SETTINGS}/mode` }) },
    { name: 'read notifications', expected: row(ACTORS, ACTORS), request: () => ({ method: 'GET', url: `${SETTINGS}/notifications` }) },
    {
      name: 'change the settings',
      expected: row(ACTORS, ['admin']),
      request: () => ({ method: 'PUT', url: SETTINGS, payload: { mode: 'optional', notifications: true } }),
    },
    { name: 'change the mode', expected: row(ACTORS, ['admin']), request: () => ({ method: 'PUT', url: `${SETTINGS}/mode`, payload: { mode: 'optional' } }) },
    {
      name: 'change notifications',
      expected: row(ACTORS, ['admin']),
      request: () => ({ method: 'PUT', url: `${SETTINGS}/notifications`, payload: { notifications: true } }),
    },
    {
      name: 'retag a project',
      expected: row(ACTORS, ['admin', 'owner']),
      request: ({ projectId }) => ({ method: 'PUT', url: retagUrl(projectId), payload: { billingTag: { tag: 'cc-1' } } }),
    },
  ],
});

describe('the demo', () => {
  it('seeds cost-centre tags, one inactive, mode optional, and a tag on every demo project', async () => {
    const server = await startTestServer({ demo: true });
    const all = BillingTagSummariesEnvelopeSchema.parse((await server.call(server.admin, { method: 'GET', url: ALL })).body).billingTags;
    expect(all.filter((t) => !t.active).map((t) => t.tag)).toEqual(['cc-0900-legacy-pricing']);
    expect(all.filter((t) => t.active).length).toBeGreaterThanOrEqual(4);
    expect((await server.call(server.admin, { method: 'GET', url: SETTINGS })).body).toEqual({ mode: 'optional', notifications: false });
    const projects = (await server.call(server.admin, { method: 'GET', url: `${CREATE}?limit=100` })).body.projects as Array<{
      name: string;
      billingTag?: { tag: string };
    }>;
    const tags = Object.fromEntries(projects.map((p) => [p.name, p.billingTag?.tag]));
    expect(tags).toMatchObject({ 'customer-churn': 'cc-2040-marketing', 'credit-risk-scoring': 'cc-3100-risk', 'platform-benchmarks': 'cc-4200-platform' });
    const archived = (await server.call(server.admin, { method: 'GET', url: '/api/embedded/v1/archived-projects' })).body.archivedProjects;
    expect(archived[0].project.billingTag).toEqual({ tag: 'cc-0900-legacy-pricing' });
  });
});
