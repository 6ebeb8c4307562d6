import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { offsetOf, tableSearchSchema, useTableUrlState, withPage, withPageSize, withQuery, type TableSearch } from './use-table-url-state';

describe('tableSearchSchema', () => {
  it('fills defaults for a bare URL', () => {
    expect(tableSearchSchema.parse({})).toEqual({ page: 1, pageSize: 25, q: '' });
  });

  it('falls back to the defaults for mangled values instead of failing the route', () => {
    expect(tableSearchSchema.parse({ page: 'abc', pageSize: 7, q: { nested: true } })).toEqual({ page: 1, pageSize: 25, q: '' });
    expect(tableSearchSchema.parse({ page: 0, pageSize: 10 })).toMatchObject({ page: 1, pageSize: 10 });
    expect(tableSearchSchema.parse({ page: 2.5 })).toMatchObject({ page: 1 });
  });

  it('keeps a numeric-looking search text (the router JSON-parses ?q=123 into a number)', () => {
    expect(tableSearchSchema.parse({ q: 123 })).toMatchObject({ q: '123' });
  });

  it('keeps valid values', () => {
    expect(tableSearchSchema.parse({ page: 3, pageSize: 50, q: 'maya' })).toEqual({ page: 3, pageSize: 50, q: 'maya' });
  });
});

describe('transitions', () => {
  const state: TableSearch = { page: 3, pageSize: 25, q: 'x' };

  it('computes the offset of a page', () => {
    expect(offsetOf(state)).toBe(50);
  });

  it('clamps pages to 1 and whole numbers', () => {
    expect(withPage(state, 0).page).toBe(1);
    expect(withPage(state, 4.7).page).toBe(4);
  });

  it('keeps the first visible row when the page size changes', () => {
    // Rows 51-75 were on screen; with 10 a page, row 51 is on page 6.
    expect(withPageSize(state, 10)).toEqual({ page: 6, pageSize: 10, q: 'x' });
    expect(withPageSize(state, 100)).toEqual({ page: 1, pageSize: 100, q: 'x' });
  });

  it('ignores a page size the URL schema would not accept', () => {
    expect(withPageSize(state, 13).pageSize).toBe(25);
  });

  it('restarts at page 1 only for server-side filters', () => {
    expect(withQuery(state, 'y', { resetPage: true })).toEqual({ page: 1, pageSize: 25, q: 'y' });
    expect(withQuery(state, 'y', { resetPage: false })).toEqual({ page: 3, pageSize: 25, q: 'y' });
  });

  it('keeps other search params of the route', () => {
    const withTab = { ...state, tab: 'all' as const };
    expect(withPage(withTab, 1).tab).toBe('all');
    expect(withQuery(withTab, '', { resetPage: true }).tab).toBe('all');
  });
});

describe('useTableUrlState', () => {
  it('exposes the URL state and navigates with the next search', () => {
    const navigate = vi.fn();
    const { result } = renderHook(() => useTableUrlState({ page: 2, pageSize: 10, q: '' }, navigate, { queryResetsPage: true }));
    expect(result.current).toMatchObject({ page: 2, pageSize: 10, q: '', offset: 10 });

    act(() => result.current.setPage(3));
    expect(navigate).toHaveBeenLastCalledWith({ page: 3, pageSize: 10, q: '' }, { replace: false });

    act(() => result.current.setPageSize(25));
    expect(navigate).toHaveBeenLastCalledWith({ page: 1, pageSize: 25, q: '' }, { replace: false });

    // Typing replaces the history entry, so Back does not replay each keystroke.
    act(() => result.current.setQuery('risk'));
    expect(navigate).toHaveBeenLastCalledWith({ page: 1, pageSize: 10, q: 'risk' }, { replace: true });
  });

  it('keeps the page for a filter over the loaded rows', () => {
    const navigate = vi.fn();
    const { result } = renderHook(() => useTableUrlState({ page: 2, pageSize: 10, q: '' }, navigate, { queryResetsPage: false }));
    act(() => result.current.setQuery('maya'));
    expect(navigate).toHaveBeenLastCalledWith({ page: 2, pageSize: 10, q: 'maya' }, { replace: true });
  });
});
