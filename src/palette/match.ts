// Matching what was typed against names, and reading job references ("#12", "maya/churn#12").

/**
 * How well `text` matches `query` (lower case, trimmed): 3 for the whole text, 2 for a prefix, 1
 * for a word's start or anywhere inside, 0 for no match. An empty query matches everything a little.
 */
export function matchScore(text: string, query: string): number {
  if (query === '') return 1;
  const lower = text.toLowerCase();
  if (lower === query) return 3;
  if (lower.startsWith(query)) return 2;
  return lower.includes(query) ? 1 : 0;
}

/** The best score over several names of one thing (a user's name and user name). */
export function bestScore(texts: readonly (string | undefined)[], query: string): number {
  return Math.max(0, ...texts.map((text) => (text ? matchScore(text, query) : 0)));
}

/** Items sorted by score (best first, then as given), the non-matching left out, at most `limit`. */
export function rank<T>(items: readonly T[], score: (item: T) => number, limit: number): T[] {
  return items
    .map((item, index) => ({ item, index, score: score(item) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.item);
}

export interface JobReference {
  number: number;
  /** With "owner/project#12"; absent for "#12" (the current project). */
  owner?: string;
  project?: string;
}

/** "#12", "12" after a "#", or "owner/project#12"; undefined for anything else. */
export function parseJobReference(query: string): JobReference | undefined {
  const match = /^(?:([^\s/#]+)\/([^\s/#]+))?#(\d{1,9})$/.exec(query.trim());
  if (!match) return undefined;
  const number = Number(match[3]);
  if (number < 1) return undefined;
  return match[1] ? { number, owner: match[1], project: match[2]! } : { number };
}
