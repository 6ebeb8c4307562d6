import type { MouseEvent } from 'react';

/**
 * A table row that opens its item when clicked anywhere, as GitHub's and Buildkite's lists do: a
 * mouse convenience beside the row's own link (which keyboards and screen readers use). Clicks on
 * the row's controls, and the end of a text selection, are left alone.
 */
export function rowClick(open: () => void) {
  return (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if ((event.target as HTMLElement).closest('a, button, input, select, textarea, label, [role="button"]')) return;
    if (window.getSelection()?.toString()) return;
    open();
  };
}
