// The model registry against the real server: two real jobs record MLflow runs that log a model;
// version 1 is registered and moved to Production, version 2 registered. Then in the browser, as
// the project's owner, a review of version 2 for Production is requested; the reviewer (signed in
// with their own key) finds it in "Needs my review" and requests changes with notes; the owner
// edits the review (asking again); the reviewer approves; the version is in Production at once and
// the timeline tells it all. And an axe scan of the list, model, version and review pages in both
// themes.
import type { Page } from '@playwright/test';
import { uniqueProjectName, type ApiUser, type DominoApi } from './api-client';
import { expect, expectNoSeriousA11yViolations, test } from './fixtures';

/** Logs one run (max_depth and accuracy from argv) with one logged model, through MLflow's REST protocol with the standard library. */
const TRAIN = String.raw`
import json, os, sys, time, urllib.parse, urllib.request
BASE = os.environ["MLFLOW_TRACKING_URI"].rstrip("/") + "/api/2.0/mlflow/"
HEADERS = {"Authorization": "Bearer " + os.environ["MLFLOW_TRACKING_TOKEN"], "Content-Type": "application/json"}
def call(endpoint, body):
    request = urllib.request.Request(BASE + endpoint, data=json.dumps(body).encode(), method="POST", headers=HEADERS)
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())
now = lambda: int(time.time() * 1000)
run = call("runs/create", {"experiment_id": "0", "start_time": now()})["run"]["info"]
call("runs/log-batch", {"run_id": run["run_id"], "params": [{"key": "max_depth", "value": sys.argv[1]}, {"key": "seed", "value": "7"}],
     "metrics": [{"key": "accuracy", "value": float(sys.argv[2]), "timestamp": now(), "step": 0}]})
root = os.path.join(urllib.parse.urlparse(run["artifact_uri"]).path, "model")
os.makedirs(root)
with open(os.path.join(root, "MLmodel"), "w") as f:
    f.write("artifact_path: model\nflavors:\n  python_function: {}\n")
call("runs/log-model", {"run_id": run["run_id"], "model_json": json.dumps({"artifact_path": "model"})})
call("runs/update", {"run_id": run["run_id"], "status": "FINISHED", "end_time": now()})
print(run["run_id"])
`;

/** A finished job's run id (the last line it printed). */
async function trainedRun(api: DominoApi, projectId: string, args: string): Promise<string> {
  const job = await api.startJob({ projectId, runCommand: `train.py ${args}` });
  await expect
    .poll(async () => (await api.call<{ job: { status: { isCompleted: boolean } } }>('GET', `/api/jobs/beta/jobs/${job.id}`)).job.status.isCompleted, {
      timeout: 60_000,
    })
    .toBe(true);
  const logs = await api.call<{ logs: { logContent: { log: string }[] } }>('GET', `/api/jobs/beta/jobs/${job.id}/logs?logType=stdOut&limit=1000`);
  const lines = logs.logs.logContent.map((line) => line.log.trim()).filter(Boolean);
  const runId = lines.at(-1) ?? '';
  expect(runId, lines.join('\n')).toMatch(/^[0-9a-f]{32}$/);
  return runId;
}

interface Registered {
  owner: ApiUser;
  reviewer: ApiUser;
  projectId: string;
  modelName: string;
}

/** A project of `owner` with `reviewer` as contributor, a model whose v1 is in Production and whose v2 is in None. */
async function registeredModel(api: DominoApi, prefix: string): Promise<Registered> {
  const owner = await api.createUser(`${prefix}-owner`);
  const reviewer = await api.createUser(`${prefix}-reviewer`);
  const asOwner = api.as(owner);
  const project = await asOwner.createProject({ name: uniqueProjectName(prefix) });
  await asOwner.call('POST', `/api/projects/v1/projects/${project.id}/collaborators`, { id: reviewer.id, role: 'contributor' });
  await asOwner.putFile(project.id, 'train.py', TRAIN);
  const first = await trainedRun(asOwner, project.id, '3 0.81');
  const second = await trainedRun(asOwner, project.id, '5 0.86');
  const modelName = `${prefix}-${Date.now().toString(36)}`;
  await asOwner.call('POST', '/api/registeredmodels/v1', {
    modelName,
    experimentRunId: first,
    discoverable: false,
    description: 'Churn, by gradient boosting',
  });
  await asOwner.call('PATCH', `/api/registeredmodels/v1/${modelName}/versions/1`, { currentStage: 'Production' });
  await asOwner.call('POST', `/api/registeredmodels/v1/${modelName}/versions`, { experimentRunId: second, artifact: 'model', description: 'Deeper trees' });
  return { owner, reviewer, projectId: project.id, modelName };
}

async function signInAs(page: Page, user: ApiUser) {
  await page.goto('/sign-in');
  await page.getByLabel('API key or token').fill(user.apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: new RegExp(`${user.fullName}.*user menu`) })).toBeVisible();
}

