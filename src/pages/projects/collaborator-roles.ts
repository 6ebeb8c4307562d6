import type { ProjectCollaboratorRoleV1 } from '../../api/schemas/projects';

export const COLLABORATOR_ROLE_INFO: Record<ProjectCollaboratorRoleV1, { label: string; meaning: string }> = {
  contributor: { label: 'Contributor', meaning: 'Reads and changes files, goals and settings; runs jobs.' },
  launcherUser: { label: 'Launcher user', meaning: 'Reads the project and starts jobs and sessions.' },
  resultsConsumer: { label: 'Results consumer', meaning: 'Reads the project and its results.' },
  projectImporter: { label: 'Project importer', meaning: 'Reads the project to import it into their own.' },
};
