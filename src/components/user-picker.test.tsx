import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { admin, maya, omar } from '../test/wire-fixtures';
import { UserPicker } from './user-picker';

function Harness({ mode }: { mode: 'single' | 'multiple' }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  return (
    <form onSubmit={() => (document.title = 'submitted')}>
      <UserPicker
        legend="User"
        mode={mode}
        users={[admin, maya, omar]}
        selectedIds={selected}
        onChange={(id, on) =>
          setSelected((previous) => {
            const next = new Set(mode === 'single' ? [] : previous);
            if (on) next.add(id);
            else next.delete(id);
            return next;
          })
        }
      />
    </form>
  );
}

describe('UserPicker', () => {
  it('picks with ↓ and Enter from the filter, as the project picker does, without submitting the form', () => {
    document.title = '';
    render(<Harness mode="single" />);
    const filter = screen.getByRole('combobox', { name: 'Filter users' });
    fireEvent.keyDown(filter, { key: 'ArrowDown' });
    fireEvent.keyDown(filter, { key: 'ArrowDown' });
    expect(filter.getAttribute('aria-activedescendant')).toBeTruthy();
    fireEvent.keyDown(filter, { key: 'Enter' });
    expect(screen.getByRole('radio', { name: /maya\.chen/ })).toBeChecked();
    expect(document.title).toBe('');
  });

  it('takes the first match on Enter after typing, and toggles in multiple mode', () => {
    render(<Harness mode="multiple" />);
    const filter = screen.getByRole('combobox', { name: 'Filter users' });
    fireEvent.change(filter, { target: { value: 'omar' } });
    fireEvent.keyDown(filter, { key: 'Enter' });
    expect(screen.getByRole('checkbox', { name: /omar\.haddad/ })).toBeChecked();
    fireEvent.keyDown(filter, { key: 'Enter' });
    expect(screen.getByRole('checkbox', { name: /omar\.haddad/ })).not.toBeChecked();
  });
});
