// The keyboard of a text box that picks from a list below it (the WAI-ARIA combobox pattern):
// ↓/↑ move through the options (wrapping), Home/End go to the ends, Enter picks the active
// option, Esc closes. One behaviour for every picker (projects, users), so a key that works in
// one works in all.
import { useState, type KeyboardEvent } from 'react';

export interface OptionKeys {
  /** The active option's index, clamped to the options there are (-1 when there are none). */
  active: number;
  setActive(index: number): void;
  onKeyDown(event: KeyboardEvent<HTMLInputElement>): void;
}

export function useOptionKeys(options: {
  count: number;
  /** Whether the list is showing; arrows open a closed one first. Always true for a list that never closes. */
  open: boolean;
  onOpen?(): void;
  /** Where the active option starts when the list opens (e.g. the selected one). */
  openAt?(): number;
  onPick(index: number): void;
  onClose?(): void;
}): OptionKeys {
  const { count, open } = options;
  const [index, setIndex] = useState(0);
  const active = count === 0 ? -1 : Math.min(index, count - 1);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        options.onOpen?.();
        setIndex(Math.max(0, options.openAt?.() ?? 0));
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setIndex(count === 0 ? 0 : (Math.max(active, 0) + step + count) % count);
    } else if (event.key === 'Home' && open) {
      event.preventDefault();
      setIndex(0);
    } else if (event.key === 'End' && open) {
      event.preventDefault();
      setIndex(Math.max(0, count - 1));
    } else if (event.key === 'Enter') {
      // Enter on an option picks it and never submits the form around the box.
      if (open && active >= 0) {
        event.preventDefault();
        options.onPick(active);
      }
    } else if (event.key === 'Escape' && open && options.onClose) {
      event.preventDefault();
      event.stopPropagation();
      options.onClose();
    }
  }

  return { active, setActive: setIndex, onKeyDown };
}
