// The block store (decision 44) against the plain definition of a retrieve: every value logged,
// sorted by time then logged order, those between the two times, the first `limit` of them.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_VALUES, inBlockOrder, type MetricValueAnswer } from '../db/metric-blocks';
import { migrate, migrations } from '../db/migrations';
import { monitoringRepository } from '../db/monitoring-repository';

const openMigrated = () => {
  const db = new Database(':memory:');
  migrate(db);
  return db;
};

interface Logged {
  series: number;
  tsMs: number;
  n: number;
}

/** What a retrieve must answer, computed from everything logged in order. */
function expected(logged: readonly Logged[], series: number, from: number, to: number, limit: number) {
  const inRange = logged
    .map((v, order) => ({ ...v, order }))
    .filter((v) => v.series === series && v.tsMs >= from && v.tsMs <= to)
    .sort((a, b) => a.tsMs - b.tsMs || a.order - b.order);
  return { ns: inRange.slice(0, limit).map((v) => v.n), total: inRange.length };
}

const answerFor = (v: Logged) => `{"n":${v.n},"t":${v.tsMs}}`;

function retrieved(repo: ReturnType<typeof monitoringRepository>, series: number, from: number, to: number, limit: number) {
  const { parts, count, total } = repo.answersBetween(series, from, to, limit);
  const ns = (JSON.parse(`[${Buffer.concat(parts).toString()}]`) as Array<{ n: number }>).map((a) => a.n);
  expect(ns).toHaveLength(count);
  return { ns, total };
}

describe('metric value blocks', () => {
  it('answer every range as the values sorted by time then logged order, whatever order and batch sizes they were logged in', () => {
    // Times from a small set so duplicates are common; batches from 1 value to over a block.
    const value = fc.record({ series: fc.constantFrom(1, 2), tsMs: fc.integer({ min: -50, max: 400 }) });
    const batch = fc.oneof(fc.array(value, { minLength: 1, maxLength: 8 }), fc.array(value, { minLength: BLOCK_VALUES - 5, maxLength: BLOCK_VALUES + 300 }));
    const query = fc.record({
      series: fc.constantFrom(1, 2),
      a: fc.integer({ min: -60, max: 410 }),
      b: fc.integer({ min: -60, max: 410 }),
      limit: fc.integer({ min: 1, max: 3000 }),
    });
    fc.assert(
      fc.property(fc.array(batch, { minLength: 1, maxLength: 6 }), fc.array(query, { minLength: 1, maxLength: 5 }), (batches, queries) => {
        const db = openMigrated();
        db.exec("INSERT INTO metric_series (id, model_id, metric) VALUES (1, 'm', 'a'), (2, 'm', 'b')");
        const repo = monitoringRepository(db);
        const logged: Logged[] = [];
        for (const values of batches) {
          const bySeries = new Map<number, MetricValueAnswer[]>();
          for (const v of values) {
            const entry = { ...v, n: logged.length };
            logged.push(entry);
            bySeries.set(v.series, [...(bySeries.get(v.series) ?? []), { tsMs: v.tsMs, answer: answerFor(entry) }]);
          }
          db.transaction(() => bySeries.forEach((run, series) => repo.appendValues(series, inBlockOrder(run))))();
        }
        for (const { series, a, b, limit } of queries) {
          const [from, to] = a <= b ? [a, b] : [b, a];
          const want = expected(logged, series, from, to, limit);
          const got = retrieved(repo, series, from, to, limit);
          expect(got.ns).toEqual(want.ns);
          // The total is exact up to limit + 1: enough to say whether there is more.
          expect(Math.min(got.total, limit + 1)).toBe(Math.min(want.total, limit + 1));
        }
        db.close();
      }),
      // Shrinking runs of a thousand values takes minutes: report the first failure as it is.
      { numRuns: 60, endOnFailure: true },
    );
  });

  it('a block that starts where a later-logged one ends answers its values of that time first', () => {
    const db = openMigrated();
    db.exec("INSERT INTO metric_series (id, model_id, metric) VALUES (1, 'm', 'a')");
    const repo = monitoringRepository(db);
    const logged: Logged[] = [];
    const batch = (times: number[]) =>
      repo.appendValues(
        1,
        times.map((tsMs) => {
          const entry = { series: 1, tsMs, n: logged.length };
          logged.push(entry);
          return { tsMs, answer: answerFor(entry) };
        }),
      );
    // A full block over [20, 1019], then one over [10, 20]: sorted by first time the later-logged
    // block comes first, yet at 20 the earlier block's value was logged first.
    batch(Array.from({ length: BLOCK_VALUES }, (_, i) => 20 + i));
    batch([10, 15, 20]);
    expect(retrieved(repo, 1, 0, 30, 100)).toEqual(expected(logged, 1, 0, 30, 100));
  });

  it('slices answers that are not ASCII at their byte offsets', () => {
    const db = openMigrated();
    db.exec("INSERT INTO metric_series (id, model_id, metric) VALUES (1, 'm', 'a')");
    const repo = monitoringRepository(db);
    const texts = ['"é"', '"😀"', '"plain"', '"中文"'];
    repo.appendValues(
      1,
      texts.map((answer, tsMs) => ({ tsMs, answer })),
    );
    const between = (from: number, to: number) => JSON.parse(`[${Buffer.concat(repo.answersBetween(1, from, to, 10).parts).toString()}]`);
    expect(between(0, 3)).toEqual(['é', '😀', 'plain', '中文']);
    expect(between(1, 2)).toEqual(['😀', 'plain']);
    expect(between(3, 3)).toEqual(['中文']);
  });

  it('a block is at most 1,000 values: a batch of 2,500 is three rows, and single values fill the newest block first', () => {
    const db = openMigrated();
    db.exec("INSERT INTO metric_series (id, model_id, metric) VALUES (1, 'm', 'a')");
    const repo = monitoringRepository(db);
    const run = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ tsMs: from + i, answer: `${from + i}` }));
    db.transaction(() => repo.appendValues(1, run(0, 2500)))();
    const counts = () => db.prepare('SELECT count FROM metric_blocks ORDER BY seq').pluck().all();
    expect(counts()).toEqual([1000, 1000, 500]);
    for (let i = 0; i < 10; i++) repo.appendValues(1, run(2500 + i, 1));
    expect(counts()).toEqual([1000, 1000, 510]);
  });
});

