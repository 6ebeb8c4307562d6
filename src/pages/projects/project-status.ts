// Status changes of a project (block, unblock, complete, reopen) as the full status Domino expects.
import type { ProjectStatusV1 } from '../../api/schemas/projects';

export type StatusChange = 'block' | 'unblock' | 'complete' | 'reopen';

export const STATUS_CHANGE_WORDS: Record<StatusChange, { done: string; failed: string }> = {
  block: { done: 'Marked the project as blocked', failed: 'Could not mark the project as blocked' },
  unblock: { done: 'The project is no longer blocked', failed: 'Could not unblock the project' },
  complete: { done: 'Marked the project as complete', failed: 'Could not mark the project as complete' },
  reopen: { done: 'Reopened the project', failed: 'Could not reopen the project' },
};

/** The full status to PUT for a change: Domino replaces the whole status, so the other half is kept. */
export function nextStatus(current: ProjectStatusV1, change: StatusChange, text = ''): ProjectStatusV1 {
  const keepBlocked = current.isBlocked ? { isBlocked: true, blockedReason: current.blockedReason } : { isBlocked: false };
  const keepComplete =
    current.status === 'complete' ? { status: 'complete' as const, completedMessage: current.completedMessage } : { status: 'active' as const };
  switch (change) {
    case 'block':
      return { ...keepComplete, isBlocked: true, blockedReason: text.trim() };
    case 'unblock':
      return { ...keepComplete, isBlocked: false };
    case 'complete':
      return { ...keepBlocked, status: 'complete', ...(text.trim() ? { completedMessage: text.trim() } : {}) };
    case 'reopen':
      return { ...keepBlocked, status: 'active' };
  }
}
