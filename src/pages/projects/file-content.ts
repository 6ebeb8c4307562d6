// Decides how the Files tab shows a file's bytes: text with line numbers, an image preview, or
// only a download link. A real Domino may answer application/octet-stream for everything, so the
// bytes themselves decide whether it is text.

export type FileView = { kind: 'text'; text: string; lineCount: number } | { kind: 'image' } | { kind: 'binary' };

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
// Enough of the start of a file to tell text from binary.
const SNIFF_BYTES = 8000;

export function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

export function classifyFile(bytes: Uint8Array, contentType: string, { truncated }: { truncated: boolean }): FileView {
  const media = mediaTypeOf(contentType);
  if (IMAGE_TYPES.has(media)) return { kind: 'image' };
  if (media === 'application/pdf') return { kind: 'binary' };
  // A NUL byte near the start is how git and most editors recognise a binary file.
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return { kind: 'binary' };
  let text: string;
  try {
    // stream: a cut-off file may end in the middle of a multi-byte character; that is not binary.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: truncated });
  } catch {
    return { kind: 'binary' };
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  return { kind: 'text', text, lineCount: countLines(text) };
}

/** Lines as an editor numbers them: a final newline does not start another line. */
export function countLines(text: string): number {
  if (text === '') return 1;
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return text.endsWith('\n') ? lines - 1 : lines;
}
