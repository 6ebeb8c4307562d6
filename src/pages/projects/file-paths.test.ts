import { describe, expect, it } from 'vitest';
import { baseName, breadcrumbOf, formatBytes, joinPath, normalisePath, parentOf, shortCommit } from './file-paths';

describe('paths', () => {
  it('normalises slashes and dots', () => {
    expect(normalisePath('/data//raw/./2024.csv/')).toBe('data/raw/2024.csv');
    expect(normalisePath('')).toBe('');
    expect(normalisePath('/')).toBe('');
  });

  it('finds the parent folder and the last name', () => {
    expect(parentOf('data/raw/2024.csv')).toBe('data/raw');
    expect(parentOf('README.md')).toBe('');
    expect(parentOf('')).toBe('');
    expect(baseName('data/raw/2024.csv')).toBe('2024.csv');
    expect(baseName('README.md')).toBe('README.md');
  });

  it('joins a folder and a name', () => {
    expect(joinPath('', 'train.py')).toBe('train.py');
    expect(joinPath('data/', 'x.csv')).toBe('data/x.csv');
  });

  it('builds a breadcrumb from the root', () => {
    expect(breadcrumbOf('', 'churn')).toEqual([{ label: 'churn', path: '' }]);
    expect(breadcrumbOf('data/raw/2024.csv', 'churn')).toEqual([
      { label: 'churn', path: '' },
      { label: 'data', path: 'data' },
      { label: 'raw', path: 'data/raw' },
      { label: '2024.csv', path: 'data/raw/2024.csv' },
    ]);
  });
});

describe('formatBytes and shortCommit', () => {
  it('uses one decimal below 10 and none above', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * 1024)).toBe('20 KB');
    expect(formatBytes(1024 * 1024)).toBe('1 MB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MB');
    expect(formatBytes(3.25 * 1024 ** 3)).toBe('3.3 GB');
  });

  it('shortens a commit id to 7 characters', () => {
    expect(shortCommit('5b5b201fa34cb61da7d610e10de96dc73cb66a00')).toBe('5b5b201');
  });
});
