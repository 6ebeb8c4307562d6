// Both environments pages and their loaders, behind one dynamic import: each import site costs the
// initial bundle its preload list.
export { environmentsLazyRoute, loadEnvironments } from './environments-page';
export { environmentLazyRoute, loadEnvironment } from './environment-page';
