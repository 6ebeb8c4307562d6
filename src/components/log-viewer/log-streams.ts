// Which lines a log shows: all of them, or one stream. The viewer, its toolbar and the row filter share these.
export type LogStream = 'all' | 'stdout' | 'stderr' | 'prepare';

export const LOG_STREAMS: readonly LogStream[] = ['all', 'stdout', 'stderr', 'prepare'];
