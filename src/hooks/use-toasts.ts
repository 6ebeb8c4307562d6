import { useSyncExternalStore } from 'react';
import { toastStore, type Toast } from '../lib/toast-store';

/** The toasts on screen, re-rendering when one is added or dismissed. */
export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(toastStore.subscribe, toastStore.getSnapshot, toastStore.getSnapshot);
}
