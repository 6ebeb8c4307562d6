import { describe, expect, it } from 'vitest';
import { runCommandFor } from './highlight';
import { classifyLink, findReadme, imagePath, resolveInProject } from './markdown-links';

describe('README links', () => {
  it('allows http(s), mailto, anchors and project files, nothing else', () => {
    expect(classifyLink('https://a.example/x', 'README.md')).toEqual({ kind: 'external', href: 'https://a.example/x' });
    expect(classifyLink('MAILTO:x@y.z', 'README.md').kind).toBe('external');
    expect(classifyLink('#setup', 'README.md')).toEqual({ kind: 'anchor', href: '#setup' });
    expect(classifyLink('docs/a%20b.md#part', 'sub/README.md')).toEqual({ kind: 'file', path: 'sub/docs/a b.md' });
    for (const hostile of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\nscript:x', 'data:text/html,x', 'vbscript:x', '//evil.example/x', '\\\\evil']) {
      expect(classifyLink(hostile, 'README.md')).toEqual({ kind: 'none' });
    }
  });

  it('keeps paths inside the project', () => {
    expect(resolveInProject('a/b', '../c/./d')).toBe('a/c/d');
    expect(resolveInProject('a', '../../x')).toBeUndefined();
    expect(resolveInProject('a/b', '/top.png')).toBe('top.png');
    expect(imagePath('../plot.png', 'README.md')).toBeUndefined();
    expect(imagePath('https://cdn.example/p.png', 'README.md')).toBeUndefined();
    expect(imagePath('img/p.png', 'docs/README.md')).toBe('docs/img/p.png');
  });

  it('picks README.md before other READMEs', () => {
    const file = (name: string) => ({ name, path: name, type: 'file' as const, size: 1 });
    expect(findReadme([file('readme'), file('README.MD'), file('x.md')])?.name).toBe('README.MD');
    expect(findReadme([{ name: 'README.md', path: 'README.md', type: 'dir', size: null }])).toBeUndefined();
  });

  it('runs scripts with their interpreter, quoting what the shell would split', () => {
    expect(runCommandFor('src/train.py')).toBe('python src/train.py');
    expect(runCommandFor('analysis/fit.R')).toBe('Rscript analysis/fit.R');
    expect(runCommandFor('run.sh')).toBe('bash run.sh');
    expect(runCommandFor("it's here.py")).toBe(`python 'it'\\''s here.py'`);
    expect(runCommandFor('data.csv')).toBeUndefined();
  });
});
