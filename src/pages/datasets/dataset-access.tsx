// Who may use a dataset: its grants, with user and organization pickers and a role select. What
// the signed-in person may not do is disabled, and says why.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { datasetsMutations, datasetsQueries } from '../../api/datasets';
import { errorDetails } from '../../api/error-details';
import { organizationsQueries } from '../../api/organizations';
import { DATASET_ROLES, type DatasetRwGrantDetailsV1, type DatasetRwRoleV1 } from '../../api/schemas/datasets';
import { usersQueries } from '../../api/users';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorPanel } from '../../components/error-panel';
import { SelectField } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { RemoveButton } from '../../components/remove-button';
import { TableSkeleton } from '../../components/skeleton';
import { ActionsTh, Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { UserPicker } from '../../components/user-picker';
import { ROLE_LABELS } from './dataset-format';

function AddGrantForm({ datasetId, existing }: { datasetId: string; existing: readonly DatasetRwGrantDetailsV1[] }) {
  const [kind, setKind] = useState<'user' | 'organization'>('user');
  const [targetId, setTargetId] = useState('');
  const [role, setRole] = useState<DatasetRwRoleV1>('DatasetRwReader');
  const users = useQuery(usersQueries.directory());
  const orgs = useQuery(organizationsQueries.list('mine', { offset: 0, limit: 100 }));
  const add = useMutation(datasetsMutations.addGrant(datasetId));
  const [confirming, setConfirming] = useState(false);
  const roles = kind === 'organization' ? DATASET_ROLES.filter((r) => r !== 'DatasetRwOwner') : DATASET_ROLES;
  const current = existing.find((grant) => grant.targetId === targetId);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (targetId) setConfirming(true);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800" aria-label="Grant access">
      <fieldset className="flex gap-4 text-sm">
        <legend className="sr-only">Grant to</legend>
        {(['user', 'organization'] as const).map((option) => (
          <label key={option} className="flex items-center gap-1">
            <input
              type="radio"
              name="grant-kind"
              checked={kind === option}
              onChange={() => {
                setKind(option);
                setTargetId('');
                if (option === 'organization' && role === 'DatasetRwOwner') setRole('DatasetRwEditor');
              }}
            />
            {option === 'user' ? 'A user' : 'An organization'}
          </label>
        ))}
      </fieldset>
      {kind === 'user' ? (
        <UserPicker
          legend="User"
          users={users.data ?? []}
          selectedIds={new Set(targetId ? [targetId] : [])}
          mode="single"
          onChange={(userId, selected) => setTargetId(selected ? userId : '')}
        />
      ) : (
        <SelectField
          label="Organization"
          value={targetId}
          onChange={(event) => setTargetId(event.target.value)}
          hint="Organizations can be Editors or Readers, never Owners."
        >
          <option value="">Choose an organization…</option>
          {(orgs.data?.orgs ?? []).map((org) => (
            <option key={org.id} value={org.id}>
              {org.name}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField label="Role" value={role} onChange={(event) => setRole(event.target.value as DatasetRwRoleV1)}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="primary" aria-disabled={!targetId || undefined}>
        {current ? 'Change role' : 'Grant access'}
      </Button>
      <ConfirmDialog
        open={confirming}
        title={current ? 'Change this grant?' : 'Grant access?'}
        confirmLabel={current ? 'Change role' : 'Grant'}
        tone="primary"
        pending={add.isPending}
        error={add.error}
        onCancel={() => {
          setConfirming(false);
          add.reset();
        }}
        onConfirm={() =>
          add.mutate(
            { datasetId, targetId, targetRole: role },
            {
              onSuccess: () => {
                setConfirming(false);
                setTargetId('');
              },
            },
          )
        }
      >
        <p>
          {current
            ? `${current.targetName} becomes ${ROLE_LABELS[role]} (now ${ROLE_LABELS[current.targetRole]}).`
            : `They become ${ROLE_LABELS[role]} of this dataset.`}
        </p>
      </ConfirmDialog>
    </form>
  );
}

export function AccessPanel({ datasetId, canEdit }: { datasetId: string; canEdit: boolean }) {
  const grants = useQuery(datasetsQueries.grants(datasetId));
  const remove = useMutation(datasetsMutations.removeGrant(datasetId));
  const [removing, setRemoving] = useState<DatasetRwGrantDetailsV1 | undefined>();
  const deniedReason = 'Only Owners of the dataset may change who has access.';

  if (grants.isPending) return <TableSkeleton rows={3} columns={3} label="Loading grants…" />;
  if (grants.isError) return <ErrorPanel details={errorDetails(grants.error)} onRetry={() => void grants.refetch()} />;
  const owners = grants.data.filter((grant) => grant.targetRole === 'DatasetRwOwner').length;
  return (
    <div className="space-y-4">
      {!canEdit ? <InlineAlert tone="info">{deniedReason}</InlineAlert> : null}
      <Table caption="Grants">
        <TableHead>
          <Th>Who</Th>
          <Th>Role</Th>
          <ActionsTh />
        </TableHead>
        <TableBody>
          {grants.data.map((grant) => {
            const lastOwner = grant.targetRole === 'DatasetRwOwner' && owners === 1;
            return (
              <tr key={grant.targetId}>
                <Td>
                  {grant.targetName}
                  {grant.isOrganization ? <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">(organization)</span> : null}
                </Td>
                <Td>{ROLE_LABELS[grant.targetRole]}</Td>
                <Td className="text-right">
                  {canEdit && !lastOwner ? (
                    <RemoveButton label="Remove" what={`the grant of ${grant.targetName}`} onClick={() => setRemoving(grant)} />
                  ) : (
                    <span className="text-xs text-slate-600 dark:text-slate-400">{lastOwner ? 'The last Owner stays' : ''}</span>
                  )}
                </Td>
              </tr>
            );
          })}
        </TableBody>
      </Table>
      {canEdit ? <AddGrantForm datasetId={datasetId} existing={grants.data} /> : null}
      <ConfirmDialog
        open={removing !== undefined}
        title="Remove this grant?"
        confirmLabel="Remove grant"
        pending={remove.isPending}
        error={remove.error}
        onCancel={() => {
          setRemoving(undefined);
          remove.reset();
        }}
        onConfirm={() =>
          removing && remove.mutate({ datasetId, targetId: removing.targetId, targetRole: removing.targetRole }, { onSuccess: () => setRemoving(undefined) })
        }
      >
        <p>{removing ? `${removing.targetName} loses the ${ROLE_LABELS[removing.targetRole]} grant (a project role may still give access).` : ''}</p>
      </ConfirmDialog>
    </div>
  );
}
