import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useRef, useState, type FormEvent } from 'react';
import { errorDetails } from '../../api/error-details';
import { organizationsMutations } from '../../api/organizations';
import { NewOrganizationV1Schema, ORGANIZATION_ROLES, type OrganizationRoleV1 } from '../../api/schemas/organizations';
import { usersQueries } from '../../api/users';
import { Avatar } from '../../components/avatar';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextField } from '../../components/field';
import { ApiErrorAlert, InlineAlert } from '../../components/inline-alert';
import { TableSkeleton } from '../../components/skeleton';
import { UserPicker } from '../../components/user-picker';
import { toastStore } from '../../lib/toast-store';
import { displayName } from '../../lib/user-names';

const ROLE_LABELS: Record<OrganizationRoleV1, string> = { member: 'Member', admin: 'Admin' };

function CreateOrganizationForm({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [nameEdited, setNameEdited] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  // Insertion order is the order the user picked them in.
  const [members, setMembers] = useState<ReadonlyMap<string, OrganizationRoleV1>>(new Map());
  const directory = useQuery(usersQueries.directory());
  const self = useQuery(usersQueries.self());
  const create = useMutation(organizationsMutations.create());

  // The contract's rule for the name, checked as the user types.
  const nameCheck = NewOrganizationV1Schema.shape.name.safeParse(name);
  const nameError = nameCheck.success ? undefined : nameCheck.error.issues[0]?.message;
  const usersById = new Map((directory.data ?? []).map((user) => [user.id, user]));
  const excluded = new Set(self.data ? [self.data.id] : []);

  function toggleMember(userId: string, selected: boolean) {
    setMembers((previous) => {
      const next = new Map(previous);
      if (selected) next.set(userId, next.get(userId) ?? 'member');
      else next.delete(userId);
      return next;
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    setSubmitted(true);
    if (!nameCheck.success) {
      nameRef.current?.focus();
      return;
    }
    create.mutate(
      { name: nameCheck.data, members: [...members].map(([userId, organizationRole]) => ({ userId, organizationRole })) },
      {
        onSuccess: (org) => {
          toastStore.push({ tone: 'success', title: `Created the organization “${org.name}”` });
          onClose();
          void navigate({ to: '/organizations/$organizationId', params: { organizationId: org.id } });
        },
      },
    );
  }

  const apiError = create.isError ? errorDetails(create.error) : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <TextField
        ref={nameRef}
        label="Organization name"
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          setNameEdited(true);
        }}
        error={nameEdited || submitted ? nameError : undefined}
        hint="Up to 100 characters. Organizations share their namespace with user names."
        autoComplete="off"
        required
      />
      {directory.isPending ? (
        <TableSkeleton rows={3} columns={2} label="Loading users…" />
      ) : directory.isError ? (
        <InlineAlert title="Users could not be loaded">
          {errorDetails(directory.error).messages.join(' ')} You can still create the organization and add members later.
        </InlineAlert>
      ) : (
        <UserPicker
          legend="Initial members (optional)"
          users={directory.data}
          selectedIds={new Set(members.keys())}
          mode="multiple"
          onChange={toggleMember}
          excludeIds={excluded}
        />
      )}
      {members.size > 0 ? (
        <div>
          <h3 className="text-sm font-medium text-slate-800 dark:text-slate-200">Roles of the chosen members</h3>
          <ul className="mt-2 space-y-2">
            {[...members].map(([userId, role]) => {
              const user = usersById.get(userId);
              const label = user ? displayName(user) : userId;
              return (
                <li key={userId} className="flex items-center gap-3">
                  {user ? <Avatar user={user} size="sm" /> : null}
                  <span className="min-w-0 flex-1 truncate text-sm text-slate-900 dark:text-slate-100">{label}</span>
                  <select
                    aria-label={`Role for ${label}`}
                    value={role}
                    onChange={(event) => setMembers((previous) => new Map(previous).set(userId, event.target.value as OrganizationRoleV1))}
                    className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-950"
                  >
                    {ORGANIZATION_ROLES.map((value) => (
                      <option key={value} value={value}>
                        {ROLE_LABELS[value]}
                      </option>
                    ))}
                  </select>
                  <Button size="sm" variant="ghost" onClick={() => toggleMember(userId, false)} aria-label={`Do not add ${label}`}>
                    Remove
                  </Button>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      <p className="text-sm text-slate-600 dark:text-slate-400">You will be an admin of the new organization.</p>
      {apiError ? <ApiErrorAlert title="The organization was not created" error={apiError} /> : null}
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" aria-disabled={create.isPending || undefined}>
          {create.isPending ? 'Creating…' : 'Create organization'}
        </Button>
      </DialogActions>
    </form>
  );
}

export function CreateOrganizationDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Create organization" size="lg">
      <CreateOrganizationForm onClose={onClose} />
    </Dialog>
  );
}
