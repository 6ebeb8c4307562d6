// Project files live in one bare git repository per project, driven with the system `git`
// (docs/decisions/0004-system-git.md). Only plumbing commands are used, so no work tree is needed,
// and every write to one repository goes through a per-repository queue.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { hasControlCharacter, replaceControlCharacters } from '../../src/api/schemas/common';

const execFileAsync = promisify(execFile);

export const MAIN_BRANCH = 'main';
export const COMMIT_ID_PATTERN = /^[0-9a-f]{40}$/;

export interface GitAuthor {
  name: string;
  email: string;
  date: Date;
}

export interface TreeEntry {
  name: string;
  path: string;
  type: 'file' | 'dir';
  size: number | null;
  blobId: string;
}

export interface CommitInfo {
  id: string;
  parentIds: string[];
  authorName: string;
  authorEmail: string;
  authoredAt: string;
  message: string;
}

/**
 * Why a path cannot name a file inside a repository, or undefined when it can: absolute paths,
 * `..`, control characters and backslashes are refused, and so is every spelling git itself
 * reserves for its own directory (`.git` in any case or with trailing dots and spaces, and the
 * NTFS short name `git~1`), so git never gets to refuse the write.
 */
export function repoPathProblem(raw: string): string | undefined {
  if (hasControlCharacter(raw)) return `path: "${printable(raw)}" contains a control character`;
  if (raw.includes('\\')) return `path: "${raw}" contains a backslash; separate directories with "/"`;
  if (raw.startsWith('/')) return `path: "${raw}" is absolute; give it relative to the project`;
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0) return `path: "${raw}" names no file`;
  if (segments.includes('..')) return `path: "${raw}" leaves the project ("..")`;
  const reserved = segments.find(isReservedByGit);
  if (reserved !== undefined) return `path: "${raw}" uses "${reserved}", a name reserved for git's own data`;
  return undefined;
}

/** The path in its normal form (no empty or `.` segments), or undefined when it names nothing inside the repository. */
export function normaliseRepoPath(raw: string): string | undefined {
  if (repoPathProblem(raw) !== undefined) return undefined;
  return raw
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}

function isReservedByGit(segment: string): boolean {
  const name = segment.toLowerCase().replace(/[. ]+$/, '');
  return name === '.git' || name === 'git~1' || name.startsWith('.git:');
}

function printable(value: string): string {
  return replaceControlCharacters(value, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A write git would refuse for a reason the client can fix; its message is the server's own words. */
export class GitPathRefused extends Error {}

/** Text for a commit message or an author: git refuses NUL, and other control characters are noise. */
function gitText(value: string, multiline: boolean): string {
  return replaceControlCharacters(value, ' ', multiline);
}

// A clean environment: no user or system git config can change what these commands do.
function gitEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? '/tmp',
    LANG: 'C.UTF-8',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    ...extra,
  };
}

function authorEnv(author: GitAuthor): NodeJS.ProcessEnv {
  const date = `${Math.floor(author.date.getTime() / 1000)} +0000`;
  // Environment values cannot hold NUL, and git refuses a name made only of "<>" and spaces.
  const name = gitText(author.name, false).replace(/[<>]/g, ' ').trim() || 'Domino';
  const email = gitText(author.email, false).replace(/[<>]/g, '').trim() || 'domino@localhost';
  return {
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
    GIT_COMMITTER_DATE: date,
  };
}

