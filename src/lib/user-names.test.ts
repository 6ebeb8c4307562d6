import { describe, expect, it } from 'vitest';
import { displayName, initials, userMatches } from './user-names';

const user = (fields: Partial<{ fullName: string; firstName: string; lastName: string; userName: string; email: string }>) => ({
  fullName: '',
  firstName: '',
  lastName: '',
  userName: 'someone',
  ...fields,
});

describe('user names', () => {
  it('prefers the full name, then first and last, then the user name', () => {
    expect(displayName(user({ fullName: 'Maya Chen' }))).toBe('Maya Chen');
    expect(displayName(user({ firstName: 'Maya', lastName: 'Chen' }))).toBe('Maya Chen');
    expect(displayName(user({ userName: 'maya.chen' }))).toBe('maya.chen');
  });

  it('makes initials from first and last names, or from the name shown', () => {
    expect(initials(user({ fullName: 'Test User 11', firstName: 'Test', lastName: 'User 11' }))).toBe('TU');
    expect(initials(user({ fullName: 'Tomás Novák', firstName: 'tomás', lastName: 'novák' }))).toBe('TN');
    expect(initials(user({ userName: 'admin' }))).toBe('AD');
    expect(initials(user({ userName: 'maya.chen' }))).toBe('MC');
  });

  it('matches name, user name and email, ignoring case and surrounding spaces', () => {
    const maya = user({ fullName: 'Maya Chen', userName: 'maya.chen', email: 'MAYA@example.com' });
    expect(userMatches(maya, '  chen ')).toBe(true);
    expect(userMatches(maya, 'maya@')).toBe(true);
    expect(userMatches(maya, 'omar')).toBe(false);
    expect(userMatches(maya, '')).toBe(true);
  });
});
