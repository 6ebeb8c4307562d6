import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Pagination, type PaginationProps } from './pagination';

function renderPagination(props: Partial<PaginationProps> = {}) {
  const onPageChange = vi.fn();
  const onPageSizeChange = vi.fn();
  render(
    <Pagination
      page={1}
      pageSize={10}
      pageSizes={[10, 25, 50]}
      itemCount={10}
      totalCount={42}
      onPageChange={onPageChange}
      onPageSizeChange={onPageSizeChange}
      noun="users"
      {...props}
    />,
  );
  return { onPageChange, onPageSizeChange };
}

describe('Pagination', () => {
  it('summarises the rows shown and the page', () => {
    renderPagination({ page: 2 });
    const nav = screen.getByRole('navigation', { name: 'Pagination' });
    expect(nav).toHaveTextContent('Showing 11–20 of 42 users');
    expect(nav).toHaveTextContent('Page 2 of 5');
  });

  it('disables Previous on the first page and Next on the last', () => {
    renderPagination({ page: 1 });
    expect(screen.getByRole('button', { name: /previous page/i })).toBeDisabled();
    expect(screen.getByRole('button', { name: /next page/i })).toBeEnabled();
  });

  it('disables Next on the last page', () => {
    renderPagination({ page: 5, itemCount: 2 });
    expect(screen.getByRole('button', { name: /next page/i })).toBeDisabled();
  });

  it('asks for the neighbouring pages', () => {
    const { onPageChange } = renderPagination({ page: 3 });
    fireEvent.click(screen.getByRole('button', { name: /next page/i }));
    expect(onPageChange).toHaveBeenLastCalledWith(4);
    fireEvent.click(screen.getByRole('button', { name: /previous page/i }));
    expect(onPageChange).toHaveBeenLastCalledWith(2);
  });

  it('changes the page size from a labelled select', () => {
    const { onPageSizeChange } = renderPagination();
    fireEvent.change(screen.getByRole('combobox', { name: 'Rows per page' }), { target: { value: '25' } });
    expect(onPageSizeChange).toHaveBeenCalledWith(25);
  });

  it('without a total, offers Next while pages come back full', () => {
    renderPagination({ totalCount: undefined, itemCount: 10 });
    expect(screen.getByRole('navigation')).toHaveTextContent('Showing 1–10 users');
    expect(screen.getByRole('button', { name: /next page/i })).toBeEnabled();
  });
});

describe('Pagination past the end', () => {
  it('says so, and Previous jumps to the last real page', () => {
    const onPageChange = vi.fn();
    render(
      <Pagination
        page={9}
        pageSize={10}
        pageSizes={[10]}
        itemCount={0}
        totalCount={42}
        onPageChange={onPageChange}
        onPageSizeChange={() => undefined}
        noun="users"
      />,
    );
    expect(screen.getByRole('navigation')).toHaveTextContent('Page 9, past the last page (5)');
    fireEvent.click(screen.getByRole('button', { name: /previous page/i }));
    expect(onPageChange).toHaveBeenCalledWith(5);
  });
});
