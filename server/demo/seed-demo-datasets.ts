// Demo datasets: real CSV, JSON and text files, several snapshots and tags, shared across
// projects, granted to users and to an organization — and a job that reads one dataset and
// writes another. All through the datasets services, as the API would do it.
import { Readable } from 'node:stream';
import type { ServerContext } from '../context';
import type { UserRow } from '../db/users-repository';
import { addGrant, addTag, createDataset, createSnapshot, storageDrained, uploadFile } from '../services/datasets';
import { commitFile } from '../services/project-files';
import { linkSharedDataset } from '../services/projects';
import { startJob } from '../services/jobs';
import { asActor, type DemoWorkspace } from './demo-workspace';

function csv(header: string, rows: Array<Array<string | number>>): string {
  return `${header}\n${rows.map((row) => row.join(',')).join('\n')}\n`;
}

function monthOfFeatures(month: string, seed: number): string {
  const rows = Array.from({ length: 40 }, (_, i) => {
    const tenure = 1 + ((i * 7 + seed) % 60);
    const spend = (20 + ((i * 13 + seed * 3) % 90) + 0.5).toFixed(2);
    const tickets = (i + seed) % 5;
    return [`C${String(1000 + i).padStart(5, '0')}`, month, tenure, spend, tickets, tickets > 2 || tenure < 6 ? 1 : 0];
  });
  return csv('customer_id,month,tenure_months,monthly_spend,support_tickets,churned', rows);
}

const EVENTS = csv(
  'event_id,customer_id,event,amount,occurred_at',
  Array.from({ length: 60 }, (_, i) => [
    `E${9000 + i}`,
    `C${String(1000 + (i % 40)).padStart(5, '0')}`,
    ['login', 'payment', 'support_call', 'plan_change'][i % 4]!,
    i % 4 === 1 ? (15 + (i % 9) * 4.25).toFixed(2) : '',
    `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T${String(8 + (i % 10)).padStart(2, '0')}:00:00Z`,
  ]),
);

const SALES = csv(
  'store,date,units,revenue',
  Array.from({ length: 56 }, (_, i) => [
    `S${1 + (i % 4)}`,
    `2026-10-${String(1 + Math.floor(i / 2)).padStart(2, '0')}`,
    80 + ((i * 17) % 60),
    (1200 + ((i * 91) % 800)).toFixed(2),
  ]),
);

/** The demo job: reads the shared events dataset, writes this month's features into its own. */
const PREPARE_FEATURES_PY = `"""Counts each customer's events (shared dataset, read-only) into features (own dataset, writable)."""
import csv, collections, os

root = os.environ["DOMINO_DATASETS_DIR"]
counts = collections.Counter()
with open(os.path.join(root, "customer-events", "events.csv")) as f:
    for row in csv.DictReader(f):
        counts[row["customer_id"]] += 1
out_dir = os.path.join(root, "local", "churn-features", "features")
os.makedirs(out_dir, exist_ok=True)
with open(os.path.join(out_dir, "event-counts.csv"), "w", newline="") as f:
    writer = csv.writer(f, lineterminator="\\n")
    writer.writerow(["customer_id", "events"])
    for customer, n in sorted(counts.items()):
        writer.writerow([customer, n])
print(f"wrote event counts for {len(counts)} customers")
`;

async function put(ctx: ServerContext, owner: UserRow, datasetId: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) await uploadFile(ctx, asActor(owner), datasetId, file, Readable.from([Buffer.from(content)]), undefined);
}

async function snapshot(ctx: ServerContext, owner: UserRow, datasetId: string, paths: string[] = []): Promise<string> {
  const taken = await createSnapshot(ctx, asActor(owner), datasetId, paths);
  await storageDrained(ctx);
  return taken.id;
}

function projectNamed(ctx: ServerContext, name: string) {
  return ctx.db.prepare<[string], { id: string }>('SELECT id FROM projects WHERE name = ? AND is_archived = 0').get(name);
}

