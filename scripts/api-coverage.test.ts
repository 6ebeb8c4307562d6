import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COVERAGE_FILE, renderCoverage } from './api-coverage';

describe('docs/api-coverage.md', () => {
  it('is current (regenerate with `npm run coverage-table`)', async () => {
    expect(fs.readFileSync(COVERAGE_FILE, 'utf8')).toBe(await renderCoverage());
  });

  it('marks the users and organizations endpoints as served', async () => {
    const table = await renderCoverage();
    expect(table).toMatch(/\| users \| reference \| GET \| `\/api\/users\/v1\/self` \| ✅ \|/);
    expect(table).toMatch(/\| organizations \| reference \| PUT \| `\/api\/organizations\/v1\/organizations\/\{organizationId\}\/user` \| ✅ \|/);
  });
});
