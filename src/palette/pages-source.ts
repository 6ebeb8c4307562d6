import { rank, bestScore } from './match';
import type { PaletteItem, PaletteSource } from './palette-types';

/** Every page a person may want to jump to, with the words they may type for it. */
const PAGES: ReadonlyArray<PaletteItem & { words?: string }> = [
  { key: 'page:/', label: 'Overview', href: '/', words: 'home dashboard' },
  { key: 'page:/projects', label: 'Projects', href: '/projects' },
  { key: 'page:/projects?show=archived', label: 'Archived projects', href: '/projects?show=archived', words: 'restore' },
  { key: 'page:/jobs/all', label: 'My jobs across projects', href: '/jobs/all', words: 'jobs home running' },
  { key: 'page:/jobs', label: 'Jobs of a project', href: '/jobs' },
  { key: 'page:/datasets', label: 'Datasets', href: '/datasets' },
  { key: 'page:/models', label: 'Models', href: '/models', words: 'registry reviews' },
  { key: 'page:/model-apis', label: 'Model APIs', href: '/model-apis', words: 'endpoints predictions' },
  { key: 'page:/environments', label: 'Environments', href: '/environments' },
  { key: 'page:/organizations', label: 'Organizations', href: '/organizations', words: 'orgs teams' },
  { key: 'page:/users', label: 'Users', href: '/users', words: 'people' },
  { key: 'page:/monitoring', label: 'Monitoring', href: '/monitoring', words: 'metrics alerts' },
  { key: 'page:/cost', label: 'Cost', href: '/cost', words: 'billing spend' },
];

export const pagesSource: PaletteSource = {
  group: 'Pages',
  search: (query, _context, limit) =>
    rank(PAGES, (page) => bestScore([page.label, ...(page.words?.split(' ') ?? [])], query), limit).map(({ words: _words, ...item }) => item),
};
