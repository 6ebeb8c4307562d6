// Projects: fetchers, query keys, the `projectsQueries` factory and the mutations. The list is
// loaded whole (every page the caller can see) because Domino only pages it: search, filters and
// sorting happen in the browser. Embedded-only extras (status, workspaces, editing, archived
// projects) live here too and are asked for only when GET /api/embedded/v1/info lists them.
import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { isDominoApiError, request } from './http';
import { fetchAllPages } from './pagination';
import type { PageRequest } from './schemas/common';
import type { ResponseOf } from './schemas/endpoint';
import { projectFilesEndpoints, type ArchivedProject, type ProjectChanges } from './schemas/project-files';
import {
  projectsEndpoints,
  type CopyProjectSpecV1,
  type NewProjectGitRepositoryV1,
  type NewProjectGoalV1,
  type NewProjectV1,
  type ProjectCollaboratorRoleV1,
  type ProjectGitRepositoryV1,
  type ProjectResultsSettingsV1,
  type ProjectStatusV1,
  type ProjectV1,
} from './schemas/projects';

export const projectsKeys = {
  all: ['projects'] as const,
  lists: () => [...projectsKeys.all, 'list'] as const,
  allVisible: () => [...projectsKeys.lists(), 'all-visible'] as const,
  /** Embedded 'archived-projects': under lists(), so whatever refreshes the list refreshes it too. */
  archived: () => [...projectsKeys.lists(), 'archived'] as const,
  /** Prefix of everything about one project (its files included, see project-files.ts). */
  project: (projectId: string) => [...projectsKeys.all, 'project', projectId] as const,
  detail: (projectId: string) => [...projectsKeys.project(projectId), 'detail'] as const,
  status: (projectId: string) => [...projectsKeys.project(projectId), 'status'] as const,
  goals: (projectId: string) => [...projectsKeys.project(projectId), 'goals'] as const,
  repositories: (projectId: string) => [...projectsKeys.project(projectId), 'repositories'] as const,
  sharedDatasets: (projectId: string) => [...projectsKeys.project(projectId), 'shared-datasets'] as const,
  resultsSettings: (projectId: string) => [...projectsKeys.project(projectId), 'results-settings'] as const,
  workspaces: (projectId: string) => [...projectsKeys.project(projectId), 'workspaces'] as const,
};

export async function fetchProjectsPage(page: PageRequest, signal?: AbortSignal) {
  const envelope = await request(projectsEndpoints.getProjects, { query: page, signal });
  return { projects: envelope.projects, pagination: envelope.metadata.pagination };
}

/** Every project the caller can see (hundreds at most for a person). */
export function fetchAllProjects(signal?: AbortSignal): Promise<ProjectV1[]> {
  return fetchAllPages(async (page) => {
    const { projects, pagination } = await fetchProjectsPage(page, signal);
    return { items: projects, pagination };
  });
}

export async function fetchProject(projectId: string, signal?: AbortSignal): Promise<ProjectV1> {
  const envelope = await request(projectsEndpoints.getProjectById, { params: { projectId }, signal });
  return envelope.project;
}

export async function createProject(input: NewProjectV1): Promise<ProjectV1> {
  const envelope = await request(projectsEndpoints.createProject, { body: input });
  return envelope.project;
}

export async function archiveProject(projectId: string): Promise<void> {
  await request(projectsEndpoints.archiveProject, { params: { projectId } });
}

/** Embedded 'project-edit': a new name, description or visibility. */
export async function updateProject({ projectId, changes }: { projectId: string; changes: ProjectChanges }): Promise<ProjectV1> {
  const envelope = await request(projectFilesEndpoints.updateProject, { params: { projectId }, body: changes });
  return envelope.project;
}

/** Embedded 'archived-projects': every archived project the caller owns or collaborates on (a handful per person). */
export function fetchArchivedProjects(signal?: AbortSignal): Promise<Array<ArchivedProject & { id: string }>> {
  return fetchAllPages(async (page) => {
    const envelope = await request(projectFilesEndpoints.listArchivedProjects, { query: page, signal });
    // Keyed by the project's id, so one restored (or archived) between two pages is not listed twice.
    return { items: envelope.archivedProjects.map((entry) => ({ ...entry, id: entry.project.id })), pagination: envelope.metadata.pagination };
  });
}

export async function unarchiveProject(projectId: string): Promise<ProjectV1> {
  const envelope = await request(projectFilesEndpoints.unarchiveProject, { params: { projectId } });
  return envelope.project;
}

