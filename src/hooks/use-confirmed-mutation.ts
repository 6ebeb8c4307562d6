// "Remove …?" and its kin: the thing a destructive action is about to hit, asked about in a
// ConfirmDialog, then the mutation. One hook so every confirm-then-act reads and behaves the same.
import { useState } from 'react';
import { toastStore } from '../lib/toast-store';

/** The parts of a useMutation result the confirmation drives. */
export interface ConfirmableMutation<TVariables> {
  mutate(variables: TVariables, options?: { onSuccess?: () => void }): void;
  reset(): void;
  isPending: boolean;
  error: unknown;
}

export interface ConfirmedMutationOptions<TTarget, TVariables> {
  /** The mutation's variables for the target the user confirmed. */
  variables: (target: TTarget) => TVariables;
  /** A success toast's title; leave it out when the mutation raises its own. */
  successTitle?: (target: TTarget) => string;
  /**
   * 'wait' (the default): the dialog stays open and busy until Domino answers, and shows a refusal
   * inside it, to retry or cancel. 'close': for an optimistic mutation, which shows the change at
   * once and toasts a refusal itself, so the dialog closes on confirm.
   */
  mode?: 'wait' | 'close';
}

export function useConfirmedMutation<TTarget, TVariables>(
  mutation: ConfirmableMutation<TVariables>,
  { variables, successTitle, mode = 'wait' }: ConfirmedMutationOptions<TTarget, TVariables>,
) {
  // Wrapped, so a target that is itself falsy or a function is still "asked about".
  const [asked, setAsked] = useState<{ target: TTarget } | null>(null);
  const waits = mode === 'wait';

  function confirm() {
    if (!asked) return;
    const { target } = asked;
    const toast = successTitle ? () => toastStore.push({ tone: 'success', title: successTitle(target) }) : undefined;
    if (waits) {
      mutation.mutate(variables(target), {
        onSuccess: () => {
          setAsked(null);
          toast?.();
        },
      });
      return;
    }
    mutation.mutate(variables(target), { onSuccess: toast });
    setAsked(null);
  }

  function cancel() {
    setAsked(null);
    // A refusal shown in the dialog is about this attempt only: the next one starts clean.
    if (waits) mutation.reset();
  }

  return {
    /** What the open dialog asks about; undefined when it is closed. */
    target: asked?.target,
    /** Opens the dialog about `target`. */
    ask: (target: TTarget) => setAsked({ target }),
    /** The ConfirmDialog props this hook owns; the page adds the title, the words and the label. */
    dialog: {
      open: asked !== null,
      onConfirm: confirm,
      onCancel: cancel,
      pending: waits && mutation.isPending,
      error: waits ? mutation.error : undefined,
    },
  };
}
