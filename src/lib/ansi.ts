// ANSI escape sequences in job output → styled segments of plain text. Only SGR ("ESC [ … m":
// colours, bold, dim, italic, underline, inverse, strike, reset) is kept as style; every other
// escape sequence (cursor moves, erase, OSC titles and hyperlinks, charset switches, DCS/APC
// strings) and the C0 control characters are dropped, so nothing but text ever reaches the DOM.
// A carriage return behaves as in a terminal progress bar: what follows it replaces what came
// before on the line (the style in force carries over).

/** 0–255: the 16 standard colours and the xterm 256-colour palette. */
export type AnsiColor = { kind: 'palette'; index: number } | { kind: 'rgb'; r: number; g: number; b: number };

export interface AnsiStyle {
  readonly fg?: AnsiColor;
  readonly bg?: AnsiColor;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly inverse?: boolean;
  readonly strike?: boolean;
}

export interface AnsiSegment {
  text: string;
  /** Absent for unstyled text. */
  style?: AnsiStyle;
}

const ESC = 0x1b;
const CSI_8BIT = 0x9b;
const OSC_8BIT = 0x9d;
const DCS_8BIT = 0x90;
const ST_8BIT = 0x9c;
const BEL = 0x07;

// Anything that needs the slow path: ESC, CR, the other C0 controls except TAB, DEL and C1.
// eslint-disable-next-line no-control-regex
const NEEDS_PARSING = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/;

/** True when the line is plain text already (the common case: no allocation needed). */
export function isPlain(line: string): boolean {
  return !NEEDS_PARSING.test(line);
}

function isEmptyStyle(style: AnsiStyle): boolean {
  return style.fg === undefined && style.bg === undefined && !style.bold && !style.dim && !style.italic && !style.underline && !style.inverse && !style.strike;
}

/** Reads an extended colour (38/48/58 ;5;n or ;2;r;g;b) starting after the selector. */
function readExtendedColor(params: number[], at: number): { color: AnsiColor | undefined; next: number } {
  const mode = params[at];
  if (mode === 5) {
    const index = params[at + 1];
    if (index === undefined || index < 0 || index > 255) return { color: undefined, next: at + 2 };
    return { color: { kind: 'palette', index }, next: at + 2 };
  }
  if (mode === 2) {
    const [r, g, b] = [params[at + 1], params[at + 2], params[at + 3]];
    if (r === undefined || g === undefined || b === undefined) return { color: undefined, next: params.length };
    const clamp = (value: number) => Math.max(0, Math.min(255, value));
    return { color: { kind: 'rgb', r: clamp(r), g: clamp(g), b: clamp(b) }, next: at + 4 };
  }
  // Unknown mode: the rest of the sequence cannot be interpreted safely.
  return { color: undefined, next: params.length };
}

/** Applies one SGR parameter list to a style; returns a new style object (styles are shared). */
export function applySgr(style: AnsiStyle, rawParams: string): AnsiStyle {
  // "38:2::r:g:b" (ITU T.416 colons) reads like "38;2;r;g;b"; the empty colour-space id is dropped.
  const normalised = rawParams.replace(/:(?=:)/g, '').replace(/:/g, ';');
  const params = normalised === '' ? [0] : normalised.split(';').map((part) => (part === '' ? 0 : Number.parseInt(part, 10)));
  const next: { -readonly [K in keyof AnsiStyle]: AnsiStyle[K] } = { ...style };
  for (let i = 0; i < params.length; i++) {
    const code = params[i]!;
    if (Number.isNaN(code)) continue;
    if (code === 0) {
      for (const key of Object.keys(next) as (keyof AnsiStyle)[]) delete next[key];
    } else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = true;
    else if (code === 7) next.inverse = true;
    else if (code === 9) next.strike = true;
    else if (code === 21)
      next.underline = true; // doubly underlined on most terminals
    else if (code === 22) {
      delete next.bold;
      delete next.dim;
    } else if (code === 23) delete next.italic;
    else if (code === 24) delete next.underline;
    else if (code === 27) delete next.inverse;
    else if (code === 29) delete next.strike;
    else if (code >= 30 && code <= 37) next.fg = { kind: 'palette', index: code - 30 };
    else if (code === 38 || code === 48) {
      const { color, next: after } = readExtendedColor(params, i + 1);
      if (color) {
        if (code === 38) next.fg = color;
        else next.bg = color;
      }
      i = after - 1;
    } else if (code === 39) delete next.fg;
    else if (code >= 40 && code <= 47) next.bg = { kind: 'palette', index: code - 40 };
    else if (code === 49) delete next.bg;
    else if (code === 58)
      i = readExtendedColor(params, i + 1).next - 1; // underline colour: ignored
    else if (code >= 90 && code <= 97) next.fg = { kind: 'palette', index: code - 90 + 8 };
    else if (code >= 100 && code <= 107) next.bg = { kind: 'palette', index: code - 100 + 8 };
    // Anything else (blink, fonts, frames…) has no rendering here and is ignored.
  }
  return next;
}

/**
 * Index just past a string-type sequence (OSC, DCS, APC, PM, SOS) that started at `from`:
 * it ends at BEL, ESC \ or the 8-bit ST; unterminated, it runs to the end of the line.
 */
function skipControlString(line: string, from: number): number {
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === BEL || c === ST_8BIT) return i + 1;
    if (c === ESC && line.charCodeAt(i + 1) === 0x5c) return i + 2;
  }
  return line.length;
}

