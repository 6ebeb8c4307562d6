import { useMutation, useQuery } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi, useRouter } from '@tanstack/react-router';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { consoleMutations, consoleQueries } from '../../api/console';
import { errorMessage } from '../../api/error-details';
import type { ConsoleSession } from '../../api/schemas/console';
import { Button } from '../../components/button';
import { inputClasses } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { useDocumentTitle } from '../../hooks/use-document-title';

const routeApi = getRouteApi('/sign-in');

/** A sign-in link carries its token in the fragment: never sent to a server, a log or a Referer. */
function linkTokenInFragment(): string | undefined {
  const match = /(?:^#|&)link=([^&]+)/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

const REASONS = {
  required: 'Sign in to use this console: it serves more than one person, so each acts as themselves.',
  ended: 'Your session ended: it expired, or Domino no longer accepts the key. Sign in again.',
  'signed-out': 'You signed out. The key you used is forgotten by this console.',
} as const;

export function SignInPage() {
  useDocumentTitle('Sign in');
  const { reason, redirect } = routeApi.useSearch();
  const router = useRouter();
  const session = useQuery(consoleQueries.session());
  const signIn = useMutation(consoleMutations.signIn());
  const redeem = useMutation(consoleMutations.redeemLink());
  const [credential, setCredential] = useState('');
  const [kind, setKind] = useState<'apiKey' | 'bearer'>('apiKey');
  const credentialId = useId();
  const linkTried = useRef(false);

  const signedIn = (next: ConsoleSession) => {
    router.options.context.queryClient.setQueryData(consoleQueries.session().queryKey, next);
    void router.navigate({ to: redirect ?? '/' });
  };

  // Opening a sign-in link signs in at once; the token leaves the address bar either way.
  useEffect(() => {
    const token = linkTokenInFragment();
    if (!token || linkTried.current) return;
    linkTried.current = true;
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    redeem.mutate(token, { onSuccess: signedIn });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, for the link this page was opened with
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!credential.trim()) return;
    signIn.mutate({ credential: credential.trim(), kind }, { onSuccess: signedIn, onSettled: () => setCredential('') });
  }

  const actingAs = session.data && !session.data.signedIn && session.data.mode === 'single-user' ? session.data.user : undefined;
  return (
    <div className="mx-auto max-w-md space-y-6 py-12">
      <div>
        <h1 tabIndex={-1} className="text-2xl font-semibold text-slate-900 outline-none dark:text-slate-50">
          Sign in to Domino Console
        </h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          Give your Domino API key or a bearer token. It goes to this console’s server, which keeps it in memory for your session; your browser never stores it.
        </p>
      </div>
      {reason ? <InlineAlert tone="info">{REASONS[reason]}</InlineAlert> : null}
      {session.data?.warnings.map((warning) => (
        <InlineAlert key={warning} title="Not encrypted">
          {warning}
        </InlineAlert>
      ))}
      {redeem.isPending ? <InlineAlert tone="info">Signing you in with your sign-in link…</InlineAlert> : null}
      {redeem.isError ? <InlineAlert title="The sign-in link did not work">{errorMessage(redeem.error)}</InlineAlert> : null}
      <form onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 p-5 dark:border-slate-700" noValidate>
        <div className="space-y-1">
          <label htmlFor={credentialId} className="block text-sm font-medium text-slate-800 dark:text-slate-100">
            API key or token
          </label>
          <input
            id={credentialId}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={credential}
            onChange={(event) => setCredential(event.target.value)}
            className={`${inputClasses} w-full font-mono`}
            aria-describedby={signIn.isError ? `${credentialId}-error` : undefined}
          />
        </div>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-800 dark:text-slate-100">It is</legend>
          <div className="flex gap-4 text-sm text-slate-800 dark:text-slate-100">
            {(
              [
                ['apiKey', 'an API key'],
                ['bearer', 'a bearer token'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="flex items-center gap-2">
                <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        {signIn.isError ? (
          <p id={`${credentialId}-error`} role="alert" className="text-sm text-red-700 dark:text-red-300">
            {errorMessage(signIn.error)}
          </p>
        ) : null}
        <Button type="submit" variant="primary" disabled={signIn.isPending || !credential.trim()}>
          {signIn.isPending ? 'Checking…' : 'Sign in'}
        </Button>
      </form>
      {actingAs ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Without signing in, this console acts as <strong className="font-medium">{actingAs.fullName}</strong> (its configured key).{' '}
          <a href={redirect ?? '/'} className="font-medium underline underline-offset-2">
            Go back
          </a>
        </p>
      ) : null}
    </div>
  );
}

export const signInLazyRoute = createLazyRoute('/sign-in')({ component: SignInPage });
