// Model monitoring: metric series (a model's metric, with its configured range), their values,
// and alerts. Times are epoch milliseconds; values are read in (time, logged order).
import type { TargetRangeConditionV1 } from '../../src/api/schemas/monitoring';
import type { Db } from './database';

export interface SeriesRow {
  id: number;
  modelId: string;
  metric: string;
  range: { condition: TargetRangeConditionV1; lowerLimit?: number; upperLimit?: number } | undefined;
}

export interface NewMetricValueRow {
  seriesId: number;
  tsMs: number;
  value: number;
  /** The value as a retrieve answers it: its JSON text (see the service's answerOf). */
  answer: string;
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

const INSERT_ROWS = 100;

export function monitoringRepository(db: Db) {
  const findSeries = db.prepare<[string, string], RawSeries>('SELECT * FROM metric_series WHERE model_id = ? AND metric = ?');
  const insertSeries = db.prepare<[string, string], RawSeries>('INSERT INTO metric_series (model_id, metric) VALUES (?, ?) RETURNING *');
  const modelKnown = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM metric_series WHERE model_id = ? LIMIT 1');
  const allSeries = db.prepare<[], RawSeries & { n: number; first: number | null; last: number | null; alerts: number }>(
    `SELECT s.*, (SELECT count(*) FROM metric_values v WHERE v.series_id = s.id) AS n,
            (SELECT min(ts_ms) FROM metric_values v WHERE v.series_id = s.id) AS first,
            (SELECT max(ts_ms) FROM metric_values v WHERE v.series_id = s.id) AS last,
            (SELECT count(*) FROM metric_alerts a WHERE a.series_id = s.id AND a.in_range = 0) AS alerts
     FROM metric_series s ORDER BY s.model_id, s.metric`,
  );
  const setRange = db.prepare('UPDATE metric_series SET range_condition = ?, range_lower = ?, range_upper = ? WHERE id = ?');
  // seq keeps duplicates of one timestamp apart, in the order they were logged: one counter for
  // every value (read once here: one server owns the database), so no lookup precedes an insert.
  let seq = (db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM metric_values').get()?.seq ?? 0) + 1;
  const insertOne = db.prepare('INSERT INTO metric_values (series_id, ts_ms, seq, value, answer) VALUES (?, ?, ?, ?, ?)');
  // A batch goes in INSERT_ROWS rows a statement: one call into SQLite per 100 values, not per value.
  const insertMany = db.prepare(
    `INSERT INTO metric_values (series_id, ts_ms, seq, value, answer) VALUES ${Array.from({ length: INSERT_ROWS }, () => '(?, ?, ?, ?, ?)').join(', ')}`,
  );
  const countBetween = db
    .prepare<[number, number, number, number], number>(
      'SELECT count(*) FROM (SELECT 1 FROM metric_values WHERE series_id = ? AND ts_ms BETWEEN ? AND ? LIMIT ?)',
    )
    .pluck();
  // The answers joined by SQLite itself: one string comes back, not a row per value.
  const answersBetween = db
    .prepare<[number, number, number, number], string | null>(
      `SELECT group_concat(answer, ',') FROM (
         SELECT answer FROM metric_values WHERE series_id = ? AND ts_ms BETWEEN ? AND ? ORDER BY ts_ms, seq LIMIT ?)`,
    )
    .pluck();
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
      return allSeries.all().map((r) => ({ ...toSeries(r), valueCount: r.n, firstMs: r.first, lastMs: r.last, alertCount: r.alerts }));
    },
    setRange(seriesId: number, range: SeriesRow['range']): void {
      setRange.run(range?.condition ?? null, range?.lowerLimit ?? null, range?.upperLimit ?? null, seriesId);
    },
    /** Values in the order given (duplicates of one time keep it); the caller wraps a batch in one transaction. */
    insertValues(rows: readonly NewMetricValueRow[]): void {
      const params: Array<number | string> = [];
      let i = 0;
      for (; i + INSERT_ROWS <= rows.length; i += INSERT_ROWS) {
        params.length = 0;
        for (let j = i; j < i + INSERT_ROWS; j++) {
          const row = rows[j]!;
          params.push(row.seriesId, row.tsMs, seq++, row.value, row.answer);
        }
        insertMany.run(params);
      }
      for (; i < rows.length; i++) {
        const row = rows[i]!;
        insertOne.run(row.seriesId, row.tsMs, seq++, row.value, row.answer);
      }
    },
    /** How many values are between two inclusive times, counting no further than `limit`. */
    countBetween(seriesId: number, fromMs: number, toMs: number, limit: number): number {
      return countBetween.get(seriesId, fromMs, toMs, limit)!;
    },
    /** The first `limit` values' answers between two inclusive times, in time order, joined with commas ('' for none). */
    answersBetween(seriesId: number, fromMs: number, toMs: number, limit: number): string {
      return answersBetween.get(seriesId, fromMs, toMs, limit) ?? '';
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
