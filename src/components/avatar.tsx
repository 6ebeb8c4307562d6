import { useState } from 'react';
import type { UserV1 } from '../api/schemas/users';
import { displayName, initials } from '../lib/user-names';

type AvatarUser = Pick<UserV1, 'id' | 'fullName' | 'firstName' | 'lastName' | 'userName' | 'avatarUrl'>;

// White text on each of these keeps 4.5:1 contrast.
const COLORS = ['bg-blue-700', 'bg-emerald-700', 'bg-violet-700', 'bg-rose-700', 'bg-amber-700', 'bg-cyan-700', 'bg-slate-600'];

function colorFor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length] ?? 'bg-slate-600';
}

const SIZES = { sm: 'size-7 text-xs', md: 'size-9 text-sm', lg: 'size-14 text-lg' } as const;

/** The user's picture, or their initials: avatarUrl is often "" (the embedded Domino has none). */
export function Avatar({ user, size = 'md' }: { user: AvatarUser; size?: keyof typeof SIZES }) {
  // A broken picture URL falls back to initials rather than a broken-image icon.
  const [failedUrl, setFailedUrl] = useState<string | undefined>(undefined);
  // Decorative: the name is always written next to it.
  if (user.avatarUrl && failedUrl !== user.avatarUrl) {
    return <img src={user.avatarUrl} alt="" onError={() => setFailedUrl(user.avatarUrl)} className={`${SIZES[size]} shrink-0 rounded-full object-cover`} />;
  }
  return (
    <span
      aria-hidden="true"
      title={displayName(user)}
      className={`${SIZES[size]} ${colorFor(user.id)} inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white select-none`}
    >
      {initials(user)}
    </span>
  );
}
