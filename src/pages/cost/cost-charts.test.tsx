// The stack chart's own drawing (one Recharts bar a step, its series drawn inside it) and the time
// axis' label spacing, which Recharts is given rather than measuring each label.
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StackShape, timeTickInterval, type StackPoint } from './cost-charts';

describe('the stack inside a step’s bar', () => {
  it('draws each series bottom first, in proportion, filling the bar exactly', () => {
    const payload = { t: 0, total: 10, s0: 5, s1: 0, s2: 3, s3: 2 } as StackPoint;
    const { container } = render(
      <svg>
        <StackShape x={10} y={20} width={8} height={100} payload={payload} seriesCount={4} patternPrefix="p-" />
      </svg>,
    );
    const rects = [...container.querySelectorAll('rect')].map((rect) => ({
      y: Number(rect.getAttribute('y')),
      height: Number(rect.getAttribute('height')),
      fill: rect.getAttribute('fill'),
    }));
    // s1 is zero: no rectangle. The first series sits on the bar's bottom (y + height = 120).
    expect(rects).toEqual([
      { y: 70, height: 50, fill: 'url(#p-0)' },
      { y: 40, height: 30, fill: 'url(#p-2)' },
      { y: 20, height: 20, fill: 'url(#p-3)' },
    ]);
  });

  it('draws nothing for a step without cost', () => {
    const { container } = render(
      <svg>
        <StackShape x={0} y={0} width={8} height={0} payload={{ t: 0, total: 0, s0: 0 } as StackPoint} seriesCount={1} patternPrefix="p-" />
      </svg>,
    );
    expect(container.querySelectorAll('rect')).toHaveLength(0);
  });
});

describe('time axis labels', () => {
  it('shows every label when they fit, and every n-th when they do not', () => {
    expect(timeTickInterval(7, 1000)).toBe(0);
    expect(timeTickInterval(30, 1920)).toBe(0);
    expect(timeTickInterval(30, 900)).toBe(2);
    expect(timeTickInterval(90, 600)).toBe(9);
    expect(timeTickInterval(1, 10)).toBe(0);
  });
});
