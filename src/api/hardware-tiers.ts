// Hardware tiers (Domino 6.2's /api/hardwaretiers/v1; absent from the 5.9.1 reference). A
// deployment without the endpoint answers 404: the dashboard then asks for a tier id as free text.
import { queryOptions } from '@tanstack/react-query';
import { DominoApiError, request } from './http';
import { fetchAllPages } from './pagination';
import { hardwareTiersEndpoints, type HardwareTierV1 } from './schemas/hardware-tiers';

export type HardwareTiersResult = { available: true; tiers: HardwareTierV1[] } | { available: false };

export async function fetchHardwareTiers(signal?: AbortSignal): Promise<HardwareTiersResult> {
  try {
    const tiers = await fetchAllPages(
      async (page) => {
        const envelope = await request(hardwareTiersEndpoints.getHardwareTiers, { query: page, signal });
        return { items: envelope.hardwareTiers, pagination: envelope.metadata.pagination };
      },
      // A deployment has a handful of tiers: a few pages at most.
      { pageSize: 100, maxPages: 20 },
    );
    return { available: true, tiers };
  } catch (error) {
    if (error instanceof DominoApiError && error.status === 404) return { available: false };
    throw error;
  }
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
