import { describe, expect, it } from 'vitest';
import { JOB_SORT_FIELDS, JOB_STATUS_FILTERS } from '../../api/schemas/jobs';
import { JOB_LIST_STATUS_FILTERS, JOB_OUTCOME_FILTERS } from './jobs-filters';
import { JOB_LIST_DEFAULTS, jobSearchSchema, jobsSearchSchema, toJobListRequest } from './jobs-search';
import { JOB_LIST_SORT_FIELDS } from './jobs-sort';

const PROJECT = 'a'.repeat(24);

describe('jobsSearchSchema', () => {
  it('fills every default from an empty URL', () => {
    expect(jobsSearchSchema.parse({})).toEqual({ ...JOB_LIST_DEFAULTS, projectId: undefined, statsField: undefined });
  });

  it('falls back to the defaults for mangled values, keeping a bad projectId for the bad-link page', () => {
    const parsed = jobsSearchSchema.parse({
      projectId: 'nope',
      sortBy: 'colour',
      ascending: 'yes',
      status: 'done',
      page: -3,
      pageSize: 7,
      showArchived: 1,
      tag: 42,
    });
    expect(parsed).toMatchObject({
      projectId: 'nope',
      sortBy: 'number',
      ascending: false,
      status: 'all',
      page: 1,
      pageSize: 25,
      showArchived: false,
      tag: '42',
    });
  });

  it('keeps a valid state', () => {
    const state = {
      projectId: PROJECT,
      sortBy: 'duration',
      ascending: true,
      status: 'active',
      tag: 'nightly',
      showArchived: true,
      showStats: true,
      page: 3,
      pageSize: 50,
    };
    expect(jobsSearchSchema.parse(state)).toEqual({ ...state, statsField: undefined });
  });

  it('needs a stat name to sort by a stat, and otherwise sorts by number', () => {
    expect(jobsSearchSchema.parse({ sortBy: 'dominoStatsField' })).toMatchObject({ sortBy: 'number', statsField: undefined });
    expect(jobsSearchSchema.parse({ sortBy: 'dominoStatsField', statsField: 'AUC' })).toMatchObject({ sortBy: 'dominoStatsField', statsField: 'AUC' });
  });

  it('offers exactly the API’s sort fields and status filters', () => {
    expect([...JOB_LIST_SORT_FIELDS].sort()).toEqual([...JOB_SORT_FIELDS].sort());
    expect([...JOB_LIST_STATUS_FILTERS].sort()).toEqual([...JOB_STATUS_FILTERS, ...JOB_OUTCOME_FILTERS].sort());
  });
});

describe('jobSearchSchema', () => {
  it('defaults the stream to all and ignores a bad one', () => {
    expect(jobSearchSchema.parse({})).toEqual({ stream: 'all', projectId: undefined });
    expect(jobSearchSchema.parse({ stream: 'stderr', projectId: PROJECT })).toEqual({ stream: 'stderr', projectId: PROJECT });
    expect(jobSearchSchema.parse({ stream: 'everything' }).stream).toBe('all');
  });
});

describe('toJobListRequest', () => {
  it('turns a page into offset/limit and leaves out an empty tag and an unused stat name', () => {
    expect(toJobListRequest(PROJECT, { ...JOB_LIST_DEFAULTS, page: 3, pageSize: 10, tag: '  ', statsField: 'AUC' })).toEqual({
      projectId: PROJECT,
      offset: 20,
      limit: 10,
      sortBy: 'number',
      dominoStatsSortFieldName: undefined,
      ascending: false,
      statusFilter: 'all',
      tagFilter: undefined,
      showArchived: false,
    });
  });

  it('asks for an outcome as completed jobs with the executionStatus extension', () => {
    expect(toJobListRequest(PROJECT, { ...JOB_LIST_DEFAULTS, status: 'failed' })).toMatchObject({ statusFilter: 'completed', executionStatus: 'Failed' });
    expect(toJobListRequest(PROJECT, JOB_LIST_DEFAULTS)).not.toHaveProperty('executionStatus');
  });

  it('sends the stat name with dominoStatsField and a trimmed tag', () => {
    expect(toJobListRequest(PROJECT, { ...JOB_LIST_DEFAULTS, sortBy: 'dominoStatsField', statsField: 'AUC', tag: ' nightly ' })).toMatchObject({
      sortBy: 'dominoStatsField',
      dominoStatsSortFieldName: 'AUC',
      tagFilter: 'nightly',
    });
  });
});
