import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { json, metadata, mockFetch, type RecordedCall } from '../../test/fetch-mock';
import { renderApp } from '../../test/render-app';

const admin = { id: 'a'.repeat(24), userName: 'admin', firstName: 'Domino', lastName: 'Admin', fullName: 'Domino Admin', avatarUrl: '', email: 'admin@example.com' };
const maya = { id: 'b'.repeat(24), userName: 'maya.chen', firstName: 'Maya', lastName: 'Chen', fullName: 'Maya Chen', avatarUrl: '' };
const project = { id: 'c'.repeat(24), name: 'customer-churn', description: 'Who leaves', visibility: 'public', ownerId: maya.id, ownerUsername: 'maya.chen', collaborators: [], internalTags: [] };
const other = { ...project, id: 'd'.repeat(24), name: 'demand-forecasting', ownerUsername: 'sofia.rossi' };
const commit = '7a'.repeat(20);
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function job(number: number, overrides: Record<string, unknown> = {}) {
  return {
    id: number.toString(16).padStart(24, '0'),
    number,
    title: `Job ${number}`,
    runCommand: `train.py --run ${number}`,
    startedById: maya.id,
    stageTimes: { submissionTime: minutesAgo(60), preparingTime: minutesAgo(59), startTime: minutesAgo(58), finishingTime: minutesAgo(55), completedTime: minutesAgo(54) },
    status: { executionStatus: 'Succeeded', isCompleted: true, isArchived: false, isScheduled: false },
    commitDetails: { inputCommitId: commit },
    dominoStats: [{ name: 'AUC', value: '0.81' }],
    usage: { cpuPercentage: 12.5, memoryGiB: 0.5 },
    projects: [],
    gitRepos: [],
    datasetMounts: [],
    externalVolumeMounts: [],
    projectId: project.id,
    hardwareTierId: 'small-k8s',
    durationMs: 240_000,
    ...overrides,
  };
}

const done = job(2);
const live = job(3, {
  title: 'Sweep',
  stageTimes: { submissionTime: minutesAgo(3), preparingTime: minutesAgo(3), startTime: minutesAgo(2) },
  status: { executionStatus: 'Running', isCompleted: false, isArchived: false, isScheduled: false },
  dominoStats: [],
  durationMs: undefined,
});
const tier = {
  id: 'small-k8s',
  name: 'Small',
  resources: { cores: 1, memory: { value: 4, units: 'GiB' }, allowSharedMemoryToExceedDefault: false },
  flags: { isDefault: true, isVisible: true, isGlobal: true, isArchived: false, isDataAnalystTier: false },
  centsPerMinute: 0.8,
  creationTime: '2026-01-01T00:00:00Z',
  updateTime: '2026-01-01T00:00:00Z',
  podCustomization: {},
  metadata: {},
};
const goal = { id: 'e'.repeat(24), title: 'Beat 0.8 AUC', isComplete: false, projectId: project.id, createdAt: minutesAgo(999), creatorId: maya.id };
const tag = { id: 'f'.repeat(24), name: 'baseline', creatorId: maya.id, createdAt: minutesAgo(10) };

