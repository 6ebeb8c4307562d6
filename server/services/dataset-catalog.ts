// What the rest of the server asks of datasets before the datasets family exists: whether an id
// names one (shared-dataset links). The datasets family provides the real catalog through
// createApp; until then an installation has no datasets, and every id answers "not found".
export interface DatasetCatalog {
  exists(datasetId: string): boolean;
}

export const NO_DATASETS: DatasetCatalog = { exists: () => false };
