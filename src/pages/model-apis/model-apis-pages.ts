// Both Model API pages and their loaders, behind one dynamic import (one preload entry in the frame).
export { loadModelApis, modelApisLazyRoute } from './model-apis-page';
export { loadModelApi, modelApiLazyRoute } from './model-api-page';