function fakeDomino(overrides: (call: RecordedCall, url: URL) => Response | undefined = () => undefined) {
  return mockFetch((call) => {
    const url = new URL(call.url, 'http://console');
    const override = overrides(call, url);
    if (override) return override;
    const path = url.pathname;
    const details = (j: ReturnType<typeof job>) => ({ ...j, tags: j.id === done.id ? [tag] : [], commentsCount: 0, goalIds: [] });
    if (path === '/api/users/v1/self') return json({ user: admin, metadata });
    if (path === '/api/embedded/v1/info') return json({ version: '0.1.0', extensions: ['job-stop'], demo: false });
    if (path === '/api/users/v1/users') return json({ users: [admin, maya], metadata: { ...metadata, offset: 0, limit: 500, totalCount: 2 } });
    if (path === '/api/projects/beta/projects') return json({ projects: [project, other], metadata: { ...metadata, offset: 0, limit: 100, totalCount: 2 } });
    if (path === `/api/projects/v1/projects/${project.id}`) return json({ project, metadata });
    if (path === `/api/projects/v1/projects/${project.id}/goals`) return json({ goals: [goal], metadata });
    if (path === '/api/hardwaretiers/v1/hardwaretiers') return json({ hardwareTiers: [tier], metadata: { ...metadata, offset: 0, limit: 100, totalCount: 1 } });
    if (path === '/api/jobs/beta/jobs') return json({ jobs: [live, done], metadata: { ...metadata, offset: 0, limit: 25, totalCount: 2 } });
    if (path === `/api/jobs/beta/jobs/${done.id}`) return json({ job: details(done), metadata });
    if (path === `/api/jobs/beta/jobs/${live.id}`) return json({ job: details(live), metadata });
    if (path.endsWith('/logs')) return json({ logs: { logContent: [], isComplete: true }, metadata: { ...metadata, pagination: { limit: 1 } } });
    if (path === '/api/jobs/v1/goals' && call.method === 'GET') return json({ goals: [], metadata });
    if (path === '/api/jobs/v1/goals' && call.method === 'POST') return json({ goal: { goalId: goal.id, jobId: done.id, projectId: project.id, title: goal.title, currentStage: 'Open' }, metadata });
    if (path.startsWith('/api/jobs/v1/jobs/') && path.endsWith('/tags')) return json({ tag: { ...tag, id: '9'.repeat(24), name: 'best' }, metadata });
    if (path === `/api/embedded/v1/jobs/${live.id}/stop`) return json({ job: details({ ...live, status: { ...live.status, executionStatus: 'Stopped', isCompleted: true } }), metadata });
    return json({ requestId: 'r', errors: [`unexpected ${call.method} ${path}`] }, { status: 500 });
  });
}

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
    await waitFor(() => expect(router.state.location.search).toMatchObject({ projectId: project.id }));

    const table = await screen.findByRole('table');
    expect(within(table).getByRole('link', { name: 'Sweep' })).toHaveAttribute('href', `/jobs/${live.id}?projectId=${project.id}`);
    expect(within(table).getByText('Running')).toBeInTheDocument();
    expect(within(table).getByText('Succeeded')).toBeInTheDocument();
    expect(screen.getByText(/Live: updating every 2 s/)).toBeInTheDocument();
    expect(window.localStorage.getItem('domino-console:jobs:recent-project')).toBe(project.id);
  });

  it('opens on the most recently used project', async () => {
    window.localStorage.setItem('domino-console:jobs:recent-project', project.id);
    fakeDomino();
    const { router } = renderApp('/jobs');
    await screen.findByRole('table');
    expect(router.state.location.search).toMatchObject({ projectId: project.id });
  });

  it('sorts by a column header and filters by status through the URL, asking the API for it', async () => {
    const { calls } = fakeDomino();
    const { router } = renderApp(`/jobs?projectId=${project.id}`);
    const table = await screen.findByRole('table');
    fireEvent.click(within(table).getByRole('button', { name: /Status/ }));
    await waitFor(() => expect(router.state.location.search).toMatchObject({ sortBy: 'status', ascending: true }));
    expect(within(screen.getByRole('table')).getByRole('columnheader', { name: /Status/ })).toHaveAttribute('aria-sort', 'ascending');
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'completed' } });
    await waitFor(() => expect(router.state.location.search).toMatchObject({ status: 'completed' }));
    await waitFor(() => {
      const last = calls.filter((call) => call.url.startsWith('/api/jobs/beta/jobs?')).at(-1);
      expect(last?.url).toContain('statusFilter=completed');
      expect(last?.url).toContain('sortBy=status');
      expect(last?.url).toContain('ascending=true');
    });
  });

  it('adds a tag from the table', async () => {
    const { calls } = fakeDomino();
    renderApp(`/jobs?projectId=${project.id}`);
    await screen.findByRole('table');
    expect(await screen.findByText('baseline')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Add a tag to job #2' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'New tag for job #2' }), { target: { value: 'best' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST' && call.url === `/api/jobs/v1/jobs/${done.id}/tags`)).toBe(true));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ tagName: 'best', projectId: project.id });
  });

  it('checks the run-a-job form as the user types and shows the API’s refusal', async () => {
    const { calls } = fakeDomino((call, url) =>
      url.pathname === '/api/jobs/v1/jobs' && call.method === 'POST' ? json({ requestId: 'req-9', errors: ['Hardware tier huge-k8s not found'] }, { status: 400 }) : undefined,
    );
    renderApp(`/jobs?projectId=${project.id}`);
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('button', { name: 'Run a job' }));
    const dialog = await screen.findByRole('dialog', { name: 'Run a job' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Commit (optional)' }), { target: { value: 'abc' } });
    expect(within(dialog).getByText(/A commit id is 40 hexadecimal characters/)).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Run job' }));
    expect(within(dialog).getByText('The command must not be empty')).toBeInTheDocument();
    expect(calls.some((call) => call.url === '/api/jobs/v1/jobs')).toBe(false);

    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Commit (optional)' }), { target: { value: '' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Command' }), { target: { value: 'train.py' } });
    expect(await within(dialog).findByRole('option', { name: /Small — 1 core · 4 GiB/ })).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Run job' }));
    expect(await within(dialog).findByText('Hardware tier huge-k8s not found')).toBeInTheDocument();
    expect(calls.find((call) => call.url === '/api/jobs/v1/jobs')?.body).toEqual({ projectId: project.id, runCommand: 'train.py', hardwareTier: 'small-k8s' });
  });
});