export interface CopyProjectInput {
  projectId: string;
  spec: CopyProjectSpecV1;
}

async function requestCopy({ projectId, spec }: CopyProjectInput) {
  try {
    return await request(projectsEndpoints.copyProject, { params: { projectId }, body: spec });
  } catch (error) {
    // Deployments older than the v1 path serve only the deprecated beta one; without a
    // gitCodeRepoSpec the two bodies are the same. A project that is really missing is 404 there too.
    if (!isDominoApiError(error, 404) || spec.gitCodeRepoSpec !== undefined) throw error;
    const { gitCodeRepoSpec: _none, ...common } = spec;
    return request(projectsEndpoints.copyProjectBeta, { params: { projectId }, body: common });
  }
}

export async function copyProject(input: CopyProjectInput) {
  const envelope = await requestCopy(input);
  return { project: envelope.project, datasetsNotCopied: envelope.datasetsNotCopied ?? [] };
}

export type ProjectCopyResult = Awaited<ReturnType<typeof copyProject>>;

export async function fetchResultsSettings(projectId: string, signal?: AbortSignal): Promise<ProjectResultsSettingsV1> {
  const envelope = await request(projectsEndpoints.getProjectResultSettings, { params: { projectId }, signal });
  return envelope.resultsSettings;
}

export async function updateResultsSettings({
  projectId,
  settings,
}: {
  projectId: string;
  settings: ProjectResultsSettingsV1;
}): Promise<ProjectResultsSettingsV1> {
  const envelope = await request(projectsEndpoints.updateProjectResultSettings, {
    params: { projectId },
    body: settings,
  });
  return envelope.resultsSettings;
}

export type ProjectStatusDetails = ResponseOf<typeof projectFilesEndpoints.getProjectStatus>;

/** Embedded 'project-status': the status, whether it is archived, and the caller's role in it. */
export async function fetchProjectStatus(projectId: string, signal?: AbortSignal): Promise<ProjectStatusDetails> {
  return request(projectFilesEndpoints.getProjectStatus, { params: { projectId }, signal });
}

export async function updateProjectStatus({ projectId, status }: { projectId: string; status: ProjectStatusV1 }): Promise<ProjectStatusV1> {
  const envelope = await request(projectsEndpoints.updateProjectStatus, { params: { projectId }, body: status });
  return envelope.status;
}

export interface SetCollaboratorInput {
  projectId: string;
  userId: string;
  role: ProjectCollaboratorRoleV1;
}

/** Adds a collaborator, or changes the role of one: Domino uses one POST for both. */
export async function setCollaborator({ projectId, userId, role }: SetCollaboratorInput) {
  const envelope = await request(projectsEndpoints.addCollaboratorToProject, {
    params: { projectId },
    body: { id: userId, role },
  });
  return envelope.collaborator;
}

export async function removeCollaborator({ projectId, userId }: { projectId: string; userId: string }): Promise<void> {
  await request(projectsEndpoints.removeCollaboratorFromProject, { params: { projectId, collaboratorId: userId } });
}

export async function fetchGoals(projectId: string, signal?: AbortSignal) {
  const envelope = await request(projectsEndpoints.getProjectGoals, { params: { projectId }, signal });
  return envelope.goals;
}

export async function addGoal({ projectId, goal }: { projectId: string; goal: NewProjectGoalV1 }) {
  const envelope = await request(projectsEndpoints.addGoalToProject, { params: { projectId }, body: goal });
  return envelope.goal;
}

export async function setGoalComplete({ projectId, goalId, isComplete }: { projectId: string; goalId: string; isComplete: boolean }) {
  const envelope = await request(projectsEndpoints.updateProjectGoal, { params: { projectId, goalId }, body: { isComplete } });
  return envelope.goal;
}

export async function deleteGoal({ projectId, goalId }: { projectId: string; goalId: string }): Promise<void> {
  await request(projectsEndpoints.deleteProjectGoal, { params: { projectId, goalId } });
}

export function fetchRepositories(projectId: string, signal?: AbortSignal): Promise<ProjectGitRepositoryV1[]> {
  return fetchAllPages(async (page) => {
    const envelope = await request(projectsEndpoints.getImportedRepos, {
      params: { projectId },
      query: { offset: page.offset, limit: page.limit },
      signal,
    });
    return { items: envelope.repositories, pagination: envelope.metadata.pagination };
  });
}

export async function addRepository({ projectId, repository }: { projectId: string; repository: NewProjectGitRepositoryV1 }) {
  const envelope = await request(projectsEndpoints.addRepoToProject, { params: { projectId }, body: repository });
  return envelope.repository;
}

