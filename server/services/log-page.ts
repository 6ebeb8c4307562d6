// One page of a log kept in the job log table: a job's, or an environment revision's build.
import type { z } from 'zod';
import type { Wire } from '../../src/api/schemas/common';
import type { JobLogsQuerySchema, LogsEnvelopeV1Schema } from '../../src/api/schemas/jobs';
import type { BaseContext } from '../context';

/**
 * One page of a log kept in the job log table (a job's, or an environment revision's build), by
 * the job log's nanosecond cursor rules; `ended` is read before the lines by the caller.
 */
export function logPage(
  ctx: BaseContext,
  subjectId: string,
  query: z.output<typeof JobLogsQuerySchema>,
  ended: boolean,
  requestId: string,
  /** Why it failed, and where to read more. */
  problem: { text: string; helpLink: string } | undefined,
): Wire<typeof LogsEnvelopeV1Schema> {
  const cursor = BigInt(query.latestTimeNano ?? '0');
  const logType = query.logType === 'complete' ? undefined : query.logType;
  const lines = ctx.jobLogs.read(subjectId, cursor, query.limit + 1, logType);
  const page = lines.slice(0, query.limit);
  const latest = page.length > 0 ? page[page.length - 1]!.timeNano : cursor;
  return {
    logs: {
      logContent: page.map((l) => ({
        timestamp: new Date(Number(l.timeNano / 1_000_000n)).toISOString(),
        logType: l.logType,
        log: l.line,
        size: Buffer.byteLength(l.line),
      })),
      isComplete: ended && lines.length <= query.limit,
      ...(problem ? { problem: problem.text, helpLink: problem.helpLink } : {}),
    },
    metadata: { requestId, notices: [], pagination: { limit: query.limit, latestTimeNano: latest.toString() } },
  };
}
