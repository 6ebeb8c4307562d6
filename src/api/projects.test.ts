import { describe, expect, it } from 'vitest';
import { json, metadata, mockFetch } from '../test/fetch-mock';
import { DominoApiError } from './http';
import { copyProject, fetchAllProjects, setCollaborator, updateProjectStatus } from './projects';

function projectJson(index: number) {
  return {
    id: index.toString(16).padStart(24, '0'),
    name: `project-${index}`,
    description: '',
    visibility: 'Public',
    ownerId: 'a'.repeat(24),
    ownerUsername: 'admin',
    collaborators: [],
    'internal tags': [],
  };
}

describe('fetchAllProjects', () => {
  it('reads every page of 100 until totalCount, in order', async () => {
    const all = Array.from({ length: 234 }, (_, i) => projectJson(i));
    const { calls } = mockFetch((call) => {
      const url = new URL(call.url, 'http://console');
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      return json({ projects: all.slice(offset, offset + limit), metadata: { ...metadata, pagination: { offset, limit, totalCount: all.length } } });
    });
    const projects = await fetchAllProjects();
    expect(projects).toHaveLength(234);
    expect(projects[233]?.name).toBe('project-233');
    // Case-insensitive enums come out canonical.
    expect(projects[0]?.visibility).toBe('public');
    expect(calls.map((call) => new URL(call.url, 'http://console').search)).toEqual(['?offset=0&limit=100', '?offset=100&limit=100', '?offset=200&limit=100']);
  });

  it('walks by what came back when the server clamps the limit and sends no total', async () => {
    const all = Array.from({ length: 25 }, (_, i) => projectJson(i));
    const { calls } = mockFetch((call) => {
      const url = new URL(call.url, 'http://console');
      const offset = Number(url.searchParams.get('offset'));
      return json({ projects: all.slice(offset, offset + 10), metadata: { ...metadata, offset, limit: 10 } });
    });
    expect(await fetchAllProjects()).toHaveLength(25);
    expect(calls).toHaveLength(3);
  });

  it('throws the API error of a failing page', async () => {
    mockFetch(() => json({ requestId: 'req-9', errors: ['database is locked'] }, { status: 503 }));
    await expect(fetchAllProjects()).rejects.toMatchObject({ status: 503, errors: ['database is locked'], requestId: 'req-9' });
  });
});

describe('mutations', () => {
  it('adds or changes a collaborator with one POST of {id, role}', async () => {
    const { calls } = mockFetch(() => json({ collaborator: { id: 'b'.repeat(24), role: 'LauncherUser' }, metadata }));
    const result = await setCollaborator({ projectId: 'p'.repeat(24), userId: 'b'.repeat(24), role: 'launcherUser' });
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: `/api/projects/v1/projects/${'p'.repeat(24)}/collaborators`,
      body: { id: 'b'.repeat(24), role: 'launcherUser' },
    });
    expect(result.role).toBe('launcherUser');
  });

  it('shows the refusal of a status change as a DominoApiError', async () => {
    mockFetch(() => json({ requestId: 'r', errors: ['blockedReason: say why the project is blocked'] }, { status: 400 }));
    const error = await updateProjectStatus({ projectId: 'p'.repeat(24), status: { status: 'active', isBlocked: true } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DominoApiError);
    expect((error as DominoApiError).message).toBe('blockedReason: say why the project is blocked');
  });

  it('copies through the v1 path, falling back to the deprecated beta path where v1 is missing', async () => {
    const copy = projectJson(7);
    const { calls } = mockFetch((call) =>
      call.url.includes('/v1/') ? json({ requestId: 'r', errors: ['Not Found'] }, { status: 404 }) : json({ project: copy, metadata }),
    );
    const result = await copyProject({ projectId: 'p'.repeat(24), spec: { copyDatasets: true, name: 'project-7' } });
    expect(result).toMatchObject({ project: { name: 'project-7' }, datasetsNotCopied: [] });
    expect(calls.map((call) => call.url)).toEqual([
      `/api/projects/v1/projects/${'p'.repeat(24)}/copy-project`,
      `/api/projects/beta/projects/${'p'.repeat(24)}/copy-project`,
    ]);
  });
});
