import type { Toast } from '../lib/toast-store';

const TONE_CLASSES: Record<Toast['tone'], string> = {
  info: 'border-slate-300 bg-white text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100',
  success: 'border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-50',
  error: 'border-red-300 bg-red-50 text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-50',
};

/** The stack of toasts in the corner. Errors are alerts (announced at once), the rest statuses. */
export function Toaster({ toasts, onDismiss }: { toasts: readonly Toast[]; onDismiss: (id: string) => void }) {
  return (
    <section aria-label="Notifications" className="pointer-events-none fixed right-4 bottom-4 z-40 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          role={toast.tone === 'error' ? 'alert' : 'status'}
          className={`pointer-events-auto flex items-start gap-3 rounded-lg border p-3 shadow-lg ${TONE_CLASSES[toast.tone]}`}
        >
          <div className="min-w-0 flex-1 text-sm">
            <p className="font-semibold">{toast.title}</p>
            {toast.description ? <p className="mt-0.5 break-words">{toast.description}</p> : null}
          </div>
          {toast.action ? (
            <button
              type="button"
              onClick={() => {
                toast.action!.run();
                onDismiss(toast.id);
              }}
              aria-label={toast.action.accessibleLabel}
              className="shrink-0 rounded px-2 py-1 text-sm font-semibold text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
            >
              {toast.action.label}
            </button>
          ) : null}
          <button
            type="button"
            onClick={() => onDismiss(toast.id)}
            className="rounded p-1 text-current opacity-80 hover:opacity-100"
            aria-label={`Dismiss notification: ${toast.title}`}
          >
            <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
              <path d="M2 2l10 10M12 2L2 12" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
          </button>
        </div>
      ))}
    </section>
  );
}
