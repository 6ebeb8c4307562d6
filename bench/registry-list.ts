// The model registry at scale (issue 13's list budget): 10,000 models with 100,000 versions over
// 100 projects, against the embedded Domino as a process. p99 of sequential requests for each
// list a page shows — the model list on both prefixes (first and deep pages, searched), the UI
// list, the names, a model's versions — for a member of a tenth of the projects and for an admin.
import { newObjectId } from '../server/http/ids';
import { systemClock } from '../server/clock';
import { addApiKey, createUser } from '../server/services/users';
import { atMost, bootstrappedDataDir, percentile, round1, runBenchmark, seedDataDir, sequentialLatencies, startDomino, type Check } from './lib';

const PROJECTS = 100;
const MODELS = 10_000;
const VERSIONS_PER_MODEL = 10;
const MAX_P99_MS = 30;
const SAMPLES = 100;

async function measure() {
  const checks: Check[] = [];
  const details: Record<string, unknown> = {};
  const { dataDir, adminKey } = await bootstrappedDataDir('registry-list');
  const seedStarted = performance.now();
  const { memberKey } = await seedDataDir(dataDir, (ctx) => {
    const owner = createUser(ctx, { userName: 'owner', firstName: 'O', lastName: 'Wner', email: 'o@example.com', isAdmin: false });
    const member = createUser(ctx, { userName: 'member', firstName: 'M', lastName: 'Ember', email: 'm@example.com', isAdmin: false });
    const now = new Date().toISOString();
    const projectIds: string[] = [];
    for (let p = 0; p < PROJECTS; p++) {
      const id = newObjectId(systemClock);
      ctx.projects.insert({
        id,
        name: `project-${p}`,
        description: '',
        visibility: 'private',
        ownerId: owner.id,
        resultsBranch: 'main',
        defaultHardwareTierId: 'small-k8s',
        mainRepository: null,
        createdAt: now,
      });
      // The member works on a tenth of the projects.
      if (p % 10 === 0) ctx.projects.setCollaborator(id, member.id, 'contributor', now);
      projectIds.push(id);
    }
    for (let m = 0; m < MODELS; m++) {
      const id = newObjectId(systemClock);
      const createdAt = new Date(Date.now() - (MODELS - m) * 60_000).toISOString();
      ctx.registry.insertModel(
        {
          id,
          name: `model-${String(m).padStart(5, '0')}`,
          projectId: projectIds[m % PROJECTS]!,
          description: '',
          discoverable: m % 50 === 0,
          ownerId: owner.id,
          createdAt,
          updatedAt: createdAt,
        },
        { team: `team-${m % 7}` },
      );
      for (let v = 0; v < VERSIONS_PER_MODEL; v++)
        ctx.registry.insertVersion({
          modelId: id,
          runId: 'f'.repeat(32),
          artifact: 'model',
          description: '',
          stage: v === 9 ? 'Production' : 'None',
          ownerId: owner.id,
          createdAt,
        });
    }
    return { memberKey: addApiKey(ctx, member.id) };
  });
  details.seedMs = Math.round(performance.now() - seedStarted);

  const server = await startDomino(dataDir, adminKey);
  const pages: Record<string, string> = {
    'v1 first page': '/api/registeredmodels/v1?maxResults=25',
    'beta deep page': '/api/registeredmodels/beta?limit=10&offset=900',
    'v1 searched': '/api/registeredmodels/v1?searchPattern=model-004&maxResults=25',
    'v1 by updatedAt desc': '/api/registeredmodels/v1?maxResults=25&orderBy=-updatedAt',
    'ui list': '/api/registeredmodels/v1/ui?maxResults=25',
    names: '/api/registeredmodels/v1/names?limit=100',
    versions: '/api/registeredmodels/beta/model-00000/versions',
  };
  const results: Record<string, number> = {};
  for (const [who, key] of [
    ['member', memberKey],
    ['admin', adminKey],
  ] as const) {
    for (const [label, url] of Object.entries(pages)) {
      const deep = who === 'admin' && label === 'beta deep page' ? url.replace('offset=900', 'offset=9000') : url;
      await sequentialLatencies(`${server.origin}${deep}`, { 'X-Domino-Api-Key': key }, 5);
      results[`${who}: ${label}`] = round1(percentile(await sequentialLatencies(`${server.origin}${deep}`, { 'X-Domino-Api-Key': key }, SAMPLES), 99));
    }
  }
  await server.process.stop();
  details.p99Ms = results;
  const [worstName, worst] = Object.entries(results).reduce((a, b) => (b[1] > a[1] ? b : a));
  checks.push(
    atMost(
      `registry list p99, ${MODELS.toLocaleString('en')} models / ${(MODELS * VERSIONS_PER_MODEL).toLocaleString('en')} versions (worst: ${worstName})`,
      worst,
      'ms',
      MAX_P99_MS,
    ),
  );
  return { checks, details };
}

await runBenchmark('registry-list', measure);
