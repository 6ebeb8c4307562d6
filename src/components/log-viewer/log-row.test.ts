import { describe, expect, it } from 'vitest';
import { parseAnsi } from '../../lib/ansi';
import { markSegments } from './log-row';

describe('markSegments', () => {
  it('splits styled segments at match boundaries and marks the current match', () => {
    const segments = parseAnsi('ab\x1b[31mcdef\x1b[0mgh');
    const marked = markSegments(
      segments,
      [
        [1, 3],
        [5, 7],
      ],
      1,
    );
    expect(marked.map(({ text, mark }) => [text, mark])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 1],
      ['de', 0],
      ['f', 2],
      ['g', 2],
      ['h', 0],
    ]);
    expect(marked[2]!.style).toEqual({ fg: { kind: 'palette', index: 1 } });
    expect(marked.map((segment) => segment.text).join('')).toBe('abcdefgh');
  });

  it('leaves text without matches as it is', () => {
    expect(markSegments(parseAnsi('plain'), [], null)).toEqual([{ text: 'plain', mark: 0 }]);
  });
});
