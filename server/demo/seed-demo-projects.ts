// Demo projects: owned by different people, with files and history, goals, collaborators,
// imported repositories, one blocked and one archived — all through the projects services.
import type { ServerContext } from '../context';
import type { UserRow } from '../db/users-repository';
import { addGoal, addImportedRepository, archiveProject, createProject, setCollaborator, setGoalComplete, updateStatus } from '../services/projects';
import { MAIN_BRANCH } from '../git/git-repositories';
import { authorOf } from '../services/projects';
import { asActor, type DemoWorkspace } from './demo-workspace';

interface DemoProject {
  owner: keyof DemoWorkspace['users'] | 'admin';
  name: string;
  description: string;
  visibility: 'public' | 'searchable' | 'private';
  collaborators?: Array<[DemoProject['owner'], 'contributor' | 'launcherUser' | 'resultsConsumer' | 'projectImporter']>;
  goals?: Array<[string, boolean]>;
  repositories?: string[];
  files?: Array<[string, string]>;
  blocked?: string;
  archived?: boolean;
}

const TRAIN_PY = `"""Train the churn classifier and write metrics for Domino."""
import json
import random

random.seed(7)
auc = 0.81 + random.random() / 50
print(f"epoch 1/3 loss=0.512")
print(f"epoch 2/3 loss=0.433")
print(f"epoch 3/3 loss=0.401")
print(f"validation AUC={auc:.3f}")
with open("dominostats.json", "w") as f:
    json.dump({"AUC": round(auc, 3)}, f)
`;

// Prints a training log steadily for an hour, so the demo has live tails to watch.
const LONG_TRAINING_PY = `import json, math, random, sys, time

model = sys.argv[sys.argv.index("--model") + 1] if "--model" in sys.argv else "xgboost"
random.seed(11)
print(f"\\x1b[1mStarting {model} run\\x1b[0m: 3600 steps, one per second")
best = 0.0
for step in range(1, 3601):
    loss = 0.9 * math.exp(-step / 900) + random.random() * 0.02
    metric = 1 - loss / 1.2
    best = max(best, metric)
    print(f"step {step:4d}/3600  loss={loss:.4f}  val_auc={metric:.4f}  lr={0.01 * 0.999 ** step:.6f}")
    if step % 120 == 0:
        print(f"\\x1b[33mwarning\\x1b[0m: checkpoint {step // 120} written late ({random.randint(120, 900)} ms)", file=sys.stderr)
    if step % 300 == 0:
        print(f"\\x1b[32m✔ checkpoint saved\\x1b[0m  best val_auc={best:.4f}")
    time.sleep(1)
json.dump({"val_auc": round(best, 4)}, open("dominostats.json", "w"))
`;

const PROJECTS: DemoProject[] = [
  {
    owner: 'maya.chen',
    name: 'customer-churn',
    description: 'Predict which subscribers will cancel in the next 30 days.',
    visibility: 'public',
    collaborators: [
      ['omar.haddad', 'contributor'],
      ['lena.fischer', 'resultsConsumer'],
      ['raj.patel', 'launcherUser'],
    ],
    goals: [
      ['Baseline logistic regression', true],
      ['Beat baseline AUC by 3 points', false],
      ['Model card for review', false],
    ],
    repositories: ['https://github.com/acme-analytics/feature-store.git'],
    files: [
      ['train.py', TRAIN_PY],
      ['long_training.py', LONG_TRAINING_PY],
      ['data/README.md', '# Data\n\nSubscriber snapshots are mounted from the churn-features dataset.\n'],
      ['requirements.txt', 'pandas==2.2.3\nscikit-learn==1.5.2\n'],
    ],
  },
  {
    owner: 'omar.haddad',
    name: 'credit-risk-scoring',
    description: 'PD model for small-business loans; regulated, so every version is reviewed.',
    visibility: 'private',
    collaborators: [
      ['maya.chen', 'contributor'],
      ['admin', 'resultsConsumer'],
    ],
    goals: [
      ['Fairness analysis across regions', false],
      ['Monotonic constraints on income', true],
    ],
    repositories: ['git@gitlab.com:acme-risk/credit-features.git'],
    files: [
      ['score.py', 'def score(features):\n    """Probability of default."""\n    return min(1.0, max(0.0, 0.02 + 0.3 * features.get("utilisation", 0)))\n'],
      ['notebooks/eda.ipynb', '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n'],
    ],
  },
  {
    owner: 'sofia.rossi',
    name: 'demand-forecasting',
    description: 'Weekly demand forecasts per store and category.',
    visibility: 'searchable',
    collaborators: [
      ['tomas.novak', 'contributor'],
      ['aiko.tanaka', 'projectImporter'],
    ],
    goals: [['Backtest 2025 holiday season', false]],
    files: [
      ['forecast.py', 'import sys\nprint("forecasting", sys.argv[1:] or ["all-stores"])\n'],
      ['long_training.py', LONG_TRAINING_PY],
    ],
    blocked: 'Waiting for the 2025 POS export from the data platform team',
  },
  {
    owner: 'lena.fischer',
    name: 'image-quality-inspection',
    description: 'Vision model that flags defective parts on the assembly line.',
    visibility: 'public',
    collaborators: [['grace.okafor', 'contributor']],
    goals: [
      ['Label 5k more images', false],
      ['Export ONNX model', false],
    ],
    repositories: ['https://github.com/acme-vision/augmentations.git'],
    files: [
      ['inspect.sh', '#!/usr/bin/env bash\necho "inspecting batch ${1:-latest}"\n'],
      ['long_training.py', LONG_TRAINING_PY],
    ],
  },
  {
    owner: 'admin',
    name: 'platform-benchmarks',
    description: 'Benchmarks of the shared compute tiers.',
    visibility: 'public',
    goals: [['Measure GPU tier throughput', true]],
    files: [['bench.js', 'console.log("benchmark", process.argv.slice(2).join(" ") || "default")\n']],
  },
  {
    owner: 'raj.patel',
    name: 'legacy-pricing-model',
    description: 'Superseded by the 2026 pricing engine; kept for audit.',
    visibility: 'private',
    archived: true,
  },
];

export async function seedDemoProjects(ctx: ServerContext, admin: UserRow, users: DemoWorkspace['users']): Promise<void> {
  const person = (name: DemoProject['owner']) => (name === 'admin' ? admin : users[name]);
  for (const spec of PROJECTS) {
    const owner = asActor(person(spec.owner));
    const project = await createProject(ctx, owner, { name: spec.name, description: spec.description, visibility: spec.visibility });
    for (const [who, role] of spec.collaborators ?? []) setCollaborator(ctx, owner, project.id, person(who).id, role);
    for (const [title, done] of spec.goals ?? []) {
      const goal = addGoal(ctx, owner, project.id, { title });
      if (done) setGoalComplete(ctx, owner, project.id, goal.id, true);
    }
    for (const uri of spec.repositories ?? []) addImportedRepository(ctx, owner, project.id, { uri });
    for (const [path, content] of spec.files ?? []) {
      await ctx.git.commitFiles(project.id, {
        branch: MAIN_BRANCH,
        files: [{ path, content: Buffer.from(content) }],
        message: `Add ${path}`,
        author: authorOf(ctx, owner.id),
      });
    }
    if (spec.blocked) updateStatus(ctx, owner, project.id, { status: 'active', isBlocked: true, blockedReason: spec.blocked });
    if (spec.archived) archiveProject(ctx, owner, project.id);
  }
}
