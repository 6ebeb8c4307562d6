// Job log lines. Times are epoch nanoseconds (beyond a double's precision), so they travel as
// BigInt here and as strings on the wire.
import type { Db } from './database';

export type LogType = 'stdOut' | 'stdErr' | 'prepareOutput';

export interface LogLine {
  timeNano: bigint;
  logType: LogType;
  line: string;
}

export type JobLogsRepository = ReturnType<typeof jobLogsRepository>;

export function jobLogsRepository(db: Db) {
  const insert = db.prepare('INSERT INTO job_log_lines (job_id, time_nano, log_type, line) VALUES (?, ?, ?, ?)');
  const insertMany = db.transaction((jobId: string, lines: LogLine[]) => {
    for (const l of lines) insert.run(jobId, l.timeNano, l.logType, l.line);
  });
  const after = db
    .prepare<[string, bigint, number], { time_nano: bigint; log_type: LogType; line: string }>(
      'SELECT time_nano, log_type, line FROM job_log_lines WHERE job_id = ? AND time_nano > ? ORDER BY time_nano LIMIT ?',
    )
    .safeIntegers(true);
  const afterOfType = db
    .prepare<[string, bigint, string, number], { time_nano: bigint; log_type: LogType; line: string }>(
      'SELECT time_nano, log_type, line FROM job_log_lines WHERE job_id = ? AND time_nano > ? AND log_type = ? ORDER BY time_nano LIMIT ?',
    )
    .safeIntegers(true);
  const last = db.prepare<[string], { t: bigint | null }>('SELECT max(time_nano) AS t FROM job_log_lines WHERE job_id = ?').safeIntegers(true);

  return {
    append(jobId: string, lines: LogLine[]): void {
      if (lines.length > 0) insertMany(jobId, lines);
    },
    /** Up to `limit` lines with time > cursor, oldest first; optionally of one type. */
    read(jobId: string, cursor: bigint, limit: number, logType?: LogType): LogLine[] {
      const rows = logType ? afterOfType.all(jobId, cursor, logType, limit) : after.all(jobId, cursor, limit);
      return rows.map((r) => ({ timeNano: r.time_nano, logType: r.log_type, line: r.line }));
    },
    lastTime(jobId: string): bigint | undefined {
      return last.get(jobId)?.t ?? undefined;
    },
  };
}