test.describe('model registry', () => {
  test('request a review, changes requested with notes, re-request, approve: the stage moves and the timeline tells it', async ({ page, api }) => {
    test.setTimeout(180_000);
    const { owner, reviewer, modelName } = await registeredModel(api, 'churn');

    // The owner requests a review of version 2 for Production, naming the reviewer.
    await signInAs(page, owner);
    await page.goto(`/models/${modelName}`);
    const versions = page.getByRole('table', { name: `Versions of ${modelName}` });
    await expect(versions.getByRole('row', { name: /Version 1\b/ })).toContainText('Production', { timeout: 15_000 });
    await versions.getByRole('link', { name: 'Version 2' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `${modelName} v2` })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Run parameters' })).toContainText('max_depth');
    await page.getByRole('tab', { name: 'Review' }).click();
    const form = page.getByRole('form', { name: 'Request a review' });
    await form.getByRole('combobox', { name: 'Move to stage' }).selectOption('Production');
    await form.getByRole('checkbox', { name: new RegExp(reviewer.userName) }).check();
    await form.getByRole('textbox', { name: 'Notes for the reviewers' }).fill('Deeper trees, better accuracy');
    await form.getByRole('button', { name: 'Request review' }).click();
    await expect(page.getByRole('heading', { name: 'Review: move to Production' })).toBeVisible();

    // The reviewer finds it waiting on the overview, and in the sidebar's count.
    await signInAs(page, reviewer);
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /review waits for you/ })).toBeVisible();
    const inbox = page.getByRole('table', { name: 'Model reviews waiting for you' });
    await inbox.getByRole('link', { name: `${modelName} v2` }).click();
    // Inside the review: compared with version 1, now in Production.
    const compare = page.getByRole('table', { name: 'Version 2 compared with the version in Production' });
    await expect(compare.getByRole('row', { name: /max_depth/ })).toContainText('≠ Differs');
    await page.getByRole('checkbox', { name: 'Show differences only' }).check();
    await expect(compare.getByRole('row', { name: /seed/ })).toHaveCount(0);
    // Request changes, with notes.
    await page.getByRole('textbox', { name: 'Notes', exact: true }).fill('Add the November data first');
    await page.getByRole('button', { name: 'Request changes' }).click();
    await page.getByRole('alertdialog', { name: 'Request changes?' }).getByRole('button', { name: 'Request changes' }).click();
    const reviewers = page.getByRole('table', { name: 'Reviewers' });
    await expect(reviewers.getByRole('row', { name: new RegExp(reviewer.userName) })).toContainText('Changes requested');
    await expect(reviewers).toContainText('Add the November data first');

    // The owner edits the review: that asks again.
    await signInAs(page, owner);
    await page.goto(`/models/${modelName}/versions/2?tab=review`);
    await expect(page.getByRole('table', { name: 'Reviewers' })).toContainText('Changes requested');
    await page.getByRole('button', { name: 'Edit review' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit and request again' });
    await edit.getByRole('textbox', { name: 'Notes for the reviewers' }).fill('Retrained with November');
    await edit.getByRole('button', { name: 'Save and request again' }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByRole('table', { name: 'Reviewers' }).getByRole('row', { name: new RegExp(reviewer.userName) })).toContainText('Pending');

    // The reviewer approves: the version is in Production at once.
    await signInAs(page, reviewer);
    await page.goto(`/models/${modelName}/versions/2?tab=review`);
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('alertdialog', { name: 'Approve this version?' }).getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByText(/The last review, to move it to Production, was/)).toBeVisible();
    await expect(
      page
        .locator('header, div')
        .filter({ has: page.getByRole('heading', { level: 1, name: `${modelName} v2` }) })
        .first(),
    ).toContainText('Production');

    // The timeline: requested, changes requested, asked again, approved, and the stage change.
    await page.getByRole('tab', { name: 'Activity' }).click();
    const activity = page.getByRole('list', { name: 'Activity' });
    await expect(activity).toContainText('requested a review to move it to Production');
    await expect(activity).toContainText('Changes requested');
    await expect(activity).toContainText('Add the November data first');
    await expect(activity).toContainText('asked the reviewers again');
    await expect(activity).toContainText('The review was approved');
    await expect(activity).toContainText('By an approved review');
    // Version 1 was displaced to Archived: the model's stage history says so.
    await page.goto(`/models/${modelName}?tab=history`);
    await expect(page.getByRole('table', { name: 'Stage changes, newest first' })).toContainText('Displaced by another version');
  });

  for (const theme of ['Light', 'Dark'] as const) {
    test(`the list, a model, a version and its review pass an axe scan (${theme.toLowerCase()} theme)`, async ({ page, api }) => {
      test.setTimeout(150_000);
      const { owner, reviewer, modelName } = await registeredModel(api, `axe${theme.toLowerCase()}`);
      await api.as(owner).call('POST', `/api/registeredmodels/v1/${modelName}/versions/2/reviews`, {
        targetStage: 'Production',
        reviewers: [{ userId: reviewer.id }],
        notes: 'For the scan',
      });
      await signInAs(page, owner);
      await page.goto(`/models?q=${modelName}`);
      await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: theme }).check();
      await expect(page.getByRole('table', { name: 'Registered models' }).getByRole('link', { name: modelName })).toBeVisible();
      await expectNoSeriousA11yViolations(page);

      await page.getByRole('link', { name: modelName }).click();
      await expect(page.getByRole('table', { name: `Versions of ${modelName}` }).getByRole('row', { name: /Version 2\b/ })).toContainText('Review open');
      await expectNoSeriousA11yViolations(page);

      await page.getByRole('link', { name: 'Version 2' }).click();
      await expect(page.getByRole('table', { name: 'Run metrics' })).toContainText('accuracy');
      await expectNoSeriousA11yViolations(page);

      await page.getByRole('tab', { name: 'Review' }).click();
      await expect(page.getByRole('table', { name: 'Version 2 compared with the version in Production' })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });
  }
});
