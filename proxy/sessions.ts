// Console sessions (docs/decisions/0012-console-sessions.md): who a browser acts as, kept in the
// proxy's memory only (a restart signs everyone out). A session id is 256 random bits minted at
// every sign-in and switch; the browser holds it in an HttpOnly cookie, the store keeps only its
// SHA-256, and a session ends when idle too long, when it reaches its absolute limit, at sign-out,
// or when Domino stops accepting its key.
import crypto from 'node:crypto';

export interface SessionLimits {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after it began, however busy. */
  absoluteMs: number;
}

/** Idle 2 hours, at most 12 hours; DOMINO_CONSOLE_SESSION_IDLE_MINUTES and DOMINO_CONSOLE_SESSION_MAX_HOURS change them. */
export function sessionLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): SessionLimits {
  const number = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
    return value;
  };
  return { idleMs: number('DOMINO_CONSOLE_SESSION_IDLE_MINUTES', 120) * 60_000, absoluteMs: number('DOMINO_CONSOLE_SESSION_MAX_HOURS', 12) * 3_600_000 };
}

export interface SessionUser {
  id: string;
  userName: string;
  fullName: string;
}

export interface Session {
  /** The header the proxy adds to every /api request of this session. */
  credential: [name: string, value: string];
  user: SessionUser;
  /** How the session began: a key the person gave, a sign-in link, or a switch in the demo. */
  origin: 'sign-in' | 'link' | 'switch';
  /** A key the proxy minted for this session (link, switch): revoked when the session ends. */
  mintedKeyId?: string;
  /** An opaque id of who this is, sent with each answer so the dashboard sees a change of person. */
  identity: string;
  createdAt: number;
  lastSeenAt: number;
}

export const hashOf = (value: string) => crypto.createHash('sha256').update(value).digest('hex');

export class SessionStore {
  private readonly byHash = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    readonly limits: SessionLimits,
    /** Told of every session that ends other than by sign-out (expiry, a refused key), e.g. to revoke its minted key. */
    private readonly onExpired: (session: Session) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(60_000, limits.idleMs));
    this.sweeper.unref();
  }

  /** A new session under a fresh id, which goes to the browser (and is never kept here). */
  create(init: Omit<Session, 'identity' | 'createdAt' | 'lastSeenAt'>): { id: string; session: Session } {
    const id = crypto.randomBytes(32).toString('base64url');
    const hash = hashOf(id);
    const now = this.now();
    const session: Session = { ...init, identity: hashOf(`session:${hash}`).slice(0, 24), createdAt: now, lastSeenAt: now };
    this.byHash.set(hash, session);
    return { id, session };
  }

  /** The live session of an id, touched as used; an expired one ends here. */
  find(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const hash = hashOf(id);
    const session = this.byHash.get(hash);
    if (!session) return undefined;
    if (this.expired(session)) {
      this.byHash.delete(hash);
      this.onExpired(session);
      return undefined;
    }
    session.lastSeenAt = this.now();
    return session;
  }

  /** Ends a session (sign-out, or a key Domino refused); returns it so its minted key can be revoked. */
  end(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const hash = hashOf(id);
    const session = this.byHash.get(hash);
    this.byHash.delete(hash);
    return session;
  }

  /** Seconds the session may still live, for the cookie's Max-Age. */
  remainingSeconds(session: Session): number {
    return Math.max(0, Math.floor((session.createdAt + this.limits.absoluteMs - this.now()) / 1000));
  }

  get size(): number {
    return this.byHash.size;
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private expired(session: Session): boolean {
    const now = this.now();
    return now - session.lastSeenAt > this.limits.idleMs || now - session.createdAt > this.limits.absoluteMs;
  }

  private sweep(): void {
    for (const [hash, session] of this.byHash) {
      if (!this.expired(session)) continue;
      this.byHash.delete(hash);
      this.onExpired(session);
    }
  }
}

/**
 * The session cookie's name. Cookies are not scoped by port, so the port is in the name (the
 * dev server's session must not act on `npm run serve`'s); behind https the `__Host-` prefix
 * makes the browser insist on Secure, Path=/ and no Domain.
 */
export function sessionCookieName(port: number, secure: boolean): string {
  return `${secure ? '__Host-' : ''}domino_console_session_${port}`;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

export function sessionCookie(name: string, id: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  return `${name}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${options.maxAgeSeconds}${options.secure ? '; Secure' : ''}`;
}

export function expiredCookie(name: string, secure: boolean): string {
  return `${name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}
