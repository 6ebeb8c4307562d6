import type { EmbeddedStatus } from '../api/embedded';

/**
 * Says so when the embedded Domino cannot run jobs in its sandbox (they end in Error until
 * bubblewrap is installed), or runs them without one. Nothing for a real deployment.
 */
export function SandboxBanner({ status }: { status: EmbeddedStatus | undefined }) {
  if (!status?.embedded || !status.sandbox || status.sandbox === 'bwrap') return null;
  const unavailable = status.sandbox === 'unavailable';
  const classes = unavailable
    ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100'
    : 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100';
  return (
    <div role={unavailable ? 'alert' : 'status'} className={`mb-6 rounded-md border px-4 py-3 text-sm ${classes}`}>
      <p className="font-semibold">{unavailable ? 'Jobs cannot run: the job sandbox is not available' : 'Jobs run without a sandbox'}</p>
      {status.sandboxHint ? <p className="mt-1">{status.sandboxHint}</p> : null}
    </div>
  );
}