export class GitRepositories {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly root: string) {}

  dirOf(projectId: string): string {
    return path.join(this.root, `${projectId}.git`);
  }

  exists(projectId: string): boolean {
    return fs.existsSync(path.join(this.dirOf(projectId), 'HEAD'));
  }

  private async git(projectId: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: Buffer | string } = {}): Promise<string> {
    if (options.input !== undefined) {
      return new Promise((resolve, reject) => {
        const child = spawn('git', ['-C', this.dirOf(projectId), ...args], { env: gitEnv(options.env) });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (c: Buffer) => out.push(c));
        child.stderr.on('data', (c: Buffer) => err.push(c));
        child.on('error', reject);
        // A git that exits before reading all its input (a repository gone, a bad object) makes
        // the write fail with EPIPE: without a listener that error would take the server down.
        // The exit code, reported on close, is the failure the caller sees.
        child.stdin.on('error', () => undefined);
        child.on('close', (code) =>
          code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`git ${args[0]} failed: ${Buffer.concat(err).toString()}`)),
        );
        child.stdin.end(options.input);
      });
    }
    const { stdout } = await execFileAsync('git', ['-C', this.dirOf(projectId), ...args], {
      env: gitEnv(options.env),
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    });
    return stdout;
  }

  /** Runs writes to one repository one at a time (a job's results and an upload never race). */
  private serialize<T>(projectId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(projectId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.queues.set(projectId, next);
    // Both outcomes are observed here, so this bookkeeping can never be an unhandled rejection;
    // the caller gets `next` itself and handles its failure.
    const release = () => {
      if (this.queues.get(projectId) === next) this.queues.delete(projectId);
    };
    next.then(release, release);
    return next;
  }

  /** Creates the repository with a first commit holding README.md, unless it exists. */
  async ensure(projectId: string, readme: { content: string; author: GitAuthor }): Promise<void> {
    if (this.exists(projectId)) return;
    await this.serialize(projectId, async () => {
      if (this.exists(projectId)) return;
      fs.mkdirSync(this.dirOf(projectId), { recursive: true });
      await this.git(projectId, ['init', '--quiet', '--bare', `--initial-branch=${MAIN_BRANCH}`]);
      const blob = (await this.git(projectId, ['hash-object', '-w', '--stdin'], { input: readme.content })).trim();
      const tree = (await this.git(projectId, ['mktree'], { input: `100644 blob ${blob}\tREADME.md\n` })).trim();
      const commit = (await this.git(projectId, ['commit-tree', tree, '-m', 'Initial commit'], { env: authorEnv(readme.author) })).trim();
      await this.git(projectId, ['update-ref', `refs/heads/${MAIN_BRANCH}`, commit]);
    });
  }

  async copy(fromProjectId: string, toProjectId: string): Promise<void> {
    await this.serialize(fromProjectId, async () => {
      await execFileAsync('git', ['clone', '--quiet', '--bare', '--no-hardlinks', this.dirOf(fromProjectId), this.dirOf(toProjectId)], { env: gitEnv() });
    });
  }

  /** A commit id for a full commit id, branch name or HEAD; undefined when there is none. */
  async resolveCommit(projectId: string, ref: string): Promise<string | undefined> {
    if (!/^[A-Za-z0-9._/-]+$/.test(ref) || ref.startsWith('-')) return undefined;
    // A branch's head is one small file (update-ref writes it atomically): read it without a git
    // process, which every job submission would otherwise spawn. Packed or odd refs ask git.
    const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref;
    if (/^[A-Za-z0-9_-][A-Za-z0-9._/-]*$/.test(branch) && !branch.includes('..')) {
      try {
        const head = fs.readFileSync(path.join(this.dirOf(projectId), 'refs', 'heads', branch), 'utf8').trim();
        if (COMMIT_ID_PATTERN.test(head)) return head;
      } catch {
        // Not a loose branch: a commit id, a packed ref, or nothing.
      }
    }
    try {
      return (await this.git(projectId, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim() || undefined;
    } catch {
      return undefined;
    }
  }

  async entryAt(projectId: string, commitId: string, repoPath: string): Promise<TreeEntry | undefined> {
    const out = await this.git(projectId, ['ls-tree', '-l', '-z', commitId, '--', repoPath]);
    return parseLsTree(out, '')[0];
  }

  async listDirectory(projectId: string, commitId: string, dir: string): Promise<TreeEntry[]> {
    const args = ['ls-tree', '-l', '-z', commitId];
    if (dir) args.push('--', `${dir}/`);
    const entries = parseLsTree(await this.git(projectId, args), dir);
    return entries.sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name) : a.type === 'dir' ? -1 : 1));
  }

  /** Every file's path under `dir` at a commit, relative to `dir` (recursively; none when `dir` is not there). */
  async listFilesUnder(projectId: string, commitId: string, dir: string): Promise<string[]> {
    const prefix = dir.replace(/\/+$/, '');
    const out = await this.git(projectId, ['ls-tree', '-r', '-z', '--name-only', commitId, '--', `${prefix}/`]);
    return out
      .split('\0')
      .filter((file) => file.startsWith(`${prefix}/`))
      .map((file) => file.slice(prefix.length + 1));
  }

  /** The blob's bytes as a stream straight from git: nothing is buffered whole. */
  streamBlob(projectId: string, blobId: string): Readable {
    const child = spawn('git', ['-C', this.dirOf(projectId), 'cat-file', 'blob', blobId], { env: gitEnv(), stdio: ['ignore', 'pipe', 'ignore'] });
    return child.stdout;
  }

  async log(projectId: string, ref: string, offset: number, limit: number): Promise<{ commits: CommitInfo[]; hasMore: boolean }> {
    const out = await this.git(projectId, [
      'log',
      '-z',
      `--skip=${offset}`,
      `--max-count=${limit + 1}`,
      '--format=%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%B',
      ref,
      '--',
    ]);
    const commits = out
      .split('\0')
      .filter((record) => record.trim() !== '')
      .map((record) => {
        const [id = '', parents = '', authorName = '', authorEmail = '', authoredAt = '', message = ''] = record.split('\x1f');
        return {
          id: id.trim(),
          parentIds: parents.split(' ').filter(Boolean),
          authorName,
          authorEmail,
          authoredAt: new Date(authoredAt).toISOString(),
          message: message.trim(),
        };
      });
    return { commits: commits.slice(0, limit), hasMore: commits.length > limit };
  }

  /** Writes the files of a commit into an empty work tree; the index is kept for commitWorkTree. */
  async checkout(projectId: string, commitId: string, workTree: string, indexFile: string): Promise<number> {
    const out = await this.gitScript(
      projectId,
      'git --work-tree="$1" read-tree -u --reset "$2" && git ls-files -z | tr -cd "\\000" | wc -c',
      [workTree, commitId],
      { GIT_INDEX_FILE: indexFile },
    );
    return Number(out.trim());
  }

  /**
   * Several git commands in one shell, run in the repository: a process spawned from the server
   * blocks its event loop for a few ms (a fork of a large process), a shell's own forks do not,
   * and a job's checkout and results would otherwise cost one spawn per command. Values go in as
   * positional parameters ($1, $2, ...), never into the script's text.
   */
  private gitScript(projectId: string, script: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
    return execFileAsync('sh', ['-c', `set -e; ${script}`, 'domino-git', ...args], {
      cwd: this.dirOf(projectId),
      env: gitEnv(env),
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    }).then((r) => r.stdout);
  }

  /**
   * Commits what changed in a work tree since `baseCommit`. Isolated results get a branch of
   * their own (parent: the base); otherwise the changes are applied on top of `branch`'s current
   * head, so work committed meanwhile is kept. Undefined when nothing changed.
   */
  async commitWorkTree(
    projectId: string,
    change: { baseCommit: string; workTree: string; indexFile: string; branch: string; isolated: boolean; message: string; author: GitAuthor },
  ): Promise<string | undefined> {
    const [tree = '', baseTree = ''] = (
      await this.gitScript(projectId, 'git --work-tree="$1" add -A && git write-tree && git rev-parse "$2^{tree}"', [change.workTree, change.baseCommit], {
        GIT_INDEX_FILE: change.indexFile,
      })
    )
      .trim()
      .split('\n');
    if (tree === baseTree) return undefined;
    const commitOn = async (parent: string, commitTree: string) =>
      (
        await this.git(projectId, ['commit-tree', commitTree, '-p', parent, '-F', '-'], { env: authorEnv(change.author), input: gitText(change.message, true) })
      ).trim();

    return this.serialize(projectId, async () => {
      if (change.isolated) {
        const commit = await commitOn(change.baseCommit, tree);
        await this.git(projectId, ['update-ref', `refs/heads/${change.branch}`, commit]);
        return commit;
      }
      const head = (await this.resolveCommit(projectId, `refs/heads/${change.branch}`)) ?? change.baseCommit;
      let resultTree = tree;
      if (head !== change.baseCommit) {
        // Replay the job's changes on the current head through a scratch index.
        const scratch = { GIT_INDEX_FILE: `${change.indexFile}.apply` };
        try {
          await this.git(projectId, ['read-tree', head], { env: scratch });
          const raw = await this.git(projectId, ['diff-tree', '-r', '-z', '--no-renames', change.baseCommit, tree]);
          const parts = raw.split('\0').filter(Boolean);
          // One --index-info call: "mode sha\tpath" adds or replaces, mode 0 removes.
          let info = '';
          for (let i = 0; i + 1 < parts.length; i += 2) {
            const [, newMode = '', , newSha = '', status = ''] = parts[i]!.replace(/^:/, '').split(' ');
            info += status.startsWith('D') ? `0 ${'0'.repeat(40)}\t${parts[i + 1]}\0` : `${newMode} ${newSha}\t${parts[i + 1]}\0`;
          }
          await this.git(projectId, ['update-index', '-z', '--index-info'], { env: scratch, input: info });
          resultTree = (await this.git(projectId, ['write-tree'], { env: scratch })).trim();
        } finally {
          fs.rmSync(scratch.GIT_INDEX_FILE, { force: true });
        }
      }
      const commit = await commitOn(head, resultTree);
      await this.git(projectId, ['update-ref', `refs/heads/${change.branch}`, commit, head]);
      return commit;
    });
  }

  /**
   * A file cannot go under a path that is a file or a symbolic link at `commitId` (a link could
   * point anywhere once checked out). One ls-tree call asks for every parent directory at once.
   */
  private async refuseWritesUnderFiles(projectId: string, commitId: string, filePaths: string[]): Promise<void> {
    const parents = new Set<string>();
    for (const filePath of filePaths) {
      const segments = filePath.split('/');
      for (let i = 1; i < segments.length; i++) parents.add(segments.slice(0, i).join('/'));
    }
    if (parents.size === 0) return;
    const out = await this.git(projectId, ['ls-tree', '-z', commitId, '--', ...parents]);
    for (const line of out.split('\0').filter(Boolean)) {
      const [mode = '', type = ''] = line.slice(0, line.indexOf('\t')).split(/\s+/);
      if (type === 'tree') continue;
      const blocking = line.slice(line.indexOf('\t') + 1);
      const what = mode === '120000' ? 'a symbolic link' : 'a file';
      throw new GitPathRefused(`path: ${blocking} is ${what}, so nothing can be written under it`);
    }
  }

  /**
   * Commits files on top of `branch` (created from main when missing) without a work tree,
   * through a temporary index. Returns the new commit id.
   */
  async commitFiles(
    projectId: string,
    change: { branch: string; files: Array<{ path: string; content: Buffer }>; message: string; author: GitAuthor },
  ): Promise<string> {
    return this.serialize(projectId, async () => {
      const parent = (await this.resolveCommit(projectId, `refs/heads/${change.branch}`)) ?? (await this.resolveCommit(projectId, `refs/heads/${MAIN_BRANCH}`));
      const index = path.join(this.dirOf(projectId), `index-${process.pid}-${Date.now()}`);
      const env = { GIT_INDEX_FILE: index };
      try {
        if (parent) {
          await this.refuseWritesUnderFiles(
            projectId,
            parent,
            change.files.map((f) => f.path),
          );
          await this.git(projectId, ['read-tree', parent], { env });
        }
        for (const file of change.files) {
          const blob = (await this.git(projectId, ['hash-object', '-w', '--stdin'], { input: file.content })).trim();
          try {
            await this.git(projectId, ['update-index', '--add', '--cacheinfo', `100644,${blob},${file.path}`], { env });
          } catch {
            // git's own message names host paths; the reason in the client's terms is ours.
            throw new GitPathRefused(`path: "${file.path}" cannot be stored in the project's repository`);
          }
        }
        const tree = (await this.git(projectId, ['write-tree'], { env })).trim();
        const commit = (
          await this.git(projectId, ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-F', '-'], {
            env: { ...env, ...authorEnv(change.author) },
            input: gitText(change.message, true),
          })
        ).trim();
        await this.git(projectId, ['update-ref', `refs/heads/${change.branch}`, commit, ...(parent ? [] : [''])]);
        return commit;
      } finally {
        fs.rmSync(index, { force: true });
      }
    });
  }
}

function parseLsTree(out: string, dir: string): TreeEntry[] {
  return out
    .split('\0')
    .filter(Boolean)
    .flatMap((line) => {
      const tab = line.indexOf('\t');
      const [, type = '', blobId = '', size = '-'] = line.slice(0, tab).split(/\s+/);
      const fullPath = line.slice(tab + 1);
      if (type !== 'blob' && type !== 'tree') return [];
      return [
        {
          name: dir ? fullPath.slice(dir.length + 1) : fullPath.split('/').pop()!,
          path: fullPath,
          type: type === 'tree' ? ('dir' as const) : ('file' as const),
          size: type === 'blob' ? Number(size) : null,
          blobId,
        },
      ];
    });
}
