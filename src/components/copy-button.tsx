import { copyToClipboard } from '../lib/clipboard';
import { Button } from './button';

/** A small "Copy" beside an id or commit that is shown shortened or is tedious to select. */
export function CopyButton({ text, what }: { text: string; what: string }) {
  return (
    <Button variant="ghost" size="sm" aria-label={`Copy ${what}`} title={`Copy ${what}`} onClick={() => void copyToClipboard(text, what)}>
      Copy
    </Button>
  );
}
