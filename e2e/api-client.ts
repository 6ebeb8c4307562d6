// A plain-fetch client of the embedded Domino's API, for setting data up through the API rather
// than the UI: the browser tests' `api` fixture (e2e/fixtures.ts) and the benchmarks (bench/lib.ts)
// both use it. No Playwright in here, so bench/ can import it. Request bodies are typed by the
// contract (its z.input), so a fixture that no longer matches the API fails the type check.
import type { z } from 'zod';
import type { NewJobV1Schema } from '../src/api/schemas/jobs';
import type { NewProjectV1Schema } from '../src/api/schemas/projects';

export interface ApiUser {
  id: string;
  userName: string;
  fullName: string;
  apiKey: string;
}

export interface CreatedProject {
  id: string;
  name: string;
}

export interface StartedJob {
  id: string;
  number: number;
}

/** A non-2xx answer: the request, the status and the body, for the failing test's message. */
export class DominoRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${path} → ${status}: ${body.slice(0, 500)}`);
    this.name = 'DominoRequestError';
  }
}

/** A name no other test has used on this server (tests share one). */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

/** A unique project name: project names may not contain white space. */
export function uniqueProjectName(prefix: string): string {
  return uniqueName(prefix).replace(/\s+/g, '-');
}

export class DominoApi {
  constructor(
    private readonly origin: string,
    private readonly apiKey: string,
  ) {}

  /** The same API acting as another user. */
  as(user: Pick<ApiUser, 'apiKey'>): DominoApi {
    return new DominoApi(this.origin, user.apiKey);
  }

  private async send(method: string, path: string, body?: { raw: string | Uint8Array } | { json: unknown }): Promise<string> {
    const headers: Record<string, string> = { 'X-Domino-Api-Key': this.apiKey };
    let payload: string | Uint8Array | undefined;
    if (body && 'raw' in body) {
      headers['content-type'] = 'application/octet-stream';
      payload = body.raw;
    } else if (body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    }
    const response = await fetch(`${this.origin}${path}`, { method, headers, body: payload as BodyInit | undefined });
    const text = await response.text();
    if (!response.ok) throw new DominoRequestError(method, path, response.status, text);
    return text;
  }

  /** Any JSON call; the answer is parsed, not checked (tests read the fields they assert on). */
  async call<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const text = await this.send(method, path, body === undefined ? undefined : { json: body });
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A new user with a unique name (embedded 'users' extension), with an API key of their own. */
  async createUser(prefix: string): Promise<ApiUser> {
    const userName = `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const created = await this.call<{ user: { id: string; userName: string; fullName: string }; apiKey: string }>('POST', '/api/embedded/v1/users', {
      userName,
      firstName: prefix[0]!.toUpperCase() + prefix.slice(1),
      lastName: 'Tester',
      email: `${userName}@example.com`,
    });
    return { ...created.user, apiKey: created.apiKey };
  }

  /** A new project, private and without a description unless told otherwise; with its git repository. */
  async createProject(project: Partial<z.input<typeof NewProjectV1Schema>> & { name: string }): Promise<CreatedProject> {
    const body: z.input<typeof NewProjectV1Schema> = { description: '', visibility: 'private', ...project };
    const { project: created } = await this.call<{ project: CreatedProject }>('POST', '/api/projects/beta/projects', body);
    return { id: created.id, name: created.name };
  }

  /** Commits one file to the project's main branch (embedded 'project-files': a raw body, not JSON); returns the commit id. */
  async putFile(projectId: string, path: string, content: string | Uint8Array, message = `Add ${path}`): Promise<string> {
    const query = new URLSearchParams({ path, message });
    const text = await this.send('PUT', `/api/embedded/v1/projects/${projectId}/files?${query}`, { raw: content });
    return (JSON.parse(text) as { commitId: string }).commitId;
  }

  /** Stores one file in a dataset's live tree (embedded 'dataset-files': a raw body). */
  async putDatasetFile(datasetId: string, path: string, content: string | Uint8Array): Promise<void> {
    await this.send('PUT', `/api/embedded/v1/datasets/${datasetId}/files?${new URLSearchParams({ path })}`, { raw: content });
  }

  /** Starts a job of the project's files at main. */
  async startJob(job: z.input<typeof NewJobV1Schema>): Promise<StartedJob> {
    const { job: started } = await this.call<{ job: StartedJob }>('POST', '/api/jobs/v1/jobs', job);
    return { id: started.id, number: started.number };
  }
}
