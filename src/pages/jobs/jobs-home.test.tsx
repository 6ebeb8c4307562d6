// /jobs/all on the fake Domino: with the jobs-across-projects extension (the server's list, its
// URL state), and without it (a real Domino: the person's own projects asked one by one for their
// active jobs, at most 30, six at a time, merged).
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { JobV1Schema } from '../../api/schemas/jobs';
import { fakeDomino } from '../../test/fake-domino';
import { renderApp } from '../../test/render-app';
import { admin, churn, detailsOf, embeddedInfo, jobOf, maya, objectId, type ProjectWire } from '../../test/wire-fixtures';

const running = (number: number, projectId: string, startedById = admin.id): z.input<typeof JobV1Schema> =>
  jobOf(number, {
    title: `Run ${number}`,
    projectId,
    startedById,
    stageTimes: { submissionTime: new Date(Date.now() - number * 60_000).toISOString(), startTime: new Date(Date.now() - number * 60_000).toISOString() },
    status: { executionStatus: 'Running', isCompleted: false, isArchived: false, isScheduled: false },
    durationMs: undefined,
  });

const withoutExtension = { ...embeddedInfo, extensions: embeddedInfo.extensions.filter((name) => name !== 'jobs-across-projects') };

describe('jobs across projects', () => {
  it('lists my jobs from the embedded list, with links, and keeps whose and which in the URL', async () => {
    const mine = detailsOf(running(4, churn.id));
    const theirs = detailsOf(jobOf(5, { title: 'Theirs', projectId: churn.id, startedById: maya.id }));
    const { calls } = fakeDomino({ world: { jobs: [mine, theirs] } });
    const { router } = renderApp('/jobs/all');
    const table = await screen.findByRole('table', { name: /Your jobs across projects/ });
    expect(within(table).getByRole('link', { name: /#4 Run 4/ })).toHaveAttribute('href', `/jobs/${mine.id}?projectId=${churn.id}`);
    expect(within(table).getByRole('link', { name: 'maya.chen/customer-churn' })).toHaveAttribute('href', `/projects/${churn.id}`);
    expect(within(table).queryByText('Theirs')).not.toBeInTheDocument();
    expect(screen.getByText(/Live: updating every 2 s/)).toBeInTheDocument();
    expect(calls.find((call) => call.url.startsWith('/api/embedded/v1/jobs?'))?.url).toContain('startedBy=me');

    fireEvent.click(screen.getByRole('checkbox', { name: 'Everyone’s jobs' }));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ everyone: true }));
    expect(await screen.findByRole('link', { name: /#5 Theirs/ })).toBeInTheDocument();
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'failed' } });
    await waitFor(() => expect(router.state.location.search).toMatchObject({ everyone: true, status: 'failed' }));
    await waitFor(() => {
      const last = calls.filter((call) => call.url.startsWith('/api/embedded/v1/jobs?')).at(-1)!.url;
      expect(last).toContain('startedBy=anyone');
      expect(last).toContain('statusFilter=completed');
      expect(last).toContain('executionStatus=Failed');
    });
    // Never the per-project fallback where the extension is listed.
    expect(calls.some((call) => call.url.startsWith('/api/jobs/beta/jobs?'))).toBe(false);
  });

  it('says so when I have no jobs yet', async () => {
    fakeDomino({ world: { jobs: [] } });
    renderApp('/jobs/all');
    expect(await screen.findByText('You have no jobs yet')).toBeInTheDocument();
  });

  it('without the extension asks my first 30 projects for their active jobs, six at a time, and merges them', async () => {
    // 35 projects of mine (owner or collaborator) and 5 public ones I am not on.
    const project = (i: number, on: boolean): ProjectWire => ({
      ...churn,
      id: objectId(`${(100 + i).toString(16)}`),
      name: `p-${String(i).padStart(2, '0')}`,
      ownerId: on && i % 2 === 0 ? admin.id : maya.id,
      ownerUsername: on && i % 2 === 0 ? admin.userName : maya.userName,
      collaborators: on && i % 2 === 1 ? [{ id: admin.id, role: 'contributor' }] : [],
    });
    const projects = [...Array.from({ length: 35 }, (_, i) => project(i, true)), ...Array.from({ length: 5 }, (_, i) => project(40 + i, false))];
    const jobs = [detailsOf(running(7, projects[0]!.id)), detailsOf(running(8, projects[3]!.id)), detailsOf(running(9, projects[3]!.id, maya.id))];
    let inFlight = 0;
    let mostInFlight = 0;
    const { calls } = fakeDomino({
      world: { info: withoutExtension, projects, jobs },
      answer: (request) => {
        if (request.path !== '/api/jobs/beta/jobs') return undefined;
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        // Counted down once the fake has answered (the next microtask).
        queueMicrotask(() => inFlight--);
        return undefined;
      },
    });
    renderApp('/jobs/all');
    expect(await screen.findByText(/from 30 of 35 projects you own or collaborate on/)).toBeInTheDocument();
    const table = await screen.findByRole('table');
    expect(
      within(table)
        .getAllByRole('link', { name: /^#\d/ })
        .map((link) => link.textContent),
    ).toEqual(['#7 Run 7', '#8 Run 8']);

    const asked = calls.filter((call) => call.url.startsWith('/api/jobs/beta/jobs?')).map((call) => new URL(call.url, 'http://console').searchParams);
    expect(asked).toHaveLength(30);
    expect(new Set(asked.map((query) => query.get('projectId')))).toEqual(new Set(projects.slice(0, 30).map((p) => p.id)));
    for (const query of asked) {
      expect(query.get('statusFilter')).toBe('active');
      expect(query.get('sortBy')).toBe('startedTime');
      expect(query.get('limit')).toBe('10');
    }
    expect(mostInFlight).toBeLessThanOrEqual(6);
    expect(calls.some((call) => call.url.startsWith('/api/embedded/v1/jobs'))).toBe(false);
    // Only the active states are offered; everyone's adds maya's job.
    expect(within(screen.getByRole('combobox', { name: 'Status' })).queryByRole('option', { name: 'Finished' })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Everyone’s jobs' }));
    expect(await screen.findByRole('link', { name: /#9 Run 9/ })).toBeInTheDocument();
  });
});
