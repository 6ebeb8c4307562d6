import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  MetricAlertsEnvelopeSchema,
  MetricValuesEnvelopeV1Schema,
  MonitoredModelsEnvelopeSchema,
  NewMetricValueV1Schema,
} from '../../src/api/schemas/monitoring';
import { migrate, migrations } from '../db/migrations';
import { monitoringRepository } from '../db/monitoring-repository';
import { startTestServer, type TestServer, type TestUser } from './helper';

const VALUES = '/api/metricValues/v1';
const ALERTS = '/api/metricAlerts/v1';
const EMBEDDED = '/api/embedded/v1/monitoring';

const log = (server: TestServer, as: TestUser, newMetricValues: unknown[]) => server.call(as, { method: 'POST', url: VALUES, payload: { newMetricValues } });
const retrieve = (server: TestServer, as: TestUser, model: string, metric: string, from: string, to: string) =>
  server.call(as, {
    method: 'GET',
    url: `${VALUES}/${model}/${metric}?startingReferenceTimestampInclusive=${encodeURIComponent(from)}&endingReferenceTimestampInclusive=${encodeURIComponent(to)}`,
  });

describe('logging and retrieving metric values', () => {
  it('stores values with tags, answers them in UTC sorted by time, between inclusive edges; duplicates kept', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const logged = await log(server, maya, [
      { modelMonitoringId: 'm1', metric: 'accuracy', value: 0.93, referenceTimestamp: '2026-11-02T10:00:00+02:00', tags: [{ key: 'region', value: 'eu' }] },
      { modelMonitoringId: 'm1', metric: 'accuracy', value: 0.91, referenceTimestamp: '2026-11-01T08:00:00Z' },
      { modelMonitoringId: 'm1', metric: 'accuracy', value: 0.95, referenceTimestamp: '2026-11-03T08:00:00.250Z' },
      { modelMonitoringId: 'm1', metric: 'accuracy', value: 0.96, referenceTimestamp: '2026-11-03T08:00:00.250Z' },
      { modelMonitoringId: 'm1', metric: 'drift', value: 3, referenceTimestamp: '2026-11-01T08:00:00Z' },
    ]);
    expect(logged.status).toBe(201);
    expect(logged.body).toBe('');
    const all = await retrieve(server, maya, 'm1', 'accuracy', '2026-11-01T08:00:00Z', '2026-11-03T08:00:00.250Z');
    expect(all.status).toBe(200);
    expect(MetricValuesEnvelopeV1Schema.parse(all.body).metricValues).toEqual([
      { value: 0.91, referenceTimestamp: '2026-11-01T08:00:00.000Z', tags: [] },
      { value: 0.93, referenceTimestamp: '2026-11-02T08:00:00.000Z', tags: [{ key: 'region', value: 'eu' }] },
      { value: 0.95, referenceTimestamp: '2026-11-03T08:00:00.250Z', tags: [] },
      { value: 0.96, referenceTimestamp: '2026-11-03T08:00:00.250Z', tags: [] },
    ]);
    // Inclusive edges: a millisecond inside keeps the edge value, a millisecond past drops it.
    const inner = await retrieve(server, maya, 'm1', 'accuracy', '2026-11-01T08:00:00.001Z', '2026-11-03T08:00:00.249Z');
    expect(inner.body.metricValues.map((v: { value: number }) => v.value)).toEqual([0.93]);
    const edge = await retrieve(server, maya, 'm1', 'accuracy', '2026-11-01T10:00:00+02:00', '2026-11-01T10:00:00+02:00');
    expect(edge.body.metricValues.map((v: { value: number }) => v.value)).toEqual([0.91]);
    // Anyone signed in reads; a model never logged is a 404; a known model's unknown metric is empty.
    const omar = await server.newUser('omar');
    expect((await retrieve(server, omar, 'm1', 'drift', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).body.metricValues).toHaveLength(1);
    expect((await retrieve(server, omar, 'nobody', 'drift', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).status).toBe(404);
    expect((await retrieve(server, omar, 'm1', 'latency', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).body.metricValues).toEqual([]);
    expect((await server.call(null, { method: 'POST', url: VALUES, payload: { newMetricValues: [] } })).status).toBe(401);
  });

  it('refuses a whole batch for one bad value, naming its index and field, and stores nothing of it', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const good = (i: number) => ({ modelMonitoringId: 'm2', metric: 'accuracy', value: i / 10, referenceTimestamp: `2026-11-0${i}T00:00:00Z` });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...good(2), value: 'high' }, 'body.newMetricValues.1.value: value must be a finite number'],
      [
        { ...good(2), referenceTimestamp: '2026-11-02T00:00:00' },
        'body.newMetricValues.1.referenceTimestamp: referenceTimestamp must be an RFC 3339 timestamp with a timezone, e.g. 2013-07-01T17:55:13-07:00',
      ],
      [{ ...good(2), referenceTimestamp: '2026-02-31T00:00:00Z' }, 'body.newMetricValues.1.referenceTimestamp: referenceTimestamp is not a real date and time'],
      [{ ...good(2), tags: [{ key: 'a' }] }, 'body.newMetricValues.1.tags.0.value: tags.value must be a string'],
      [{ ...good(2), metric: undefined }, 'body.newMetricValues.1.metric: metric is required'],
    ];
    for (const [bad, message] of cases) {
      const res = await log(server, maya, [good(1), bad, good(3)]);
      expect(res.status, message).toBe(400);
      expect(res.body.errors).toEqual([message]);
    }
    // Nothing of any refused batch was stored: the model was never logged.
    expect((await retrieve(server, maya, 'm2', 'accuracy', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).status).toBe(404);
    const backwards = await retrieve(server, maya, 'm2', 'accuracy', '2027-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    expect(backwards.status).toBe(400);
    const noEnd = await server.call(maya, { method: 'GET', url: `${VALUES}/m2/accuracy?startingReferenceTimestampInclusive=2026-01-01T00:00:00Z` });
    expect(noEnd.status).toBe(400);
    expect(noEnd.body.errors).toEqual(['query.endingReferenceTimestampInclusive: endingReferenceTimestampInclusive is required']);
  });
});

