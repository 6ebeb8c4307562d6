// A link whose id cannot be an id: caught in a route's beforeLoad, before the API is asked. This file
// is in the first load (the route files use it); the page that explains it, resource-error.tsx, is not.
import { OBJECT_ID_PATTERN } from '../api/schemas/common';

/** A link names something with a value that cannot be its id (a cut-off or mistyped address). */
export class BadLinkError extends Error {
  constructor(
    readonly noun: string,
    readonly value: string,
  ) {
    super(`${value} is not a valid ${noun} id`);
    this.name = 'BadLinkError';
  }
}

/** Throws BadLinkError unless `value` is a Domino id (24 hexadecimal characters). */
export function requireObjectId(value: string, noun: string): void {
  if (!OBJECT_ID_PATTERN.test(value)) throw new BadLinkError(noun, value);
}
