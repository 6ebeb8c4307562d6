import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { embeddedMutations, embeddedQueries, hasExtension } from '../../api/embedded';
import { errorDetails } from '../../api/error-details';
import type { GitCredentialsAccessorV1, UserV1 } from '../../api/schemas/users';
import { usersQueries } from '../../api/users';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { InlineAlert } from '../../components/inline-alert';
import { PageSection } from '../../components/page-section';
import { RemoveButton } from '../../components/remove-button';
import { TableSkeleton } from '../../components/skeleton';
import { ActionsTh, Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { useConfirmedMutation } from '../../hooks/use-confirmed-mutation';
import { GIT_PROVIDER_LABELS } from '../../lib/git-providers';
import { displayName } from '../../lib/user-names';
import { AddGitCredentialDialog } from './add-git-credential-dialog';

/**
 * A user's git credentials (only fingerprints ever leave the server). Domino shows them to the user
 * and to administrators; everyone else gets a note, not an error. Adding and removing are
 * extensions of the embedded Domino and appear only where /api/embedded/v1/info lists them.
 */
export function GitCredentialsSection({ user }: { user: UserV1 }) {
  const credentials = useQuery(usersQueries.gitCredentials(user.id));
  const info = useQuery(embeddedQueries.info());
  const canManage = hasExtension(info.data, 'git-credentials');
  const [adding, setAdding] = useState(false);
  const removing = useConfirmedMutation(useMutation(embeddedMutations.removeGitCredential(user.id)), {
    variables: (credential: GitCredentialsAccessorV1) => ({ userId: user.id, credentialId: credential.id }),
    successTitle: (credential) => `Removed the git credential “${credential.name}”`,
  });
  const name = displayName(user);

  const granted = credentials.data?.access === 'granted' ? credentials.data.credentials : undefined;

  let body;
  if (credentials.isPending) {
    body = <TableSkeleton rows={2} columns={4} label="Loading git credentials…" />;
  } else if (credentials.isError) {
    body = <ErrorPanel details={errorDetails(credentials.error)} onRetry={() => void credentials.refetch()} />;
  } else if (credentials.data.access === 'forbidden') {
    body = <InlineAlert tone="info">Only this user or an administrator can see their git credentials.</InlineAlert>;
  } else if (credentials.data.credentials.length === 0) {
    body = (
      <EmptyState title="No git credentials">
        {canManage ? `Add one so ${name}’s projects can use private repositories.` : `${name} has not stored any git credentials.`}
      </EmptyState>
    );
  } else {
    body = (
      <Table caption={`Git credentials of ${name}`}>
        <TableHead>
          <Th>Name</Th>
          <Th>Provider</Th>
          <Th>Domain</Th>
          <Th>Protocol</Th>
          <Th>Fingerprint</Th>
          {canManage ? <ActionsTh /> : null}
        </TableHead>
        <TableBody>
          {credentials.data.credentials.map((credential) => (
            <tr key={credential.id}>
              <Td className="min-w-32 font-medium text-slate-900 dark:text-slate-100">{credential.name}</Td>
              <Td>{GIT_PROVIDER_LABELS[credential.gitServiceProvider]}</Td>
              <Td className="whitespace-nowrap">{credential.domain}</Td>
              <Td className="uppercase">{credential.protocol}</Td>
              <Td className="font-mono text-xs break-all text-slate-700 dark:text-slate-300">{credential.fingerprint}</Td>
              {canManage ? (
                <Td className="text-right">
                  <RemoveButton what={`git credential ${credential.name}`} onClick={() => removing.ask(credential)} />
                </Td>
              ) : null}
            </tr>
          ))}
        </TableBody>
      </Table>
    );
  }

  return (
    <PageSection
      title="Git credentials"
      id="git-credentials"
      actions={
        canManage && granted ? (
          <Button variant="primary" onClick={() => setAdding(true)}>
            Add git credential
          </Button>
        ) : null
      }
    >
      {body}
      <AddGitCredentialDialog open={adding} onClose={() => setAdding(false)} user={user} />
      <ConfirmDialog {...removing.dialog} title="Remove git credential?" confirmLabel="Remove credential">
        <p>
          “{removing.target?.name}” ({removing.target?.domain}) will be removed from {name}’s account. Projects that clone with it will lose access to their
          private repositories.
        </p>
      </ConfirmDialog>
    </PageSection>
  );
}
