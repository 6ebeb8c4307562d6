import type { ReactNode } from 'react';
import type { UserV1 } from '../api/schemas/users';
import { YouBadge } from './badge';
import { ActionsTh, Table, TableBody, TableHead, Td, Th } from './table';
import { UserName } from './user-name';

/** People with a role in something (an organization's members, a project's collaborators): name, user name, role, actions. */
export function PeopleTable({ caption, nameHeader = 'Name', children }: { caption: string; nameHeader?: string; children: ReactNode }) {
  return (
    <Table caption={caption}>
      <TableHead>
        <Th>{nameHeader}</Th>
        <Th>User name</Th>
        <Th>Role</Th>
        <ActionsTh />
      </TableHead>
      <TableBody>{children}</TableBody>
    </Table>
  );
}

export interface PersonRowProps {
  userId: string;
  /** From the user directory; undefined while it loads or for someone not visible to us. */
  user: UserV1 | undefined;
  usersPending: boolean;
  /** When the row knows it without the directory (a project's owner). */
  userName?: string;
  isSelf: boolean;
  /** The role: a badge, or the control that changes it. */
  role: ReactNode;
  /** A change of this person's role is on its way. */
  saving?: boolean;
  /** The row's buttons (change role, remove, leave). */
  actions?: ReactNode;
}

export function PersonRow({ userId, user, usersPending, userName, isSelf, role, saving = false, actions }: PersonRowProps) {
  return (
    <tr>
      <Td>
        <UserName userId={userId} user={user} pending={usersPending} />
      </Td>
      <Td className="text-slate-700 dark:text-slate-300">
        {userName ?? user?.userName ?? '—'}
        {isSelf ? <YouBadge className="ml-2" /> : null}
      </Td>
      <Td>
        <span className="flex items-center gap-2">
          {role}
          {saving ? <span className="text-xs text-slate-600 dark:text-slate-400">Saving…</span> : null}
        </span>
      </Td>
      <Td className="text-right whitespace-nowrap">{actions}</Td>
    </tr>
  );
}
