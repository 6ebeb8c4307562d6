import { useQuery } from '@tanstack/react-query';
import { hardwareTiersQueries } from '../../api/hardware-tiers';
import type { JobSortField, JobV1 } from '../../api/schemas/jobs';
import { usersQueries } from '../../api/users';
import { SortHeader } from '../../components/sort-header';
import { Table, TableBody, TableHead } from '../../components/table';
import { JobRow } from './job-row';
import type { JobListState } from './jobs-search';
import { sortDirectionOf } from './jobs-sort';

// At most this many dominoStats columns: past that the table no longer fits a laptop screen.
const MAX_STAT_COLUMNS = 3;

const HEADER = 'px-3 py-2.5';

/** The dominoStats names on this page of jobs, in first-seen order, for the optional stat columns. */
export function statNames(jobs: readonly Pick<JobV1, 'dominoStats'>[], max = MAX_STAT_COLUMNS): string[] {
  const names: string[] = [];
  for (const job of jobs) {
    for (const stat of job.dominoStats) {
      if (!names.includes(stat.name)) names.push(stat.name);
      if (names.length >= max) return names;
    }
  }
  return names;
}

export interface JobsTableProps {
  jobs: readonly JobV1[];
  projectId: string;
  projectName: string | undefined;
  state: JobListState;
  now: number;
  onSort: (sortBy: JobSortField, statsField?: string) => void;
}

/** One page of jobs; every column but Tier and Tags sorts on the server from its header. */
export function JobsTable({ jobs, projectId, projectName, state, now, onSort }: JobsTableProps) {
  const directory = useQuery(usersQueries.directory());
  const tiers = useQuery(hardwareTiersQueries.all());
  const usersById = new Map((directory.data ?? []).map((user) => [user.id, user]));
  const tierNames = new Map(tiers.data?.available ? tiers.data.tiers.map((tier) => [tier.id, tier.name]) : []);
  const stats = state.showStats ? statNames(jobs) : [];
  const header = (label: string, sortBy: JobSortField, className = '', statsField?: string) => (
    <SortHeader
      key={statsField ?? sortBy}
      label={label}
      direction={sortDirectionOf(state, sortBy, statsField)}
      onSort={() => onSort(sortBy, statsField)}
      className={`${HEADER} ${className}`}
    />
  );

  return (
    <Table caption={`Jobs${projectName ? ` of ${projectName}` : ''}, page ${state.page}`}>
      <TableHead>
        {header('#', 'number', 'w-14')}
        {header('Job', 'title')}
        {header('Status', 'status')}
        {header('Started', 'startedTime')}
        {/* Below 1280 px the duration sits under the status, and the tier only on the job's page. */}
        {header('Duration', 'duration', 'hidden xl:table-cell')}
        <th scope="col" className={`${HEADER} font-semibold hidden xl:table-cell`}>
          Tier
        </th>
        <th scope="col" className={`${HEADER} font-semibold`}>
          Tags
        </th>
        {stats.map((name) => header(name, 'dominoStatsField', 'text-right', name))}
      </TableHead>
      <TableBody>
        {jobs.map((job) => (
          <JobRow
            key={job.id}
            job={job}
            projectId={projectId}
            now={now}
            user={job.startedById ? usersById.get(job.startedById) : undefined}
            usersPending={directory.isPending}
            tierName={job.hardwareTierId ? tierNames.get(job.hardwareTierId) : undefined}
            stats={stats}
          />
        ))}
      </TableBody>
    </Table>
  );
}
