// How a user is named on screen. UserV1 carries fullName, but a deployment may leave it (or the
// first and last names) empty, and avatarUrl is often "" so avatars fall back to initials.
import type { UserV1 } from '../api/schemas/users';

type Named = Pick<UserV1, 'fullName' | 'firstName' | 'lastName' | 'userName'>;

/** "Maya Chen", falling back to the first and last names, then to the user name. */
export function displayName(user: Named): string {
  const full = user.fullName.trim() || `${user.firstName} ${user.lastName}`.trim();
  return full || user.userName;
}

/** Up to two initials for an avatar: "MC" for Maya Chen, "AD" for a user named only "admin". */
export function initials(user: Named): string {
  const first0 = [...user.firstName.trim()][0];
  const last0 = [...user.lastName.trim()][0];
  if (first0 && last0) return `${first0}${last0}`.toUpperCase();
  const words = displayName(user)
    .split(/[\s._-]+/)
    .filter(Boolean);
  const first = words[0];
  const last = words[words.length - 1];
  if (first === undefined || last === undefined) return '?';
  const letters = words.length >= 2 ? [...first].slice(0, 1).concat([...last].slice(0, 1)) : [...first].slice(0, 2);
  return letters.join('').toUpperCase();
}

/** Whether the user matches a free-text search over name, user name and email. */
export function userMatches(user: Pick<UserV1, 'fullName' | 'firstName' | 'lastName' | 'userName' | 'email'>, search: string): boolean {
  const needle = search.trim().toLocaleLowerCase();
  if (!needle) return true;
  return [displayName(user), user.userName, user.email ?? ''].some((field) => field.toLocaleLowerCase().includes(needle));
}
