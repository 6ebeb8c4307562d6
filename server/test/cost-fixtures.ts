// Executions for the cost tests, recorded as the embedded Domino records a workspace session (the
// capture triggers write the cost rows), at the times a test chooses.
import type { Clock } from '../clock';
import { newObjectId } from '../http/ids';
import type { TestServer } from './helper';

/** A clock a test moves by hand. */
export function manualClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = Date.parse(iso);
  return {
    now: () => new Date(now),
    set: (to: string) => void (now = Date.parse(to)),
    advance: (ms: number) => void (now += ms),
  };
}

/** A session-like execution of a project on a tier, ended or (end null) still running. */
export function recordExecution(
  server: TestServer,
  execution: { projectId: string; userId: string; tierId: string; start: string; end: string | null },
): string {
  const ctx = server.app.ctx;
  const id = newObjectId(ctx.clock);
  ctx.projectParts.insertExecution({
    id,
    projectId: execution.projectId,
    kind: 'workspace',
    workspaceId: null,
    sessionId: null,
    hardwareTierId: execution.tierId,
    startedBy: execution.userId,
    status: execution.end ? 'Stopped' : 'Running',
    startedAt: execution.start,
    endedAt: execution.end,
  });
  return id;
}

export async function allocation(server: TestServer, query: Record<string, string>) {
  const res = await server.call(server.admin, { method: 'GET', url: `/api/cost/v1/allocation?${new URLSearchParams(query)}` });
  if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as Array<Record<string, any>>;
}

/** name → totalCost of an answer (one step). */
export function totals(data: Array<Record<string, any>>): Record<string, number> {
  return Object.fromEntries(data.map((a) => [a.name, a.totalCost]));
}
