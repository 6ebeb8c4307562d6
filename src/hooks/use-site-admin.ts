// Whether the person acting is a site administrator. The embedded Domino says so in its info
// (already loaded by the frame); a real Domino has no such flag, so there it shows only in whether
// the admins-only organizations/all answers — asked once, with the organizations module loaded
// only then. undefined while unknown.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { embeddedQueries } from '../api/embedded';

const siteAdminProbe = () =>
  queryOptions({
    queryKey: ['site-admin-probe'] as const,
    queryFn: async ({ signal }) => (await import('../api/organizations')).probeCanListAllOrganizations(signal),
    staleTime: Infinity,
  });

export function useIsSiteAdmin(): boolean | undefined {
  const info = useQuery(embeddedQueries.info());
  const probe = useQuery({ ...siteAdminProbe(), enabled: info.data !== undefined && !info.data.embedded });
  if (!info.data) return undefined;
  return info.data.embedded ? info.data.callerIsAdmin : probe.data;
}
