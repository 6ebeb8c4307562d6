import { describe, expect, it } from 'vitest';
import { resolveCommand, splitWords } from './command';

describe('splitWords', () => {
  it('honours quotes and escapes', () => {
    expect(splitWords(`train.py --name "my run" --tag 'a b' x\\ y`)).toEqual(['train.py', '--name', 'my run', '--tag', 'a b', 'x y']);
    expect(splitWords('  ')).toEqual([]);
    expect(splitWords(`a "" b`)).toEqual(['a', '', 'b']);
  });
});

describe('resolveCommand', () => {
  it('runs .py with python3, .sh with bash, .js/.mjs with node, anything else with bash -c', () => {
    expect(resolveCommand('train.py --epochs 3', 4).argv.slice(-4)).toEqual(['python3', 'train.py', '--epochs', '3']);
    expect(resolveCommand('scripts/run.sh a', 4).argv.slice(-3)).toEqual(['bash', 'scripts/run.sh', 'a']);
    expect(resolveCommand('bench.mjs x', 4).argv).toEqual(['node', '--max-old-space-size=4096', 'bench.mjs', 'x']);
    const shell = resolveCommand('echo hi | tr a-z A-Z', 1);
    expect(shell.argv[0]).toBe('bash');
    expect(shell.argv[2]).toBe('ulimit -v 1048576 && echo hi | tr a-z A-Z');
  });
});
