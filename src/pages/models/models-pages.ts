// Every registry page and its loader, behind one dynamic import: each import site costs the
// initial bundle its preload list.
export { modelsLazyRoute, loadModels } from './models-page';
export { modelLazyRoute, loadModel } from './model-page';
export { versionLazyRoute, loadVersion } from './version-page';
