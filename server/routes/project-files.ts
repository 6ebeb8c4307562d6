// Project files: the reference's file-contents endpoint, and the embedded-only extensions the
// dashboard's Files tab uses (directory listing, commit log, upload) plus status, workspaces,
// editing a project and restoring archived ones.
import { projectFilesEndpoints } from '../../src/api/schemas/project-files';
import { metadata, paginatedMetadata } from '../http/envelopes';
import { defineRoute, type RouteRegistrar } from '../http/route';
import { commitFile, commitLog, directoryListing, fileContent, projectStatusFor } from '../services/project-files';
import { setProjectBillingTag } from '../services/billing-tags';
import { archivedProjectsPage, toProjectV1, unarchiveProject, updateProjectDetails } from '../services/projects';
import { listWorkspaces, stopWorkspaceSession } from '../services/workspaces';

/** Largest file the upload endpoint takes. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export const registerProjectFileRoutes: RouteRegistrar = (app, ctx, options) => {
  defineRoute(app, options, projectFilesEndpoints.getProjectFileContents, {
    access: 'user',
    handler: async ({ params, user }) => {
      const file = await fileContent(ctx, user, params.projectId, params.commitId, params.path);
      return {
        body: file.stream,
        contentType: file.contentType,
        headers: {
          'content-length': String(file.size),
          'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`,
          'x-content-type-options': 'nosniff',
          'content-security-policy': 'sandbox',
          'cache-control': 'private, max-age=31536000, immutable',
        },
      };
    },
  });

  defineRoute(app, options, projectFilesEndpoints.listDirectory, {
    access: 'user',
    handler: async ({ params, query, user, requestId }) => ({
      ...(await directoryListing(ctx, user, params.projectId, params.commitRef, query.path)),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, projectFilesEndpoints.listCommits, {
    access: 'user',
    handler: async ({ params, query, user, requestId }) => ({ ...(await commitLog(ctx, user, params.projectId, query)), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, projectFilesEndpoints.commitFile, {
    access: 'user',
    bodyLimit: MAX_UPLOAD_BYTES,
    handler: async ({ params, query, body, user, requestId }) => ({
      ...(await commitFile(ctx, user, params.projectId, { ...query, content: body })),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, projectFilesEndpoints.getProjectStatus, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({ ...projectStatusFor(ctx, user, params.projectId), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, projectFilesEndpoints.listWorkspaces, {
    access: 'user',
    handler: ({ params, query, user, requestId }) => {
      const { workspaces, page } = listWorkspaces(ctx, user, params.projectId, query);
      return { workspaces, metadata: paginatedMetadata(requestId, page) };
    },
  });

  defineRoute(app, options, projectFilesEndpoints.updateProject, {
    access: 'user',
    handler: ({ params, body, user, requestId }) => ({
      project: toProjectV1(ctx, updateProjectDetails(ctx, user, params.projectId, body)),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, projectFilesEndpoints.setProjectBillingTag, {
    access: 'user',
    handler: ({ params, body, user, requestId }) => ({
      project: toProjectV1(ctx, setProjectBillingTag(ctx, user, params.projectId, body.billingTag)),
      metadata: metadata(requestId),
    }),
  });

  defineRoute(app, options, projectFilesEndpoints.listArchivedProjects, {
    access: 'user',
    handler: ({ query, user, requestId }) => {
      const { archivedProjects, page } = archivedProjectsPage(ctx, user, query);
      return { archivedProjects, metadata: paginatedMetadata(requestId, page) };
    },
  });

  defineRoute(app, options, projectFilesEndpoints.unarchiveProject, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({ project: toProjectV1(ctx, unarchiveProject(ctx, user, params.projectId)), metadata: metadata(requestId) }),
  });

  defineRoute(app, options, projectFilesEndpoints.stopWorkspaceSession, {
    access: 'user',
    handler: ({ params, user, requestId }) => ({ session: stopWorkspaceSession(ctx, user, params.projectId, params.sessionId), metadata: metadata(requestId) }),
  });
};
