// Paths inside a project's repository ("data/raw/2024.csv"), as the Files tab shows and links them.

/** "a//b/" → "a/b"; leading and trailing slashes and empty segments are dropped. */
export function normalisePath(path: string): string {
  return path
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
}

/** The folder a path is in: "" for a top-level entry. */
export function parentOf(path: string): string {
  const clean = normalisePath(path);
  const slash = clean.lastIndexOf('/');
  return slash === -1 ? '' : clean.slice(0, slash);
}

export function baseName(path: string): string {
  const clean = normalisePath(path);
  return clean.slice(clean.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, name: string): string {
  return normalisePath(`${dir}/${name}`);
}

export interface Crumb {
  label: string;
  /** The path this crumb opens ("" for the root). */
  path: string;
}

/** The breadcrumb of a path: the root first, then one crumb per folder and the last entry. */
export function breadcrumbOf(path: string, rootLabel: string): Crumb[] {
  const segments = normalisePath(path).split('/').filter(Boolean);
  return [{ label: rootLabel, path: '' }, ...segments.map((segment, index) => ({ label: segment, path: segments.slice(0, index + 1).join('/') }))];
}

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/** 532 B, 1.5 KB, 12 MB: one decimal below 10, none above. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes;
  let unit: string = 'B';
  for (const next of UNITS) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${value < 10 ? value.toFixed(1).replace(/\.0$/, '') : Math.round(value)} ${unit}`;
}

/** The first 7 characters of a commit id, as git shows it. */
export function shortCommit(commitId: string): string {
  return commitId.slice(0, 7);
}
