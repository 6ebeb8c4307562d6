// Hardware tiers (Domino 6.2's /api/hardwaretiers/v1; absent from the 5.9.1 reference). A
// deployment without the endpoint answers 404: the dashboard then asks for a tier id as free text.
import { queryOptions } from '@tanstack/react-query';
import { DominoApiError, request, type EndpointRef } from './http';
import { PaginatedHardwareTierEnvelopeV1Schema, type HardwareTierV1 } from './schemas/hardware-tiers';

export const hardwareTierEndpoints = {
  getHardwareTiers: { method: 'GET', path: '/api/hardwaretiers/v1/hardwaretiers' },
} as const satisfies Record<string, EndpointRef>;

export type HardwareTiersResult = { available: true; tiers: HardwareTierV1[] } | { available: false };

const PAGE_SIZE = 100;
const MAX_PAGES = 20;

export async function fetchHardwareTiers(signal?: AbortSignal): Promise<HardwareTiersResult> {
  const tiers: HardwareTierV1[] = [];
  let offset = 0;
  try {
    for (let pageIndex = 0; pageIndex < MAX_PAGES; pageIndex++) {
      const envelope = await request(hardwareTierEndpoints.getHardwareTiers, { query: { offset, limit: PAGE_SIZE }, schema: PaginatedHardwareTierEnvelopeV1Schema, signal });
      tiers.push(...envelope.hardwareTiers);
      offset += envelope.hardwareTiers.length;
      const total = envelope.metadata.pagination.totalCount;
      if (envelope.hardwareTiers.length === 0 || (total !== undefined ? offset >= total : envelope.hardwareTiers.length < envelope.metadata.pagination.limit)) break;
    }
  } catch (error) {
    if (error instanceof DominoApiError && error.status === 404) return { available: false };
    throw error;
  }
  return { available: true, tiers };
}

export const hardwareTiersKeys = {
  all: ['hardware-tiers'] as const,
};

export const hardwareTiersQueries = {
  all: () =>
    queryOptions({
      queryKey: hardwareTiersKeys.all,
      queryFn: ({ signal }) => fetchHardwareTiers(signal),
      // Tiers are configured by an administrator; they do not change while the page is open.
      staleTime: 5 * 60_000,
    }),
};
