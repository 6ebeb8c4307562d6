import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { errorDetails } from '../../api/error-details';
import { modelsQueries } from '../../api/models';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { PageSection } from '../../components/page-section';
import { TableSkeleton } from '../../components/skeleton';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { dateTime } from '../../lib/dates';
import { decisionLabel, linkClasses, reviewerName, StageBadge } from './model-format';

export default function ReviewInboxList() {
  const inbox = useQuery(modelsQueries.inbox());
  let body;
  if (inbox.isPending) body = <TableSkeleton rows={2} columns={5} label="Loading the reviews waiting for you…" />;
  else if (inbox.isError) body = <ErrorPanel details={errorDetails(inbox.error)} onRetry={() => void inbox.refetch()} />;
  else if (inbox.data.items.length === 0)
    body = <EmptyState title="Nothing waits for your review">Model reviews that name you as a reviewer appear here.</EmptyState>;
  else
    body = (
      <Table caption="Model reviews waiting for you">
        <TableHead>
          <Th>Model version</Th>
          <Th>Project</Th>
          <Th>Requested by</Th>
          <Th>Move</Th>
          <Th>Your decision</Th>
          <Th>Requested</Th>
        </TableHead>
        <TableBody>
          {inbox.data.items.map((item) => (
            <tr key={item.review.modelReviewId}>
              <Td>
                <Link
                  to="/models/$modelName/versions/$version"
                  params={{ modelName: item.modelName, version: String(item.modelVersion) }}
                  search={{ tab: 'review' }}
                  className={linkClasses}
                >
                  {item.modelName} v{item.modelVersion}
                </Link>
              </Td>
              <Td>
                {item.project.ownerUsername}/{item.project.name}
              </Td>
              <Td>{reviewerName(item.requestedBy)}</Td>
              <Td>
                <span className="flex flex-wrap items-center gap-1">
                  <StageBadge stage={item.currentStage} />
                  <span aria-hidden="true">→</span>
                  <span className="sr-only">to</span>
                  <StageBadge stage={item.review.targetStage} />
                </span>
              </Td>
              <Td>{decisionLabel(item.myDecision)}</Td>
              <Td>{dateTime.format(new Date(item.requestedAt))}</Td>
            </tr>
          ))}
        </TableBody>
      </Table>
    );
  return <PageSection title="Needs my review">{body}</PageSection>;
}
