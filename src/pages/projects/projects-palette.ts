// The projects family's entries in the command palette (src/palette/sources.ts).
import { projectsQueries } from '../../api/projects';
import { bestScore, parseJobReference, rank } from '../../palette/match';
import type { PaletteSource } from '../../palette/palette-types';

export const projectsPaletteSource: PaletteSource = {
  group: 'Projects',
  async search(query, { queryClient }, limit) {
    // "#12" and "owner/project#12" are jobs, not projects.
    if (parseJobReference(query)) return [];
    const projects = await queryClient.fetchQuery({ ...projectsQueries.allVisible(), staleTime: 60_000 });
    return rank(projects, (project) => bestScore([project.name, `${project.ownerUsername}/${project.name}`], query), limit).map((project) => ({
      key: `project:${project.id}`,
      label: project.name,
      detail: project.ownerUsername,
      href: `/projects/${project.id}`,
    }));
  },
};
