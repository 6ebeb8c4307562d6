import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { toastStore } from '../../lib/toast-store';
import { json, metadata } from '../../test/fetch-mock';
import { failure, fakeDomino } from '../../test/fake-domino';
import { renderApp } from '../../test/render-app';
import { churn, churnGoal, detailsOf, embeddedInfo, finishedJob, jobOf, objectId, runningJob } from '../../test/wire-fixtures';

const RECENT_PROJECT_KEY = 'domino-console:jobs:recent-project';

beforeEach(() => window.localStorage.clear());

describe('jobs page', () => {
  it('asks for a project first, then keeps the chosen one in the URL and lists its jobs', async () => {
    fakeDomino();
    const { router } = renderApp('/jobs');
    expect(await screen.findByText('Choose a project to see its jobs')).toBeInTheDocument();
    const picker = screen.getByRole('combobox', { name: 'Project' });
    fireEvent.change(picker, { target: { value: 'churn' } });
    const listbox = screen.getByRole('listbox', { name: 'Project' });
    expect(within(listbox).queryByRole('option', { name: /demand-forecasting/ })).not.toBeInTheDocument();
    fireEvent.keyDown(picker, { key: 'Enter' });
    await waitFor(() => expect(router.state.location.search).toMatchObject({ projectId: churn.id }));

    const table = await screen.findByRole('table');
    expect(within(table).getByRole('link', { name: 'Sweep' })).toHaveAttribute('href', `/jobs/${runningJob.id}?projectId=${churn.id}`);
    expect(within(table).getByText('Running')).toBeInTheDocument();
    expect(within(table).getByText('Succeeded')).toBeInTheDocument();
    expect(screen.getByText(/Live: updating every 2 s/)).toBeInTheDocument();
    expect(window.localStorage.getItem(RECENT_PROJECT_KEY)).toBe(churn.id);
  });

  it('opens on the most recently used project', async () => {
    window.localStorage.setItem(RECENT_PROJECT_KEY, churn.id);
    fakeDomino();
    const { router } = renderApp('/jobs');
    await screen.findByRole('table');
    expect(router.state.location.search).toMatchObject({ projectId: churn.id });
  });

  it('sorts by a column header and filters by status through the URL, asking the API for it', async () => {
    const { calls } = fakeDomino();
    const { router } = renderApp(`/jobs?projectId=${churn.id}`);
    const table = await screen.findByRole('table');
    fireEvent.click(within(table).getByRole('button', { name: /^Status/ }));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ sortBy: 'status', ascending: true }));
    expect(within(screen.getByRole('table')).getByRole('columnheader', { name: /^Status/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(within(screen.getByRole('table')).getByRole('columnheader', { name: /^#/ })).not.toHaveAttribute('aria-sort');
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'completed' } });
    await waitFor(() => expect(router.state.location.search).toMatchObject({ status: 'completed' }));
    await waitFor(() => {
      const last = calls.filter((call) => call.url.startsWith('/api/jobs/beta/jobs?')).at(-1);
      expect(last?.url).toContain('statusFilter=completed');
      expect(last?.url).toContain('sortBy=status');
      expect(last?.url).toContain('ascending=true');
    });
  });

  it('offers the outcomes users expect where the executionStatus extension is listed, and only there', async () => {
    const { calls } = fakeDomino();
    const { router } = renderApp(`/jobs?projectId=${churn.id}`);
    await screen.findByRole('table');
    expect(await within(screen.getByRole('combobox', { name: 'Status' })).findByRole('option', { name: 'Failed' })).toBeInTheDocument();
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'failed' } });
    await waitFor(() => expect(router.state.location.search).toMatchObject({ status: 'failed' }));
    await waitFor(() => {
      const last = calls.filter((call) => call.url.startsWith('/api/jobs/beta/jobs?')).at(-1);
      expect(last?.url).toContain('statusFilter=completed');
      expect(last?.url).toContain('executionStatus=Failed');
    });
  });

  it('never sends executionStatus to a Domino without the extension, even from a link', async () => {
    const { calls } = fakeDomino({
      world: { info: { ...embeddedInfo, extensions: embeddedInfo.extensions.filter((name) => name !== 'job-execution-status-filter') } },
    });
    const { router } = renderApp(`/jobs?projectId=${churn.id}&status=failed`);
    await screen.findByRole('table');
    await waitFor(() => expect(router.state.location.search).toMatchObject({ status: 'completed' }));
    expect(within(screen.getByRole('combobox', { name: 'Status' })).queryByRole('option', { name: 'Failed' })).not.toBeInTheDocument();
    expect(calls.some((call) => call.url.includes('executionStatus'))).toBe(false);
  });

  it('opens a job from anywhere on its row, but not from the row’s own controls', async () => {
    fakeDomino();
    const { router } = renderApp(`/jobs?projectId=${churn.id}`);
    const table = await screen.findByRole('table');
    fireEvent.click(await within(table).findByRole('button', { name: 'Remove tag baseline' }));
    expect(router.state.location.pathname).toBe('/jobs');
    const row = within(table).getByRole('link', { name: 'Sweep' }).closest('tr')!;
    fireEvent.click(within(row).getByText('Running'));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/jobs/${runningJob.id}`));
  });

  it('adds a tag from the table', async () => {
    const { calls } = fakeDomino();
    renderApp(`/jobs?projectId=${churn.id}`);
    await screen.findByRole('table');
    expect(await screen.findByText('baseline')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Add a tag to job #2' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'New tag for job #2' }), { target: { value: 'best' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST' && call.url === `/api/jobs/v1/jobs/${finishedJob.id}/tags`)).toBe(true));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ tagName: 'best', projectId: churn.id });
  });

  it('removes a tag in the row at once, and Undo in the toast tags the job again', async () => {
    const { calls } = fakeDomino();
    renderApp(`/jobs?projectId=${churn.id}`);
    const table = await screen.findByRole('table');
    fireEvent.click(await within(table).findByRole('button', { name: 'Remove tag baseline' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'DELETE' && call.url.includes('/tags/'))).toBe(true));
    const undo = await screen.findByRole('button', { name: /^Undo: tag job #\d+ “baseline” again$/ });
    expect(screen.getByText(/Removed tag “baseline” from job #\d+/)).toBeInTheDocument();
    fireEvent.click(undo);
    await waitFor(() => expect(calls.find((call) => call.method === 'POST' && call.url.endsWith('/tags'))?.body).toMatchObject({ tagName: 'baseline' }));
    expect(screen.queryByRole('button', { name: /^Undo/ })).not.toBeInTheDocument();
  });

  it('checks the run-a-job form on leaving a field and on submit, and shows the API’s refusal', async () => {
    const { calls } = fakeDomino({
      answer: ({ method, path }) => (method === 'POST' && path === '/api/jobs/v1/jobs' ? failure(400, 'Hardware tier huge-k8s not found') : undefined),
    });
    renderApp(`/jobs?projectId=${churn.id}`);
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('button', { name: 'Run a job' }));
    const dialog = await screen.findByRole('dialog', { name: 'Run a job' });
    // Nothing is wrong with a field nobody has typed in, even once focus leaves it.
    const command = within(dialog).getByRole('textbox', { name: 'Command' });
    fireEvent.focus(command);
    fireEvent.blur(command);
    expect(within(dialog).queryByText('The command must not be empty')).not.toBeInTheDocument();
    // A field is checked when the user leaves it, not at every keystroke.
    const commit = within(dialog).getByRole('textbox', { name: 'Commit (optional)' });
    fireEvent.change(commit, { target: { value: 'abc' } });
    expect(within(dialog).queryByText(/A commit id is 40 hexadecimal characters/)).not.toBeInTheDocument();
    fireEvent.blur(commit);
    expect(within(dialog).getByText(/A commit id is 40 hexadecimal characters/)).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Run job' }));
    expect(within(dialog).getByText('The command must not be empty')).toBeInTheDocument();
    expect(calls.some((call) => call.url === '/api/jobs/v1/jobs')).toBe(false);

    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Commit (optional)' }), { target: { value: '' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Command' }), { target: { value: 'train.py' } });
    expect(await within(dialog).findByRole('option', { name: /Small — 1 core · 4 GiB/ })).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Run job' }));
    expect(await within(dialog).findByText('Hardware tier huge-k8s not found')).toBeInTheDocument();
    expect(calls.find((call) => call.url === '/api/jobs/v1/jobs')?.body).toEqual({ projectId: churn.id, runCommand: 'train.py', hardwareTier: 'small-k8s' });
  });
});

describe('job page', () => {
  it('shows a finished job: timeline, usage, commit link, stats and tags, with no Stop button', async () => {
    fakeDomino();
    renderApp(`/jobs/${finishedJob.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: /#2 Job 2/ })).toBeInTheDocument();
    const breadcrumb = screen.getByRole('navigation', { name: 'Breadcrumb' });
    expect(within(breadcrumb).getByRole('link', { name: 'Jobs' })).toHaveAttribute('href', `/jobs?projectId=${churn.id}`);
    expect(within(breadcrumb).getByText('Job #2')).toHaveAttribute('aria-current', 'page');
    const stages = screen.getByRole('list', { name: 'Stages' });
    expect(
      within(stages)
        .getAllByRole('listitem')
        .map((item) => item.querySelector('p')?.textContent?.split(':')[0]),
    ).toEqual(['Submitted', 'Preparing', 'Running', 'Finishing', 'Succeeded']);
    expect(screen.getByText('12.5 %')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /7a7a7a7a7a/ })).toHaveAttribute('href', `/projects/${churn.id}?tab=files&commit=${'7a'.repeat(20)}`);
    expect(screen.getByRole('table', { name: 'Domino stats of job #2' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove tag baseline' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Stop job' })).not.toBeInTheDocument();
  });

  it('copies the job id and the whole input commit id, saying so', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fakeDomino();
    renderApp(`/jobs/${finishedJob.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Copy the job id' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(finishedJob.id));
    fireEvent.click(screen.getByRole('button', { name: 'Copy the input commit id' }));
    await waitFor(() => expect(writeText).toHaveBeenLastCalledWith('7a'.repeat(20)));
    await waitFor(() => expect(toastStore.getSnapshot().map((toast) => toast.title)).toContain('Copied the input commit id'));
  });

  it('keeps the reader’s place in the page when the log’s stream changes', async () => {
    fakeDomino();
    const { router } = renderApp(`/jobs/${finishedJob.id}`);
    const stderr = await screen.findByRole('radio', { name: /stderr/ });
    const scrollTo = vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
    try {
      fireEvent.click(stderr);
      await waitFor(() => expect(router.state.location.search).toMatchObject({ stream: 'stderr' }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(scrollTo).not.toHaveBeenCalled();
    } finally {
      scrollTo.mockRestore();
    }
  });

  it('re-runs a finished job as it was, and with changes from a prefilled dialog', async () => {
    const rerun = jobOf(4);
    const { calls } = fakeDomino({
      world: { jobs: [detailsOf(finishedJob), detailsOf(rerun)] },
      answer: ({ method, path }) => (method === 'POST' && path === '/api/jobs/v1/jobs' ? json({ job: detailsOf(rerun), metadata }) : undefined),
    });
    const { router } = renderApp(`/jobs/${finishedJob.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Re-run' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/jobs/${rerun.id}`));
    expect(calls.find((call) => call.method === 'POST' && call.url === '/api/jobs/v1/jobs')?.body).toEqual({
      projectId: churn.id,
      runCommand: finishedJob.runCommand,
      title: finishedJob.title,
      hardwareTier: finishedJob.hardwareTierId,
      commitId: finishedJob.commitDetails.inputCommitId,
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Re-run with changes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Re-run job #4 with changes' });
    const command = within(dialog).getByRole('textbox', { name: 'Command' });
    expect(command).toHaveValue(rerun.runCommand);
    expect(within(dialog).getByRole('textbox', { name: 'Title (optional)' })).toHaveValue(rerun.title);
    expect(within(dialog).getByRole('textbox', { name: 'Commit (optional)' })).toHaveValue(rerun.commitDetails.inputCommitId);
    fireEvent.change(command, { target: { value: 'train.py --epochs 9' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Run job' }));
    await waitFor(() => expect(calls.filter((call) => call.method === 'POST' && call.url === '/api/jobs/v1/jobs')).toHaveLength(2));
    expect(calls.filter((call) => call.method === 'POST' && call.url === '/api/jobs/v1/jobs')[1]!.body).toMatchObject({
      runCommand: 'train.py --epochs 9',
      commitId: rerun.commitDetails.inputCommitId,
    });
  });

  it('links a goal of the project', async () => {
    const { calls } = fakeDomino();
    renderApp(`/jobs/${finishedJob.id}`);
    const select = await screen.findByRole('combobox', { name: 'Link to a goal' });
    fireEvent.change(select, { target: { value: churnGoal.id } });
    fireEvent.click(screen.getByRole('button', { name: 'Link goal' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST' && call.url === `/api/jobs/v1/goals?jobId=${finishedJob.id}`)).toBe(true));
  });

  it('stops a live job after confirmation', async () => {
    const { calls } = fakeDomino();
    renderApp(`/jobs/${runningJob.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Stop job' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Stop job #3?' });
    expect(calls.some((call) => call.url.endsWith('/stop'))).toBe(false);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Stop job' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST' && call.url === `/api/embedded/v1/jobs/${runningJob.id}/stop`)).toBe(true));
  });

  it('shows a stop as information, not as a red failure', async () => {
    const stopped = jobOf(5, { status: { executionStatus: 'Stopped', isCompleted: true, isArchived: false, isScheduled: false } });
    fakeDomino({
      world: { jobs: [detailsOf(stopped)] },
      answer: ({ path }) =>
        path === `/api/jobs/beta/jobs/${stopped.id}/logs`
          ? json({
              logs: { logContent: [], isComplete: true, problem: 'Stopped by maya.chen' },
              metadata: { ...metadata, pagination: { limit: 1, latestTimeNano: '0' } },
            })
          : undefined,
    });
    renderApp(`/jobs/${stopped.id}`);
    const notice = await screen.findByText('Why the job stopped');
    expect(notice.closest('[role]')).toHaveAttribute('role', 'status');
  });

  it('explains why a queued job waits', async () => {
    const queued = jobOf(4, {
      stageTimes: { submissionTime: new Date().toISOString() },
      status: { executionStatus: 'Queued', isCompleted: false, isArchived: false, isScheduled: false },
      durationMs: undefined,
    });
    const details = {
      expectedWait: 'Starts when a running job on this tier finishes',
      explanation: 'All 4 execution slots of Small are in use (4 running); this job is next.',
      helpText: 'Choose another hardware tier.',
    };
    fakeDomino({ world: { jobs: [detailsOf(queued, { queuedJobStatusDetails: details })] } });
    renderApp(`/jobs/${queued.id}`);
    expect(await screen.findByText(details.explanation)).toBeInTheDocument();
    expect(screen.getByText(/expected wait Starts when a running job on this tier finishes/)).toBeInTheDocument();
    expect(screen.getByText('Not started')).toBeInTheDocument();
  });

  it('explains a job that cannot be found, with the way back', async () => {
    fakeDomino();
    renderApp(`/jobs/${objectId('9')}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Job not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to jobs' })).toHaveAttribute('href', '/jobs');
  });

  it('offers to try again after a 401 (the session may be back), like every other page', async () => {
    fakeDomino({ answer: ({ path }) => (path === `/api/jobs/beta/jobs/${finishedJob.id}` ? failure(401, 'Your session has expired') : undefined) });
    renderApp(`/jobs/${finishedJob.id}`);
    expect(await screen.findByText('Your session has expired')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to jobs' })).toBeInTheDocument();
  });
});
