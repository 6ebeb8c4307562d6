// What a project's README may point at (decision 42). A README is text anyone with write access
// to the project can commit, and the overview renders it for everyone who can read the project, so
// links are limited to http(s), mailto, in-page anchors and files of the project, and images to
// the project's own content endpoint: nothing that runs script, and no request to another host
// that would tell it who read the page.
import type { TreeEntry } from '../../api/schemas/project-files';
import { normalisePath, parentOf } from './file-paths';

export type MarkdownLink =
  | { kind: 'external'; href: string }
  | { kind: 'anchor'; href: string }
  /** A file or folder of the project, relative to the Markdown file's folder. */
  | { kind: 'file'; path: string }
  /** Shown as its text only. */
  | { kind: 'none' };

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);

/** "docs/../a/./b" → "a/b"; undefined when the path climbs out of the project. */
export function resolveInProject(dir: string, relative: string): string | undefined {
  const segments = relative.startsWith('/') ? [] : normalisePath(dir).split('/').filter(Boolean);
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else segments.push(segment);
  }
  return segments.join('/');
}

/** Drops "?query" and "#fragment" from a relative reference, and percent-decodes it. */
function pathPart(url: string): string | undefined {
  const end = url.search(/[?#]/);
  const raw = end === -1 ? url : url.slice(0, end);
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/**
 * How a link of a Markdown file at `filePath` is rendered. Browsers ignore tabs and newlines in
 * a URL and leading spaces, so those are stripped before the scheme is read ("java\tscript:").
 */
export function classifyLink(url: string, filePath: string): MarkdownLink {
  // eslint-disable-next-line no-control-regex -- what browsers strip from a URL before reading it
  const value = url.replace(/[\u0000-\u0020]/g, '');
  if (value === '') return { kind: 'none' };
  if (value.startsWith('#')) return { kind: 'anchor', href: value };
  // A protocol-relative URL ("//host/x") is another host.
  if (value.startsWith('//') || value.startsWith('\\')) return { kind: 'none' };
  const scheme = SCHEME.exec(value);
  if (scheme) return ALLOWED_SCHEMES.has(scheme[1]!.toLowerCase()) ? { kind: 'external', href: value } : { kind: 'none' };
  const relative = pathPart(value);
  if (relative === undefined) return { kind: 'none' };
  const path = resolveInProject(parentOf(filePath), relative);
  return path === undefined ? { kind: 'none' } : { kind: 'file', path };
}

/** The project path an image of a Markdown file at `filePath` shows, or undefined when it may not be shown. */
export function imagePath(url: string, filePath: string): string | undefined {
  const link = classifyLink(url, filePath);
  return link.kind === 'file' && link.path !== '' ? link.path : undefined;
}

const README_NAMES = ['readme.md', 'readme.markdown', 'readme'];

/** The README of a folder listing, as GitHub picks it: README.md first. */
export function findReadme(entries: readonly TreeEntry[]): TreeEntry | undefined {
  const files = entries.filter((entry) => entry.type === 'file');
  for (const name of README_NAMES) {
    const found = files.find((entry) => entry.name.toLowerCase() === name);
    if (found) return found;
  }
  return undefined;
}

export function isMarkdownPath(path: string): boolean {
  return /\.(md|markdown)$/i.test(path);
}
