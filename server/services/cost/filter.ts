// Kubecost's v2 filter language, the subset the cost API serves: clauses `key<op>"v1","v2"` joined
// by `+` (and). Operators: `:` (equals any), `~:` (contains), `<~:` (starts with), `~>:` (ends
// with), each negated with a leading `!`. Keys are plain names or `label[name]`. Anything else —
// `|`, parentheses, a bare word — is a 400 naming `filter`.
import { badRequest } from '../../http/errors';

export type FilterOp = 'eq' | 'contains' | 'prefix' | 'suffix';

export interface FilterClause {
  key: string;
  /** The label's name for `label[name]`. */
  label?: string;
  op: FilterOp;
  negated: boolean;
  values: string[];
}

const OPS: Array<[string, FilterOp, boolean]> = [
  ['!<~:', 'prefix', true],
  ['!~>:', 'suffix', true],
  ['!~:', 'contains', true],
  ['!:', 'eq', true],
  ['<~:', 'prefix', false],
  ['~>:', 'suffix', false],
  ['~:', 'contains', false],
  [':', 'eq', false],
];

/** Parses a filter; `keys` are the plain keys allowed (label[...] always is). */
export function parseFilter(text: string, keys: readonly string[]): FilterClause[] {
  const fail = (why: string): never => {
    throw badRequest(`filter: ${why}`);
  };
  const clauses: FilterClause[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  for (;;) {
    skipSpace();
    const keyMatch = /^(label\[([^\]]+)\]|[A-Za-z][A-Za-z0-9_]*)/.exec(text.slice(i));
    if (!keyMatch) {
      const rest = text.slice(i);
      if (/^[|()]/.test(rest) || /^\s*$/.test(rest))
        fail(`expected a key at position ${i + 1}${/^[|()]/.test(rest) ? '; only + (and) is supported, not | or parentheses' : ''}`);
      fail(`expected a key at position ${i + 1} ("${rest.slice(0, 20)}")`);
    }
    const [whole, , label] = keyMatch!;
    const key = label !== undefined ? 'label' : whole;
    if (label === undefined && !keys.includes(key)) fail(`unknown key "${key}"; use ${keys.join(', ')} or label[name]`);
    i += whole.length;
    skipSpace();
    const op = OPS.find(([token]) => text.startsWith(token, i));
    if (!op) fail(`expected an operator (:, !:, ~:, <~:, ~>:) after "${whole}"`);
    i += op![0].length;
    const values: string[] = [];
    for (;;) {
      skipSpace();
      if (text[i] !== '"') fail(`expected a double-quoted value at position ${i + 1}`);
      let value = '';
      i++;
      for (; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
      }
      if (i >= text.length) fail('a value is missing its closing double quote');
      i++;
      values.push(value);
      skipSpace();
      if (text[i] !== ',') break;
      i++;
    }
    clauses.push({ key, ...(label !== undefined ? { label: label.trim() } : {}), op: op![1], negated: op![2], values });
    skipSpace();
    if (i >= text.length) return clauses;
    if (text[i] === '+') {
      i++;
      continue;
    }
    fail(
      text[i] === '|' || text[i] === '(' || text[i] === ')'
        ? 'only + (and) is supported, not | or parentheses'
        : `unexpected "${text[i]}" at position ${i + 1}`,
    );
  }
}

function matchOne(candidate: string, op: FilterOp, value: string): boolean {
  switch (op) {
    case 'eq':
      return candidate === value;
    case 'contains':
      return candidate.includes(value);
    case 'prefix':
      return candidate.startsWith(value);
    case 'suffix':
      return candidate.endsWith(value);
  }
}

/** Whether a subject whose values for a clause are `candidates` passes it. */
export function passes(clause: FilterClause, candidates: readonly string[]): boolean {
  const any = candidates.some((candidate) => clause.values.some((value) => matchOne(candidate, clause.op, value)));
  return clause.negated ? !any : any;
}
