import crypto from 'node:crypto';
import type { Clock } from '../clock';

let counter = crypto.randomInt(0, 0xffffff);
const processRandom = crypto.randomBytes(5).toString('hex');

/**
 * A MongoDB-style ObjectId (24 hex): seconds since the epoch, a per-process random, a counter.
 * Domino's entity ids have this form, and clients validate it.
 */
export function newObjectId(clock: Clock): string {
  const seconds = Math.floor(clock.now().getTime() / 1000);
  counter = (counter + 1) % 0x1000000;
  return seconds.toString(16).padStart(8, '0').slice(-8) + processRandom + counter.toString(16).padStart(6, '0');
}

/** A random secret of 256 bits, URL-safe. */
export function newSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** API keys are random, so a fast hash is right: no key stretching on the request path. */
export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}
