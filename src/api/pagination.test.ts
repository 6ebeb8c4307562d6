import { describe, expect, it, vi } from 'vitest';
import { fetchAllPages, walkPages, type PageOf } from './pagination';
import type { PageRequest } from './schemas/common';

const items = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ id: `item-${from + i}` }));

/** A listing of `total` items that clamps the limit to `clamp` and says its total only when asked to. */
function listing(total: number, { clamp = Infinity, sendTotal = true } = {}) {
  return vi.fn(async ({ offset, limit }: PageRequest): Promise<PageOf<{ id: string }>> => {
    const served = Math.min(limit, clamp);
    return { items: items(offset, Math.max(0, Math.min(served, total - offset))), pagination: { limit: served, totalCount: sendTotal ? total : undefined } };
  });
}

describe('fetchAllPages', () => {
  it('reads pages until the total is reached, asking from where the last page ended', async () => {
    const fetchPage = listing(234);
    expect(await fetchAllPages(fetchPage)).toHaveLength(234);
    expect(fetchPage.mock.calls.map(([page]) => page)).toEqual([
      { offset: 0, limit: 100 },
      { offset: 100, limit: 100 },
      { offset: 200, limit: 100 },
    ]);
  });

  it('walks by what came back when the server clamps the limit and sends no total', async () => {
    const fetchPage = listing(25, { clamp: 10, sendTotal: false });
    expect(await fetchAllPages(fetchPage, { pageSize: 500, maxPages: 200 })).toHaveLength(25);
    expect(fetchPage.mock.calls.map(([page]) => page.offset)).toEqual([0, 10, 20]);
  });

  it('skips an item repeated across pages (the list shifted while it was read)', async () => {
    const pages = [[{ id: 'a' }, { id: 'b' }], [{ id: 'b' }, { id: 'c' }], []];
    let call = 0;
    const all = await fetchAllPages(async () => ({ items: pages[call++] ?? [], pagination: { limit: 2 } }));
    expect(all.map((item) => item.id)).toEqual(['a', 'b', 'c']);
  });

  it('stops after maxPages, whatever the server says', async () => {
    const fetchPage = listing(10_000);
    expect(await fetchAllPages(fetchPage, { pageSize: 10, maxPages: 3 })).toHaveLength(30);
    expect(fetchPage).toHaveBeenCalledTimes(3);
  });
});

describe('walkPages', () => {
  it('stops at the page where visit says it found what it wanted', async () => {
    const fetchPage = listing(1000);
    const seen: number[] = [];
    await walkPages(fetchPage, (page) => {
      seen.push(page.length);
      return page.some((item) => item.id === 'item-150');
    });
    expect(seen).toEqual([100, 100]);
  });
});
