// The command palette's registry contract (docs/architecture.md, "The command palette"): a family
// adds entries by writing one PaletteSource and listing it in ./sources.ts.
import type { QueryClient } from '@tanstack/react-query';

export interface PaletteItem {
  /** Unique across all sources (e.g. "project:<id>"). */
  key: string;
  label: string;
  /** A second, quieter line: an owner, a status, a path. */
  detail?: string;
  /** Where Enter goes: a path of the dashboard with its search ("/projects/<id>?tab=files"). */
  href: string;
}

export interface PaletteContext {
  queryClient: QueryClient;
  /** The project the page being looked at belongs to, if any: `#123` means a job of it. */
  currentProjectId: string | undefined;
  signal: AbortSignal;
}

export interface PaletteSource {
  /** The group heading its entries are shown under. */
  group: string;
  /**
   * Entries for what was typed (already trimmed; '' when nothing was): at most `limit`, best first.
   * Reads through the query client, so the lists it needs are fetched once and shared with the pages.
   */
  search(query: string, context: PaletteContext, limit: number): Promise<readonly PaletteItem[]> | readonly PaletteItem[];
}
