import { describe, expect, it } from 'vitest';
import type { HardwareTierV1 } from '../../api/schemas/hardware-tiers';
import { formatGiB } from './job-page';
import { tagNameProblem } from './job-tags';
import { hasActiveFilters } from './jobs-filters';
import { JOB_LIST_DEFAULTS } from './jobs-search';
import { nextSort } from './jobs-sort';
import { statNames } from './jobs-table';
import { projectMatches } from './project-picker';
import { describeTier, hexIdProblem, humanize } from './run-job-dialog';

describe('nextSort', () => {
  it('flips the direction when the same column is clicked again', () => {
    const state = { ...JOB_LIST_DEFAULTS, page: 4 };
    expect(nextSort(state, 'number')).toMatchObject({ sortBy: 'number', ascending: true, page: 1 });
    expect(nextSort({ ...state, ascending: true }, 'number')).toMatchObject({ ascending: false });
  });

  it('starts a new column in its natural order: numbers and times newest first, words A→Z', () => {
    expect(nextSort(JOB_LIST_DEFAULTS, 'title')).toMatchObject({ sortBy: 'title', ascending: true });
    expect(nextSort(JOB_LIST_DEFAULTS, 'startedTime')).toMatchObject({ sortBy: 'startedTime', ascending: false });
  });

  it('treats each stat as its own column', () => {
    const byAuc = nextSort(JOB_LIST_DEFAULTS, 'dominoStatsField', 'AUC');
    expect(byAuc).toMatchObject({ sortBy: 'dominoStatsField', statsField: 'AUC', ascending: false });
    expect(nextSort(byAuc, 'dominoStatsField', 'AUC')).toMatchObject({ ascending: true });
    expect(nextSort(byAuc, 'dominoStatsField', 'loss')).toMatchObject({ statsField: 'loss', ascending: false });
    expect(nextSort(byAuc, 'user')).toMatchObject({ sortBy: 'user', statsField: undefined });
  });
});

describe('statNames', () => {
  it('collects stat names in first-seen order, up to a maximum', () => {
    const jobs = [
      { dominoStats: [{ name: 'AUC', value: '1' }] },
      {
        dominoStats: [
          { name: 'loss', value: '2' },
          { name: 'AUC', value: '3' },
          { name: 'f1', value: '4' },
          { name: 'x', value: '5' },
        ],
      },
    ];
    expect(statNames(jobs)).toEqual(['AUC', 'loss', 'f1']);
    expect(statNames(jobs, 10)).toEqual(['AUC', 'loss', 'f1', 'x']);
  });
});

describe('hasActiveFilters', () => {
  it('counts status, tag and archived, not sort or paging', () => {
    expect(hasActiveFilters({ ...JOB_LIST_DEFAULTS, sortBy: 'title', page: 3 })).toBe(false);
    expect(hasActiveFilters({ ...JOB_LIST_DEFAULTS, status: 'running' })).toBe(true);
    expect(hasActiveFilters({ ...JOB_LIST_DEFAULTS, tag: 'x' })).toBe(true);
    expect(hasActiveFilters({ ...JOB_LIST_DEFAULTS, showArchived: true })).toBe(true);
  });
});

describe('tagNameProblem', () => {
  it('refuses empty, too long and duplicate names', () => {
    expect(tagNameProblem('  ', [])).toMatch(/Type a tag name/);
    expect(tagNameProblem('x'.repeat(101), [])).toMatch(/at most 100/);
    expect(tagNameProblem(' best ', [{ name: 'best' }])).toMatch(/already tagged “best”/);
    expect(tagNameProblem('best', [{ name: 'Best' }])).toBeUndefined();
  });
});

describe('run-a-job form helpers', () => {
  it('explains a partly typed id', () => {
    expect(hexIdProblem('a'.repeat(40), 40, 'A commit id')).toBeUndefined();
    expect(hexIdProblem('ABCDEF'.repeat(4), 24, 'An environment id')).toBeUndefined();
    expect(hexIdProblem('abc', 40, 'A commit id')).toBe('A commit id is 40 hexadecimal characters (0–9, a–f); this one has 3.');
    expect(hexIdProblem('g'.repeat(40), 40, 'A commit id')).toMatch(/other characters/);
  });

  it('names fields in words', () => {
    expect(humanize('runCommand must not be empty')).toBe('The command must not be empty');
    expect(humanize('title must be at most 200 characters')).toBe('The title must be at most 200 characters');
    expect(humanize('something else')).toBe('something else');
  });

  it('describes a tier by its resources and price', () => {
    const tier = { resources: { cores: 1, memory: { value: 4, units: 'GiB' } }, centsPerMinute: 0.8 } as HardwareTierV1;
    expect(describeTier(tier)).toBe('1 core · 4 GiB · 0.8¢/min');
    expect(
      describeTier({
        ...tier,
        resources: { ...tier.resources, cores: 8 },
        gpuConfiguration: { numberOfGpus: 1, gpuKey: 'g' },
        centsPerMinute: 12.3456,
      } as HardwareTierV1),
    ).toBe('8 cores · 4 GiB · 1 GPU · 12.35¢/min');
  });
});

describe('formatGiB', () => {
  it('keeps enough digits to tell small jobs apart', () => {
    expect(formatGiB(0.0134)).toBe('0.013 GiB');
    expect(formatGiB(3.214)).toBe('3.21 GiB');
    expect(formatGiB(31.25)).toBe('31.3 GiB');
  });
});

describe('projectMatches', () => {
  const project = { name: 'customer-churn', ownerUsername: 'maya.chen', description: 'Predicts who leaves' };
  it('matches name, owner and description, ignoring case', () => {
    expect(projectMatches(project, 'CHURN')).toBe(true);
    expect(projectMatches(project, 'maya')).toBe(true);
    expect(projectMatches(project, 'leaves')).toBe(true);
    expect(projectMatches(project, 'forecast')).toBe(false);
    expect(projectMatches(project, '  ')).toBe(true);
  });
});
