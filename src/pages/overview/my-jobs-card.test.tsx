// The overview's jobs card on the fake Domino: my queued and running jobs, my failures of the last
// seven days, and the projects of my latest jobs; against a Domino without the list across
// projects, a way to the Jobs page instead of requests it cannot answer.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeDomino } from '../../test/fake-domino';
import { renderApp } from '../../test/render-app';
import { admin, churn, creditRisk, detailsOf, embeddedInfo, forecasting, jobOf, maya } from '../../test/wire-fixtures';

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const DAY = 86_400_000;

function ended(number: number, projectId: string, executionStatus: string, endedMsAgo: number) {
  return detailsOf(
    jobOf(number, {
      title: `Job ${number}`,
      projectId,
      startedById: admin.id,
      stageTimes: { submissionTime: ago(endedMsAgo + 120_000), startTime: ago(endedMsAgo + 60_000), completedTime: ago(endedMsAgo) },
      status: { executionStatus, isCompleted: true, isArchived: false, isScheduled: false },
    }),
  );
}

describe('the overview’s jobs card', () => {
  it('shows what of mine runs, what failed this week, and the projects of my latest jobs', async () => {
    const running = detailsOf(
      jobOf(9, {
        title: 'Training now',
        projectId: creditRisk.id,
        startedById: admin.id,
        stageTimes: { submissionTime: ago(120_000), startTime: ago(60_000) },
        status: { executionStatus: 'Running', isCompleted: false, isArchived: false, isScheduled: false },
        durationMs: undefined,
      }),
    );
    const jobs = [
      running,
      ended(8, churn.id, 'Failed', 2 * 3_600_000),
      ended(7, forecasting.id, 'Succeeded', 3 * 3_600_000),
      ended(6, churn.id, 'Failed', 10 * DAY),
      // Someone else's failure is not mine to look at.
      { ...ended(5, churn.id, 'Failed', 3_600_000), startedById: maya.id },
    ];
    fakeDomino({ world: { jobs } });
    renderApp('/');

    const active = await screen.findByRole('list', { name: 'Your queued and running jobs' });
    expect(within(active).getByRole('link', { name: /credit-risk #9 Training now/ })).toHaveAttribute('href', `/jobs/${running.id}?projectId=${creditRisk.id}`);
    expect(screen.getByRole('heading', { name: 'Queued or running (1)' })).toBeInTheDocument();

    const failed = await screen.findByRole('list', { name: 'Your recently failed jobs' });
    expect(
      within(failed)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['customer-churn #8 Job 8']);

    const projects = await screen.findByRole('list', { name: 'Projects of your latest jobs' });
    expect(
      within(projects)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['admin/credit-risk', 'maya.chen/customer-churn', 'maya.chen/demand-forecasting']);
    expect(screen.getByRole('link', { name: 'All your jobs' })).toHaveAttribute('href', '/jobs/all');
  });

  it('says when nothing runs and nothing failed', async () => {
    fakeDomino({ world: { jobs: [ended(3, churn.id, 'Succeeded', 3_600_000)] } });
    renderApp('/');
    expect(await screen.findByText('Nothing of yours is running.')).toBeInTheDocument();
    expect(await screen.findByText('No failures.')).toBeInTheDocument();
  });

  it('against a Domino without the list across projects, points to the Jobs page and asks nothing it cannot answer', async () => {
    const { calls } = fakeDomino({
      world: { jobs: [], info: { ...embeddedInfo, extensions: embeddedInfo.extensions.filter((name) => name !== 'jobs-across-projects') } },
    });
    renderApp('/');
    expect(await screen.findByText(/This Domino has no list of jobs across projects/)).toBeInTheDocument();
    expect(calls.some((call) => call.url.startsWith('/api/embedded/v1/jobs'))).toBe(false);
  });
});
