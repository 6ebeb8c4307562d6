// The sidebar's count of reviews waiting for me, loaded lazily by the frame (the registry's API
// module stays out of the initial bundle).
import { useQuery } from '@tanstack/react-query';
import { modelsQueries } from '../../api/models';

export default function ReviewCount() {
  const inbox = useQuery(modelsQueries.inbox());
  const count = inbox.data?.totalCount ?? 0;
  if (count === 0) return null;
  return (
    <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100">
      {count}
      <span className="sr-only"> {count === 1 ? 'review waits' : 'reviews wait'} for you</span>
    </span>
  );
}
