// Success-envelope metadata, in the shapes Domino's clients read.

export function metadata(requestId: string) {
  return { requestId, notices: [] as string[] };
}

/**
 * PaginatedMetadataV1, emitted both flat and nested: the spec is ambiguous between them, so
 * clients read `pagination.totalCount ?? totalCount` and either form serves them.
 */
export function paginatedMetadata(requestId: string, page: { offset: number; limit: number; totalCount: number }) {
  return {
    requestId,
    notices: [] as string[],
    offset: page.offset,
    limit: page.limit,
    totalCount: page.totalCount,
    pagination: { offset: page.offset, limit: page.limit, totalCount: page.totalCount },
  };
}

/** The largest page any listing returns; larger `limit`s are clamped and the clamp is reported. */
export const MAX_PAGE_LIMIT = 1000;

export function clampLimit(limit: number): number {
  return Math.min(limit, MAX_PAGE_LIMIT);
}
