// What the first page load carries of the command palette: the Ctrl/⌘ K listener and the header
// button. The palette itself, its sources and their API modules load when it is first opened.
import { lazy, Suspense, useEffect, useState } from 'react';

const CommandPalette = lazy(() => import('./command-palette').then((module) => ({ default: module.CommandPalette })));

const onMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function PaletteLauncher() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
        // Ctrl+K is also the browser's "search the web": inside the console it opens the palette.
        event.preventDefault();
        setOpen(true);
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-keyshortcuts="Control+K Meta+K"
        className="hidden items-center gap-3 rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 md:inline-flex dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-900"
      >
        Go to…
        <kbd className="font-sans text-xs text-slate-600 dark:text-slate-400">{onMac ? '⌘K' : 'Ctrl K'}</kbd>
      </button>
      {open ? (
        <Suspense fallback={null}>
          <CommandPalette onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