export async function removeRepository({ projectId, repositoryId }: { projectId: string; repositoryId: string }): Promise<void> {
  await request(projectsEndpoints.removeRepoFromProject, { params: { projectId, repositoryId } });
}

export async function fetchSharedDatasetIds(projectId: string, signal?: AbortSignal): Promise<string[]> {
  const envelope = await request(projectsEndpoints.listProjectSharedDatasets, { params: { projectId }, signal });
  return envelope.dataset.sharedDatasetIds;
}

export async function linkDataset({ projectId, datasetId }: { projectId: string; datasetId: string }): Promise<string[]> {
  const envelope = await request(projectsEndpoints.linkProjectToDataset, { params: { projectId }, body: { datasetId } });
  return envelope.dataset.sharedDatasetIds;
}

export async function unlinkDataset({ projectId, datasetId }: { projectId: string; datasetId: string }): Promise<void> {
  await request(projectsEndpoints.unlinkDatasetFromProject, { params: { projectId, datasetId } });
}

export type Workspace = ResponseOf<typeof projectFilesEndpoints.listWorkspaces>['workspaces'][number];

/** Embedded 'workspaces': a project's workspaces with their recent sessions. */
export function fetchWorkspaces(projectId: string, signal?: AbortSignal): Promise<Workspace[]> {
  return fetchAllPages(async (page) => {
    const envelope = await request(projectFilesEndpoints.listWorkspaces, {
      params: { projectId },
      query: { offset: page.offset, limit: page.limit },
      signal,
    });
    return { items: envelope.workspaces, pagination: envelope.metadata.pagination };
  });
}

export async function startWorkspaceSession({ projectId, workspaceId }: { projectId: string; workspaceId: string }) {
  const envelope = await request(projectsEndpoints.createWorkspaceSession, { params: { projectId, workspaceId }, body: {} });
  return envelope.workspaceSession;
}

export async function stopWorkspaceSession({ projectId, sessionId }: { projectId: string; sessionId: string }) {
  const envelope = await request(projectFilesEndpoints.stopWorkspaceSession, { params: { projectId, sessionId } });
  return envelope.session;
}

export const projectsQueries = {
  allVisible: () =>
    queryOptions({
      queryKey: projectsKeys.allVisible(),
      queryFn: ({ signal }) => fetchAllProjects(signal),
    }),
  archived: () =>
    queryOptions({
      queryKey: projectsKeys.archived(),
      queryFn: ({ signal }) => fetchArchivedProjects(signal),
    }),
  detail: (projectId: string) =>
    queryOptions({
      queryKey: projectsKeys.detail(projectId),
      queryFn: ({ signal }) => fetchProject(projectId, signal),
    }),
  status: (projectId: string) =>
    queryOptions({
      queryKey: projectsKeys.status(projectId),
      queryFn: ({ signal }) => fetchProjectStatus(projectId, signal),
    }),
  goals: (projectId: string) =>
    queryOptions({
      queryKey: projectsKeys.goals(projectId),
      queryFn: ({ signal }) => fetchGoals(projectId, signal),
    }),
  repositories: (projectId: string) =>
    queryOptions({
      queryKey: projectsKeys.repositories(projectId),
      queryFn: ({ signal }) => fetchRepositories(projectId, signal),
    }),
  sharedDatasets: (projectId: string) =>
    queryOptions({
      queryKey: projectsKeys.sharedDatasets(projectId),
      queryFn: ({ signal }) => fetchSharedDatasetIds(projectId, signal),
    }),
  resultsSettings: (projectId: string) =>
    queryOptions({
      queryKey: projectsKeys.resultsSettings(projectId),
      queryFn: ({ signal }) => fetchResultsSettings(projectId, signal),
    }),
  workspaces: (projectId: string) =>
    queryOptions({
      queryKey: projectsKeys.workspaces(projectId),
      queryFn: ({ signal }) => fetchWorkspaces(projectId, signal),
    }),
};

