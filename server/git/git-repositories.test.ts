import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GitRepositories, normaliseRepoPath } from './git-repositories';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

function repos() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'git-repos-'));
  roots.push(root);
  return new GitRepositories(root);
}

const author = { name: 'Maya Chen', email: 'maya@example.com', date: new Date('2026-01-02T03:04:05Z') };

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('GitRepositories', () => {
  it('a git that exits before reading its input is a failed call, not a crash (EPIPE)', async () => {
    // -C into a directory that is gone: git exits at once, and 8 MB cannot fit in the pipe.
    const git = repos() as unknown as { git(id: string, args: string[], options: { input: Buffer }): Promise<string> };
    await expect(git.git('gone', ['hash-object', '-w', '--stdin'], { input: Buffer.alloc(8 * 1024 * 1024) })).rejects.toThrow(/git hash-object failed/);
  });

  it('starts a repository with a README commit by the given author', async () => {
    const git = repos();
    await git.ensure('p1', { content: '# Hello\n', author });
    const head = await git.resolveCommit('p1', 'main');
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    const { commits } = await git.log('p1', 'main', 0, 10);
    expect(commits).toEqual([
      expect.objectContaining({
        id: head,
        authorName: 'Maya Chen',
        authorEmail: 'maya@example.com',
        message: 'Initial commit',
        authoredAt: '2026-01-02T03:04:05.000Z',
      }),
    ]);
    const entry = await git.entryAt('p1', head!, 'README.md');
    expect(await readAll(git.streamBlob('p1', entry!.blobId))).toBe('# Hello\n');
  });

  it('commits files on main or on a branch of their own, keeping old commits readable', async () => {
    const git = repos();
    await git.ensure('p1', { content: 'readme', author });
    const first = (await git.resolveCommit('p1', 'main'))!;
    const second = await git.commitFiles('p1', { branch: 'main', files: [{ path: 'src/a.py', content: Buffer.from('v1') }], message: 'add a', author });
    const third = await git.commitFiles('p1', { branch: 'main', files: [{ path: 'src/a.py', content: Buffer.from('v2') }], message: 'change a', author });
    expect(await readAll(git.streamBlob('p1', (await git.entryAt('p1', second, 'src/a.py'))!.blobId))).toBe('v1');
    expect(await readAll(git.streamBlob('p1', (await git.entryAt('p1', third, 'src/a.py'))!.blobId))).toBe('v2');
    expect(await git.entryAt('p1', first, 'src/a.py')).toBeUndefined();
    expect((await git.listDirectory('p1', third, '')).map((e) => `${e.type}:${e.name}`)).toEqual(['dir:src', 'file:README.md']);
    expect((await git.listDirectory('p1', third, 'src')).map((e) => [e.name, e.size])).toEqual([['a.py', 2]]);

    const isolated = await git.commitFiles('p1', { branch: 'run-1', files: [{ path: 'out.txt', content: Buffer.from('x') }], message: 'results', author });
    expect(await git.resolveCommit('p1', 'main')).toBe(third);
    expect(await git.resolveCommit('p1', 'run-1')).toBe(isolated);
  });

  it('serialises concurrent commits to one repository: none is lost', async () => {
    const git = repos();
    await git.ensure('p1', { content: 'readme', author });
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        git.commitFiles('p1', { branch: 'main', files: [{ path: `f${i}.txt`, content: Buffer.from(String(i)) }], message: `f${i}`, author }),
      ),
    );
    const head = (await git.resolveCommit('p1', 'main'))!;
    expect((await git.listDirectory('p1', head, '')).length).toBe(9);
    expect((await git.log('p1', 'main', 0, 50)).commits.length).toBe(9);
  });

  it('refuses paths that leave the repository and refs that are not refs', async () => {
    for (const bad of ['../etc/passwd', '/etc/passwd', 'a/../../b', '', '.git/config', 'a\0b']) expect(normaliseRepoPath(bad)).toBeUndefined();
    expect(normaliseRepoPath('a/./b//c.txt')).toBe('a/b/c.txt');
    const git = repos();
    await git.ensure('p1', { content: 'readme', author });
    expect(await git.resolveCommit('p1', '--output=/tmp/x')).toBeUndefined();
    expect(await git.resolveCommit('p1', '0123456789012345678901234567890123456789')).toBeUndefined();
  });
});

describe('work trees', () => {
  it('checks out a commit and commits a job’s changes on top of a moved main, keeping both', async () => {
    const git = repos();
    await git.ensure('p1', { content: 'readme', author });
    const base = (await git.resolveCommit('p1', 'main'))!;
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'work-'));
    roots.push(root);
    const workTree = path.join(root, 'work');
    fs.mkdirSync(workTree);
    expect(await git.checkout('p1', base, workTree, path.join(root, 'index'))).toBe(1);
    expect(fs.readFileSync(path.join(workTree, 'README.md'), 'utf8')).toBe('readme');
    // Someone commits to main while the job runs.
    await git.commitFiles('p1', { branch: 'main', files: [{ path: 'other.txt', content: Buffer.from('other') }], message: 'other', author });
    fs.writeFileSync(path.join(workTree, 'results.csv'), 'a,b\n');
    fs.rmSync(path.join(workTree, 'README.md'));
    const commit = await git.commitWorkTree('p1', {
      baseCommit: base,
      workTree,
      indexFile: path.join(root, 'index'),
      branch: 'main',
      isolated: false,
      message: 'results',
      author,
    });
    const names = (await git.listDirectory('p1', commit!, '')).map((e) => e.name);
    expect(names).toEqual(['other.txt', 'results.csv']);
    // The same work tree committed again: its changes replay onto the new head, a commit on top of the first.
    const again = await git.commitWorkTree('p1', {
      baseCommit: base,
      workTree,
      indexFile: path.join(root, 'index'),
      branch: 'main',
      isolated: false,
      message: 'again',
      author,
    });
    expect(again).toMatch(/^[0-9a-f]{40}$/);
    expect(await git.resolveCommit('p1', 'main')).toBe(again);
    expect((await git.log('p1', 'main', 0, 1)).commits[0]).toMatchObject({ id: again, parentIds: [commit], message: 'again' });
    expect((await git.listDirectory('p1', again!, '')).map((e) => e.name)).toEqual(['other.txt', 'results.csv']);
  });

  it('returns undefined when nothing changed, and puts isolated results on their own branch', async () => {
    const git = repos();
    await git.ensure('p1', { content: 'readme', author });
    const base = (await git.resolveCommit('p1', 'main'))!;
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'work-'));
    roots.push(root);
    const workTree = path.join(root, 'work');
    fs.mkdirSync(workTree);
    await git.checkout('p1', base, workTree, path.join(root, 'index'));
    const spec = { baseCommit: base, workTree, indexFile: path.join(root, 'index'), branch: 'run-7', isolated: true, message: 'r', author };
    expect(await git.commitWorkTree('p1', spec)).toBeUndefined();
    fs.writeFileSync(path.join(workTree, 'out.txt'), 'x');
    const commit = await git.commitWorkTree('p1', spec);
    expect(await git.resolveCommit('p1', 'run-7')).toBe(commit);
    expect(await git.resolveCommit('p1', 'main')).toBe(base);
  });
});
