import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySgr, colorToCss, isPlain, paletteRgb, parseAnsi, stripAnsi } from './ansi';

const ESC = '\x1b';

describe('parseAnsi', () => {
  it('returns plain text as one unstyled segment, and nothing for an empty line', () => {
    expect(parseAnsi('hello world')).toEqual([{ text: 'hello world' }]);
    expect(parseAnsi('')).toEqual([]);
    expect(isPlain('tabs\tare fine')).toBe(true);
  });

  it('reads the 16 standard colours, bright colours and backgrounds', () => {
    expect(parseAnsi(`${ESC}[31mred${ESC}[0m plain`)).toEqual([{ text: 'red', style: { fg: { kind: 'palette', index: 1 } } }, { text: ' plain' }]);
    expect(parseAnsi(`${ESC}[92mok`)[0]!.style).toEqual({ fg: { kind: 'palette', index: 10 } });
    expect(parseAnsi(`${ESC}[44;97mx`)[0]!.style).toEqual({ bg: { kind: 'palette', index: 4 }, fg: { kind: 'palette', index: 15 } });
    expect(parseAnsi(`${ESC}[103mx`)[0]!.style).toEqual({ bg: { kind: 'palette', index: 11 } });
  });

  it('reads 256-colour and truecolour foregrounds and backgrounds, with ; or : separators', () => {
    expect(parseAnsi(`${ESC}[38;5;208mx`)[0]!.style).toEqual({ fg: { kind: 'palette', index: 208 } });
    expect(parseAnsi(`${ESC}[48;5;21mx`)[0]!.style).toEqual({ bg: { kind: 'palette', index: 21 } });
    expect(parseAnsi(`${ESC}[38;2;10;20;30mx`)[0]!.style).toEqual({ fg: { kind: 'rgb', r: 10, g: 20, b: 30 } });
    expect(parseAnsi(`${ESC}[48:2::1:2:3mx`)[0]!.style).toEqual({ bg: { kind: 'rgb', r: 1, g: 2, b: 3 } });
    // Truecolour then more attributes in the same sequence.
    expect(parseAnsi(`${ESC}[38;2;1;2;3;1mx`)[0]!.style).toEqual({ fg: { kind: 'rgb', r: 1, g: 2, b: 3 }, bold: true });
  });

  it('reads bold, dim, italic, underline, inverse and strike, and their resets', () => {
    expect(parseAnsi(`${ESC}[1;2;3;4;7;9mx`)[0]!.style).toEqual({ bold: true, dim: true, italic: true, underline: true, inverse: true, strike: true });
    const segments = parseAnsi(`${ESC}[1;3mbi${ESC}[22mi${ESC}[23mn`);
    expect(segments).toEqual([{ text: 'bi', style: { bold: true, italic: true } }, { text: 'i', style: { italic: true } }, { text: 'n' }]);
    expect(parseAnsi(`${ESC}[4mu${ESC}[24m.`)).toEqual([{ text: 'u', style: { underline: true } }, { text: '.' }]);
    expect(parseAnsi(`${ESC}[31;42mx${ESC}[39my${ESC}[49mz`)).toEqual([
      { text: 'x', style: { fg: { kind: 'palette', index: 1 }, bg: { kind: 'palette', index: 2 } } },
      { text: 'y', style: { bg: { kind: 'palette', index: 2 } } },
      { text: 'z' },
    ]);
  });

  it('treats ESC[m and ESC[;m as a reset', () => {
    expect(parseAnsi(`${ESC}[31ma${ESC}[mb`)).toEqual([{ text: 'a', style: { fg: { kind: 'palette', index: 1 } } }, { text: 'b' }]);
    expect(parseAnsi(`${ESC}[1ma${ESC}[;mb`)[1]).toEqual({ text: 'b' });
  });

  it('ignores out-of-range and incomplete extended colours without losing the text', () => {
    expect(parseAnsi(`${ESC}[38;5;300mx`)).toEqual([{ text: 'x' }]);
    expect(parseAnsi(`${ESC}[38;2;1;2mx`)).toEqual([{ text: 'x' }]);
    expect(parseAnsi(`${ESC}[38;7;1mx`)).toEqual([{ text: 'x' }]);
    expect(parseAnsi(`${ESC}[38;2;999;0;5mx`)[0]!.style).toEqual({ fg: { kind: 'rgb', r: 255, g: 0, b: 5 } });
  });

  it('drops unterminated and malformed sequences instead of showing them', () => {
    expect(stripAnsi(`text${ESC}[31`)).toBe('text');
    expect(stripAnsi(`text${ESC}`)).toBe('text');
    expect(stripAnsi(`text${ESC}[`)).toBe('text');
    // A byte outside the CSI grammar ends the broken sequence; it is then ordinary text.
    expect(stripAnsi(`a${ESC}[12\u00e9b`)).toBe('a\u00e9b');
    expect(stripAnsi(`a${ESC}]0;title`)).toBe('a'); // OSC without its terminator runs to the end
  });

  it('strips every other escape sequence and control character', () => {
    expect(stripAnsi(`${ESC}[2K${ESC}[1Aclear${ESC}[?25l`)).toBe('clear');
    expect(stripAnsi(`${ESC}]0;window title\x07after`)).toBe('after');
    expect(stripAnsi(`${ESC}]8;;https://example.com${ESC}\\link${ESC}]8;;${ESC}\\`)).toBe('link');
    expect(stripAnsi(`${ESC}(Bcharset${ESC}7saved${ESC}8`)).toBe('charsetsaved');
    expect(stripAnsi(`${ESC}Pdcs payload${ESC}\\ok`)).toBe('ok');
    expect(stripAnsi('bell\x07 back\bspace\x00nul\x7f')).toBe('bell backspacenul');
    expect(stripAnsi('\u009b31m8-bit csi')).toBe('8-bit csi');
    expect(parseAnsi(`${ESC}[>4;2mkeys`)).toEqual([{ text: 'keys' }]); // private "m": not SGR
  });

  it('keeps what follows a carriage return, as a terminal progress bar shows it', () => {
    expect(stripAnsi('10%\r50%\r100%')).toBe('100%');
    expect(stripAnsi('done\r')).toBe('done');
    expect(parseAnsi(`${ESC}[32m10%\r100%`)).toEqual([{ text: '100%', style: { fg: { kind: 'palette', index: 2 } } }]);
  });

  it('never produces markup: segment text is exactly the stripped text', () => {
    const line = `<b>${ESC}[31m&amp;</b>${ESC}[0m<script>`;
    const segments = parseAnsi(line);
    expect(segments.map((s) => s.text).join('')).toBe('<b>&amp;</b><script>');
  });

  it('joins segments to the stripped text for any input, and never throws', () => {
    const pieces = fc.constantFrom('a', 'é', ' ', '\t', ESC, '[', ']', ';', ':', '3', '8', '5', '2', 'm', 'K', '\x07', '\r', '\\', '\u009b', '?');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const line = parts.join('');
        const segments = parseAnsi(line);
        const text = segments.map((segment) => segment.text).join('');
        expect(text).toBe(stripAnsi(line));
        expect(text).not.toContain(ESC);
        expect(segments.every((segment) => segment.text.length > 0)).toBe(true);
      }),
    );
  });
});

describe('applySgr', () => {
  it('returns a new style object and leaves the old one alone', () => {
    const bold = applySgr({}, '1');
    const red = applySgr(bold, '31');
    expect(bold).toEqual({ bold: true });
    expect(red).toEqual({ bold: true, fg: { kind: 'palette', index: 1 } });
  });
});

describe('colours as CSS', () => {
  it('uses theme variables for the 16 standard colours and rgb() beyond', () => {
    expect(colorToCss({ kind: 'palette', index: 3 })).toBe('var(--ansi-3)');
    expect(colorToCss({ kind: 'palette', index: 16 })).toBe('rgb(0, 0, 0)');
    expect(colorToCss({ kind: 'palette', index: 231 })).toBe('rgb(255, 255, 255)');
    expect(paletteRgb(196)).toBe('rgb(255, 0, 0)');
    expect(paletteRgb(232)).toBe('rgb(8, 8, 8)');
    expect(paletteRgb(255)).toBe('rgb(238, 238, 238)');
    expect(colorToCss({ kind: 'rgb', r: 1, g: 2, b: 3 })).toBe('rgb(1, 2, 3)');
  });
});
