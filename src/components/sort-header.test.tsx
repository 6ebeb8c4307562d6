import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SortHeader, type SortDirection } from './sort-header';

function renderHeaders(direction: SortDirection | undefined, onSort = vi.fn()) {
  render(
    <table>
      <thead>
        <tr>
          <SortHeader label="Started" direction={direction} onSort={onSort} />
          <SortHeader label="Title" direction={undefined} onSort={vi.fn()} />
        </tr>
      </thead>
    </table>,
  );
  return onSort;
}

describe('SortHeader', () => {
  it('marks only the sorted column, and says what a press will do', () => {
    renderHeaders('descending');
    expect(screen.getByRole('columnheader', { name: /^Started/ })).toHaveAttribute('aria-sort', 'descending');
    expect(screen.getByRole('columnheader', { name: /^Title/ })).not.toHaveAttribute('aria-sort');
    expect(screen.getByRole('button', { name: 'Started, sorted descending; select to sort ascending' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Title, select to sort' })).toBeInTheDocument();
  });

  it('is a button in the header cell, so Tab reaches it and Enter or Space sorts', () => {
    const onSort = renderHeaders(undefined);
    const button = within(screen.getByRole('columnheader', { name: /^Started/ })).getByRole('button');
    button.focus();
    expect(button).toHaveFocus();
    fireEvent.click(button);
    expect(onSort).toHaveBeenCalledTimes(1);
  });
});
