// Free text has documented limits (README), and a value past one is a 400 naming its field.
import { describe, expect, it } from 'vitest';
import { TEXT_LIMITS } from '../../src/api/schemas/common';
import { newProject } from './fixtures';
import { startTestServer } from './helper';

describe('free-text limits', () => {
  it('refuses a value one past each limit, naming the field, and takes one at the limit', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await newProject(server, maya);
    const V1 = `/api/projects/v1/projects/${project.id}`;
    const cases: Array<{ field: string; max: number; request: (value: string) => { method: 'POST' | 'PUT'; url: string; payload: object } }> = [
      {
        field: 'description',
        max: TEXT_LIMITS.description,
        request: (v) => ({ method: 'POST', url: '/api/projects/beta/projects', payload: { name: `p${v.length}`, description: v, visibility: 'private' } }),
      },
      {
        field: 'description',
        max: TEXT_LIMITS.description,
        request: (v) => ({ method: 'POST', url: `${V1}/goals`, payload: { title: 'goal', description: v } }),
      },
      { field: 'title', max: TEXT_LIMITS.title, request: (v) => ({ method: 'POST', url: `${V1}/goals`, payload: { title: v } }) },
      {
        field: 'blockedReason',
        max: TEXT_LIMITS.message,
        request: (v) => ({ method: 'PUT', url: `${V1}/status`, payload: { status: 'active', isBlocked: true, blockedReason: v } }),
      },
      {
        field: 'completedMessage',
        max: TEXT_LIMITS.message,
        request: (v) => ({ method: 'PUT', url: `${V1}/status`, payload: { status: 'complete', isBlocked: false, completedMessage: v } }),
      },
      {
        field: 'title',
        max: TEXT_LIMITS.title,
        request: (v) => ({ method: 'POST', url: '/api/jobs/v1/jobs', payload: { projectId: project.id, runCommand: 'true', title: v } }),
      },
      {
        field: 'runCommand',
        max: TEXT_LIMITS.command,
        request: (v) => ({ method: 'POST', url: '/api/jobs/v1/jobs', payload: { projectId: project.id, runCommand: `echo ${v.slice(5)}` } }),
      },
    ];
    for (const { field, max, request } of cases) {
      const tooLong = await server.call(maya, request('a'.repeat(max + 1)));
      expect(tooLong.status, `${field} of ${max + 1} characters`).toBe(400);
      expect(tooLong.body.errors.join(' ')).toContain(`${field} must be at most ${max} characters`);
      const atLimit = await server.call(maya, request('a'.repeat(max)));
      expect(atLimit.status, `${field} of ${max} characters: ${JSON.stringify(atLimit.body)}`).toBe(200);
    }
    // A million characters is refused as plainly as one too many.
    const huge = await server.call(maya, { method: 'POST', url: `${V1}/goals`, payload: { title: 'g', description: 'd'.repeat(1_000_000) } });
    expect(huge.status).toBe(400);
    for (const job of server.app.ctx.jobs.live()) await server.app.ctx.runner.stop(job.id, 'test over');
  });

  it('keeps line breaks and tabs in multi-line text, and refuses other control characters there', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const project = await newProject(server, maya);
    const ok = await server.call(maya, {
      method: 'POST',
      url: `/api/projects/v1/projects/${project.id}/goals`,
      payload: { title: 'goal', description: 'line one\n\tline two\r\n' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.goal.description).toBe('line one\n\tline two'); // trimmed at the ends, as every description
    const bell = await server.call(maya, {
      method: 'POST',
      url: `/api/projects/v1/projects/${project.id}/goals`,
      payload: { title: 'goal', description: 'ding\u0007' },
    });
    expect(bell.status).toBe(400);
    expect(bell.body.errors[0]).toMatch(/description must not contain control characters/);
  });
});
