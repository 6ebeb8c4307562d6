// The log's colours are CSS variables; a search match must stand out from the line it is in, also
// when that line is selected (a permalink), in both themes.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const css = fs.readFileSync(path.join(__dirname, 'log-viewer.css'), 'utf8');

function variables(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('log colours', () => {
  for (const [theme, selector] of [
    ['light', '.lv-root'],
    ['dark', '.dark .lv-root'],
  ] as const) {
    it(`${theme}: a match in a selected line stands out from the selection, and its text is readable`, () => {
      const vars = variables(selector);
      expect(contrast(vars['--lv-sel-match']!, vars['--lv-sel']!)).toBeGreaterThanOrEqual(3);
      expect(contrast(vars['--lv-sel-match']!, vars['--lv-sel-match-fg']!)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(vars['--lv-match']!, vars['--lv-fg']!)).toBeGreaterThanOrEqual(4.5);
    });
  }

  it('uses the selected-match colours for a match inside a selected row', () => {
    expect(css).toMatch(/\.lv-row\.lv-selected \.lv-match(?!-)[^{]*\{[^}]*var\(--lv-sel-match\)/);
  });
});
