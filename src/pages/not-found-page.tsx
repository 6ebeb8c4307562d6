import { NotFound } from '../components/not-found';

/** Any address the console has no page for. */
export function NotFoundPage() {
  return (
    <NotFound title="Page not found" back={{ label: 'Go to the overview', link: { to: '/' } }}>
      There is no page at this address in the Domino Console. Check the address, or start again from the overview.
    </NotFound>
  );
}
