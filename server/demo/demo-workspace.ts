// What the demo's seeding steps share: its people, how one of them acts, and the setting that
// marks a data dir as holding the demo workspace.
import type { KeyOwner } from '../db/api-keys-repository';
import type { UserRow } from '../db/users-repository';

export const DEMO_SETTING = 'demo.createdAt';

export const DEMO_USERS = [
  { userName: 'maya.chen', firstName: 'Maya', lastName: 'Chen', email: 'maya.chen@example.com' },
  { userName: 'omar.haddad', firstName: 'Omar', lastName: 'Haddad', email: 'omar.haddad@example.com' },
  { userName: 'lena.fischer', firstName: 'Lena', lastName: 'Fischer', email: 'lena.fischer@example.com' },
  { userName: 'raj.patel', firstName: 'Raj', lastName: 'Patel', email: 'raj.patel@example.com' },
  { userName: 'sofia.rossi', firstName: 'Sofia', lastName: 'Rossi', email: 'sofia.rossi@example.com' },
  { userName: 'tomas.novak', firstName: 'Tomás', lastName: 'Novák', email: 'tomas.novak@example.com' },
  { userName: 'aiko.tanaka', firstName: 'Aiko', lastName: 'Tanaka', email: 'aiko.tanaka@example.com' },
  { userName: 'grace.okafor', firstName: 'Grace', lastName: 'Okafor', email: 'grace.okafor@example.com' },
] as const;

export const asActor = (user: UserRow): KeyOwner => ({ id: user.id, userName: user.userName, isAdmin: user.isAdmin });

export interface DemoWorkspace {
  users: Record<(typeof DEMO_USERS)[number]['userName'], UserRow>;
}
