// The contract owns every URL: each route the server registers is a declared endpoint, and each
// endpoint the server is meant to serve (its own extensions, the system routes, and what the
// coverage table calls served) has its route.
import { describe, expect, it } from 'vitest';
import { allEndpoints } from '../../src/api/schemas/all-endpoints';
import { toRouteUrl } from '../../src/api/schemas/endpoint';
import { isServed, servedRoutes } from '../../scripts/api-coverage';

describe('the route table', () => {
  it('registers only declared endpoints', async () => {
    const declared = new Set(
      allEndpoints().flatMap(({ endpoint }) => [endpoint.path, ...(endpoint.aliases ?? [])].map((template) => `${endpoint.method} ${toRouteUrl(template)}`)),
    );
    const undeclared = [...(await servedRoutes())].filter((route) => !declared.has(route));
    expect(undeclared, 'routes registered without a declaration in src/api/schemas/').toEqual([]);
  });

  it('serves every embedded extension and system route it declares, on every template', async () => {
    const routes = await servedRoutes();
    const missing = allEndpoints()
      .filter(({ endpoint }) => endpoint.source === 'embedded' || endpoint.source === 'system')
      .filter((named) => !isServed(named, routes))
      .map((named) => named.reference);
    expect(missing).toEqual([]);
  });

  it('serves a declared endpoint either on all its templates or on none (twin prefixes go together)', async () => {
    const routes = await servedRoutes();
    const partial = allEndpoints().filter(({ endpoint }) => {
      const templates = [endpoint.path, ...(endpoint.aliases ?? [])];
      const served = templates.filter((template) => routes.has(`${endpoint.method} ${toRouteUrl(template)}`)).length;
      return served > 0 && served < templates.length;
    });
    expect(partial.map((n) => n.reference)).toEqual([]);
  });

  it('declares each endpoint once', () => {
    const keys = allEndpoints().flatMap(({ endpoint }) =>
      [endpoint.path, ...(endpoint.aliases ?? [])].map((template) => `${endpoint.method} ${toRouteUrl(template)}`),
    );
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  });
});
