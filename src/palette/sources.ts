// The command palette's registry: every source of entries, in the order their groups are shown.
// A family adds its entries by writing `<family>-palette.ts` (a PaletteSource) and listing it here;
// this module is loaded with the palette, never in the first page load.
import { jobsPaletteSource } from '../pages/jobs/jobs-palette';
import { organizationsPaletteSource } from '../pages/organizations/organizations-palette';
import { projectsPaletteSource } from '../pages/projects/projects-palette';
import { usersPaletteSource } from '../pages/users/users-palette';
import { pagesSource } from './pages-source';
import type { PaletteSource } from './palette-types';

export const PALETTE_SOURCES: readonly PaletteSource[] = [
  jobsPaletteSource,
  projectsPaletteSource,
  pagesSource,
  usersPaletteSource,
  organizationsPaletteSource,
];
