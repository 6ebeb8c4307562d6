// The console's server side: the /api proxy, and the endpoints with which a person becomes
// themselves (docs/decisions/0012-console-sessions.md). No key is stored in a browser or sent to
// it: a person gives their key once, straight to this proxy, which keeps it in memory behind a
// session cookie and adds it to every /api request of that browser.
import crypto from 'node:crypto';
import type http from 'node:http';
import type { z } from 'zod';
import { hasControlCharacter } from '../src/api/schemas/common';
import {
  CONSOLE_PREFIX,
  consoleEndpoints,
  IDENTITY_HEADER,
  RedeemLinkSchema,
  SESSION_HEADER,
  SignInSchema,
  SwitchUserSchema,
  type ConsoleMode,
  type ConsoleSession,
} from '../src/api/schemas/console';
import { callDomino, checkRequest, forwardTo, isOriginForm, isProxiedPath, refuse, type Allowed, type Middleware } from './forward';
import { RateLimiter } from './rate-limit';
import { expiredCookie, readCookie, sessionCookie, sessionCookieName, SessionStore, type Session, type SessionLimits, type SessionUser } from './sessions';
import type { ProxyTarget } from './target';

const DEFAULT_IDENTITY = 'configured';
/** Sign-in attempts (a key, a link) per client address and for everyone together. */
export const SIGN_IN_LIMITS = { perClient: { attempts: 10, windowMs: 60_000 }, overall: { attempts: 100, windowMs: 60_000 } } as const;

/**
 * Endpoints whose answer holds a key: the proxy calls them for a session, but never hands them a
 * browser's request, so no key can reach one.
 */
const KEY_MINTING = [
  /^POST \/api\/embedded\/v1\/users\/?(\?|$)/,
  /^POST \/api\/embedded\/v1\/users\/[^/]+\/api-keys\/?(\?|$)/,
  /^POST \/api\/embedded\/v1\/sign-in-links\/redeem\/?(\?|$)/,
];

/** The mode from where the console answers: loopback only → single-user, unless DOMINO_CONSOLE_AUTH=required. */
export function consoleMode(options: { env?: NodeJS.ProcessEnv; answersBeyondLoopback: boolean }): ConsoleMode {
  const env = options.env ?? process.env;
  const auth = env.DOMINO_CONSOLE_AUTH?.trim();
  if (auth && auth !== 'required') throw new Error(`DOMINO_CONSOLE_AUTH must be "required" or unset, not "${auth}"`);
  return auth === 'required' || options.answersBeyondLoopback ? 'multi-user' : 'single-user';
}

/** What `npm run serve` and `npm start` print about who the console acts as. */
export function describeMode(mode: 'single-user' | 'multi-user', plainHttpBeyondLoopback: boolean): string {
  if (mode === 'single-user')
    return 'Single-user mode: the console acts with the configured key for whoever has not signed in (it answers only on this machine).';
  return `Multi-user mode: everyone signs in with their own key; the configured key is never used for a browser.${plainHttpBeyondLoopback ? ' WARNING: served over plain HTTP to other machines, so keys cross the network unencrypted; put it behind HTTPS and set DOMINO_CONSOLE_PUBLIC_URL.' : ''}`;
}

export interface ConsoleOptions {
  target: ProxyTarget;
  allowed: () => Allowed;
  mode: ConsoleMode;
  /** The port the console listens on: it names the session cookie. */
  port: number;
  /** The console's public URL when a TLS proxy serves it: Secure cookies, and X-Forwarded-For is trusted. */
  publicUrl?: URL;
  limits: SessionLimits;
  /** Whether the console answers to names beyond loopback (for the plain-http warning). */
  answersBeyondLoopback: boolean;
}

export interface ConsoleMiddleware extends Middleware {
  sessions: SessionStore;
  close(): void;
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  // A session answer says who the browser acts as from now on, as every /api answer does.
  const identity = body && typeof body === 'object' && 'identity' in body ? { [IDENTITY_HEADER]: String((body as { identity: unknown }).identity) } : {};
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...identity, ...headers });
  res.end(JSON.stringify(body));
}

function failure(res: http.ServerResponse, status: number, message: string, headers: Record<string, string | string[]> = {}): void {
  json(res, status, { requestId: crypto.randomUUID(), errors: [message] }, headers);
}

