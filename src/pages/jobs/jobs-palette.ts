// The jobs family's entries in the command palette (src/palette/sources.ts): "#12" is job 12 of
// the project being looked at, "owner/project#12" job 12 of that project.
import { fetchJobs } from '../../api/jobs';
import { projectsQueries } from '../../api/projects';
import type { JobV1 } from '../../api/schemas/jobs';
import { parseJobReference } from '../../palette/match';
import type { PaletteContext, PaletteSource } from '../../palette/palette-types';

async function projectOf(reference: { owner?: string; project?: string }, { queryClient, currentProjectId }: PaletteContext) {
  if (!reference.owner) return currentProjectId ? { id: currentProjectId, label: undefined } : undefined;
  const projects = await queryClient.fetchQuery({ ...projectsQueries.allVisible(), staleTime: 60_000 });
  const found = projects.find(
    (project) => project.ownerUsername.toLowerCase() === reference.owner!.toLowerCase() && project.name.toLowerCase() === reference.project!.toLowerCase(),
  );
  return found ? { id: found.id, label: `${found.ownerUsername}/${found.name}` } : undefined;
}

export const jobsPaletteSource: PaletteSource = {
  group: 'Jobs',
  async search(query, context) {
    const reference = parseJobReference(query);
    if (!reference) return [];
    const project = await projectOf(reference, context);
    if (!project) return [];
    // Numbers count up from 1 in a project, so job N is the N-th by number (archived ones
    // included); where some are gone it is a little earlier, within the 50 before.
    const near = (offset: number, limit: number) =>
      fetchJobs({ projectId: project.id, offset, limit, sortBy: 'number', ascending: true, showArchived: true, statusFilter: 'all' }, context.signal);
    const byNumber = (jobs: readonly JobV1[]) => jobs.find((candidate) => candidate.number === reference.number);
    const job = byNumber((await near(reference.number - 1, 1)).jobs) ?? byNumber((await near(Math.max(0, reference.number - 50), 50)).jobs);
    if (!job) return [];
    return [
      {
        key: `job:${job.id}`,
        label: `Job #${job.number}${job.title ? ` ${job.title}` : ''}`,
        detail: [project.label, job.status.executionStatus, job.title ? undefined : job.runCommand].filter(Boolean).join(' · '),
        href: `/jobs/${job.id}?projectId=${project.id}`,
      },
    ];
  },
};
