import { describe, expect, it } from 'vitest';
import { extendRange, formatLineHash, parseLineHash, rangeContains } from './permalink';

describe('line permalinks', () => {
  it('parses one line and ranges, in either order', () => {
    expect(parseLineHash('#L120')).toEqual({ start: 120, end: 120 });
    expect(parseLineHash('#L120-L140')).toEqual({ start: 120, end: 140 });
    expect(parseLineHash('#L140-L120')).toEqual({ start: 120, end: 140 });
    expect(parseLineHash('L5')).toEqual({ start: 5, end: 5 });
    expect(parseLineHash('#l7-9')).toEqual({ start: 7, end: 9 });
  });

  it('rejects anything else', () => {
    for (const hash of ['', '#', '#L', '#L0', '#L-5', '#Lx', '#L1-', '#L1-L0', '#section', '#L1.5', '#L12345678901']) {
      expect(parseLineHash(hash), hash).toBeNull();
    }
  });

  it('formats what it parses', () => {
    expect(formatLineHash({ start: 5, end: 5 })).toBe('#L5');
    expect(formatLineHash({ start: 5, end: 9 })).toBe('#L5-L9');
    expect(parseLineHash(formatLineHash({ start: 12, end: 30 }))).toEqual({ start: 12, end: 30 });
  });

  it('extends a selection from its first line, in either direction', () => {
    expect(extendRange(null, 8)).toEqual({ start: 8, end: 8 });
    expect(extendRange({ start: 10, end: 10 }, 20)).toEqual({ start: 10, end: 20 });
    expect(extendRange({ start: 10, end: 20 }, 4)).toEqual({ start: 4, end: 10 });
    expect(rangeContains({ start: 4, end: 10 }, 10)).toBe(true);
    expect(rangeContains({ start: 4, end: 10 }, 11)).toBe(false);
    expect(rangeContains(null, 1)).toBe(false);
  });
});
