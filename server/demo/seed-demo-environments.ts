// Demo environments: curated global ones with several revisions (one whose latest build failed,
// with a readable log), a private one and an organization's; and jobs that ran on them. All
// through the environments services, as the API would do it; builds really run.
import type { ServerContext } from '../context';
import type { UserRow } from '../db/users-repository';
import { buildsDrained, createEnvironment, createRevision } from '../services/environments';
import { startJob } from '../services/jobs';
import { asActor, type DemoWorkspace } from './demo-workspace';

/** A RUN line that installs a small tool into the revision's directory (its bin/ is on a job's PATH). */
const installTool = (name: string, body: string) =>
  `RUN mkdir -p "$DOMINO_ENVIRONMENT_DIR/bin" && printf '%s\\n' '#!/bin/bash' '${body}' > "$DOMINO_ENVIRONMENT_DIR/bin/${name}" && chmod +x "$DOMINO_ENVIRONMENT_DIR/bin/${name}"`;

function projectNamed(ctx: ServerContext, name: string) {
  return ctx.db.prepare<[string], { id: string }>('SELECT id FROM projects WHERE name = ? AND is_archived = 0').get(name);
}

export async function seedDemoEnvironments(ctx: ServerContext, admin: UserRow, users: DemoWorkspace['users']): Promise<void> {
  const root = asActor(admin);
  const maya = users['maya.chen'];
  const omar = users['omar.haddad'];
  const risk = ctx.organizations.findByName('Risk Analytics');

  const standard = createEnvironment(ctx, root, {
    name: 'Domino Standard Environment Py3.11',
    description: 'The curated default: Python 3.11 and the usual data science libraries.',
    visibility: 'global',
    addBaseDependencies: true,
    isCurated: true,
    image: 'quay.io/domino/domino-standard-environment:ubuntu22-py3.11-r4.4-domino6.0',
    dockerfileInstructions: 'ENV PYTHONDONTWRITEBYTECODE=1\nENV MPLBACKEND=Agg',
    tags: ['python3.11', 'curated'],
    summary: 'First release',
  });
  await buildsDrained(ctx);
  createRevision(ctx, root, standard.id, {
    dockerfileInstructions: [
      'ARG RELEASE=2026.11',
      'ENV PYTHONDONTWRITEBYTECODE=1 MPLBACKEND=Agg DOMINO_ENV_RELEASE=$RELEASE',
      '# a small helper every job on this environment can call',
      installTool('env-info', 'echo "Domino Standard Environment, release $DOMINO_ENV_RELEASE; python: $(python3 --version 2>&1)"'),
    ].join('\n'),
    tags: ['python3.11', 'curated', '2026.11'],
    summary: 'Adds env-info; release variable',
    supportedClusters: ['spark', 'ray'],
  });
  await buildsDrained(ctx);

  const spark = createEnvironment(ctx, root, {
    name: 'Spark 3.5 Cluster Environment',
    description: 'For jobs with an on-demand Spark cluster.',
    visibility: 'global',
    addBaseDependencies: false,
    isCurated: true,
    image: 'quay.io/domino/spark-environment:3.5.1-py3.11',
    dockerfileInstructions: 'ENV SPARK_HOME=/opt/spark\nENV PYSPARK_PYTHON=python3',
    supportedClusters: ['spark'],
    tags: ['spark3.5'],
  });
  await buildsDrained(ctx);
  // The failed build: a licence check that fails, with a readable log.
  createRevision(ctx, root, spark.id, {
    dockerfileInstructions: [
      'ENV SPARK_HOME=/opt/spark PYSPARK_PYTHON=python3',
      'RUN echo "Checking the Spark connector licence"',
      'RUN test -f /opt/licenses/spark-connector.lic || { echo "spark-connector.lic not found in /opt/licenses: ask the platform team for the 2027 licence" >&2; exit 2; }',
    ].join('\n'),
    supportedClusters: ['spark'],
    tags: ['spark3.5', 'connector'],
    summary: 'Adds the Snowflake connector (needs its licence)',
  });

  createEnvironment(ctx, root, {
    name: 'R 4.4 Minimal',
    description: 'R with nothing else, for reproducible reports.',
    visibility: 'global',
    addBaseDependencies: false,
    isCurated: true,
    image: 'rocker/r-ver:4.4.1',
    environmentVariables: [{ key: 'R_LIBS_USER', value: '/mnt/R/library' }],
    tags: ['r4.4'],
  });

  const nlp = createEnvironment(ctx, asActor(maya), {
    name: 'maya-nlp-sandbox',
    description: 'Trying tokenizers for the churn notes.',
    visibility: 'private',
    addBaseDependencies: true,
    image: 'quay.io/domino/domino-standard-environment:ubuntu22-py3.11-r4.4-domino6.0',
    environmentVariables: [{ key: 'TOKENIZERS_PARALLELISM', value: 'false' }],
    preRunScript: 'echo "nlp sandbox: tokenizers parallelism $TOKENIZERS_PARALLELISM"',
  });

  const scoring = risk
    ? createEnvironment(ctx, asActor(omar), {
        name: 'risk-scoring-runtime',
        description: "Risk Analytics' runtime for the scoring jobs.",
        visibility: 'private',
        orgOwnerId: risk.id,
        addBaseDependencies: true,
        image: 'quay.io/domino/domino-standard-environment:ubuntu22-py3.11-r4.4-domino6.0',
        dockerfileInstructions: ['ENV SCORECARD_VERSION=v3', installTool('scorecard-version', 'echo "scorecard $SCORECARD_VERSION"')].join('\n'),
        environmentVariables: [{ key: 'RISK_REGION', value: 'eu-west' }],
        preRunScript: 'echo "risk runtime ($RISK_REGION)"',
        postRunScript: 'echo "risk runtime: run finished"',
        tags: ['scoring'],
      })
    : undefined;
  await buildsDrained(ctx);

  // Jobs that ran on them, on the medium tier: the small one's slots are the live demo jobs'.
  const churn = projectNamed(ctx, 'customer-churn');
  const credit = projectNamed(ctx, 'credit-risk-scoring');
  if (churn) {
    await startJob(ctx, asActor(maya), {
      projectId: churn.id,
      runCommand: 'env-info',
      title: 'Check the standard environment',
      environmentId: standard.id,
      hardwareTier: 'medium-k8s',
    });
    await startJob(ctx, asActor(maya), {
      projectId: churn.id,
      runCommand: 'echo "parallelism: $TOKENIZERS_PARALLELISM"',
      title: 'Tokenizer smoke test',
      environmentId: nlp.id,
      hardwareTier: 'medium-k8s',
    });
  }
  if (credit && scoring) {
    await startJob(ctx, asActor(omar), {
      projectId: credit.id,
      runCommand: 'scorecard-version',
      title: 'Scorecard version on the risk runtime',
      environmentId: scoring.id,
      hardwareTier: 'medium-k8s',
    });
  }
}
