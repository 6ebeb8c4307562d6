// The alerts of a model's metric (the `metric-alerts` extension): those sent through
// POST /api/metricAlerts/v1 and those raised by logged values outside the configured range.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/error-details';
import { monitoringQueries } from '../../api/monitoring';
import { Badge } from '../../components/badge';
import { EmptyState } from '../../components/empty-state';
import { FilterCheckbox } from '../../components/filter-checkbox';
import { InlineAlert } from '../../components/inline-alert';
import { Pagination } from '../../components/pagination';
import { TableSkeleton } from '../../components/skeleton';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { useLocalPagination } from '../../hooks/use-local-pagination';
import { dateTime } from '../../lib/dates';
import { describeRange } from './target-range';

const PAGE_SIZES = [10, 25] as const;

export function AlertsSection({ modelMonitoringId, metric }: { modelMonitoringId: string; metric: string }) {
  const [includeInRange, setIncludeInRange] = useState(false);
  const paging = useLocalPagination(PAGE_SIZES);
  const alerts = useQuery({
    ...monitoringQueries.alerts({ modelMonitoringId, metric, outOfRangeOnly: !includeInRange, offset: paging.offset, limit: paging.limit }),
    placeholderData: keepPreviousData,
  });

  let body;
  if (alerts.isPending) body = <TableSkeleton rows={3} columns={5} label="Loading alerts…" />;
  else if (alerts.isError) body = <InlineAlert title="The alerts could not be loaded">{errorMessage(alerts.error)}</InlineAlert>;
  else if (alerts.data.alerts.length === 0 && paging.offset === 0)
    body = (
      <EmptyState title="No alerts">
        {includeInRange ? 'No alert was recorded for this metric.' : 'No value of this metric was out of its target range.'}
      </EmptyState>
    );
  else
    body = (
      <div className="space-y-3">
        <Table caption={`Alerts of ${metric}`}>
          <TableHead>
            <Th>When</Th>
            <Th>Value</Th>
            <Th>Target range</Th>
            <Th>In range</Th>
            <Th>From</Th>
          </TableHead>
          <TableBody>
            {alerts.data.alerts.map((alert) => (
              <tr key={alert.id}>
                <Td>{dateTime.format(new Date(alert.referenceTimestamp ?? alert.createdAt))}</Td>
                <Td className="font-mono">{alert.value}</Td>
                <Td>{describeRange(alert.targetRange)}</Td>
                <Td>{alert.inRange ? <Badge tone="green">In range</Badge> : <Badge tone="amber">▲ Out of range</Badge>}</Td>
                <Td>
                  {alert.source === 'loggedValue' ? 'A logged value' : 'An alert request'}
                  {alert.description ? <span className="block text-xs text-slate-600 dark:text-slate-400">{alert.description}</span> : null}
                </Td>
              </tr>
            ))}
          </TableBody>
        </Table>
        <Pagination
          {...paging.pagination}
          itemCount={alerts.data.alerts.length}
          totalCount={alerts.data.pagination.totalCount}
          noun="alerts"
          busy={alerts.isPlaceholderData}
        />
      </div>
    );

  return (
    <div className="space-y-3">
      <FilterCheckbox
        label="Include alerts whose value was in range"
        checked={includeInRange}
        onChange={(checked) => {
          setIncludeInRange(checked);
          paging.reset();
        }}
      />
      {body}
    </div>
  );
}
