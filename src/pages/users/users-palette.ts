// The users family's entries in the command palette (src/palette/sources.ts).
import { usersQueries } from '../../api/users';
import { bestScore, parseJobReference, rank } from '../../palette/match';
import type { PaletteSource } from '../../palette/palette-types';

export const usersPaletteSource: PaletteSource = {
  group: 'Users',
  async search(query, { queryClient }, limit) {
    // Listing every user for an empty box would bury the pages: people are found by typing.
    if (query === '' || parseJobReference(query)) return [];
    const users = await queryClient.fetchQuery({ ...usersQueries.directory(), staleTime: 60_000 });
    return rank(users, (user) => bestScore([user.userName, `${user.firstName} ${user.lastName}`, user.email], query), limit).map((user) => ({
      key: `user:${user.id}`,
      label: user.userName,
      detail: `${user.firstName} ${user.lastName}`.trim() || undefined,
      href: `/users/${user.id}`,
    }));
  },
};
