// The console's own endpoints, served by its proxy (proxy/console.ts), not by any Domino: who the
// browser acts as, signing in and out, switching user in the demo, sign-in links. The key a person
// types goes here and stays in the proxy's memory; no answer ever carries one.
import { z } from 'zod';
import { endpoint } from './endpoint';

export const CONSOLE_PREFIX = '/console/api';

/** Sent with every proxied answer: an opaque id of who the browser acts as. */
export const IDENTITY_HEADER = 'x-domino-console-identity';
/** Sent with a 401 the proxy decided: `required` (sign in first) or `ended` (the session is over). */
export const SESSION_HEADER = 'x-domino-console-session';

export const CONSOLE_MODES = ['single-user', 'multi-user'] as const;
export type ConsoleMode = (typeof CONSOLE_MODES)[number];

export const ConsoleUserSchema = z.object({ id: z.string(), userName: z.string(), fullName: z.string() });
export type ConsoleUser = z.output<typeof ConsoleUserSchema>;

export const ConsoleSessionSchema = z.object({
  mode: z.enum(CONSOLE_MODES),
  /** Whether this browser has a session of its own (else, in single-user mode, the configured key acts). */
  signedIn: z.boolean(),
  /** Who the browser acts as now, when anyone. */
  user: ConsoleUserSchema.optional(),
  identity: z.string(),
  /** Switching to any user of the workspace is offered (embedded Domino, single-user, the console an admin). */
  canSwitchUser: z.boolean(),
  /** Sign-in links work here (the embedded Domino makes them). */
  signInLinks: z.boolean(),
  warnings: z.array(z.string()),
});
export type ConsoleSession = z.output<typeof ConsoleSessionSchema>;

export const SignInSchema = z.object({
  credential: z.string().trim().min(1, 'credential: give an API key or a bearer token').max(4096, 'credential is too long'),
  kind: z.enum(['apiKey', 'bearer']).default('apiKey'),
});
export type SignIn = z.input<typeof SignInSchema>;

export const RedeemLinkSchema = z.object({ token: z.string().trim().min(1, 'token: open the whole sign-in link you were given').max(200) });
export const SwitchUserSchema = z.object({ userId: z.string().regex(/^[0-9a-f]{24}$/, 'userId: give the id of a user to act as') });
export const SignedOutSchema = z.object({ signedIn: z.literal(false) });

const console = { family: 'console', source: 'console' } as const;

export const consoleEndpoints = {
  getSession: endpoint({ method: 'GET', path: `${CONSOLE_PREFIX}/session`, ...console, response: ConsoleSessionSchema }),
  signIn: endpoint({ method: 'POST', path: `${CONSOLE_PREFIX}/sign-in`, ...console, body: SignInSchema, response: ConsoleSessionSchema }),
  signOut: endpoint({ method: 'POST', path: `${CONSOLE_PREFIX}/sign-out`, ...console, body: z.object({}), response: SignedOutSchema }),
  redeemLink: endpoint({ method: 'POST', path: `${CONSOLE_PREFIX}/redeem-link`, ...console, body: RedeemLinkSchema, response: ConsoleSessionSchema }),
  switchUser: endpoint({ method: 'POST', path: `${CONSOLE_PREFIX}/switch-user`, ...console, body: SwitchUserSchema, response: ConsoleSessionSchema }),
};
