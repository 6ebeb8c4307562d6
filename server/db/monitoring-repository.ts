// Model monitoring: metric series (a model's metric, with its configured range), their values in
// blocks (metric-blocks.ts, decision 44), and alerts. Times are epoch milliseconds; values are
// read in (time, logged order).
import type { TargetRangeConditionV1 } from '../../src/api/schemas/monitoring';
import type { Db } from './database';
import { answersBetween, BLOCK_VALUES, decodeBlock, encodeBlock, mergeRuns, type MetricValueAnswer, type StoredMetricBlock } from './metric-blocks';

export interface SeriesRow {
  id: number;
  modelId: string;
  metric: string;
  range: { condition: TargetRangeConditionV1; lowerLimit?: number; upperLimit?: number } | undefined;
}

export interface AlertRow {
  id: string;
  modelId: string;
  metric: string;
  value: number;
  condition: TargetRangeConditionV1;
  lowerLimit: number | null;
  upperLimit: number | null;
  inRange: boolean;
  source: 'request' | 'loggedValue';
  description: string | null;
  referenceTsMs: number | null;
  createdAt: string;
}

interface RawSeries {
  id: number;
  model_id: string;
  metric: string;
  range_condition: TargetRangeConditionV1 | null;
  range_lower: number | null;
  range_upper: number | null;
}

const toSeries = (r: RawSeries): SeriesRow => ({
  id: r.id,
  modelId: r.model_id,
  metric: r.metric,
  range:
    r.range_condition === null
      ? undefined
      : {
          condition: r.range_condition,
          ...(r.range_lower !== null ? { lowerLimit: r.range_lower } : {}),
          ...(r.range_upper !== null ? { upperLimit: r.range_upper } : {}),
        },
});

export type MonitoringRepository = ReturnType<typeof monitoringRepository>;