describe('values logged before their answers were kept as text (migration 19)', () => {
  it('answer as they did: UTC milliseconds, the same numbers, their tags or []', () => {
    const db = new Database(':memory:');
    for (const migration of migrations.filter((m) => m.version < 19)) db.exec(migration.sql);
    db.pragma('user_version = 18');
    db.exec("INSERT INTO metric_series (id, model_id, metric) VALUES (1, 'm', 'x')");
    const rows: Array<[number, number, string | null]> = [
      [-1, 0.30000000000000004, null], // a millisecond before 1970
      [-1000, 1e21, '[{"key":"a","value":"b"}]'],
      [Date.UTC(2026, 10, 1, 10, 0, 0, 7), -2.5, '[{"key":"k","value":"\\"quoted\\""}]'],
      [Date.UTC(2026, 10, 1, 10, 0, 0, 7), 3, '[]'], // a duplicate time, logged after
    ];
    rows.forEach(([ts, value, tags], seq) =>
      db.prepare('INSERT INTO metric_values (series_id, ts_ms, seq, value, tags) VALUES (1, ?, ?, ?, ?)').run(ts, seq, value, tags),
    );
    migrate(db);
    const answered = JSON.parse(`[${monitoringRepository(db).answersBetween(1, -10_000, Date.UTC(2027, 0), 10).parts.join('')}]`);
    const expected = [...rows]
      .sort((a, b) => a[0] - b[0])
      .map(([ts, value, tags]) => ({ value, referenceTimestamp: new Date(ts).toISOString(), tags: JSON.parse(tags ?? '[]') }));
    expect(answered).toEqual(expected);
    expect(answered[0].referenceTimestamp).toBe('1969-12-31T23:59:59.000Z');
    expect(answered[1].referenceTimestamp).toBe('1969-12-31T23:59:59.999Z');
  });
});