describe('job page', () => {
  it('shows a finished job: timeline, usage, commit link, stats and tags, with no Stop button', async () => {
    fakeDomino();
    renderApp(`/jobs/${done.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: /#2 Job 2/ })).toBeInTheDocument();
    const stages = screen.getByRole('list', { name: 'Stages' });
    expect(within(stages).getAllByRole('listitem').map((item) => item.querySelector('p')?.textContent?.split(':')[0])).toEqual(['Submitted', 'Preparing', 'Running', 'Finishing', 'Succeeded']);
    expect(screen.getByText('12.5 %')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /7a7a7a7a7a/ })).toHaveAttribute('href', `/projects/${project.id}?tab=files&commit=${commit}`);
    expect(screen.getByRole('table', { name: 'Domino stats of job #2' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove tag baseline' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Stop job' })).not.toBeInTheDocument();
  });

  it('links a goal of the project', async () => {
    const { calls } = fakeDomino();
    renderApp(`/jobs/${done.id}`);
    const select = await screen.findByRole('combobox', { name: 'Link to a goal' });
    fireEvent.change(select, { target: { value: goal.id } });
    fireEvent.click(screen.getByRole('button', { name: 'Link goal' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST' && call.url === `/api/jobs/v1/goals?jobId=${done.id}`)).toBe(true));
  });

  it('stops a live job after confirmation', async () => {
    const { calls } = fakeDomino();
    renderApp(`/jobs/${live.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Stop job' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Stop job #3?' });
    expect(calls.some((call) => call.url.endsWith('/stop'))).toBe(false);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Stop job' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST' && call.url === `/api/embedded/v1/jobs/${live.id}/stop`)).toBe(true));
  });

  it('explains why a queued job waits', async () => {
    const queued = job(4, { stageTimes: { submissionTime: minutesAgo(1) }, status: { executionStatus: 'Queued', isCompleted: false, isArchived: false, isScheduled: false }, durationMs: undefined });
    const details = { expectedWait: 'Starts when a running job on this tier finishes', explanation: 'All 4 execution slots of Small are in use (4 running); this job is next.', helpText: 'Choose another hardware tier.' };
    fakeDomino((_call, url) => (url.pathname === `/api/jobs/beta/jobs/${queued.id}` ? json({ job: { ...queued, tags: [], commentsCount: 0, goalIds: [], queuedJobStatusDetails: details }, metadata }) : undefined));
    renderApp(`/jobs/${queued.id}`);
    expect(await screen.findByText(details.explanation)).toBeInTheDocument();
    expect(screen.getByText(/expected wait Starts when a running job on this tier finishes/)).toBeInTheDocument();
    expect(screen.getByText('Not started')).toBeInTheDocument();
  });

  it('explains a job that cannot be found, with the way back', async () => {
    fakeDomino((_call, url) => (url.pathname === `/api/jobs/beta/jobs/${'9'.repeat(24)}` ? json({ requestId: 'req-4', errors: ['Job 999 not found'] }, { status: 404 }) : undefined));
    renderApp(`/jobs/${'9'.repeat(24)}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to jobs' })).toHaveAttribute('href', '/jobs');
  });
});
