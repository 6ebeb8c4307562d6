// The one call the log viewer makes: a page of a job's log after a time cursor.
import { request } from '../../api/http';
import { jobsEndpoints, MAX_LOG_LINES, type LogContentV1, type LogTypeV1 } from '../../api/schemas/jobs';
import { toColumns, type LineColumns } from './log-columns';

export interface LogsPage {
  lines: LogContentV1[];
  isComplete: boolean;
  /** The cursor to send next: the last returned line's time, or the request's when none came. */
  latestTimeNano: string | undefined;
  /** The page size the server applied; a page this full means more lines are waiting. */
  limit: number;
  problem?: string;
  helpLink?: string;
}

export interface LogsPageRequest {
  jobId: string;
  latestTimeNano: string | undefined;
  logType?: LogTypeV1;
  limit?: number;
  signal?: AbortSignal;
}

export async function fetchJobLogsPage({ jobId, latestTimeNano, logType = 'complete', limit = MAX_LOG_LINES, signal }: LogsPageRequest): Promise<LogsPage> {
  const envelope = await request(jobsEndpoints.getJobLogs, { params: { jobId }, query: { logType, limit, latestTimeNano }, signal });
  return {
    lines: envelope.logs.logContent,
    isComplete: envelope.logs.isComplete,
    latestTimeNano: envelope.metadata.pagination.latestTimeNano ?? latestTimeNano,
    limit: envelope.metadata.pagination.limit,
    problem: envelope.logs.problem,
    helpLink: envelope.logs.helpLink,
  };
}

/** A page with its lines as columns (log-columns.ts): what the tail appends to the store. */
export interface LogsColumnsPage extends Omit<LogsPage, 'lines'> {
  columns: LineColumns;
}

export async function fetchJobLogsColumns(request: LogsPageRequest): Promise<LogsColumnsPage> {
  const { lines, ...rest } = await fetchJobLogsPage(request);
  return { ...rest, columns: toColumns(lines) };
}