async function readJsonBody(req: http.IncomingMessage, maxBytes = 16 * 1024): Promise<Record<string, unknown> | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function userOf(body: any): SessionUser | undefined {
  const user = body?.user;
  if (!user || typeof user.id !== 'string' || typeof user.userName !== 'string') return undefined;
  return { id: user.id, userName: user.userName, fullName: typeof user.fullName === 'string' ? user.fullName : user.userName };
}

export function createConsoleMiddleware(options: ConsoleOptions): ConsoleMiddleware {
  const { target } = options;
  const secure = options.publicUrl?.protocol === 'https:';
  const cookieName = sessionCookieName(options.port, secure);
  const perClient = new RateLimiter(SIGN_IN_LIMITS.perClient.attempts, SIGN_IN_LIMITS.perClient.windowMs);
  const overall = new RateLimiter(SIGN_IN_LIMITS.overall.attempts, SIGN_IN_LIMITS.overall.windowMs);
  const revokeMinted = (session: Session) => {
    if (!session.mintedKeyId) return;
    // The key revokes itself (its owner may); a failure only leaves a key that expires on its own.
    void callDomino(target, 'DELETE', `/api/embedded/v1/api-keys/${session.mintedKeyId}`, session.credential).catch(() => undefined);
  };
  const sessions = new SessionStore(options.limits, revokeMinted);

  // Who the configured key is (single-user mode acts as it), asked of Domino once. UserV1 does not
  // say whether someone is a site admin; the admins-only organization list does.
  let configured: Promise<(SessionUser & { isAdmin: boolean }) | undefined> | undefined;
  const configuredUser = () => {
    const credential = target.credentialHeader();
    if (!credential) return Promise.resolve(undefined);
    configured ??= Promise.all([
      callDomino(target, 'GET', '/api/users/v1/self', credential),
      callDomino(target, 'GET', '/api/organizations/v1/organizations/all?limit=1', credential),
    ])
      .then(([self, adminOnly]) => {
        const user = self.status === 200 ? userOf(self.body) : undefined;
        return user && { ...user, isAdmin: adminOnly.status === 200 };
      })
      .catch(() => undefined);
    return configured.then((user) => {
      if (!user) configured = undefined; // ask again next time: Domino may not have been up yet
      return user;
    });
  };

  const warnings: string[] = [];
  if (options.mode === 'multi-user' && options.answersBeyondLoopback && !secure) {
    warnings.push(
      'This console is served over plain HTTP to other machines: keys typed here cross the network unencrypted. Put it behind HTTPS and set DOMINO_CONSOLE_PUBLIC_URL.',
    );
  }

  const clientAddress = (req: http.IncomingMessage) => {
    // Behind a reverse proxy (a public URL is set) the client is the first X-Forwarded-For hop.
    const forwarded = options.publicUrl
      ? String(req.headers['x-forwarded-for'] ?? '')
          .split(',')[0]
          ?.trim()
      : '';
    return forwarded || req.socket.remoteAddress || 'unknown';
  };

  const sessionOf = (req: http.IncomingMessage) => sessions.find(readCookie(req.headers.cookie, cookieName));

  const startSession = (init: Omit<Session, 'identity' | 'createdAt' | 'lastSeenAt'>, previousId: string | undefined) => {
    // A fresh id at every sign-in and switch: whatever id the browser had before is ended, never reused.
    const previous = sessions.end(previousId);
    if (previous) revokeMinted(previous);
    const { id, session } = sessions.create(init);
    return { session, cookie: sessionCookie(cookieName, id, { secure, maxAgeSeconds: sessions.remainingSeconds(session) }) };
  };

  const limited = (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    for (const [limiter, key] of [
      [perClient, clientAddress(req)],
      [overall, 'everyone'],
    ] as const) {
      const verdict = limiter.take(key);
      if (!verdict.ok) {
        failure(res, 429, `Too many sign-in attempts; try again in ${verdict.retryAfterSeconds} s.`, { 'retry-after': String(verdict.retryAfterSeconds) });
        return true;
      }
    }
    return false;
  };

  async function statusOf(session: Session | undefined): Promise<ConsoleSession> {
    const self = options.mode === 'single-user' ? await configuredUser() : undefined;
    const fallback = session ? undefined : self && { id: self.id, userName: self.userName, fullName: self.fullName };
    return {
      mode: options.mode,
      signedIn: session !== undefined,
      ...(session ? { user: session.user } : fallback ? { user: fallback } : {}),
      identity: session?.identity ?? (options.mode === 'single-user' ? DEFAULT_IDENTITY : 'nobody'),
      canSwitchUser: target.embedded && self?.isAdmin === true,
      signInLinks: target.embedded,
      warnings,
    };
  }

  /** A body parsed with the endpoint's schema; the first problem answers 400 in the client's terms. */
  function parsed<S extends z.ZodType>(res: http.ServerResponse, schema: S, body: unknown): z.output<S> | undefined {
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    failure(res, 400, result.error.issues[0]!.message);
    return undefined;
  }

  async function signIn(req: http.IncomingMessage, res: http.ServerResponse, body: unknown, cookieId: string | undefined): Promise<void> {
    if (limited(req, res)) return;
    const input = parsed(res, SignInSchema, body);
    if (!input) return;
    if (/\s/.test(input.credential) || hasControlCharacter(input.credential))
      return failure(res, 400, 'credential: an API key or token has no spaces or control characters');
    const credential: [string, string] = input.kind === 'bearer' ? ['Authorization', `Bearer ${input.credential}`] : ['X-Domino-Api-Key', input.credential];
    const answer = await callDomino(target, 'GET', '/api/users/v1/self', credential).catch(() => undefined);
    if (!answer) return failure(res, 502, 'Domino could not be reached to check the key; try again.');
    const user = userOf(answer.body);
    // One message for every refusal: it tells a guesser nothing about which keys exist.
    if (answer.status !== 200 || !user) return failure(res, 401, 'That key or token was not accepted.');
    const { session, cookie } = startSession({ credential, user, origin: 'sign-in' }, cookieId);
    json(res, 200, await statusOf(session), { 'set-cookie': cookie });
  }

  async function redeemLink(req: http.IncomingMessage, res: http.ServerResponse, body: unknown, cookieId: string | undefined): Promise<void> {
    if (limited(req, res)) return;
    if (!target.embedded) return failure(res, 404, 'Sign-in links are made by the embedded Domino; this console talks to another Domino.');
    const input = parsed(res, RedeemLinkSchema, body);
    if (!input) return;
    const answer = await callDomino(target, 'POST', '/api/embedded/v1/sign-in-links/redeem', undefined, {
      token: input.token,
      expiresInSeconds: Math.floor(options.limits.absoluteMs / 1000),
    }).catch(() => undefined);
    const user = userOf(answer?.body);
    if (!answer || answer.status !== 200 || !user || typeof answer.body.apiKey !== 'string') {
      return failure(res, 401, 'This sign-in link is not valid: it was used already, it expired, or it never existed. Ask for a new one.');
    }
    const { session, cookie } = startSession(
      { credential: ['X-Domino-Api-Key', answer.body.apiKey], user, origin: 'link', mintedKeyId: answer.body.keyId },
      cookieId,
    );
    json(res, 200, await statusOf(session), { 'set-cookie': cookie });
  }

  /** A demo convenience: only where one person uses their own machine, with the embedded Domino and the console as its admin. */
  async function switchUser(res: http.ServerResponse, body: unknown, cookieId: string | undefined): Promise<void> {
    const admin = options.mode === 'single-user' && target.embedded ? await configuredUser() : undefined;
    if (!admin?.isAdmin) return failure(res, 403, 'Switching user needs the embedded Domino in single-user mode, with the console acting as an administrator.');
    const input = parsed(res, SwitchUserSchema, body);
    if (!input) return;
    const ended = sessions.end(cookieId);
    if (ended) revokeMinted(ended);
    // Switching back to oneself is leaving the switched session.
    if (input.userId === admin.id) return json(res, 200, await statusOf(undefined), { 'set-cookie': expiredCookie(cookieName, secure) });
    const minted = await callDomino(target, 'POST', `/api/embedded/v1/users/${input.userId}/api-keys`, target.credentialHeader(), {
      expiresInSeconds: Math.floor(options.limits.absoluteMs / 1000),
    }).catch(() => undefined);
    if (minted?.status === 404) return failure(res, 404, `User ${input.userId} not found`);
    if (!minted || minted.status !== 200 || typeof minted.body?.apiKey !== 'string') return failure(res, 502, 'Could not start a session for that user.');
    const credential: [string, string] = ['X-Domino-Api-Key', minted.body.apiKey];
    const user = userOf((await callDomino(target, 'GET', '/api/users/v1/self', credential).catch(() => undefined))?.body);
    if (!user) return failure(res, 502, 'Could not start a session for that user.');
    const { session, cookie } = startSession({ credential, user, origin: 'switch', mintedKeyId: minted.body.keyId }, cookieId);
    json(res, 200, await statusOf(session), { 'set-cookie': cookie });
  }

  async function handleConsole(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
    if (path === consoleEndpoints.getSession.path && req.method === 'GET') return json(res, 200, await statusOf(sessionOf(req)));
    if (req.method !== 'POST') return failure(res, 405, `${req.method} ${path} is not an endpoint here`);
    // A form or a cross-site page cannot send JSON without asking first: this stops login CSRF.
    const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
    if (!contentType.startsWith('application/json')) return failure(res, 415, 'Send the request as application/json');
    const body = await readJsonBody(req);
    if (!body) return failure(res, 400, 'The body must be a JSON object');
    const cookieId = readCookie(req.headers.cookie, cookieName);
    if (path === consoleEndpoints.signIn.path) return signIn(req, res, body, cookieId);
    if (path === consoleEndpoints.redeemLink.path) return redeemLink(req, res, body, cookieId);
    if (path === consoleEndpoints.switchUser.path) return switchUser(res, body, cookieId);
    if (path === consoleEndpoints.signOut.path) {
      const session = sessions.end(cookieId);
      if (session) revokeMinted(session);
      return json(
        res,
        200,
        { signedIn: false },
        { 'set-cookie': expiredCookie(cookieName, secure), [IDENTITY_HEADER]: options.mode === 'single-user' ? DEFAULT_IDENTITY : 'nobody' },
      );
    }
    return failure(res, 404, `No console endpoint ${path}`);
  }

  function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: string): void {
    const pathOnly = url.split('?')[0]!;
    if (KEY_MINTING.some((pattern) => pattern.test(`${req.method} ${pathOnly}`))) {
      return failure(res, 403, 'The console never hands an API key to a browser; sessions get their keys through the console itself.');
    }
    const cookieId = readCookie(req.headers.cookie, cookieName);
    const session = sessions.find(cookieId);
    if (!session && options.mode === 'multi-user' && url.startsWith('/api/')) {
      return failure(res, 401, 'Sign in to use the console.', { [SESSION_HEADER]: 'required', [IDENTITY_HEADER]: 'nobody' });
    }
    const identity = session?.identity ?? DEFAULT_IDENTITY;
    forwardTo(target, req, res, url, {
      credential: session ? session.credential : options.mode === 'single-user' || !url.startsWith('/api/') ? target.credentialHeader() : undefined,
      answerHeaders: (statusCode): Record<string, string> => {
        if (statusCode === 401 && session && url.startsWith('/api/')) {
          // Domino no longer accepts this person's key: the session is over.
          const ended = sessions.end(cookieId);
          if (ended) revokeMinted(ended);
          return { [IDENTITY_HEADER]: identity, [SESSION_HEADER]: 'ended', 'set-cookie': expiredCookie(cookieName, secure) };
        }
        // A real Domino may send a project's .html or .svg file as it is: opened raw (the Files
        // tab's "Raw") on the console's origin it would run with this person's session. Under a
        // sandbox CSP it runs nothing; fetch() answers are not affected by a CSP.
        return url.startsWith('/api/')
          ? { [IDENTITY_HEADER]: identity, 'content-security-policy': 'sandbox', 'x-content-type-options': 'nosniff' }
          : { [IDENTITY_HEADER]: identity };
      },
    });
  }

  const middleware = ((req, res, next) => {
    const url = req.url ?? '/';
    if (!isOriginForm(url)) return refuse(res, 400, 'The request target must be a path');
    const isConsole = url === CONSOLE_PREFIX || url.startsWith(`${CONSOLE_PREFIX}/`);
    if (!isConsole && !isProxiedPath(url)) return next();
    // The proxy's own endpoints get the same Host and Origin checks as /api.
    const refusal = checkRequest(req, options.allowed());
    if (refusal) return refuse(res, 403, refusal);
    try {
      if (!isConsole) return handleApi(req, res, url);
      handleConsole(req, res, url.split('?')[0]!).catch((error: unknown) => {
        console.error(`${req.method} ${url} failed:`, error);
        if (!res.headersSent) failure(res, 500, 'Internal error');
      });
    } catch (error) {
      console.error(`${req.method} ${url} failed:`, error);
      if (!res.headersSent) failure(res, 500, 'Internal error');
    }
  }) as ConsoleMiddleware;
  middleware.sessions = sessions;
  middleware.close = () => sessions.close();
  return middleware;
}

/** The identity of the configured credential, as the header carries it. */
export const CONFIGURED_IDENTITY = DEFAULT_IDENTITY;