describe('which timestamps name a real instant', () => {
  const cases: Array<[string, boolean]> = [
    ['2024-02-29T23:59:59Z', true], // a leap day
    ['2000-02-29T00:00:00Z', true], // divisible by 400
    ['1900-02-29T00:00:00Z', false], // divisible by 100
    ['2025-02-29T00:00:00Z', false],
    ['2026-04-31T00:00:00Z', false],
    ['2026-12-31T10:00:00.123456-07:00', true],
    ['2026-12-31t10:00:00z', true],
    ['2026-13-01T00:00:00Z', false],
    ['2026-00-10T00:00:00Z', false],
    ['2026-01-00T00:00:00Z', false],
    ['2026-01-01T24:00:00Z', false],
    ['2026-01-01T23:60:00Z', false],
    ['2026-01-01T23:59:60Z', false], // no leap seconds
    ['2026-01-01T00:00:00+23:59', true],
    ['2026-01-01T00:00:00+24:00', false],
    ['2026-01-01T00:00:00-05:60', false],
  ];
  it.each(cases)('%s → %s', (referenceTimestamp, real) => {
    const parsed = NewMetricValueV1Schema.safeParse({ modelMonitoringId: 'm', metric: 'x', value: 1, referenceTimestamp });
    expect(parsed.success).toBe(real);
    if (real) expect(Number.isNaN(Date.parse(referenceTimestamp))).toBe(false);
  });
});

