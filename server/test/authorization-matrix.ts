// Authorization as a table: actors × actions → the status each actor gets. One test per action;
// inside it every actor acts on a fresh fixture (an action may change or delete what it acts on),
// and the whole row is compared at once, so a failure shows every cell that differs.
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type TestUser } from './helper';

export interface MatrixAction<Actor extends string, Fixture> {
  name: string;
  /** The status each actor gets. */
  expected: Record<Actor, number>;
  /** What this action needs beyond the common fixture, made fresh for each cell too. */
  prepare?(server: TestServer, users: Record<string, TestUser>, fixture: Fixture): Promise<Fixture>;
  request(fixture: Fixture): InjectOptions;
}

export interface AuthorizationMatrix<Actor extends string, Fixture> {
  actors: readonly Actor[];
  /** Once per action: a user per actor (the site admin is `server.admin`). */
  users(server: TestServer): Promise<Record<Actor, TestUser>>;
  /** Once per cell: what the action acts on, made fresh for each actor. */
  fixture(server: TestServer, users: Record<Actor, TestUser>): Promise<Fixture>;
  actions: ReadonlyArray<MatrixAction<Actor, Fixture>>;
  /** Called after each action's row, e.g. to stop jobs a fixture started. */
  cleanUp?(server: TestServer): Promise<void>;
}

/** The usual row: `allowed` get `success`, `hidden` get 404 (they may not know it exists), the rest 403. */
export function row<Actor extends string>(
  actors: readonly Actor[],
  allowed: readonly Actor[],
  options: { success?: number; hidden?: readonly Actor[]; overrides?: Partial<Record<Actor, number>> } = {},
): Record<Actor, number> {
  const success = options.success ?? 200;
  return Object.fromEntries(
    actors.map((actor) => [actor, options.overrides?.[actor] ?? (allowed.includes(actor) ? success : options.hidden?.includes(actor) ? 404 : 403)]),
  ) as Record<Actor, number>;
}

/** A user per actor, named after it; the actor `admin` is the site administrator. */
export function oneUserPerActor<Actor extends string>(actors: readonly Actor[]): (server: TestServer) => Promise<Record<Actor, TestUser>> {
  return async (server) => {
    const users = {} as Record<Actor, TestUser>;
    for (const actor of actors) users[actor] = actor === 'admin' ? server.admin : await server.newUser(actor.toLowerCase());
    return users;
  };
}

export function describeAuthorizationMatrix<Actor extends string, Fixture>(title: string, matrix: AuthorizationMatrix<Actor, Fixture>): void {
  describe(title, () => {
    it.each(matrix.actions.map((action) => [action.name, action] as const))(
      '%s',
      async (_name, action) => {
        const server = await startTestServer();
        const users = await matrix.users(server);
        const got = {} as Record<Actor, number>;
        const bodies: string[] = [];
        for (const actor of matrix.actors) {
          const common = await matrix.fixture(server, users);
          const fixture = action.prepare ? await action.prepare(server, users, common) : common;
          const res = await server.call(users[actor], action.request(fixture));
          got[actor] = res.status;
          if (res.status !== action.expected[actor]) bodies.push(`${actor}: ${JSON.stringify(res.body)}`);
        }
        await matrix.cleanUp?.(server);
        expect(got, bodies.join('\n')).toEqual(action.expected);
      },
      60_000,
    );
  });
}
