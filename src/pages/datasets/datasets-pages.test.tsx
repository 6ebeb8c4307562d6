import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeDomino } from '../../test/fake-domino';
import { json, metadata } from '../../test/fetch-mock';
import { renderApp } from '../../test/render-app';
import { churn, churnFeatures, churnFeaturesSnapshot, detailsOf, embeddedInfo, finishedJob, readerStats } from '../../test/wire-fixtures';

/** XMLHttpRequest as the upload sees it: progress events and an answer the test decides. */
class FakeXhr {
  static last: FakeXhr | undefined;
  upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  responseText = '';
  url = '';
  body: unknown;
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader() {}
  send(body: unknown) {
    this.body = body;
    FakeXhr.last = this;
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true });
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('datasets list', () => {
  it('lists datasets with size and file count, and searches through the URL where the server can', async () => {
    const { calls } = fakeDomino();
    const { router } = renderApp('/datasets');
    const table = await screen.findByRole('table', { name: 'Datasets you can see' });
    expect(within(table).getByRole('link', { name: 'churn-features' })).toHaveAttribute('href', `/datasets/${churnFeatures.id}`);
    expect(within(table).getByText('2.0 KB')).toBeInTheDocument();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: 'nothing-like-it' } });
    await waitFor(() => expect(router.state.location.search).toMatchObject({ q: 'nothing-like-it' }));
    expect(await screen.findByText('No dataset matches')).toBeInTheDocument();
    expect(calls.some((call) => call.url.includes('/api/embedded/v1/datasets?') && call.url.includes('search=nothing-like-it'))).toBe(true);
  });

  it('against a Domino without the search extension: no search box, the v2 list', async () => {
    const { calls } = fakeDomino({
      world: { info: { ...embeddedInfo, extensions: [] } },
      answer: ({ path }) =>
        path === '/api/datasetrw/v2/datasets'
          ? json({ datasets: [{ dataset: churnFeatures }], metadata: { ...metadata, offset: 0, limit: 25, totalCount: 1 } })
          : undefined,
    });
    renderApp('/datasets');
    await screen.findByRole('link', { name: 'churn-features' });
    expect(screen.queryByRole('searchbox', { name: 'Search' })).not.toBeInTheDocument();
    expect(calls.some((call) => call.url.startsWith('/api/datasetrw/v2/datasets'))).toBe(true);
  });
});

