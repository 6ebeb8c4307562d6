// The organizations family's entries in the command palette (src/palette/sources.ts).
import { organizationsQueries } from '../../api/organizations';
import { bestScore, parseJobReference, rank } from '../../palette/match';
import type { PaletteSource } from '../../palette/palette-types';

export const organizationsPaletteSource: PaletteSource = {
  group: 'Organizations',
  async search(query, { queryClient }, limit) {
    if (query === '' || parseJobReference(query)) return [];
    // Every organization for an administrator, mine for anyone else; the first 100 are enough to jump to.
    const scope = (await queryClient.fetchQuery(organizationsQueries.canListAll())) ? 'all' : 'mine';
    const { orgs } = await queryClient.fetchQuery({ ...organizationsQueries.list(scope, { offset: 0, limit: 100 }), staleTime: 60_000 });
    return rank(orgs, (org) => bestScore([org.name], query), limit).map((org) => ({
      key: `organization:${org.id}`,
      label: org.name,
      detail: `${org.members.length} ${org.members.length === 1 ? 'member' : 'members'}`,
      href: `/organizations/${org.id}`,
    }));
  },
};
