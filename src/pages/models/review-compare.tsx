// Inside a review: this version's run parameters and metrics beside the version now in the
// review's target stage, each differing row marked in words and by a sign (not by colour alone),
// with "show differences only".
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { embeddedQueries, hasExtension } from '../../api/embedded';
import { errorDetails } from '../../api/error-details';
import { modelsQueries } from '../../api/models';
import type { RegisteredModelVersionDetailsV1 } from '../../api/schemas/models';
import { ErrorPanel } from '../../components/error-panel';
import { TableSkeleton } from '../../components/skeleton';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { formatMetric } from './model-format';

export interface CompareRow {
  kind: 'Parameter' | 'Metric';
  key: string;
  mine: string | undefined;
  theirs: string | undefined;
  differs: boolean;
}

/** The rows of the comparison: every parameter and metric either version has, parameters first. */
export function compareRows(mine: RegisteredModelVersionDetailsV1, theirs: RegisteredModelVersionDetailsV1 | undefined): CompareRow[] {
  const rows: CompareRow[] = [];
  const add = (kind: CompareRow['kind'], a: Map<string, string>, b: Map<string, string>) => {
    for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
      const left = a.get(key);
      const right = b.get(key);
      rows.push({ kind, key, mine: left, theirs: right, differs: left !== right });
    }
  };
  const params = (version: RegisteredModelVersionDetailsV1 | undefined) =>
    new Map((version?.versionUiDetails.experimentRunInfo.params ?? []).map((p) => [p.key, p.value]));
  const metrics = (version: RegisteredModelVersionDetailsV1 | undefined) =>
    new Map((version?.versionUiDetails.experimentRunInfo.metrics ?? []).map((m) => [m.key, formatMetric(m.value)]));
  add('Parameter', params(mine), params(theirs));
  add('Metric', metrics(mine), metrics(theirs));
  return rows;
}

/** Which version is in `stage` now: from the stage history where the server has it, else by asking each version (a model has tens). */
function useOccupant(modelName: string, stage: string): { version: number | undefined; pending: boolean; error: unknown } {
  const info = useQuery(embeddedQueries.info());
  const withHistory = hasExtension(info.data, 'model-stage-history');
  const now = useQuery({ ...modelsQueries.stageHistory(modelName, undefined), enabled: withHistory });
  // One query for them all, not useQueries: that hook would cost the shared framework chunk a kilobyte.
  const every = useQuery({ ...modelsQueries.everyVersion(modelName), enabled: info.isSuccess && !withHistory });
  if (withHistory) {
    if (now.isPending) return { version: undefined, pending: true, error: null };
    if (now.isError) return { version: undefined, pending: false, error: now.error };
    // The history without `at` has no occupants: replay the changes to find who is in the stage now.
    const stageOf = new Map<number, string>();
    for (const change of now.data.items) stageOf.set(change.modelVersion, change.toStage);
    const found = [...stageOf].find(([, label]) => label.toLowerCase() === stage.toLowerCase());
    return { version: found?.[0], pending: false, error: null };
  }
  if (info.isPending || every.isPending) return { version: undefined, pending: true, error: null };
  if (every.isError) return { version: undefined, pending: false, error: every.error };
  const found = every.data.find((details) => details.currentStage.toLowerCase() === stage.toLowerCase());
  return { version: found?.modelVersion, pending: false, error: null };
}

export function ReviewCompare({
  version,
  targetStage,
  differencesOnly,
  onDifferencesOnly,
}: {
  version: RegisteredModelVersionDetailsV1;
  targetStage: string;
  differencesOnly: boolean;
  onDifferencesOnly: (value: boolean) => void;
}) {
  const occupant = useOccupant(version.modelName, targetStage);
  const other = useQuery({ ...modelsQueries.version(version.modelName, occupant.version ?? 0), enabled: occupant.version !== undefined });
  const checkboxId = useId();
  if (occupant.pending || (occupant.version !== undefined && other.isPending)) return <TableSkeleton rows={3} columns={4} label="Loading the comparison…" />;
  const error = occupant.error ?? other.error;
  if (error) return <ErrorPanel details={errorDetails(error)} onRetry={() => void other.refetch()} />;
  const theirs = occupant.version !== undefined && occupant.version !== version.modelVersion ? other.data : undefined;
  const rows = compareRows(version, theirs);
  const shown = differencesOnly ? rows.filter((row) => row.differs) : rows;
  const differing = rows.filter((row) => row.differs).length;
  const theirsLabel = theirs ? `v${theirs.modelVersion}, now in ${targetStage}` : `In ${targetStage} now`;

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {theirs
          ? `Compared with version ${theirs.modelVersion}, which is in ${targetStage} now: ${differing} of ${rows.length} values differ.`
          : `No version is in ${targetStage} now: these are this version's values alone.`}
      </p>
      <div className="flex items-center gap-2">
        <input
          id={checkboxId}
          type="checkbox"
          checked={differencesOnly}
          onChange={(event) => onDifferencesOnly(event.target.checked)}
          className="h-4 w-4 rounded border-slate-400"
        />
        <label htmlFor={checkboxId} className="text-sm text-slate-800 dark:text-slate-200">
          Show differences only
        </label>
      </div>
      {shown.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">{rows.length === 0 ? 'Neither run logged parameters or metrics.' : 'No value differs.'}</p>
      ) : (
        <Table caption={`Version ${version.modelVersion} compared with the version in ${targetStage}`}>
          <TableHead>
            <Th>Kind</Th>
            <Th>Name</Th>
            <Th>{`This version (v${version.modelVersion})`}</Th>
            <Th>{theirsLabel}</Th>
            <Th>Same?</Th>
          </TableHead>
          <TableBody>
            {shown.map((row) => (
              <tr key={`${row.kind}-${row.key}`} className={row.differs && theirs ? 'bg-amber-50 font-semibold dark:bg-amber-950' : undefined}>
                <Td>{row.kind}</Td>
                <Td className="font-mono text-xs">{row.key}</Td>
                <Td className="font-mono text-xs">{row.mine ?? '—'}</Td>
                <Td className="font-mono text-xs">{theirs ? (row.theirs ?? '—') : '—'}</Td>
                <Td>{!theirs ? '—' : row.differs ? <span>≠ Differs</span> : <span className="font-normal">= Same</span>}</Td>
              </tr>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