describe('alerts', () => {
  // value, condition, lowerLimit, upperLimit → in range (the range is the acceptable values)
  const table: Array<[number, string, number | undefined, number | undefined, boolean]> = [
    [4, 'lessThan', undefined, 5, true],
    [5, 'lessThan', undefined, 5, false],
    [5, 'lessThanEqual', undefined, 5, true],
    [5.01, 'lessThanEqual', undefined, 5, false],
    [6, 'greaterThan', 5, undefined, true],
    [5, 'greaterThan', 5, undefined, false],
    [5, 'greaterThanEqual', 5, undefined, true],
    [4.99, 'greaterThanEqual', 5, undefined, false],
    [1, 'between', 1, 2, true],
    [2, 'between', 1, 2, true],
    [2.5, 'between', 1, 2, false],
    [0, 'BETWEEN', 0, 0, true],
    [-1, 'greaterthan', 0, undefined, false],
  ];
  it('records each alert with whether the value was in its range', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    for (const [value, condition, lowerLimit, upperLimit] of table) {
      const res = await server.call(maya, {
        method: 'POST',
        url: ALERTS,
        payload: { modelMonitoringId: 'm3', metric: 'psi', value, targetRange: { condition, lowerLimit, upperLimit } },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const listed = await server.call(maya, { method: 'GET', url: `${EMBEDDED}/alerts?modelMonitoringId=m3&outOfRangeOnly=false&limit=100` });
    const alerts = MetricAlertsEnvelopeSchema.parse(listed.body).alerts.reverse();
    expect(alerts.map((a) => [a.value, a.targetRange.condition, a.inRange])).toEqual(
      table.map(([v, c, , , ok]) => [v, c.toLowerCase() === 'between' ? 'between' : c.toLowerCase() === 'greaterthan' ? 'greaterThan' : c, ok]),
    );
    const outOnly = await server.call(maya, { method: 'GET', url: `${EMBEDDED}/alerts?modelMonitoringId=m3` });
    expect(outOnly.body.metadata.totalCount).toBe(table.filter((row) => !row[4]).length);
  });

  it('names what a range is missing: the condition Domino’s client sends as null, the limit of 0 it leaves out', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const send = (targetRange: unknown) =>
      server.call(maya, { method: 'POST', url: ALERTS, payload: { modelMonitoringId: 'm4', metric: 'psi', value: 1, targetRange } });
    const cases: Array<[unknown, string[]]> = [
      [
        { condition: null, lowerLimit: 1 },
        ['body.targetRange.condition: targetRange.condition is missing: one of lessThan, lessThanEqual, greaterThan, greaterThanEqual, between'],
      ],
      [
        { condition: 'lessThan', lowerLimit: 1 },
        [
          "body.targetRange.upperLimit: targetRange.upperLimit is missing: a lessThan range needs it (a limit of 0 must be sent as 0; Domino's Python client leaves 0 out)",
        ],
      ],
      [
        { condition: 'between', upperLimit: 3 },
        [
          "body.targetRange.lowerLimit: targetRange.lowerLimit is missing: a between range needs it (a limit of 0 must be sent as 0; Domino's Python client leaves 0 out)",
        ],
      ],
      [{ condition: 'between', lowerLimit: 3, upperLimit: 1 }, ['body.targetRange.lowerLimit: targetRange.lowerLimit must not be greater than upperLimit']],
      [
        { condition: 'around', lowerLimit: 1 },
        ['body.targetRange.condition: "around" is not one of lessThan, lessThanEqual, greaterThan, greaterThanEqual, between'],
      ],
      [undefined, ['body.targetRange: targetRange is required: {condition, lowerLimit?, upperLimit?}']],
    ];
    for (const [range, errors] of cases) {
      const res = await send(range);
      expect(res.status, JSON.stringify(range)).toBe(400);
      expect(res.body.errors).toEqual(errors);
    }
  });

  it('a configured range makes logged values outside it raise alerts; the models list shows it', async () => {
    const server = await startTestServer();
    const maya = await server.newUser('maya');
    const set = await server.call(maya, {
      method: 'PUT',
      url: `${EMBEDDED}/models/m5/metrics/accuracy/range`,
      payload: { condition: 'greaterThanEqual', lowerLimit: 0.8 },
    });
    expect(set.status).toBe(200);
    expect(set.body.targetRange).toEqual({ condition: 'greaterThanEqual', lowerLimit: 0.8 });
    await log(server, maya, [
      { modelMonitoringId: 'm5', metric: 'accuracy', value: 0.85, referenceTimestamp: '2026-11-01T00:00:00Z' },
      { modelMonitoringId: 'm5', metric: 'accuracy', value: 0.79, referenceTimestamp: '2026-11-02T00:00:00Z' },
      { modelMonitoringId: 'm5', metric: 'accuracy', value: 0.8, referenceTimestamp: '2026-11-03T00:00:00Z' },
    ]);
    const alerts = (await server.call(maya, { method: 'GET', url: `${EMBEDDED}/alerts?modelMonitoringId=m5` })).body.alerts;
    expect(alerts).toEqual([
      expect.objectContaining({
        value: 0.79,
        inRange: false,
        source: 'loggedValue',
        referenceTimestamp: '2026-11-02T00:00:00.000Z',
        targetRange: { condition: 'greaterThanEqual', lowerLimit: 0.8 },
      }),
    ]);
    const models = MonitoredModelsEnvelopeSchema.parse((await server.call(maya, { method: 'GET', url: `${EMBEDDED}/models` })).body).models;
    expect(models).toEqual([
      {
        modelMonitoringId: 'm5',
        metrics: [
          {
            metric: 'accuracy',
            valueCount: 3,
            firstReferenceTimestamp: '2026-11-01T00:00:00.000Z',
            lastReferenceTimestamp: '2026-11-03T00:00:00.000Z',
            targetRange: { condition: 'greaterThanEqual', lowerLimit: 0.8 },
            alertCount: 1,
          },
        ],
      },
    ]);
    expect((await server.call(maya, { method: 'DELETE', url: `${EMBEDDED}/models/m5/metrics/accuracy/range` })).status).toBe(204);
    await log(server, maya, [{ modelMonitoringId: 'm5', metric: 'accuracy', value: 0.1, referenceTimestamp: '2026-11-04T00:00:00Z' }]);
    expect((await server.call(maya, { method: 'GET', url: `${EMBEDDED}/alerts?modelMonitoringId=m5` })).body.alerts).toHaveLength(1);
    const info = await server.call(maya, { method: 'GET', url: '/api/embedded/v1/info' });
    expect(info.body.extensions).toEqual(expect.arrayContaining(['monitored-models', 'metric-ranges', 'metric-alerts']));
  });
});
