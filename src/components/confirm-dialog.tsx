import { useRef, type ReactNode } from 'react';
import { errorMessage } from '../api/error-details';
import { Button } from './button';
import { Dialog, DialogActions } from './dialog';
import { InlineAlert } from './inline-alert';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in words; rendered as the dialog's description. */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** True while the confirmed action runs: buttons disabled, Esc ignored. */
  pending?: boolean;
  /** The action's failure (a mutation's `error`; null when none), shown inside the dialog so the user can retry or cancel. */
  error?: unknown;
  tone?: 'danger' | 'primary';
}

export function ConfirmDialog({ open, title, children, confirmLabel, onConfirm, onCancel, pending = false, error, tone = 'danger' }: ConfirmDialogProps) {
  // Cancel gets focus first: Enter on a destructive confirmation should not destroy anything.
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog open={open} onClose={onCancel} title={title} description={children} role="alertdialog" size="sm" initialFocusRef={cancelRef} dismissable={!pending}>
      {error ? <InlineAlert title="That did not work">{errorMessage(error)}</InlineAlert> : null}
      <DialogActions>
        {/* aria-disabled rather than disabled: a disabled button drops focus out of the dialog. */}
        <Button ref={cancelRef} onClick={pending ? undefined : onCancel} aria-disabled={pending || undefined}>
          Cancel
        </Button>
        <Button variant={tone} onClick={pending ? undefined : onConfirm} aria-disabled={pending || undefined}>
          {pending ? 'Working…' : confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
