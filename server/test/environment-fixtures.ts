// Helpers for the environments tests: create one, wait for a build, read its build log.
import { expect } from 'vitest';
import type { TestServer, TestUser } from './helper';

export const ENVIRONMENTS = '/api/environments/beta/environments';
export const ENVIRONMENT = '/api/environments/v1/environments';
export const EMBEDDED_ENVIRONMENTS = '/api/embedded/v1/environments';

export interface TestEnvironment {
  id: string;
  name: string;
  latestRevision?: { id: string; number: number; status?: string };
  owner?: { id: string; username: string; ownerType: string };
}

export async function newEnvironment(server: TestServer, as: TestUser, body: Record<string, unknown> = {}): Promise<TestEnvironment> {
  const res = await server.call(as, {
    method: 'POST',
    url: ENVIRONMENTS,
    payload: {
      name: `env-${Math.random().toString(36).slice(2, 8)}`,
      image: 'quay.io/domino/standard:py3.11',
      visibility: 'private',
      addBaseDependencies: false,
      ...body,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.environment as TestEnvironment;
}

/** The revision once its build has ended (succeeded, failed or killed). */
export async function builtRevision(server: TestServer, as: TestUser, environmentId: string, revisionId: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await server.call(as, { method: 'GET', url: `${EMBEDDED_ENVIRONMENTS}/${environmentId}/revisions` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const revision = (res.body.revisions as Array<{ id: string; status: string; failure?: string }>).find((r) => r.id === revisionId)!;
    if (['succeeded', 'failed', 'killed'].includes(revision.status)) return revision;
    if (Date.now() > until) throw new Error(`revision ${revisionId} still ${revision.status}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function buildLog(server: TestServer, as: TestUser, environmentId: string, revisionId: string): Promise<string[]> {
  const res = await server.call(as, { method: 'GET', url: `${EMBEDDED_ENVIRONMENTS}/${environmentId}/revisions/${revisionId}/logs` });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.logs.logContent as Array<{ log: string }>).map((l) => l.log);
}
