import { describe, expect, it } from 'vitest';
import { json, metadata, mockFetch } from '../test/fetch-mock';
import { smallTier } from '../test/wire-fixtures';
import { fetchHardwareTiers } from './hardware-tiers';

const tier = (id: string) => ({ ...smallTier, id, name: id });

describe('fetchHardwareTiers', () => {
  it('joins every page of tiers', async () => {
    const all = ['a', 'b', 'c'].map(tier);
    const { calls } = mockFetch((call) => {
      const offset = Number(new URL(call.url, 'http://console').searchParams.get('offset'));
      // A server that clamps the page to two tiers.
      return json({ hardwareTiers: all.slice(offset, offset + 2), metadata: { ...metadata, offset, limit: 2, totalCount: all.length } });
    });
    const result = await fetchHardwareTiers();
    expect(result.available && result.tiers.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(calls).toHaveLength(2);
  });

  it('reads a 404 as a deployment without the endpoint', async () => {
    mockFetch(() => json({ requestId: 'r', errors: ['Not Found'] }, { status: 404 }));
    await expect(fetchHardwareTiers()).resolves.toEqual({ available: false });
  });
});
