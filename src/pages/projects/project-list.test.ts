import { describe, expect, it } from 'vitest';
import { hasActiveFilters, matchesSearch, ownersOf, sortProjects, visibleProjects, type ProjectListItem } from './project-list';
import { PROJECTS_SEARCH_DEFAULTS } from './projects-search';

function project(id: string, name: string, ownerUsername: string, visibility: string, collaborators = 0, description = ''): ProjectListItem {
  return {
    id,
    name,
    ownerUsername,
    visibility: visibility as ProjectListItem['visibility'],
    description,
    collaborators: Array.from({ length: collaborators }, (_, i) => ({ id: `u${i}`, role: 'contributor' as const })),
  };
}

const projects = [
  project('1', 'customer-churn', 'maya.chen', 'public', 3, 'Predict which subscribers will cancel'),
  project('2', 'Credit-risk', 'omar.haddad', 'private', 2, 'PD model for small-business loans'),
  project('3', 'demand-forecasting', 'sofia.rossi', 'searchable', 2, 'Weekly demand forecasts'),
  project('4', 'project10', 'maya.chen', 'public', 0),
  project('5', 'project9', 'admin', 'private', 1),
];

describe('matchesSearch', () => {
  it('matches every word in the name or the description, in any case', () => {
    expect(matchesSearch(projects[0]!, 'CHURN')).toBe(true);
    expect(matchesSearch(projects[0]!, 'subscribers cancel')).toBe(true);
    expect(matchesSearch(projects[0]!, 'churn loans')).toBe(false);
    expect(matchesSearch(projects[1]!, '  small-business  ')).toBe(true);
  });

  it('treats an empty or blank search as matching everything', () => {
    expect(matchesSearch(projects[3]!, '')).toBe(true);
    expect(matchesSearch(projects[3]!, '   ')).toBe(true);
  });
});

describe('visibleProjects', () => {
  it('filters by visibility and owner (owner in any case)', () => {
    const names = (search: Partial<typeof PROJECTS_SEARCH_DEFAULTS>) =>
      visibleProjects(projects, { ...PROJECTS_SEARCH_DEFAULTS, ...search }).map((p) => p.name);
    expect(names({ visibility: 'private' })).toEqual(['Credit-risk', 'project9']);
    expect(names({ owner: 'MAYA.CHEN' })).toEqual(['customer-churn', 'project10']);
    expect(names({ owner: 'maya.chen', q: 'predict' })).toEqual(['customer-churn']);
    expect(names({ visibility: 'searchable', owner: 'admin' })).toEqual([]);
  });

  it('sorts names naturally and without regard to case', () => {
    expect(sortProjects(projects, 'name', 'asc').map((p) => p.name)).toEqual(['Credit-risk', 'customer-churn', 'demand-forecasting', 'project9', 'project10']);
    expect(sortProjects(projects, 'name', 'desc').map((p) => p.name)).toEqual(['project10', 'project9', 'demand-forecasting', 'customer-churn', 'Credit-risk']);
  });

  it('sorts by owner, visibility or collaborators, with ties broken by name (always ascending)', () => {
    expect(sortProjects(projects, 'owner', 'asc').map((p) => p.name)).toEqual(['project9', 'customer-churn', 'project10', 'Credit-risk', 'demand-forecasting']);
    expect(sortProjects(projects, 'owner', 'desc').map((p) => p.name)).toEqual([
      'demand-forecasting',
      'Credit-risk',
      'customer-churn',
      'project10',
      'project9',
    ]);
    expect(sortProjects(projects, 'visibility', 'asc').map((p) => p.visibility)).toEqual(['public', 'public', 'searchable', 'private', 'private']);
    expect(sortProjects(projects, 'visibility', 'asc').map((p) => p.name)).toEqual([
      'customer-churn',
      'project10',
      'demand-forecasting',
      'Credit-risk',
      'project9',
    ]);
    expect(sortProjects(projects, 'collaborators', 'desc').map((p) => p.collaborators.length)).toEqual([3, 2, 2, 1, 0]);
  });

  it('does not change the input', () => {
    const before = projects.map((p) => p.id);
    sortProjects(projects, 'name', 'desc');
    expect(projects.map((p) => p.id)).toEqual(before);
  });
});

describe('ownersOf and hasActiveFilters', () => {
  it('lists each owner once, alphabetically', () => {
    expect(ownersOf(projects)).toEqual(['admin', 'maya.chen', 'omar.haddad', 'sofia.rossi']);
  });

  it('counts search, visibility and owner as filters, but not sorting', () => {
    expect(hasActiveFilters(PROJECTS_SEARCH_DEFAULTS)).toBe(false);
    expect(hasActiveFilters({ ...PROJECTS_SEARCH_DEFAULTS, sort: 'owner', order: 'desc' })).toBe(false);
    expect(hasActiveFilters({ ...PROJECTS_SEARCH_DEFAULTS, q: ' ' })).toBe(false);
    expect(hasActiveFilters({ ...PROJECTS_SEARCH_DEFAULTS, q: 'churn' })).toBe(true);
    expect(hasActiveFilters({ ...PROJECTS_SEARCH_DEFAULTS, visibility: 'public' })).toBe(true);
    expect(hasActiveFilters({ ...PROJECTS_SEARCH_DEFAULTS, owner: 'admin' })).toBe(true);
  });
});
