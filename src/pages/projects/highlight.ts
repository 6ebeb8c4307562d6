// Which highlighter language a file's name asks for, and the size past which a file is shown
// plain. Small and eager: the highlighter itself (highlighted-code.tsx) loads only when a file
// with one of these languages is opened (decision 42).

/** Larger files are shown without highlighting: tokenising them would hold the page up. */
export const HIGHLIGHT_LIMIT = 512 * 1024;

export type HighlightLanguage = 'python' | 'r' | 'sql' | 'json' | 'yaml' | 'bash' | 'markdown' | 'javascript' | 'typescript';

const BY_EXTENSION: Record<string, HighlightLanguage> = {
  py: 'python',
  r: 'r',
  sql: 'sql',
  json: 'json',
  ipynb: 'json',
  yml: 'yaml',
  yaml: 'yaml',
  sh: 'bash',
  bash: 'bash',
  md: 'markdown',
  markdown: 'markdown',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
};

export function languageOf(path: string): HighlightLanguage | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()];
}

/** The command that runs a file in a job, by its kind; undefined for a file a job cannot run. */
export function runCommandFor(path: string): string | undefined {
  const quoted = /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (extension === 'py') return `python ${quoted}`;
  if (extension === 'r') return `Rscript ${quoted}`;
  if (extension === 'sh' || extension === 'bash') return `bash ${quoted}`;
  return undefined;
}
