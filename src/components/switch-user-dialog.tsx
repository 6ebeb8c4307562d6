import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { consoleMutations } from '../api/console';
import { errorMessage } from '../api/error-details';
import { usersQueries } from '../api/users';
import { Button } from './button';
import { Dialog, DialogActions } from './dialog';
import { InlineAlert } from './inline-alert';
import { TableSkeleton } from './skeleton';
import { UserPicker } from './user-picker';

/**
 * Act as another user of the demo workspace: the console mints that user a key for the session
 * (and revokes it at sign-out), so everything after this happens as them. A demo convenience,
 * offered only with the embedded Domino on one person's machine.
 */
export function SwitchUserDialog({ open, onClose, currentUserId }: { open: boolean; onClose: () => void; currentUserId: string | undefined }) {
  const users = useQuery({ ...usersQueries.directory(), enabled: open });
  const switchUser = useMutation({ ...consoleMutations.switchUser(), onSuccess: onClose });
  const [userId, setUserId] = useState<string | undefined>(undefined);
  const [submitted, setSubmitted] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (userId) switchUser.mutate(userId);
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      dismissable={!switchUser.isPending}
      title="Switch user"
      description="A demo convenience: act as another user of this workspace. The console mints them a key for this session and revokes it when you sign out."
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {switchUser.isError ? <InlineAlert title="Could not switch user">{errorMessage(switchUser.error)}</InlineAlert> : null}
        {users.data ? (
          <UserPicker
            legend="Act as"
            users={users.data}
            mode="single"
            selectedIds={new Set(userId ? [userId] : [])}
            onChange={(id, selected) => setUserId(selected ? id : undefined)}
            excludeIds={currentUserId ? new Set([currentUserId]) : undefined}
            error={submitted && !userId ? 'Choose whom to act as.' : undefined}
          />
        ) : users.isError ? (
          <InlineAlert title="Could not load the users">{errorMessage(users.error)}</InlineAlert>
        ) : (
          <TableSkeleton rows={3} columns={2} label="Loading users…" />
        )}
        <DialogActions>
          <Button onClick={onClose} disabled={switchUser.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={switchUser.isPending}>
            {switchUser.isPending ? 'Switching…' : 'Switch'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
