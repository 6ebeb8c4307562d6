// Line permalinks in the URL hash: #L120 (one line) or #L120-L140 (a range), 1-based, in the
// numbering of the whole log (every stream), so a link means the same line in any stream view.

export interface LineRange {
  /** First line, 1-based. */
  start: number;
  /** Last line, 1-based, inclusive (≥ start). */
  end: number;
}

const HASH = /^#?L(\d{1,9})(?:-L?(\d{1,9}))?$/i;

/** "#L120" → {120, 120}; "#L140-L120" → {120, 140}; anything else (or line 0) → null. */
export function parseLineHash(hash: string): LineRange | null {
  const match = HASH.exec(hash.trim());
  if (!match) return null;
  const a = Number(match[1]);
  const b = match[2] === undefined ? a : Number(match[2]);
  if (a < 1 || b < 1) return null;
  return { start: Math.min(a, b), end: Math.max(a, b) };
}

export function formatLineHash(range: LineRange): string {
  return range.start === range.end ? `#L${range.start}` : `#L${range.start}-L${range.end}`;
}

/** Shift-click: the range from the current selection's first line to `line`, in either direction. */
export function extendRange(current: LineRange | null, line: number): LineRange {
  if (!current) return { start: line, end: line };
  const anchor = current.start;
  return { start: Math.min(anchor, line), end: Math.max(anchor, line) };
}

export function rangeContains(range: LineRange | null, line: number): boolean {
  return range !== null && line >= range.start && line <= range.end;
}
