// The two routes outside the API: Domino's client asks GET /version (no credential), and a
// process supervisor asks GET /health.
import { z } from 'zod';
import { endpoint } from './endpoint';

export const VersionSchema = z.object({ version: z.string() });
export const HealthSchema = z.object({ status: z.literal('ok') });

export const systemEndpoints = {
  getVersion: endpoint({ method: 'GET', path: '/version', family: 'system', source: 'system', response: VersionSchema }),
  getHealth: endpoint({ method: 'GET', path: '/health', family: 'system', source: 'system', response: HealthSchema }),
};
