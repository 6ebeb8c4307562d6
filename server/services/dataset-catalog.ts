// What the rest of the server asks of datasets (server/services/datasets.ts provides it through
// installDatasets): shared-dataset links, copying a project's datasets, and a job's mounts.
import type { Wire } from '../../src/api/schemas/common';
import type { DatasetInfoV1Schema } from '../../src/api/schemas/datasets';
import type { DatasetMountV1Schema } from '../../src/api/schemas/jobs';
import type { KeyOwner } from '../db/api-keys-repository';
import type { JobRow } from '../db/jobs-repository';
import type { SandboxMount } from '../jobs/sandbox';

export interface NotCopiedDataset {
  datasetInfo: Wire<typeof DatasetInfoV1Schema>;
  errorMessage: string;
}

export interface DatasetCatalog {
  exists(datasetId: string): boolean;
  /** The user's permission level on a live dataset (0: they may not know it exists; 2: Read). */
  levelOf(user: KeyOwner, datasetId: string): number;
  /** The live datasets a project owns. */
  ownDatasetIds(projectId: string): string[];
  /** Copies a project's own datasets into another project (copy-project with copyDatasets). */
  copyProjectDatasets(actor: KeyOwner, sourceProjectId: string, targetProjectId: string): Promise<NotCopiedDataset[]>;
  /** Which shared-dataset links a copy keeps (those the actor may Read); the others, reported. */
  sharedLinksToCopy(actor: KeyOwner, sourceProjectId: string): { readable: string[]; notCopied: NotCopiedDataset[] };
  /** What a starting job mounts in its sandbox (recorded for JobV1.datasetMounts). */
  mountsFor(job: JobRow): SandboxMount[];
  /** JobV1.datasetMounts of each job (every id a key), in one query: a job list page asks for its page at once. */
  mountsOfMany(jobIds: string[]): Map<string, Array<Wire<typeof DatasetMountV1Schema>>>;
  /** NewJobV1.snapshotDatasetsOnCompletion, kept for when the job ends. */
  jobOptions(jobId: string, snapshotOnCompletion: boolean): void;
  /** After a job's run: sizes of what it wrote, and the snapshots it asked for. */
  jobFinished(job: JobRow): Promise<void>;
}

/** The read level a link to a shared dataset needs. */
export const READ_LEVEL = 2;
