// What building an environment revision means here, with no container engine
// (docs/decisions/0021-environment-builds.md): the image reference is recorded, not pulled; the
// Dockerfile instructions are read line by line — ENV and ARG set variables, RUN runs in the job
// sandbox with the revision's own directory writable, FROM and everything else fail the build with
// the line and why; the scripts are checked with `bash -n`. The build walks the spec's states and
// writes its log as it goes, under the revision's id in the job log table.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { NewEnvironmentRevisionV1 } from '../../src/api/schemas/environments';
import type { BaseContext } from '../context';
import type { EnvironmentsRepository } from '../db/environments-repository';
import { splitWords } from '../jobs/command';
import { JobProcess } from '../jobs/job-process';
import { LogSink } from '../jobs/log-sink';
import { ENVIRONMENT_DIR_IN_SANDBOX, pathWithEnvironment, sandboxedCommand, unsandboxedCommand, type SandboxStatus } from '../jobs/sandbox';

/** A build's sandbox /tmp. */
const BUILD_TMP_BYTES = 1024 ** 3;

/** A Docker image reference: [registry[:port]/]path[:tag][@digest], lowercase path components. */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const IMAGE_PATTERN = new RegExp(
  `^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]+)?/)?${COMPONENT}(?:/${COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`,
);

/** Why an image reference is not one, or undefined when it is. */
export function imageProblem(image: string): string | undefined {
  if (IMAGE_PATTERN.test(image)) return undefined;
  return `image "${image}" is not a Docker image reference ([registry/]name[:tag][@sha256:digest], lowercase name)`;
}

export type BuildStep =
  { line: number; kind: 'ENV' | 'ARG'; name: string; value: string | undefined } | { line: number; kind: 'RUN'; argv: string[]; text: string };

export class DockerfileProblem extends Error {}

const OTHER_INSTRUCTIONS = new Set([
  'ADD',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'EXPOSE',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** $NAME and ${NAME} from the variables set so far, as Docker expands ENV and ARG values. */
function expand(value: string, vars: ReadonlyMap<string, string>): string {
  return value.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_, braced: string | undefined, bare: string | undefined) => vars.get(braced ?? bare!) ?? '',
  );
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The instructions, in order, or a DockerfileProblem naming the line and why. */
export function parseDockerfile(text: string): BuildStep[] {
  const steps: BuildStep[] = [];
  const vars = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const first = i + 1;
    let logical = lines[i]!;
    if (/^\s*#/.test(logical) || logical.trim() === '') continue;
    // A trailing backslash continues the instruction on the next line (comment lines inside are skipped).
    while (/\\\s*$/.test(logical) && i + 1 < lines.length) {
      const next = lines[++i]!;
      if (/^\s*#/.test(next)) continue;
      logical = logical.replace(/\\\s*$/, ' ') + next;
    }
    logical = logical.replace(/\\\s*$/, '').trim();
    const match = /^(\S+)\s*(.*)$/s.exec(logical)!;
    const instruction = match[1]!.toUpperCase();
    const rest = match[2]!.trim();
    if (instruction === 'FROM')
      throw new DockerfileProblem(`line ${first}: FROM is not allowed: a revision is built on its image (the image field), so set the image instead`);
    if (instruction === 'RUN') {
      if (rest === '') throw new DockerfileProblem(`line ${first}: RUN needs a command`);
      if (rest.startsWith('[')) {
        let argv: unknown;
        try {
          argv = JSON.parse(rest);
        } catch {
          throw new DockerfileProblem(`line ${first}: RUN [...] must be a JSON array of strings`);
        }
        if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a) => typeof a === 'string'))
          throw new DockerfileProblem(`line ${first}: RUN [...] must be a non-empty JSON array of strings`);
        steps.push({ line: first, kind: 'RUN', argv: argv as string[], text: rest });
      } else steps.push({ line: first, kind: 'RUN', argv: ['bash', '-e', '-c', rest], text: rest });
      continue;
    }
    if (instruction === 'ENV' || instruction === 'ARG') {
      // Words as a shell splits them (quotes and backslashes), as a job's command line is split.
      const parts = splitWords(rest);
      if (parts.length === 0) throw new DockerfileProblem(`line ${first}: ${instruction} needs a name`);
      const pairs: Array<[string, string | undefined]> =
        instruction === 'ENV' && parts.length >= 2 && !parts[0]!.includes('=')
          ? [[parts[0]!, rest.slice(rest.indexOf(parts[0]!) + parts[0]!.length).trim()]] // the legacy `ENV NAME value with spaces`
          : parts.map((part) => {
              const eq = part.indexOf('=');
              return eq === -1 ? [part, undefined] : [part.slice(0, eq), part.slice(eq + 1)];
            });
      for (const [name, raw] of pairs) {
        if (!NAME.test(name)) throw new DockerfileProblem(`line ${first}: "${name}" is not a variable name (letters, digits and _, not starting with a digit)`);
        if (instruction === 'ENV' && raw === undefined) throw new DockerfileProblem(`line ${first}: ENV ${name} needs a value (ENV ${name}=value)`);
        const value = raw === undefined ? undefined : expand(raw, vars);
        if (value !== undefined) vars.set(name, value);
        steps.push({ line: first, kind: instruction, name, value });
      }
      continue;
    }
    if (OTHER_INSTRUCTIONS.has(instruction))
      throw new DockerfileProblem(
        `line ${first}: ${instruction} is not supported here: only ENV, ARG and RUN are (this Domino builds without a container engine)`,
      );
    throw new DockerfileProblem(`line ${first}: "${match[1]}" is not a Dockerfile instruction`);
  }
  return steps;
}

