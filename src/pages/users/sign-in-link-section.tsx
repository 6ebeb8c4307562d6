import { useMutation, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { embeddedMutations, embeddedQueries, hasExtension } from '../../api/embedded';
import { errorMessage } from '../../api/error-details';
import type { UserV1 } from '../../api/schemas/users';
import { Button } from '../../components/button';
import { inputClasses } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { PageSection } from '../../components/page-section';
import { copyToClipboard } from '../../lib/clipboard';
import { dateTime } from '../../lib/dates';
import { displayName } from '../../lib/user-names';

/** The address that redeems a token: the token rides in the fragment, which no server, log or Referer sees. */
export function signInLinkUrl(token: string): string {
  return `${window.location.origin}/sign-in#link=${encodeURIComponent(token)}`;
}

/**
 * How a person gets into a multi-user console on the embedded Domino without ever holding a key:
 * an administrator makes them a single-use link (15 minutes) and hands it over; opening it makes
 * the console mint their key on its server and start their session. Shown to administrators only.
 */
export function SignInLinkSection({ user }: { user: UserV1 }) {
  const info = useQuery(embeddedQueries.info());
  const create = useMutation(embeddedMutations.createSignInLink());
  const fieldId = useId();
  if (!hasExtension(info.data, 'sign-in-links') || !info.data?.callerIsAdmin) return null;

  const name = displayName(user);
  const link = create.data && create.data.userId === user.id ? create.data : undefined;
  return (
    <PageSection
      title="Sign-in link"
      actions={
        <Button onClick={() => create.mutate(user.id)} disabled={create.isPending}>
          {create.isPending ? 'Creating…' : link ? 'Create another link' : 'Create a sign-in link'}
        </Button>
      }
    >
      <p className="text-sm text-slate-600 dark:text-slate-400">
        A link that signs {name} in to this console once, within 15 minutes. The console mints their key on its server; no key is shown to anyone. Hand it over
        privately: whoever opens it first acts as {name}.
      </p>
      {create.isError ? <InlineAlert title="Could not create a sign-in link">{errorMessage(create.error)}</InlineAlert> : null}
      {link ? (
        <div className="space-y-2 rounded-lg border border-slate-200 p-4 dark:border-slate-700">
          <label htmlFor={fieldId} className="block text-sm font-medium text-slate-800 dark:text-slate-100">
            Sign-in link for {name}
          </label>
          <div className="flex gap-2">
            <input
              id={fieldId}
              readOnly
              value={signInLinkUrl(link.token)}
              onFocus={(event) => event.currentTarget.select()}
              className={`${inputClasses} min-w-0 flex-1 font-mono text-xs`}
            />
            <Button onClick={() => void copyToClipboard(signInLinkUrl(link.token), 'the sign-in link')}>Copy</Button>
          </div>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Works once, until <time dateTime={link.expiresAt}>{dateTime.format(new Date(link.expiresAt))}</time>.
          </p>
        </div>
      ) : null}
    </PageSection>
  );
}
