import { Link } from '@tanstack/react-router';
import type { UserV1 } from '../api/schemas/users';
import { displayName } from '../lib/user-names';
import { Avatar } from './avatar';

/**
 * A person in a members table, by id: avatar and a link to their page once the user directory
 * has them, a placeholder while it loads, and the bare id for someone not visible to us.
 */
export function UserName({ userId, user, pending }: { userId: string; user: UserV1 | undefined; pending: boolean }) {
  if (user) {
    return (
      <div className="flex items-center gap-3">
        <Avatar user={user} size="sm" />
        <Link to="/users/$userId" params={{ userId }} className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400">
          {displayName(user)}
        </Link>
      </div>
    );
  }
  if (pending) return <span className="skeleton inline-block h-4 w-40 align-middle" aria-hidden="true" />;
  // Not among the users visible to us (or the user list failed): the id is all we know.
  return (
    <span className="text-slate-700 dark:text-slate-300">
      Unknown user <code className="font-mono text-xs">{userId}</code>
    </span>
  );
}
