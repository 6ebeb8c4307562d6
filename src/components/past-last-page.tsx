import { Button } from './button';
import { EmptyState } from './empty-state';

/**
 * An empty page past the end of a paged list (a bookmarked page 9 after rows went away): not "no
 * rows at all", so it says so and offers the first page.
 */
export function PastLastPage({ noun, onFirstPage }: { noun: string; onFirstPage: () => void }) {
  return (
    <EmptyState title="This page is empty" action={<Button onClick={onFirstPage}>Go to the first page</Button>}>
      There are fewer {noun} than this page would start at.
    </EmptyState>
  );
}
