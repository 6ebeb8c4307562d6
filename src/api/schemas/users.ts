// Users: /api/users/v1/self, /api/users/v1/users, /api/users/beta/credentials/{userId}.
import { z } from 'zod';
import { looseEnum, MetadataV1Schema, objectIdParams, PaginatedMetadataV1Schema, paginationQuery } from './common';
import { endpoint } from './endpoint';

export const UserV1Schema = z.object({
  id: z.string(),
  userName: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  fullName: z.string(),
  avatarUrl: z.string(),
  email: z.string().optional(),
  phoneNumber: z.string().optional(),
  companyName: z.string().optional(),
});
export type UserV1 = z.output<typeof UserV1Schema>;

export const UserEnvelopeV1Schema = z.object({ user: UserV1Schema, metadata: MetadataV1Schema });

export const PaginatedUserEnvelopeV1Schema = z.object({
  users: z.array(UserV1Schema),
  metadata: PaginatedMetadataV1Schema,
});

export const ListUsersQuerySchema = paginationQuery();

export const GIT_SERVICE_PROVIDERS = ['bitbucket', 'bitbucketServer', 'github', 'githubEnterprise', 'gitLab', 'gitLabEnterprise', 'unknown'] as const;
export const GitServiceProviderV1Schema = looseEnum(GIT_SERVICE_PROVIDERS);

export const GitCredentialsAccessorV1Schema = z.object({
  id: z.string(),
  name: z.string(),
  gitServiceProvider: GitServiceProviderV1Schema,
  domain: z.string(),
  fingerprint: z.string(),
  protocol: z.string(),
});
export type GitCredentialsAccessorV1 = z.output<typeof GitCredentialsAccessorV1Schema>;

export const PaginatedGitCredentialsAccessorEnvelopeV1Schema = z.object({
  credentials: z.array(GitCredentialsAccessorV1Schema),
  metadata: MetadataV1Schema,
});

export const usersEndpoints = {
  getCurrentUser: endpoint({ method: 'GET', path: '/api/users/v1/self', family: 'users', source: 'reference', response: UserEnvelopeV1Schema }),
  getVisibleUsers: endpoint({
    method: 'GET',
    path: '/api/users/v1/users',
    family: 'users',
    source: 'reference',
    query: ListUsersQuerySchema,
    response: PaginatedUserEnvelopeV1Schema,
  }),
  getUserGitCreds: endpoint({
    method: 'GET',
    path: '/api/users/beta/credentials/{userId}',
    family: 'users',
    source: 'reference',
    params: objectIdParams('userId'),
    response: PaginatedGitCredentialsAccessorEnvelopeV1Schema,
  }),
};