export async function seedDemoDatasets(ctx: ServerContext, users: DemoWorkspace['users']): Promise<void> {
  const churn = projectNamed(ctx, 'customer-churn');
  const credit = projectNamed(ctx, 'credit-risk-scoring');
  const demand = projectNamed(ctx, 'demand-forecasting');
  if (!churn || !credit || !demand) return;
  const maya = users['maya.chen'];
  const omar = users['omar.haddad'];
  const sofia = users['sofia.rossi'];
  const risk = ctx.organizations.findByName('Risk Analytics');
  const growth = ctx.organizations.findByName('Growth Data Science');

  // customer-churn's own features: two monthly snapshots, tagged.
  const features = await createDataset(ctx, asActor(maya), {
    name: 'churn-features',
    description: 'Monthly customer features for the churn model: tenure, spend, support tickets and the churn label.',
    projectId: churn.id,
    grants: [{ targetId: omar.id, targetRole: 'DatasetRwEditor' }, ...(risk ? [{ targetId: risk.id, targetRole: 'DatasetRwReader' as const }] : [])],
  });
  await put(ctx, maya, features.id, {
    'README.txt': 'Churn features, one CSV per month.\nColumns are described in schema.json.\n',
    'schema.json': `${JSON.stringify(
      {
        customer_id: 'string',
        month: 'YYYY-MM',
        tenure_months: 'integer',
        monthly_spend: 'decimal (EUR)',
        support_tickets: 'integer',
        churned: '0 or 1',
      },
      null,
      2,
    )}\n`,
    'features/2026-10.csv': monthOfFeatures('2026-10', 3),
  });
  const october = await snapshot(ctx, maya, features.id);
  await put(ctx, maya, features.id, { 'features/2026-11.csv': monthOfFeatures('2026-11', 5) });
  const november = await snapshot(ctx, maya, features.id);
  addTag(ctx, asActor(maya), features.id, { tagName: 'baseline', snapshotId: october });
  addTag(ctx, asActor(maya), features.id, { tagName: 'latest', snapshotId: november });

  // credit-risk-scoring's events, shared with customer-churn (maya may read them).
  const events = await createDataset(ctx, asActor(omar), {
    name: 'customer-events',
    description: 'Raw customer events (logins, payments, support calls) exported nightly.',
    projectId: credit.id,
    grants: [{ targetId: maya.id, targetRole: 'DatasetRwReader' }],
  });
  await put(ctx, omar, events.id, {
    'events.csv': EVENTS,
    'export.json': `${JSON.stringify({ source: 'events-warehouse', exportedAt: '2026-11-30T02:00:00Z', rows: 60 }, null, 2)}\n`,
  });
  addTag(ctx, asActor(omar), events.id, { tagName: 'prod', snapshotId: await snapshot(ctx, omar, events.id) });
  linkSharedDataset(ctx, asActor(maya), churn.id, events.id);

  // demand-forecasting's sales, edited by an organization, shared with customer-churn too.
  const sales = await createDataset(ctx, asActor(sofia), {
    name: 'store-sales',
    description: 'Daily units and revenue per store.',
    projectId: demand.id,
    grants: growth ? [{ targetId: growth.id, targetRole: 'DatasetRwEditor' }] : [],
  });
  await put(ctx, sofia, sales.id, {
    'sales.csv': SALES,
    'holidays.json': `${JSON.stringify([{ date: '2026-10-03', name: 'Day of German Unity' }], null, 2)}\n`,
  });
  const firstSales = await snapshot(ctx, sofia, sales.id);
  await put(ctx, sofia, sales.id, { 'notes.txt': 'October is complete; November arrives on the 5th.\n' });
  addTag(ctx, asActor(sofia), sales.id, { tagName: 'october', snapshotId: firstSales });
  await snapshot(ctx, sofia, sales.id);
  addGrant(ctx, asActor(sofia), sales.id, { targetId: maya.id, targetRole: 'DatasetRwReader' });
  linkSharedDataset(ctx, asActor(maya), churn.id, sales.id);

  // The demo job: reads customer-events, writes churn-features, and snapshots what it wrote.
  await commitFile(ctx, asActor(maya), churn.id, { path: 'prepare_features.py', content: Buffer.from(PREPARE_FEATURES_PY) });
  await startJob(ctx, asActor(maya), {
    projectId: churn.id,
    runCommand: 'prepare_features.py',
    title: 'Prepare churn features from customer events',
    snapshotDatasetsOnCompletion: true,
  });
}
