// The Model APIs the registry says serve a model or a version (an empty list until this Domino
// serves Model APIs). Their own pages belong to the Model APIs family; here they are listed and linked.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { errorDetails } from '../../api/error-details';
import { modelsQueries } from '../../api/models';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { TableSkeleton } from '../../components/skeleton';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { dateTime } from '../../lib/dates';
import { linkClasses } from './model-format';

/** The model's Model APIs, or (with `version`) those serving that version. */
export function ModelApisList({ modelName, version, empty }: { modelName: string; version?: number; empty: string }) {
  const model = useQuery({ ...modelsQueries.modelApis(modelName), enabled: version === undefined });
  const ofVersion = useQuery({ ...modelsQueries.versionModelApis(modelName, version ?? 0), enabled: version !== undefined });
  const apis = version === undefined ? model : ofVersion;
  if (apis.isPending) return <TableSkeleton rows={1} columns={4} label="Loading Model APIs…" />;
  if (apis.isError) return <ErrorPanel details={errorDetails(apis.error)} onRetry={() => void apis.refetch()} />;
  if (apis.data.length === 0) return <EmptyState title="No Model APIs">{empty}</EmptyState>;
  return (
    <Table caption="Model APIs">
      <TableHead>
        <Th>Name</Th>
        <Th>Active version</Th>
        <Th>Status</Th>
        <Th>Updated</Th>
      </TableHead>
      <TableBody>
        {apis.data.map((api) => (
          <tr key={api.id}>
            <Td>
              <Link to="/model-apis/$modelApiId" params={{ modelApiId: api.id }} className={linkClasses}>
                {api.name}
              </Link>
              {api.description ? <p className="text-xs text-slate-600 dark:text-slate-400">{api.description}</p> : null}
            </Td>
            <Td>{api.activeVersionNumber !== undefined ? `v${api.activeVersionNumber}` : '—'}</Td>
            <Td>{api.activeVersionStatus ?? '—'}</Td>
            <Td>{dateTime.format(new Date(api.updatedAt))}</Td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
