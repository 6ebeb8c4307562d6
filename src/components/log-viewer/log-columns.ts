// A page of log lines as columns: the texts, one kind byte per line (type and "has escape
// sequences") and one time per line. This is what the store keeps, and the form a page crosses
// from the fetch worker to the page in: two typed arrays are transferred, not copied, and only
// the strings are cloned — no object per line on the page's side.
import { isPlain } from '../../lib/ansi';

export const LINE_STDOUT = 0;
export const LINE_STDERR = 1;
export const LINE_PREPARE = 2;
export type LineType = typeof LINE_STDOUT | typeof LINE_STDERR | typeof LINE_PREPARE;

/** Bit set in a kind byte when the text holds escape sequences or control characters. */
export const ESCAPES_BIT = 4;
export const TYPE_MASK = 3;

export interface IncomingLine {
  timestamp: string;
  logType: string;
  log: string;
}

export interface LineColumns {
  texts: string[];
  kinds: Uint8Array;
  /** Epoch milliseconds (NaN when a timestamp could not be read). */
  times: Float64Array;
}

/** The wire's logType (any case: live Domino answers PascalCase) as a line type; unknown types read as stdout. */
export function lineTypeOf(logType: string): LineType {
  const lower = logType.toLowerCase();
  if (lower === 'stderr') return LINE_STDERR;
  if (lower === 'prepareoutput') return LINE_PREPARE;
  return LINE_STDOUT;
}

export function toColumns(lines: readonly IncomingLine[]): LineColumns {
  const count = lines.length;
  const texts = new Array<string>(count);
  const kinds = new Uint8Array(count);
  const times = new Float64Array(count);
  let lastTimestamp = '';
  let lastTime = Number.NaN;
  for (let i = 0; i < count; i++) {
    const line = lines[i]!;
    texts[i] = line.log;
    kinds[i] = lineTypeOf(line.logType) | (isPlain(line.log) ? 0 : ESCAPES_BIT);
    // Lines of one batch often share a millisecond: parse each distinct timestamp once.
    if (line.timestamp !== lastTimestamp) {
      lastTimestamp = line.timestamp;
      lastTime = Date.parse(line.timestamp);
    }
    times[i] = lastTime;
  }
  return { texts, kinds, times };
}
