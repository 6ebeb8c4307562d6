// MLflow's search language, the part its clients use: `filter` is comparisons joined by AND
// (`metrics.rmse < 0.5 and params.model = 'tree' and attributes.status = 'FINISHED'`), `order_by`
// is `<entity>.<key> [ASC|DESC]`. Parsed here into plain data; the repository turns it into SQL
// with bound values, so nothing a client writes becomes SQL text.
import { badRequest } from '../http/errors';

export type Entity = 'metric' | 'param' | 'tag' | 'attribute';
export type Comparator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN';

export interface Comparison {
  entity: Entity;
  key: string;
  comparator: Comparator;
  value: string | number | string[];
}

export interface Ordering {
  entity: Entity;
  key: string;
  descending: boolean;
}

/** What each kind of search may compare or sort by. */
export interface SearchVocabulary {
  /** Attribute names (after aliases) and whether each holds numbers. */
  attributes: Record<string, 'number' | 'string'>;
  aliases: Record<string, string>;
  /** Which entities the search knows (experiments have tags and attributes only). */
  entities: readonly Entity[];
}

export const RUN_VOCABULARY: SearchVocabulary = {
  attributes: {
    run_id: 'string',
    run_name: 'string',
    status: 'string',
    user_id: 'string',
    artifact_uri: 'string',
    start_time: 'number',
    end_time: 'number',
  },
  aliases: { created: 'start_time', Created: 'start_time', run_uuid: 'run_id', 'mlflow.runName': 'run_name' },
  entities: ['metric', 'param', 'tag', 'attribute'],
};

export const EXPERIMENT_VOCABULARY: SearchVocabulary = {
  attributes: { name: 'string', experiment_id: 'number', creation_time: 'number', last_update_time: 'number' },
  aliases: {},
  entities: ['tag', 'attribute'],
};

const ENTITY_WORDS: Record<string, Entity> = {
  metric: 'metric',
  metrics: 'metric',
  param: 'param',
  params: 'param',
  parameter: 'param',
  parameters: 'param',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
};

