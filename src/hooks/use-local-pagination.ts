// Paging held in a component, for a short list inside a page whose URL already belongs to the
// page's own table (a revision's jobs, a metric's alerts): a new page size goes back to page 1.
import { useState } from 'react';

export function useLocalPagination(pageSizes: readonly number[], initialPageSize: number = pageSizes[0] ?? 10) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  return {
    offset: (page - 1) * pageSize,
    limit: pageSize,
    /** Back to the first page (a filter changed). */
    reset: () => setPage(1),
    /** What Pagination takes besides the answer's counts and the noun. */
    pagination: {
      page,
      pageSize,
      pageSizes,
      onPageChange: setPage,
      onPageSizeChange: (size: number) => {
        setPageSize(size);
        setPage(1);
      },
    },
  };
}
