// Durable background tasks (docs/decisions/0010-durable-tasks.md): dataset snapshots and deletes,
// environment builds, async predictions, cost rollups. Each task is a row written at every change
// of state; a kind runs one at a time or on a bounded pool; progress is kept on the row. At start,
// as the job runner does with jobs, a task the last server was running when it stopped is run
// again (its handler must be safe to rerun) until it has used its attempts, then failed.
import type { Clock } from '../clock';
import type { TaskRow, TasksRepository } from '../db/tasks-repository';

export interface TaskContext {
  id: string;
  /** 1 for the first run; more when a restart cut an earlier one off. */
  attempt: number;
  /** Aborted when the server shuts down: stop soon (the task runs again at the next start). */
  signal: AbortSignal;
  /** How far the task is, for whoever shows it; written to the row at most a few times a second. */
  progress(done: number, total?: number, note?: string): void;
}

export interface TaskKindOptions<Payload> {
  /** How many tasks of this kind run at once (default 1). */
  concurrency?: number;
  /** Runs after which a task cut off by restarts is failed instead of run again (default 3). */
  maxAttempts?: number;
  run(payload: Payload, task: TaskContext): Promise<void>;
  /** After a task of this kind ends failed: record what it means for the task's subject. */
  onFailed?(payload: Payload, reason: string, taskId: string): void;
}

/** A failure whose message is the server's own, fit to show the people who asked for the task. */
export class TaskFailure extends Error {}

export interface TaskKind<Payload> {
  /** Queues a task (written before this returns: it survives a crash from here on). */
  enqueue(payload: Payload): string;
}

interface KindState {
  name: string;
  options: TaskKindOptions<unknown>;
  running: Map<string, { controller: AbortController; done: Promise<void> }>;
}

const PROGRESS_WRITE_MS = 250;
const DEFAULT_ATTEMPTS = 3;

export class TaskQueue {
  private readonly kinds = new Map<string, KindState>();
  private started = false;
  private closed = false;

  constructor(
    private readonly tasks: TasksRepository,
    private readonly clock: Clock,
    private readonly options: { newId: () => string; reportError?: (error: unknown, taskId: string) => void },
  ) {}

  define<Payload>(name: string, options: TaskKindOptions<Payload>): TaskKind<Payload> {
    if (this.kinds.has(name)) throw new Error(`task kind "${name}" is defined twice`);
    const kind: KindState = { name, options: options as TaskKindOptions<unknown>, running: new Map() };
    this.kinds.set(name, kind);
    if (this.started) this.pump(kind);
    return {
      enqueue: (payload) => {
        const id = this.options.newId();
        this.tasks.insert({ id, kind: name, payload, createdAt: this.clock.now().toISOString() });
        queueMicrotask(() => this.pump(kind));
        return id;
      },
    };
  }

  get(id: string): TaskRow | undefined {
    return this.tasks.findById(id);
  }

  /** At start, once every kind is defined: tasks cut off by the last stop go back in line (or fail), then the queues drain. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const task of this.tasks.interrupted()) {
      const kind = this.kinds.get(task.kind);
      if (!kind) continue; // a kind this server does not know: left for one that does
      if (task.attempts >= (kind.options.maxAttempts ?? DEFAULT_ATTEMPTS))
        this.fail(kind, task.id, task.payload, `The server stopped during each of its ${task.attempts} attempts.`);
      else this.tasks.requeue(task.id);
    }
    for (const kind of this.kinds.values()) this.pump(kind);
  }

  /** Whether nothing of a kind is queued or running (tests and benchmarks wait on it). */
  async drained(kindName: string): Promise<void> {
    for (;;) {
      const kind = this.kinds.get(kindName);
      if (!kind || (kind.running.size === 0 && this.tasks.pending(kindName).length === 0)) return;
      await Promise.race([...[...kind.running.values()].map((r) => r.done), new Promise<void>((r) => setTimeout(r, 20))]);
    }
  }

  /** Server shutdown: running tasks are told to stop; they stay `running` in the database, so the next start runs them again. */
  async close(): Promise<void> {
    this.closed = true;
    const running = [...this.kinds.values()].flatMap((kind) => [...kind.running.values()]);
    for (const task of running) task.controller.abort();
    await Promise.allSettled(running.map((task) => task.done));
  }

  private pump(kind: KindState): void {
    if (!this.started || this.closed) return;
    const capacity = kind.options.concurrency ?? 1;
    if (kind.running.size >= capacity) return;
    for (const task of this.tasks.pending(kind.name)) {
      if (kind.running.size >= capacity) return;
      if (task.status !== 'queued' || kind.running.has(task.id)) continue;
      if (!this.tasks.claim(task.id, this.clock.now().toISOString())) continue;
      this.launch(kind, task.id, task.payload, task.attempts + 1);
    }
  }

  private launch(kind: KindState, id: string, payload: unknown, attempt: number): void {
    const controller = new AbortController();
    let lastWrite = 0;
    const context: TaskContext = {
      id,
      attempt,
      signal: controller.signal,
      progress: (done, total, note) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_WRITE_MS && done !== total) return;
        lastWrite = now;
        this.tasks.progress(id, done, total ?? null, note ?? null);
      },
    };
    const done = Promise.resolve()
      .then(() => kind.options.run(payload, context))
      .then(
        () => {
          if (!controller.signal.aborted) this.tasks.finish(id, 'succeeded', null, this.clock.now().toISOString());
        },
        (error: unknown) => {
          // A task stopped by shutdown is not a failure: it runs again at the next start.
          if (controller.signal.aborted) return;
          if (!(error instanceof TaskFailure)) this.options.reportError?.(error, id);
          this.fail(kind, id, payload, error instanceof TaskFailure ? error.message : 'An unexpected error stopped it; the server log has the details.');
        },
      )
      .finally(() => {
        kind.running.delete(id);
        this.pump(kind);
      });
    kind.running.set(id, { controller, done });
  }

  private fail(kind: KindState, id: string, payload: unknown, reason: string): void {
    if (!this.tasks.finish(id, 'failed', reason, this.clock.now().toISOString())) return;
    try {
      kind.options.onFailed?.(payload, reason, id);
    } catch (error) {
      this.options.reportError?.(error, id);
    }
  }
}
