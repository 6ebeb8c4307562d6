/** The server's notion of now. Injected so tests and the demo history can run at another time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