describe('values logged one row each before blocks (migration 25)', () => {
  it('become blocks answering the same values in the same order, duplicates and all', () => {
    const db = new Database(':memory:');
    for (const migration of migrations.filter((m) => m.version < 25)) {
      db.exec(migration.sql);
      migration.run?.(db);
    }
    db.pragma('user_version = 24');
    db.exec("INSERT INTO metric_series (id, model_id, metric) VALUES (1, 'm', 'a'), (2, 'm', 'b')");
    const insert = db.prepare('INSERT INTO metric_values (series_id, ts_ms, seq, value, answer) VALUES (?, ?, ?, ?, ?)');
    const logged: Logged[] = [];
    // 2,300 values of series 1 (three blocks, a time repeated across the first boundary) in
    // scrambled logging order, and 3 of series 2.
    for (let n = 0; n < 2300; n++) {
      const entry = { series: 1, tsMs: n >= 995 && n < 1010 ? 995 : (n * 7919) % 2300, n };
      logged.push(entry);
      insert.run(1, entry.tsMs, n, 0, answerFor(entry));
    }
    for (const tsMs of [5, 5, -3]) {
      const entry = { series: 2, tsMs, n: logged.length };
      logged.push(entry);
      insert.run(2, tsMs, entry.n, 0, answerFor(entry));
    }
    migrate(db);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'metric_values'").pluck().get()).toBe(0);
    const repo = monitoringRepository(db);
    for (const series of [1, 2]) expect(retrieved(repo, series, -10, 3000, 5000)).toEqual(expected(logged, series, -10, 3000, 5000));
    expect(retrieved(repo, 1, 990, 1000, 20)).toEqual(expected(logged, 1, 990, 1000, 20));
  });
});
