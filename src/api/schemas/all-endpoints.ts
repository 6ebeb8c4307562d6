// Every declared endpoint, for what looks at them all: the server's route-table test and the
// coverage table. (The dashboard never imports this: each page loads only its family's schemas.)
import { asyncPredictionsEndpoints } from './async-predictions';
import { billingTagsEndpoints } from './billing-tags';
import { costEndpoints } from './cost';
import { datasetsEndpoints } from './datasets';
import { embeddedEndpoints } from './embedded';
import type { EndpointDeclaration } from './endpoint';
import { environmentsEndpoints } from './environments';
import { hardwareTiersEndpoints } from './hardware-tiers';
import { jobsEndpoints } from './jobs';
import { mlflowEndpoints } from './mlflow';
import { modelApisEndpoints } from './model-apis';
import { modelsEndpoints } from './models';
import { monitoringEndpoints } from './monitoring';
import { organizationsEndpoints } from './organizations';
import { projectFilesEndpoints } from './project-files';
import { projectsEndpoints } from './projects';
import { systemEndpoints } from './system';
import { usersEndpoints } from './users';

/** Each family's declarations under the name code uses for them (`jobsEndpoints.getJobs`). */
export const ENDPOINT_MAPS: Record<string, Record<string, EndpointDeclaration>> = {
  usersEndpoints,
  organizationsEndpoints,
  projectsEndpoints,
  projectFilesEndpoints,
  jobsEndpoints,
  hardwareTiersEndpoints,
  datasetsEndpoints,
  environmentsEndpoints,
  modelsEndpoints,
  modelApisEndpoints,
  mlflowEndpoints,
  costEndpoints,
  billingTagsEndpoints,
  monitoringEndpoints,
  asyncPredictionsEndpoints,
  embeddedEndpoints,
  systemEndpoints,
};

export interface NamedEndpoint {
  /** e.g. "jobsEndpoints.getJobs": how code names it. */
  reference: string;
  /** The operation's name, e.g. "getJobs" (the spec's operationId where it has one). */
  name: string;
  endpoint: EndpointDeclaration;
}

export function allEndpoints(): NamedEndpoint[] {
  return Object.entries(ENDPOINT_MAPS).flatMap(([map, endpoints]) =>
    Object.entries(endpoints).map(([name, endpoint]) => ({ reference: `${map}.${name}`, name, endpoint })),
  );
}
