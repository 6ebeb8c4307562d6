// The filters of the cost page as kubecost's v2 filter language: `key:"a","b"` (any of) for each
// key that has values, joined with `+` (and). Quotes and backslashes in a value are escaped.
import { AGGREGATE_KEYS, type AggregateKey } from '../../api/cost-options';

export type CostFilters = Partial<Record<AggregateKey, string[]>>;

const quote = (value: string) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

export function buildFilter(filters: CostFilters): string {
  return AGGREGATE_KEYS.flatMap((key) => {
    const values = filters[key];
    return values && values.length > 0 ? [`${key}:${values.map(quote).join(',')}`] : [];
  }).join('+');
}

/** The filters with one value added to (or removed from) a key; a key left without values goes. */
export function withFilterValue(filters: CostFilters, key: AggregateKey, value: string, present: boolean): CostFilters {
  const current = filters[key] ?? [];
  const values = present ? (current.includes(value) ? current : [...current, value]) : current.filter((candidate) => candidate !== value);
  const next: CostFilters = { ...filters };
  if (values.length > 0) next[key] = values;
  else delete next[key];
  return next;
}