export const projectsMutations = {
  create: () =>
    mutationOptions({
      mutationKey: [...projectsKeys.all, 'create'],
      mutationFn: createProject,
      meta: { invalidates: [projectsKeys.lists()] },
    }),
  archive: (projectId: string) =>
    mutationOptions({
      mutationKey: [...projectsKeys.project(projectId), 'archive'],
      mutationFn: () => archiveProject(projectId),
      meta: { invalidates: [projectsKeys.lists(), projectsKeys.detail(projectId), projectsKeys.status(projectId)] },
    }),
  update: (projectId: string) =>
    mutationOptions({
      mutationKey: [...projectsKeys.project(projectId), 'update'],
      mutationFn: (changes: ProjectChanges) => updateProject({ projectId, changes }),
      meta: { invalidates: [projectsKeys.lists(), projectsKeys.detail(projectId)] },
    }),
  unarchive: (projectId: string) =>
    mutationOptions({
      mutationKey: [...projectsKeys.project(projectId), 'unarchive'],
      mutationFn: () => unarchiveProject(projectId),
      meta: { invalidates: [projectsKeys.lists(), projectsKeys.detail(projectId), projectsKeys.status(projectId)] },
    }),
  copy: (projectId: string) =>
    mutationOptions({
      mutationKey: [...projectsKeys.project(projectId), 'copy'],
      mutationFn: copyProject,
      meta: { invalidates: [projectsKeys.lists()] },
    }),
  updateStatus: (projectId: string) =>
    mutationOptions({
      mutationKey: [...projectsKeys.project(projectId), 'update-status'],
      mutationFn: updateProjectStatus,
      meta: { invalidates: [projectsKeys.status(projectId)] },
    }),
  updateResultsSettings: (projectId: string) =>
    mutationOptions({
      mutationKey: [...projectsKeys.project(projectId), 'update-results-settings'],
      mutationFn: updateResultsSettings,
      meta: { invalidates: [projectsKeys.resultsSettings(projectId)] },
    }),
  setCollaborator: (projectId: string) =>
    mutationOptions({
      mutationKey: [...projectsKeys.project(projectId), 'set-collaborator'],
      mutationFn: setCollaborator,
      meta: { invalidates: [projectsKeys.detail(projectId), projectsKeys.lists()] },
    }),
  removeCollaborator: (projectId: string) =>
    mutationOptions({
      mutationKey: [...projectsKeys.project(projectId), 'remove-collaborator'],
      mutationFn: removeCollaborator,
      meta: { invalidates: [projectsKeys.detail(projectId), projectsKeys.lists()] },
    }),
  addGoal: (projectId: string) =>
    mutationOptions({
      mutationKey: [...projectsKeys.project(projectId), 'add-goal'],
      mutationFn: addGoal,
      meta: { invalidates: [projectsKeys.goals(projectId)] },
    }),
  setGoalComplete: (projectId: string) =>
    mutationOptions({
      mutationKey: [...projectsKeys.project(projectId), 'set-goal-complete'],
      mutationFn: setGoalComplete,
      meta: { invalidates: [projectsKeys.goals(projectId)] },
    }),
  deleteGoal: (projectId: string) =>
    mutationOptions({
      mutationKey: [...projectsKeys.project(projectId), 'delete-goal'],
      mutationFn: deleteGoal,
      meta: { invalidates: [projectsKeys.goals(projectId)] },
    }),
  addRepository: (projectId: string) =>
    mutationOptions({
      mutationKey: [...projectsKeys.project(projectId), 'add-repository'],
      mutationFn: addRepository,
      meta: { invalidates: [projectsKeys.repositories(projectId)] },
    }),
  removeRepository: (projectId: string) =>
    mutationOptions({
      mutationKey: [...projectsKeys.project(projectId), 'remove-repository'],
      mutationFn: removeRepository,
      meta: { invalidates: [projectsKeys.repositories(projectId)] },
    }),
  linkDataset: (projectId: string) =>
    mutationOptions({
      mutationKey: [...projectsKeys.project(projectId), 'link-dataset'],
      mutationFn: linkDataset,
      meta: { invalidates: [projectsKeys.sharedDatasets(projectId)] },
    }),
  unlinkDataset: (projectId: string) =>
    mutationOptions({
      mutationKey: [...projectsKeys.project(projectId), 'unlink-dataset'],
      mutationFn: unlinkDataset,
      meta: { invalidates: [projectsKeys.sharedDatasets(projectId)] },
    }),
  startSession: (projectId: string) =>
    mutationOptions({
      mutationKey: [...projectsKeys.project(projectId), 'start-session'],
      mutationFn: startWorkspaceSession,
      meta: { invalidates: [projectsKeys.workspaces(projectId)] },
    }),
  stopSession: (projectId: string) =>
    mutationOptions({
      mutationKey: [...projectsKeys.project(projectId), 'stop-session'],
      mutationFn: stopWorkspaceSession,
      meta: { invalidates: [projectsKeys.workspaces(projectId)] },
    }),
};
