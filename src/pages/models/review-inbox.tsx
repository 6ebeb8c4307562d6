// "Needs my review" on the overview page: the open reviews where I am a reviewer (the
// `model-review-inbox` extension; nothing at all against a Domino without it). The list and the
// registry's API module load only where the extension is listed.
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { TableSkeleton } from '../../components/skeleton';

const ReviewInboxList = lazy(() => import('./review-inbox-list'));

export function ReviewInbox() {
  const info = useQuery(embeddedQueries.info());
  if (!hasExtension(info.data, 'model-review-inbox')) return null;
  return (
    <Suspense fallback={<TableSkeleton rows={2} columns={4} label="Loading the reviews waiting for you…" />}>
      <ReviewInboxList />
    </Suspense>
  );
}
