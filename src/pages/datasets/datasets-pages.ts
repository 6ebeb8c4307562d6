// Both datasets pages and their loaders, behind one dynamic import: each import site costs the
// initial bundle its preload list, and the frame's budget has room for one.
export { datasetsLazyRoute, loadDatasets } from './datasets-page';
export { datasetLazyRoute, loadDataset } from './dataset-page';