type Token = { kind: 'word' | 'string' | 'number' | 'op' | 'punct'; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      const end = input.indexOf(c, i + 1);
      if (end < 0) throw badRequest(`filter: unterminated ${c === '`' ? 'backquoted name' : 'string'} at position ${i}`);
      // A backquoted name is part of a key (tags.`mlflow.runName`); quotes make a value.
      tokens.push({ kind: c === '`' ? 'word' : 'string', text: input.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const op = /^(<=|>=|!=|<>|=|<|>)/.exec(input.slice(i));
    if (op) {
      tokens.push({ kind: 'op', text: op[1] === '<>' ? '!=' : op[1]! });
      i += op[1]!.length;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', text: c });
      i++;
      continue;
    }
    const number = /^-?(\d+\.?\d*(e[+-]?\d+)?|\.\d+)/i.exec(input.slice(i));
    if (number && (tokens.length === 0 || tokens.at(-1)!.kind === 'op' || tokens.at(-1)!.text === '(' || tokens.at(-1)!.text === ',')) {
      tokens.push({ kind: 'number', text: number[0] });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z0-9_.\-/]+/.exec(input.slice(i));
    if (!word) throw badRequest(`filter: unexpected "${c}" at position ${i}`);
    tokens.push({ kind: 'word', text: word[0] });
    i += word[0].length;
  }
  return tokens;
}

/** `metrics.rmse`, `tags.\`mlflow.runName\``, `status` (an attribute), as entity and key. */
function identifier(word: string, next: Token | undefined, vocabulary: SearchVocabulary): { entity: Entity; key: string; consumed: number } {
  const dot = word.indexOf('.');
  const entityWord = dot > 0 ? word.slice(0, dot).toLowerCase() : undefined;
  const entity = entityWord !== undefined ? ENTITY_WORDS[entityWord] : undefined;
  let key: string;
  let consumed = 1;
  let found: Entity;
  if (entity === undefined) {
    found = 'attribute';
    key = word;
  } else {
    found = entity;
    key = word.slice(dot + 1);
    // `tags.` followed by a backquoted name: the tokenizer split them.
    if (key === '' && next?.kind === 'word') {
      key = next.text;
      consumed = 2;
    }
  }
  if (!vocabulary.entities.includes(found)) throw badRequest(`filter: ${entityWord ?? found} cannot be searched here (only ${vocabulary.entities.join(', ')})`);
  if (key === '') throw badRequest(`filter: "${word}" names no key`);
  if (found === 'attribute') {
    key = vocabulary.aliases[key] ?? key;
    if (!(key in vocabulary.attributes)) throw badRequest(`filter: unknown attribute "${key}" (known: ${Object.keys(vocabulary.attributes).join(', ')})`);
  }
  return { entity: found, key, consumed };
}

/** Parses `filter`; an empty or missing one is no condition. Errors name what was wrong. */
export function parseFilter(filter: string | undefined, vocabulary: SearchVocabulary): Comparison[] {
  if (filter === undefined || filter.trim() === '') return [];
  const tokens = tokenize(filter);
  const comparisons: Comparison[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i]!;
    if (first.kind !== 'word') throw badRequest(`filter: expected a name like metrics.rmse, found "${first.text}"`);
    const { entity, key, consumed } = identifier(first.text, tokens[i + 1], vocabulary);
    i += consumed;
    let comparator: Comparator;
    const opToken = tokens[i];
    if (opToken?.kind === 'op') {
      comparator = opToken.text as Comparator;
      i++;
    } else if (opToken?.kind === 'word' && /^(i?like)$/i.test(opToken.text)) {
      comparator = opToken.text.toUpperCase() as Comparator;
      i++;
    } else if (opToken?.kind === 'word' && /^in$/i.test(opToken.text)) {
      comparator = 'IN';
      i++;
    } else if (opToken?.kind === 'word' && /^not$/i.test(opToken.text) && /^in$/i.test(tokens[i + 1]?.text ?? '')) {
      comparator = 'NOT IN';
      i += 2;
    } else throw badRequest(`filter: expected a comparison after ${first.text}`);

    let value: Comparison['value'];
    if (comparator === 'IN' || comparator === 'NOT IN') {
      if (tokens[i]?.text !== '(') throw badRequest(`filter: ${comparator} needs a list in parentheses`);
      i++;
      const items: string[] = [];
      while (tokens[i] && tokens[i]!.text !== ')') {
        const item = tokens[i]!;
        if (item.kind !== 'string') throw badRequest(`filter: ${comparator} lists quoted strings`);
        items.push(item.text);
        i++;
        if (tokens[i]?.text === ',') i++;
      }
      if (tokens[i]?.text !== ')') throw badRequest('filter: unclosed list');
      i++;
      value = items;
    } else {
      const token = tokens[i];
      if (!token || (token.kind !== 'string' && token.kind !== 'number')) throw badRequest(`filter: expected a value after ${first.text} ${comparator}`);
      value = token.kind === 'number' ? Number(token.text) : token.text;
      i++;
    }
    comparisons.push(checked({ entity, key, comparator, value }, vocabulary));

    if (i < tokens.length) {
      if (!/^and$/i.test(tokens[i]!.text)) throw badRequest(`filter: only AND joins comparisons (found "${tokens[i]!.text}")`);
      i++;
      if (i === tokens.length) throw badRequest('filter: AND at the end');
    }
  }
  return comparisons;
}

function checked(comparison: Comparison, vocabulary: SearchVocabulary): Comparison {
  const { entity, key, comparator, value } = comparison;
  const numeric = entity === 'metric' || (entity === 'attribute' && vocabulary.attributes[key] === 'number');
  const where = `${entity === 'attribute' ? '' : `${entity}s.`}${key}`;
  if (numeric) {
    if (!['=', '!=', '<', '<=', '>', '>='].includes(comparator)) throw badRequest(`filter: ${where} compares numbers: use =, !=, <, <=, > or >=`);
    if (typeof value !== 'number') throw badRequest(`filter: ${where} is compared with a number, not '${String(value)}'`);
    return comparison;
  }
  if (['<', '<=', '>', '>='].includes(comparator)) throw badRequest(`filter: ${where} compares strings: use =, !=, LIKE or ILIKE`);
  if ((comparator === 'IN' || comparator === 'NOT IN') && !(entity === 'attribute' && key === 'run_id'))
    throw badRequest(`filter: ${comparator} works only on run_id`);
  if (typeof value === 'number') throw badRequest(`filter: ${where} is compared with a quoted string`);
  return comparison;
}

/** Parses `order_by` entries. */
export function parseOrderBy(orderBy: readonly string[], vocabulary: SearchVocabulary): Ordering[] {
  return orderBy.map((entry) => {
    const tokens = tokenize(entry);
    const first = tokens[0];
    if (!first || first.kind !== 'word') throw badRequest(`order_by: "${entry}" does not name a column`);
    const { entity, key, consumed } = identifier(first.text, tokens[1], vocabulary);
    const direction = tokens[consumed]?.text.toUpperCase();
    if (tokens.length > consumed + 1 || (direction !== undefined && direction !== 'ASC' && direction !== 'DESC'))
      throw badRequest(`order_by: "${entry}" must be a column, then ASC or DESC`);
    return { entity, key, descending: direction === 'DESC' };
  });
}

/** Page tokens are opaque to clients: an offset, base64-encoded. */
export function pageOffset(token: string | undefined): number {
  if (token === undefined || token === '') return 0;
  const decoded = /^offset:(\d{1,9})$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!decoded) throw badRequest('page_token is not a token this server gave');
  return Number(decoded[1]);
}

export function nextPageToken(offset: number, pageSize: number, hasMore: boolean): string | undefined {
  return hasMore ? Buffer.from(`offset:${offset + pageSize}`, 'utf8').toString('base64') : undefined;
}