const SCRIPTS = ['preRunScript', 'postRunScript', 'preSetupScript', 'postSetupScript'] as const;

/** `bash -n` of each script: the first one that does not parse, with bash's own words. */
export function scriptProblem(definition: NewEnvironmentRevisionV1): string | undefined {
  for (const name of SCRIPTS) {
    const script = definition[name];
    if (!script) continue;
    const check = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8', timeout: 10_000 });
    if (check.status !== 0) {
      const said = (check.stderr ?? '').trim().replace(/^bash: /gm, '');
      return `${name}: ${said || 'bash could not read it'}`;
    }
  }
  return undefined;
}

/** What a built revision leaves for its jobs: the variables (revision's, then ENV lines) and its directory. */
export interface BuiltEnvironment {
  variables: Record<string, string>;
}

export function revisionDir(dataDir: string, revisionId: string): string {
  return path.join(dataDir, 'environments', revisionId);
}

/** The directory RUN lines wrote into (`$DOMINO_ENVIRONMENT_DIR`; its bin/ is on a job's PATH). */
export function revisionOutputDir(dataDir: string, revisionId: string): string {
  return path.join(revisionDir(dataDir, revisionId), 'env');
}

export function readBuilt(dataDir: string, revisionId: string): BuiltEnvironment | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(revisionDir(dataDir, revisionId), 'built.json'), 'utf8')) as BuiltEnvironment;
  } catch {
    return undefined;
  }
}

export interface BuildDependencies {
  ctx: BaseContext;
  rows: EnvironmentsRepository;
  sandbox: () => SandboxStatus;
  /** Builds running now, so archiving can kill one. */
  running: Map<string, { kill(): void }>;
}

class Killed extends Error {}