export function monitoringRepository(db: Db) {
  const findSeries = db.prepare<[string, string], RawSeries>('SELECT * FROM metric_series WHERE model_id = ? AND metric = ?');
  const insertSeries = db.prepare<[string, string], RawSeries>('INSERT INTO metric_series (model_id, metric) VALUES (?, ?) RETURNING *');
  const modelKnown = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM metric_series WHERE model_id = ? LIMIT 1');
  const allSeries = db.prepare<[], RawSeries & { n: number | null; first: number | null; last: number | null; alerts: number }>(
    `SELECT s.*, b.n, b.first, b.last,
            (SELECT count(*) FROM metric_alerts a WHERE a.series_id = s.id AND a.in_range = 0) AS alerts
     FROM metric_series s
     LEFT JOIN (SELECT series_id, sum(count) AS n, min(first_ms) AS first, max(last_ms) AS last FROM metric_blocks GROUP BY series_id) b
       ON b.series_id = s.id
     ORDER BY s.model_id, s.metric`,
  );
  const setRange = db.prepare('UPDATE metric_series SET range_condition = ?, range_lower = ?, range_upper = ? WHERE id = ?');
  // seq orders blocks by when they were logged: one counter for every series (read once here: one
  // server owns the database), so no lookup precedes an insert.
  let seq = (db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM metric_blocks').get()?.seq ?? 0) + 1;
  const insertBlock = db.prepare<[number, number, number, number, number, Buffer, Buffer, Buffer]>(
    'INSERT INTO metric_blocks (series_id, seq, first_ms, last_ms, count, times, ends, answers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const replaceBlock = db.prepare<[number, number, number, Buffer, Buffer, Buffer, number, number]>(
    'UPDATE metric_blocks SET first_ms = ?, last_ms = ?, count = ?, times = ?, ends = ?, answers = ? WHERE series_id = ? AND seq = ?',
  );
  type RawBlock = { seq: number; first_ms: number; last_ms: number; count: number; times: Buffer; ends: Buffer; answers: Buffer };
  const toBlock = (r: RawBlock): StoredMetricBlock => ({
    seq: r.seq,
    firstMs: r.first_ms,
    lastMs: r.last_ms,
    count: r.count,
    times: r.times,
    ends: r.ends,
    answers: r.answers,
  });
  const newestBlock = db.prepare<[number], RawBlock>('SELECT * FROM metric_blocks WHERE series_id = ? ORDER BY seq DESC LIMIT 1');
  const blocksBetween = db.prepare<[number, number, number], RawBlock>(
    'SELECT * FROM metric_blocks WHERE series_id = ? AND first_ms <= ? AND last_ms >= ? ORDER BY first_ms, seq',
  );
  const insertAlert = db.prepare(
    `INSERT INTO metric_alerts (id, series_id, value, condition, lower_limit, upper_limit, in_range, source, description, reference_ts_ms, created_at, created_by)
     VALUES (@id, @seriesId, @value, @condition, @lowerLimit, @upperLimit, @inRange, @source, @description, @referenceTsMs, @createdAt, @createdBy)`,
  );
  const alertFilter = `FROM metric_alerts a JOIN metric_series s ON s.id = a.series_id
     WHERE (@modelId IS NULL OR s.model_id = @modelId) AND (@metric IS NULL OR s.metric = @metric) AND (@outOnly = 0 OR a.in_range = 0)`;
  const alertsPage = db.prepare<Record<string, unknown>, Record<string, unknown>>(
    `SELECT a.*, s.model_id, s.metric ${alertFilter} ORDER BY a.created_at DESC, a.id DESC LIMIT @limit OFFSET @offset`,
  );
  const alertsCount = db.prepare<Record<string, unknown>, { n: number }>(`SELECT count(*) AS n ${alertFilter}`);

  /** The series of a model's metric, made on first use. */
  function seriesOf(modelId: string, metric: string): SeriesRow {
    return toSeries(findSeries.get(modelId, metric) ?? insertSeries.get(modelId, metric)!);
  }

  return {
    seriesOf,
    findSeries(modelId: string, metric: string): SeriesRow | undefined {
      const raw = findSeries.get(modelId, metric);
      return raw && toSeries(raw);
    },
    modelKnown(modelId: string): boolean {
      return modelKnown.get(modelId) !== undefined;
    },
    allSeries() {
      return allSeries.all().map((r) => ({ ...toSeries(r), valueCount: r.n ?? 0, firstMs: r.first, lastMs: r.last, alertCount: r.alerts }));
    },
    setRange(seriesId: number, range: SeriesRow['range']): void {
      setRange.run(range?.condition ?? null, range?.lowerLimit ?? null, range?.upperLimit ?? null, seriesId);
    },
    /**
     * A series' new values, already in block order. They fill its newest block while it has room
     * (merged with it: a late value may come before its last), then new blocks; the caller wraps a
     * batch in one transaction.
     */
    appendValues(seriesId: number, values: readonly MetricValueAnswer[]): void {
      if (values.length === 0) return;
      let run: readonly MetricValueAnswer[] = values;
      const newest = newestBlock.get(seriesId);
      let reuse: number | undefined;
      if (newest && newest.count < BLOCK_VALUES) {
        run = mergeRuns(decodeBlock(toBlock(newest)), values);
        reuse = newest.seq;
      }
      for (let at = 0; at < run.length; at += BLOCK_VALUES) {
        const block = encodeBlock(run.slice(at, at + BLOCK_VALUES));
        if (reuse !== undefined) {
          replaceBlock.run(block.firstMs, block.lastMs, block.count, block.times, block.ends, block.answers, seriesId, reuse);
          reuse = undefined;
        } else {
          insertBlock.run(seriesId, seq++, block.firstMs, block.lastMs, block.count, block.times, block.ends, block.answers);
        }
      }
    },
    /**
     * The first `limit` values' answers between two inclusive times, in time order, as the UTF-8
     * pieces of their comma-joined JSON, and how many the range holds (exact up to limit + 1).
     */
    answersBetween(seriesId: number, fromMs: number, toMs: number, limit: number): { parts: Buffer[]; count: number; total: number } {
      return answersBetween(blocksBetween.all(seriesId, toMs, fromMs).map(toBlock), fromMs, toMs, limit);
    },
    insertAlert(alert: Omit<AlertRow, 'modelId' | 'metric'> & { seriesId: number; createdBy: string }): void {
      insertAlert.run({ ...alert, inRange: alert.inRange ? 1 : 0 });
    },
    alerts(filter: { modelId?: string; metric?: string; outOfRangeOnly: boolean }, offset: number, limit: number): { rows: AlertRow[]; totalCount: number } {
      const params = { modelId: filter.modelId ?? null, metric: filter.metric ?? null, outOnly: filter.outOfRangeOnly ? 1 : 0 };
      const rows = alertsPage.all({ ...params, offset, limit }).map((r): AlertRow => ({
        id: r.id as string,
        modelId: r.model_id as string,
        metric: r.metric as string,
        value: r.value as number,
        condition: r.condition as TargetRangeConditionV1,
        lowerLimit: r.lower_limit as number | null,
        upperLimit: r.upper_limit as number | null,
        inRange: r.in_range === 1,
        source: r.source as AlertRow['source'],
        description: r.description as string | null,
        referenceTsMs: r.reference_ts_ms as number | null,
        createdAt: r.created_at as string,
      }));
      return { rows, totalCount: alertsCount.get(params)!.n };
    },
  };
}
