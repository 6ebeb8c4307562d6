import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { projectsQueries } from '../../api/projects';
import { JobsList } from './jobs-list';
import { JOB_LIST_DEFAULTS, type JobListState } from './jobs-search';
import { projectLabel } from './project-picker';

/**
 * The project page's Jobs tab: the jobs list scoped to one project, with "Run a job". Its sort,
 * filters and page stay in memory: the project page's URL belongs to the projects family (its tab,
 * commit and path); /jobs?projectId=… is the bookmarkable form of the same list.
 */
export function ProjectJobsTab({ projectId }: { projectId: string }) {
  const [state, setState] = useState<JobListState>(JOB_LIST_DEFAULTS);
  const project = useQuery(projectsQueries.detail(projectId));
  return (
    <section aria-label="Jobs">
      <JobsList
        projectId={projectId}
        projectName={project.data ? projectLabel(project.data) : undefined}
        state={state}
        onStateChange={(next) => setState(next)}
        leading={
          <Link to="/jobs" search={{ ...state, projectId }} className="text-sm font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-400">
            Open in Jobs (a link you can bookmark)
          </Link>
        }
      />
    </section>
  );
}