/** Runs one revision's build to its end (rerun from the start after a restart). */
export async function runBuild(deps: BuildDependencies, revisionId: string, shutdown: AbortSignal): Promise<void> {
  const { ctx, rows } = deps;
  const revision = rows.findRevision(revisionId);
  if (!revision || !['queued', 'starting', 'pulling', 'building', 'pushing'].includes(revision.status)) return;
  const environment = rows.findById(revision.environmentId)!;
  const sink = new LogSink(revisionId, ctx.jobLogs, ctx.clock);
  const definition = revision.definition;
  let current: JobProcess | undefined;
  let killed = false;
  deps.running.set(revisionId, {
    kill: () => {
      killed = true;
      current?.kill();
    },
  });
  const onShutdown = () => current?.kill();
  shutdown.addEventListener('abort', onShutdown);
  const step = (status: 'starting' | 'pulling' | 'building' | 'pushing', note: string) => {
    if (killed || shutdown.aborted || !rows.setStatus(revisionId, status)) throw new Killed();
    sink.line('prepareOutput', note);
  };
  const fail = (why: string) => {
    sink.line('prepareOutput', `Build failed: ${why}`);
    // Lines first: whoever sees the build ended finds its whole log.
    sink.flush();
    rows.finish(revisionId, 'failed', why, ctx.clock.now().toISOString());
  };
  try {
    step('starting', `Building revision #${revision.number} of ${environment.name}`);
    const dir = revisionDir(ctx.dataDir, revisionId);
    // A rerun after a restart starts from nothing.
    fs.rmSync(dir, { recursive: true, force: true });
    const outputDir = revisionOutputDir(ctx.dataDir, revisionId);
    const buildDir = path.join(dir, 'build');
    fs.mkdirSync(outputDir, { recursive: true });
    fs.mkdirSync(buildDir, { recursive: true });

    const image = definition.image ?? '(none)';
    step('pulling', `Base image ${image}: recorded, not pulled (this Domino has no container engine; jobs run on this machine's system)`);

    step('building', 'Reading the Dockerfile instructions');
    let steps: BuildStep[];
    try {
      steps = parseDockerfile(definition.dockerfileInstructions ?? '');
    } catch (error) {
      if (error instanceof DockerfileProblem) return fail(`Dockerfile ${error.message}`);
      throw error;
    }
    const scripts = scriptProblem(definition);
    if (scripts) return fail(scripts);
    const sandbox = deps.sandbox();
    const vars = new Map<string, string>((definition.environmentVariables ?? []).map((v) => [v.key, v.value]));
    const envOnly = new Map(vars);
    for (const s of steps) {
      if (s.kind !== 'RUN') {
        sink.line('prepareOutput', `line ${s.line}: ${s.kind} ${s.name}${s.value === undefined ? '' : `=${s.value}`}`);
        if (s.value !== undefined) vars.set(s.name, s.value);
        if (s.kind === 'ENV') envOnly.set(s.name, s.value!);
        continue;
      }
      if (killed || shutdown.aborted) throw new Killed();
      sink.line('prepareOutput', `line ${s.line}: RUN ${s.text}`);
      if (sandbox.mode === 'unavailable') return fail(`line ${s.line}: RUN needs the job sandbox: ${sandbox.hint ?? 'it is not available'}`);
      const sandboxed = sandbox.mode === 'bwrap';
      const envDir = sandboxed ? ENVIRONMENT_DIR_IN_SANDBOX : outputDir;
      const env: NodeJS.ProcessEnv = {
        ...Object.fromEntries(vars),
        PATH: pathWithEnvironment(envDir),
        HOME: sandboxed ? '/mnt' : buildDir,
        DOMINO_ENVIRONMENT_DIR: envDir,
        LANG: 'C.UTF-8',
      };
      const command = sandboxed
        ? sandboxedCommand(
            {
              workTree: buildDir,
              jobDir: dir,
              tmpBytes: BUILD_TMP_BYTES,
              mounts: [{ hostPath: outputDir, sandboxPath: ENVIRONMENT_DIR_IN_SANDBOX, readOnly: false }],
            },
            s.argv,
          )
        : unsandboxedCommand(s.argv);
      current = new JobProcess({ command, env, cwd: buildDir, sandboxed, sink });
      const exit = await current.exited;
      current = undefined;
      if (killed || shutdown.aborted) throw new Killed();
      if (exit.spawnError) return fail(`line ${s.line}: RUN could not start (${exit.spawnError})`);
      if (exit.code !== 0) return fail(`line ${s.line}: RUN exited with ${exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`}`);
    }

    step('pushing', `Recording revision #${revision.number}: ${envOnly.size} variable(s), ${steps.filter((s) => s.kind === 'RUN').length} RUN step(s)`);
    const built: BuiltEnvironment = { variables: Object.fromEntries(envOnly) };
    fs.writeFileSync(path.join(dir, 'built.json'), JSON.stringify(built));
    fs.rmSync(buildDir, { recursive: true, force: true });
    sink.line('prepareOutput', `Revision #${revision.number} built`);
    sink.flush();
    rows.finish(revisionId, 'succeeded', null, ctx.clock.now().toISOString());
  } catch (error) {
    if (!(error instanceof Killed)) throw error;
    if (!shutdown.aborted) sink.line('prepareOutput', 'Build killed: the environment was archived');
  } finally {
    shutdown.removeEventListener('abort', onShutdown);
    deps.running.delete(revisionId);
    sink.close();
  }
  // A shutdown leaves the revision live: the task runs again at the next start.
  if (shutdown.aborted) throw new Killed('stopped by shutdown');
}
