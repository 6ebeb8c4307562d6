import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from './confirm-dialog';

function Harness({ onConfirm = () => undefined, pending = false, error }: { onConfirm?: () => void; pending?: boolean; error?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <button type="button" onClick={() => setOpen(true)}>
        Remove Maya
      </button>
      <ConfirmDialog
        open={open}
        title="Remove member?"
        confirmLabel="Remove member"
        onConfirm={() => {
          onConfirm();
          setOpen(false);
        }}
        onCancel={() => setOpen(false)}
        pending={pending}
        error={error}
      >
        <p>Maya Chen will no longer be a member.</p>
      </ConfirmDialog>
    </div>
  );
}

describe('ConfirmDialog', () => {
  it('is a labelled, described modal alertdialog with focus on Cancel', () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Maya' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove member?' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAccessibleDescription('Maya Chen will no longer be a member.');
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
  });

  it('makes the rest of the page inert while open, and restores it on close', () => {
    render(<Harness />);
    const opener = screen.getByRole('button', { name: 'Remove Maya' });
    opener.focus();
    fireEvent.click(opener);
    expect(opener.closest('[inert]')).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(opener.closest('[inert]')).toBeNull();
  });

  it('closes on Escape and returns focus to the button that opened it', () => {
    render(<Harness />);
    const opener = screen.getByRole('button', { name: 'Remove Maya' });
    opener.focus();
    fireEvent.click(opener);
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it('keeps Tab inside the dialog', () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Maya' }));
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    const confirm = screen.getByRole('button', { name: 'Remove member' });
    confirm.focus();
    fireEvent.keyDown(confirm, { key: 'Tab' });
    expect(cancel).toHaveFocus();
    fireEvent.keyDown(cancel, { key: 'Tab', shiftKey: true });
    expect(confirm).toHaveFocus();
  });

  it('runs the action on confirm', () => {
    const onConfirm = vi.fn();
    render(<Harness onConfirm={onConfirm} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Maya' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove member' }));
    expect(onConfirm).toHaveBeenCalledOnce();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('ignores Escape and clicks while the action is pending', () => {
    const onConfirm = vi.fn();
    render(<Harness onConfirm={onConfirm} pending />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Maya' }));
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Working…' }));
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('shows the API refusal inside the dialog', () => {
    render(<Harness error="Risk Analytics must keep at least one admin" />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Maya' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Risk Analytics must keep at least one admin');
  });
});
