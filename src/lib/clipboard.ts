import { toastStore } from './toast-store';

/** Copies text and says so in a toast, or says the browser refused (no permission, not a secure context). */
export async function copyToClipboard(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toastStore.push({ tone: 'success', title: `Copied ${what}` });
  } catch {
    toastStore.push({ tone: 'error', title: 'Could not copy', description: 'The browser refused access to the clipboard.' });
  }
}
