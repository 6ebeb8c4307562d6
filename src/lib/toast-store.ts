// A tiny external store for toasts. It lives outside React so the QueryClient's caches (created
// before any component renders) can raise a toast without importing UI code.

export type ToastTone = 'info' | 'success' | 'error';

export interface Toast {
  id: string;
  tone: ToastTone;
  title: string;
  description?: string;
  /** Toasts with the same key are shown once: a failing background refetch must not stack up. */
  dedupeKey?: string;
  /** One thing the reader can do about it (Undo); the toast goes once it is done. */
  action?: ToastAction;
}

export interface ToastAction {
  label: string;
  /** What the button says to a screen reader, e.g. "Undo removing tag nightly". */
  accessibleLabel?: string;
  run: () => void;
}

export type NewToast = Omit<Toast, 'id'>;

type Listener = () => void;

// Errors stay until dismissed (users must get the time to read them); the rest fade on their own.
const AUTO_DISMISS_MS: Record<ToastTone, number | undefined> = { info: 5000, success: 5000, error: undefined };
// A toast that offers an action stays longer: time to notice it, move there and press it.
const ACTION_DISMISS_MS = 10_000;
const MAX_TOASTS = 4;

export function createToastStore() {
  let toasts: readonly Toast[] = [];
  let nextId = 1;
  const listeners = new Set<Listener>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const emit = () => {
    for (const listener of listeners) listener();
  };

  function dismiss(id: string): void {
    const timer = timers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    timers.delete(id);
    if (!toasts.some((t) => t.id === id)) return;
    toasts = toasts.filter((t) => t.id !== id);
    emit();
  }

  function push(toast: NewToast): string {
    if (toast.dedupeKey !== undefined) {
      const existing = toasts.find((t) => t.dedupeKey === toast.dedupeKey);
      if (existing) return existing.id;
    }
    const id = `toast-${nextId++}`;
    const dropped = toasts.length >= MAX_TOASTS ? toasts.slice(0, toasts.length - MAX_TOASTS + 1) : [];
    for (const old of dropped) dismiss(old.id);
    toasts = [...toasts, { ...toast, id }];
    const delay = toast.action && toast.tone !== 'error' ? ACTION_DISMISS_MS : AUTO_DISMISS_MS[toast.tone];
    if (delay !== undefined)
      timers.set(
        id,
        setTimeout(() => dismiss(id), delay),
      );
    emit();
    return id;
  }

  return {
    push,
    dismiss,
    getSnapshot: (): readonly Toast[] => toasts,
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type ToastStore = ReturnType<typeof createToastStore>;

/** The app's one toast store. */
export const toastStore = createToastStore();