/**
 * Parses a CSI sequence whose parameters start at `from`. ECMA-48: parameter bytes 0x30–0x3F,
 * intermediate bytes 0x20–0x2F, then one final byte 0x40–0x7E. A byte outside that grammar ends
 * a malformed sequence, which is dropped; that byte is then read as ordinary text.
 */
function readCsi(line: string, from: number): { end: number; final: number | undefined; params: string } {
  let i = from;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c >= 0x30 && c <= 0x3f) i++;
    else break;
  }
  const params = line.slice(from, i);
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c >= 0x20 && c <= 0x2f) i++;
    else break;
  }
  if (i >= line.length) return { end: line.length, final: undefined, params }; // unterminated
  const c = line.charCodeAt(i);
  if (c >= 0x40 && c <= 0x7e) return { end: i + 1, final: c, params };
  return { end: i, final: undefined, params };
}

/**
 * Splits a line into styled segments. The concatenated segment texts are exactly
 * `stripAnsi(line)`, so match offsets found in the plain text map onto the segments.
 */
export function parseAnsi(line: string): AnsiSegment[] {
  if (isPlain(line)) return line === '' ? [] : [{ text: line }];
  let segments: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let text = '';
  const flush = () => {
    if (text === '') return;
    const last = segments[segments.length - 1];
    const styled = isEmptyStyle(style) ? undefined : style;
    if (last && last.style === styled) last.text += text;
    else segments.push(styled ? { text, style: styled } : { text });
    text = '';
  };

  let i = 0;
  let runStart = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    const isControl = c < 0x20 ? c !== 0x09 : c >= 0x7f && c <= 0x9f;
    if (!isControl) {
      i++;
      continue;
    }
    text += line.slice(runStart, i);
    if (c === ESC || c === CSI_8BIT || c === OSC_8BIT || c === DCS_8BIT || c === 0x98 || c === 0x9e || c === 0x9f) {
      let next: number;
      if (c === CSI_8BIT || (c === ESC && line.charCodeAt(i + 1) === 0x5b)) {
        const csi = readCsi(line, i + (c === ESC ? 2 : 1));
        // Private-parameter "m" sequences (ESC [ > 4 ; 2 m: xterm key modes) are not SGR.
        if (csi.final === 0x6d /* m */ && !/^[<=>?]/.test(csi.params)) {
          flush();
          style = applySgr(style, csi.params);
        }
        next = csi.end;
      } else if (c !== ESC) {
        next = skipControlString(line, i + 1); // 8-bit OSC, DCS, SOS, PM, APC
      } else {
        const kind = line.charCodeAt(i + 1);
        if (Number.isNaN(kind))
          next = i + 1; // a lone ESC at the end
        else if (kind === 0x5d || kind === 0x50 || kind === 0x58 || kind === 0x5e || kind === 0x5f) {
          next = skipControlString(line, i + 2); // ESC ] OSC, ESC P DCS, ESC X SOS, ESC ^ PM, ESC _ APC
        } else if (kind >= 0x20 && kind <= 0x2f) {
          // nF escape (e.g. ESC ( B, a charset switch): intermediates, then one final byte.
          let j = i + 1;
          while (j < line.length && line.charCodeAt(j) >= 0x20 && line.charCodeAt(j) <= 0x2f) j++;
          next = j < line.length && line.charCodeAt(j) >= 0x30 && line.charCodeAt(j) <= 0x7e ? j + 1 : j;
        } else if (kind >= 0x30 && kind <= 0x7e)
          next = i + 2; // two-byte escapes (ESC 7, ESC M, ESC c…)
        else next = i + 1; // ESC followed by a control or text: drop the ESC only
      }
      i = next;
    } else if (c === 0x0d) {
      // Carriage return: the text after it overwrites the line, unless nothing follows.
      if (i + 1 < line.length) {
        text = '';
        segments = [];
      }
      i++;
    } else {
      i++; // other control characters (BEL, BS, NUL, DEL, C1…) have no visible form
    }
    runStart = i;
  }
  text += line.slice(runStart);
  flush();
  return segments;
}

/** The line as plain text: every escape sequence and control character removed. */
export function stripAnsi(line: string): string {
  if (isPlain(line)) return line;
  const segments = parseAnsi(line);
  return segments.length === 1 ? segments[0]!.text : segments.map((segment) => segment.text).join('');
}

/** The xterm 256-colour palette above the 16 themeable colours, as CSS rgb(). */
export function paletteRgb(index: number): string {
  if (index >= 232) {
    const level = 8 + (index - 232) * 10;
    return `rgb(${level}, ${level}, ${level})`;
  }
  const cube = index - 16;
  const steps = [0, 95, 135, 175, 215, 255];
  const r = steps[Math.floor(cube / 36) % 6]!;
  const g = steps[Math.floor(cube / 6) % 6]!;
  const b = steps[cube % 6]!;
  return `rgb(${r}, ${g}, ${b})`;
}

/** A colour as CSS: the 16 standard colours come from theme variables (readable in light and dark). */
export function colorToCss(color: AnsiColor): string {
  if (color.kind === 'rgb') return `rgb(${color.r}, ${color.g}, ${color.b})`;
  if (color.index < 16) return `var(--ansi-${color.index})`;
  return paletteRgb(color.index);
}
