import type { GIT_SERVICE_PROVIDERS } from '../api/schemas/users';

type GitServiceProvider = (typeof GIT_SERVICE_PROVIDERS)[number];

/** How each git service provider of the contract is named on screen. */
export const GIT_PROVIDER_LABELS: Record<GitServiceProvider, string> = {
  github: 'GitHub',
  githubEnterprise: 'GitHub Enterprise',
  gitLab: 'GitLab',
  gitLabEnterprise: 'GitLab Enterprise',
  bitbucket: 'Bitbucket',
  bitbucketServer: 'Bitbucket Server',
  unknown: 'Other',
};
