// A model's stage history (the `model-stage-history` extension): every change, newest first, and
// which version was in each stage at a chosen time (now, by default).
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorDetails } from '../../api/error-details';
import { modelsQueries } from '../../api/models';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { inputClasses } from '../../components/field';
import { PageSection } from '../../components/page-section';
import { TableSkeleton } from '../../components/skeleton';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { dateTime } from '../../lib/dates';
import { reviewerName, StageBadge } from './model-format';

export const CAUSE_LABELS: Record<string, string> = { direct: 'Moved directly', review: 'By an approved review', displaced: 'Displaced by another version' };

/** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local input holds it. */
function localInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function StageHistory({ modelName, at, onAt }: { modelName: string; at: string; onAt: (at: string) => void }) {
  // "Now" is fixed when the panel opens, so the occupants query keeps one key while it is shown.
  const [now] = useState(() => new Date().toISOString());
  const when = at && !Number.isNaN(Date.parse(at)) ? at : now;
  const history = useQuery(modelsQueries.stageHistory(modelName, when));
  const inputId = useId();
  const [draft, setDraft] = useState(() => localInput(when));

  if (history.isPending) return <TableSkeleton rows={3} columns={5} label="Loading the stage history…" />;
  if (history.isError) return <ErrorPanel details={errorDetails(history.error)} onRetry={() => void history.refetch()} />;
  const changes = [...history.data.items].reverse();
  const occupants = history.data.occupants ?? [];
  return (
    <div className="space-y-6">
      <PageSection title={at ? `Stages at ${dateTime.format(new Date(when))}` : 'Stages now'}>
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            const parsed = new Date(draft);
            if (!Number.isNaN(parsed.getTime())) onAt(parsed.toISOString());
          }}
        >
          <div>
            <label htmlFor={inputId} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
              Which version was in each stage at
            </label>
            <input
              id={inputId}
              type="datetime-local"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              className={`${inputClasses} mt-1 w-auto`}
            />
          </div>
          <Button type="submit">Show</Button>
          {at ? <Button onClick={() => onAt('')}>Now</Button> : null}
        </form>
        {occupants.length === 0 ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">No version was in a stage other than None then.</p>
        ) : (
          <Table caption="Versions by stage">
            <TableHead>
              <Th>Stage</Th>
              <Th>Version</Th>
            </TableHead>
            <TableBody>
              {occupants.map((occupant) => (
                <tr key={`${occupant.stage}-${occupant.modelVersion}`}>
                  <Td>
                    <StageBadge stage={occupant.stage} />
                  </Td>
                  <Td>v{occupant.modelVersion}</Td>
                </tr>
              ))}
            </TableBody>
          </Table>
        )}
      </PageSection>
      <PageSection title="Every stage change">
        {changes.length === 0 ? (
          <EmptyState title="No stage changes yet">Every version starts in None; moves, approvals and displacements appear here.</EmptyState>
        ) : (
          <Table caption="Stage changes, newest first">
            <TableHead>
              <Th>When</Th>
              <Th>Version</Th>
              <Th>From</Th>
              <Th>To</Th>
              <Th>How</Th>
              <Th>By</Th>
            </TableHead>
            <TableBody>
              {changes.map((change, index) => (
                <tr key={`${change.at}-${change.modelVersion}-${index}`}>
                  <Td>{dateTime.format(new Date(change.at))}</Td>
                  <Td>v{change.modelVersion}</Td>
                  <Td>
                    <StageBadge stage={change.fromStage} />
                  </Td>
                  <Td>
                    <StageBadge stage={change.toStage} />
                  </Td>
                  <Td>{CAUSE_LABELS[change.cause] ?? change.cause}</Td>
                  <Td>{reviewerName(change.by)}</Td>
                </tr>
              ))}
            </TableBody>
          </Table>
        )}
      </PageSection>
    </div>
  );
}
