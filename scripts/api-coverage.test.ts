import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COVERAGE_FILE, renderCoverage } from './api-coverage';

describe('docs/api-coverage.md', () => {
  it('is current (regenerate with `npm run coverage-table`)', () => {
    expect(fs.readFileSync(COVERAGE_FILE, 'utf8')).toBe(renderCoverage());
  });

  it('marks the users and organizations endpoints as served', () => {
    const table = renderCoverage();
    expect(table).toMatch(/\| users \| GET \| `\/api\/users\/v1\/self` \| ✅ \|/);
    expect(table).toMatch(/\| organizations \| PUT \| `\/api\/organizations\/v1\/organizations\/\{organizationId\}\/user` \| ✅ \|/);
  });
});