describe('dataset page', () => {
  it('browses live files, and shows grants in the access panel', async () => {
    fakeDomino();
    renderApp(`/datasets/${churnFeatures.id}`);
    expect(await screen.findByRole('heading', { name: 'churn-features' })).toBeInTheDocument();
    const files = await screen.findByRole('table', { name: 'Live files' });
    fireEvent.click(within(files).getByRole('button', { name: 'features/' }));
    expect(await screen.findByRole('link', { name: '2026-10.csv' })).toHaveAttribute(
      'href',
      `/api/embedded/v1/datasets/${churnFeatures.id}/files/content?path=features%2F2026-10.csv`,
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Access' }));
    const grants = await screen.findByRole('table', { name: 'Grants' });
    expect(within(grants).getByText('Owner')).toBeInTheDocument();
    expect(within(grants).getByText('The last Owner stays')).toBeInTheDocument();
  });

  it('uploads with a progress bar, and shows the server’s reason for a 413', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    fakeDomino();
    renderApp(`/datasets/${churnFeatures.id}`);
    const input = await screen.findByLabelText('Files to upload');
    fireEvent.change(input, { target: { files: [new File(['x'.repeat(100)], 'big.bin')] } });
    const bar = await screen.findByRole('progressbar', { name: 'Upload of big.bin' });
    act(() => FakeXhr.last!.progress(40, 100));
    await waitFor(() => expect(bar).toHaveAttribute('value', '40'));
    expect(FakeXhr.last!.url).toBe(`/api/embedded/v1/datasets/${churnFeatures.id}/files?path=big.bin`);
    act(() => FakeXhr.last!.answer(413, { requestId: 'r', errors: ['The file is larger than the upload limit of 50 bytes'] }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too large: The file is larger than the upload limit of 50 bytes');
  });

  it('for a Reader: edit, delete, upload and snapshots are disabled and say why', async () => {
    fakeDomino({ world: { datasetStats: { [churnFeatures.id]: readerStats } } });
    renderApp(`/datasets/${churnFeatures.id}`);
    await screen.findByRole('table', { name: 'Live files' });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Edit' })).toBeDisabled());
    expect(screen.getByRole('button', { name: 'Delete' })).toBeDisabled();
    expect(screen.getByText(/Readers can browse and download/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Files to upload')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('tab', { name: 'Snapshots' }));
    expect(await screen.findByText('You need Editor access to the dataset for this.')).toBeInTheDocument();
  });

  it('takes a snapshot, and deletes only after the name is typed', async () => {
    const { calls } = fakeDomino();
    const { router } = renderApp(`/datasets/${churnFeatures.id}`);
    await screen.findByRole('heading', { name: 'churn-features' });
    fireEvent.click(screen.getByRole('tab', { name: 'Snapshots' }));
    expect(await screen.findByText('baseline')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Take snapshot' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST' && call.url.endsWith('/snapshots'))).toBe(true));

    await waitFor(() => expect(screen.getByRole('button', { name: 'Delete' })).not.toBeDisabled());
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete dataset' }));
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false);
    fireEvent.change(within(dialog).getByLabelText('Type churn-features to confirm'), { target: { value: 'churn-features' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete dataset' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/datasets'));
    expect(calls.some((call) => call.method === 'DELETE' && call.url === `/api/datasetrw/v1/datasets/${churnFeatures.id}`)).toBe(true);
  });
});

describe('snapshot status', () => {
  it('follows a snapshot being taken through getSnapshot until it is active, without fetching the whole list again', async () => {
    const taking = { ...churnFeaturesSnapshot, id: '5200000000000000000000aa', createdAt: '2026-12-01T12:00:00Z', status: 'copying' };
    let asked = 0;
    const { calls } = fakeDomino({
      world: { snapshots: [churnFeaturesSnapshot, taking] },
      answer: ({ method, path }) => {
        if (method !== 'GET' || path !== `/api/datasetrw/v1/snapshots/${taking.id}`) return undefined;
        asked++;
        return json({ snapshot: { ...taking, status: asked < 2 ? 'copying' : 'active' }, metadata });
      },
    });
    renderApp(`/datasets/${churnFeatures.id}`);
    await screen.findByRole('heading', { name: 'churn-features' });
    fireEvent.click(screen.getByRole('tab', { name: 'Snapshots' }));
    const table = await screen.findByRole('table', { name: 'Snapshots' });
    const row = () => within(table).getByText(taking.id).closest('tr')!;
    expect(within(row()).getByText('copying')).toBeInTheDocument();
    // Asked again a second later: active, and the row's actions follow.
    await waitFor(() => expect(within(row()).getByText('active')).toBeInTheDocument(), { timeout: 4000 });
    expect(within(row()).getByRole('button', { name: 'New dataset from this' })).toBeInTheDocument();
    expect(asked).toBe(2);
    expect(calls.filter((call) => call.url.startsWith(`/api/datasetrw/v1/datasets/${churnFeatures.id}/snapshots`))).toHaveLength(1);
    // The settled one was never polled.
    expect(calls.some((call) => call.url === `/api/datasetrw/v1/snapshots/${churnFeaturesSnapshot.id}`)).toBe(false);
  });
});

describe('job page', () => {
  it('shows the datasets the run had mounted, linking to them', async () => {
    const mounted = detailsOf({
      ...finishedJob,
      datasetMounts: [
        { id: churnFeatures.id, datasetName: 'churn-features', projectId: churn.id, isInput: false, containerPath: '/domino/datasets/local/churn-features' },
      ],
    });
    fakeDomino({ world: { jobs: [mounted] } });
    renderApp(`/jobs/${finishedJob.id}?projectId=${churn.id}`);
    const table = await screen.findByRole('table', { name: `Datasets mounted in job #${finishedJob.number}` });
    expect(within(table).getByRole('link', { name: 'churn-features' })).toHaveAttribute('href', `/datasets/${churnFeatures.id}`);
    expect(within(table).getByText('/domino/datasets/local/churn-features')).toBeInTheDocument();
    expect(within(table).getByText('Read and write')).toBeInTheDocument();
  });
});

describe('project page, Datasets tab', () => {
  it('lists the project’s own datasets, linking to them, above the shared ones', async () => {
    const { calls } = fakeDomino({
      world: { datasets: [churnFeatures, { ...churnFeatures, id: '5100000000000000000000cc', name: 'elsewhere', projectId: '5100000000000000000000dd' }] },
      answer: ({ path }) => (path.endsWith('/shared-datasets') ? json({ dataset: { projectId: churn.id, sharedDatasetIds: [] }, metadata }) : undefined),
    });
    renderApp(`/projects/${churn.id}?tab=datasets`);
    const table = await screen.findByRole('table', { name: "This project's datasets" });
    expect(within(table).getByRole('link', { name: 'churn-features' })).toHaveAttribute('href', `/datasets/${churnFeatures.id}`);
    // Asked of the v1 list with the project's id, which answers only the project's own.
    expect(within(table).queryByRole('link', { name: 'elsewhere' })).not.toBeInTheDocument();
    expect(calls.some((call) => call.url === `/api/datasetrw/v1/datasets?projectId=${churn.id}&offset=0&limit=10`)).toBe(true);
    expect(screen.getByText('Showing 1–1 of 1 datasets')).toBeInTheDocument();
  });
});
