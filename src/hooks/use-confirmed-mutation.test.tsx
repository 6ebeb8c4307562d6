import { QueryClientProvider, useMutation } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../api/query-client';
import { Button } from '../components/button';
import { ConfirmDialog } from '../components/confirm-dialog';
import { createToastStore, toastStore } from '../lib/toast-store';
import { useConfirmedMutation, type ConfirmedMutationOptions } from './use-confirmed-mutation';

function RemoveThing({ remove, mode }: { remove: (id: string) => Promise<void>; mode: ConfirmedMutationOptions<string, string>['mode'] }) {
  const removing = useConfirmedMutation(useMutation({ mutationFn: remove }), { variables: (id: string) => id, successTitle: (id) => `Removed ${id}`, mode });
  return (
    <>
      <Button onClick={() => removing.ask('report.csv')}>Remove report.csv</Button>
      <ConfirmDialog {...removing.dialog} title="Remove file?" confirmLabel="Remove file">
        {removing.target} will be removed.
      </ConfirmDialog>
    </>
  );
}

function renderRemoval(remove: (id: string) => Promise<void>, mode?: 'wait' | 'close') {
  render(
    <QueryClientProvider client={createQueryClient({ toasts: createToastStore() })}>
      <RemoveThing remove={remove} mode={mode} />
    </QueryClientProvider>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Remove report.csv' }));
  return screen.getByRole('alertdialog', { name: 'Remove file?' });
}

describe('useConfirmedMutation', () => {
  it('asks about the target, acts only on confirm, then closes and says it is done', async () => {
    const remove = vi.fn(async () => undefined);
    const dialog = renderRemoval(remove);
    expect(dialog).toHaveTextContent('report.csv will be removed.');
    expect(remove).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove file' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(remove).toHaveBeenCalledWith('report.csv', expect.anything());
    expect(toastStore.getSnapshot().map((toast) => toast.title)).toContain('Removed report.csv');
  });

  it('keeps the dialog open with the refusal, and a cancel clears it for the next try', async () => {
    const dialog = renderRemoval(() => Promise.reject(new Error('the file is in use')));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove file' }));
    expect(await within(dialog).findByText('the file is in use')).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Remove report.csv' }));
    expect(within(screen.getByRole('alertdialog')).queryByText('the file is in use')).not.toBeInTheDocument();
  });

  it("closes at once in 'close' mode, for a change that shows optimistically", () => {
    const dialog = renderRemoval(() => new Promise(() => undefined), 'close');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove file' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });
});
