// The part of autocannon 9's programmatic API the benchmarks use (the package ships no types).
// Field names checked against node_modules/autocannon/lib/aggregateResult.js and
// hdr-histogram-percentiles-obj: the latency percentiles are p50, p90, p97_5, p99, p99_9, ... in ms.
declare module 'autocannon' {
  export interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    pipelining?: number;
    /** Seconds before a request counts as a timeout. */
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    /** Each connection loops over these; a setupRequest runs before every request it makes. */
    requests?: Request[];
  }

  /** One request of `requests` (lib/httpRequestBuilder.js): unset fields default to the options'. */
  export interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** Returns the request to send; a falsy value restarts from the first request. */
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request | null | undefined;
  }

  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total?: number;
    p1: number;
    p2_5: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
    p99_9: number;
  }

  export interface Result {
    duration: number;
    connections: number;
    /** Completed requests per one-second sample; `total` is all completed requests. */
    requests: Histogram & { total: number; sent: number };
    /** Milliseconds. */
    latency: Histogram & { totalCount: number };
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    resets: number;
    '2xx': number;
    '4xx': number;
    '5xx': number;
  }

  /** The run: awaitable for its Result, and stoppable early (lib/run.js gives the tracker `then`). */
  export interface Instance extends Promise<Result> {
    stop(): void;
  }

  function autocannon(options: Options): Instance;
  export default autocannon;
}
