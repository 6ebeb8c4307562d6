import { describe, expect, it } from 'vitest';
import { permissionsFor } from './project-permissions';
import { nextStatus } from './project-status';

const project = {
  ownerId: 'owner',
  collaborators: [
    { id: 'c', role: 'contributor' as const },
    { id: 'r', role: 'resultsConsumer' as const },
  ],
};

describe('permissionsFor', () => {
  it('follows the server-provided role', () => {
    expect(permissionsFor({ project, selfId: 'x', yourRole: 'admin' })).toMatchObject({
      role: 'admin',
      known: true,
      canEdit: true,
      canManage: true,
      canLaunch: true,
    });
    expect(permissionsFor({ project, selfId: 'x', yourRole: 'contributor' })).toMatchObject({ canEdit: true, canManage: false, canLaunch: true });
    expect(permissionsFor({ project, selfId: 'x', yourRole: 'launcherUser' })).toMatchObject({ canEdit: false, canManage: false, canLaunch: true });
    expect(permissionsFor({ project, selfId: 'x', yourRole: 'none' })).toMatchObject({ canEdit: false, canManage: false, canLaunch: false });
  });

  it('without the extension, reads the role from the project and otherwise leaves it to the API', () => {
    expect(permissionsFor({ project, selfId: 'owner' })).toMatchObject({ role: 'owner', known: false, canManage: true });
    expect(permissionsFor({ project, selfId: 'r' })).toMatchObject({ role: 'resultsConsumer', canEdit: false, canLaunch: false });
    expect(permissionsFor({ project, selfId: 'stranger' })).toMatchObject({ role: undefined, canEdit: true, canManage: true });
  });

  it('makes an archived project read-only for everyone', () => {
    expect(permissionsFor({ project, selfId: 'owner', yourRole: 'owner', archived: true })).toMatchObject({
      canEdit: false,
      canManage: false,
      canLaunch: false,
      archived: true,
    });
  });
});

describe('nextStatus', () => {
  const active = { status: 'active' as const, isBlocked: false };
  const blockedComplete = { status: 'complete' as const, isBlocked: true, blockedReason: 'waiting for data', completedMessage: 'shipped' };

  it('blocks with a trimmed reason, keeping completion', () => {
    expect(nextStatus(active, 'block', '  no data  ')).toEqual({ status: 'active', isBlocked: true, blockedReason: 'no data' });
    expect(nextStatus({ status: 'complete', isBlocked: false, completedMessage: 'done' }, 'block', 'x')).toEqual({
      status: 'complete',
      completedMessage: 'done',
      isBlocked: true,
      blockedReason: 'x',
    });
  });

  it('unblocks and reopens without touching the other half', () => {
    expect(nextStatus(blockedComplete, 'unblock')).toEqual({ status: 'complete', completedMessage: 'shipped', isBlocked: false });
    expect(nextStatus(blockedComplete, 'reopen')).toEqual({ status: 'active', isBlocked: true, blockedReason: 'waiting for data' });
  });

  it('completes with an optional message', () => {
    expect(nextStatus(active, 'complete')).toEqual({ status: 'complete', isBlocked: false });
    expect(nextStatus(active, 'complete', ' released v2 ')).toEqual({ status: 'complete', isBlocked: false, completedMessage: 'released v2' });
  });
});
