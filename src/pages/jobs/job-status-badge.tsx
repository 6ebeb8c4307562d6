import { statusTone, type StatusTone } from './job-status';

// Text colours keep 4.5:1 against their background in both themes; the status word itself is the
// information, the colour and the dot only repeat it.
const TONE_CLASSES: Record<StatusTone, string> = {
  waiting: 'bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600',
  preparing: 'bg-violet-50 text-violet-800 ring-violet-200 dark:bg-violet-950 dark:text-violet-200 dark:ring-violet-800',
  running: 'bg-blue-50 text-blue-800 ring-blue-200 dark:bg-blue-950 dark:text-blue-200 dark:ring-blue-800',
  succeeded: 'bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800',
  failed: 'bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-800',
  stopped: 'bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-700',
  unknown: 'bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600',
};

const DOT_CLASSES: Record<StatusTone, string> = {
  waiting: 'bg-slate-500 dark:bg-slate-400',
  preparing: 'bg-violet-600 dark:bg-violet-400 motion-safe:animate-pulse',
  running: 'bg-blue-600 dark:bg-blue-400 motion-safe:animate-pulse',
  succeeded: 'bg-emerald-600 dark:bg-emerald-400',
  failed: 'bg-red-600 dark:bg-red-400',
  stopped: 'bg-amber-600 dark:bg-amber-400',
  unknown: 'bg-slate-500 dark:bg-slate-400',
};

export function JobStatusBadge({ status, size = 'sm' }: { status: string; size?: 'sm' | 'md' }) {
  const tone = statusTone(status);
  const sizing = size === 'md' ? 'px-2.5 py-1 text-sm' : 'px-2 py-0.5 text-xs';
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full font-medium whitespace-nowrap ring-1 ring-inset ${sizing} ${TONE_CLASSES[tone]}`}>
      <span aria-hidden="true" className={`size-1.5 rounded-full ${DOT_CLASSES[tone]}`} />
      {status}
    </span>
  );
}
