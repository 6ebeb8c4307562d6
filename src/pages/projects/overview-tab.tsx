import { hasExtension } from '../../api/embedded';
import { GoalsSection } from './goals-section';
import { ReadmeSection } from './readme-section';
import type { ProjectTabProps } from './project-tab-props';
import { StatusSection } from './status-section';
import { WorkspacesSection } from './workspaces-section';

export function OverviewTab(props: ProjectTabProps) {
  const { project, info, status } = props;
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0 space-y-6">
        <section aria-labelledby="about-heading">
          <h2 id="about-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-50">
            About
          </h2>
          {project.description ? (
            <p className="mt-1 whitespace-pre-line text-slate-700 dark:text-slate-300">{project.description}</p>
          ) : (
            <p className="mt-1 text-slate-600 italic dark:text-slate-400">This project has no description.</p>
          )}
          {project.mainRepository ? (
            <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
              Main repository: <span className="font-mono break-all">{project.mainRepository.uri}</span>
            </p>
          ) : null}
        </section>
        {hasExtension(info, 'project-files') ? <ReadmeSection projectId={project.id} /> : null}
        <GoalsSection {...props} />
      </div>
      <div className="min-w-0 space-y-6">
        {status ? <StatusSection {...props} status={status} /> : null}
        {hasExtension(info, 'workspaces') ? <WorkspacesSection {...props} /> : null}
      </div>
    </div>
  );
}
