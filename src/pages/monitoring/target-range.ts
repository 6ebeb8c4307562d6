// A metric's target range in words: "≥ 0.8", "between 0.35 and 0.55".
import type { z } from 'zod';
import type { TargetRangeWireSchema } from '../../api/schemas/monitoring';

export type TargetRange = z.output<typeof TargetRangeWireSchema>;

const number = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 6 });

export function describeRange(range: TargetRange): string {
  const lower = range.lowerLimit === undefined ? '?' : number.format(range.lowerLimit);
  const upper = range.upperLimit === undefined ? '?' : number.format(range.upperLimit);
  switch (range.condition) {
    case 'lessThan':
      return `< ${upper}`;
    case 'lessThanEqual':
      return `≤ ${upper}`;
    case 'greaterThan':
      return `> ${lower}`;
    case 'greaterThanEqual':
      return `≥ ${lower}`;
    case 'between':
      return `between ${lower} and ${upper}`;
    default:
      return range.condition;
  }
}
