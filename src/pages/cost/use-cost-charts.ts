// The cost charts' module (Recharts), loaded once: the route starts it with the page, and a view
// renders the charts as soon as it is in. Not React.lazy: a lazy component first shown inside a
// deferred render suspends that render, and React holds a suspended reveal back by ~300 ms.
import { useEffect, useState } from 'react';

type CostCharts = typeof import('./cost-charts');

let loaded: CostCharts | undefined;
let loading: Promise<CostCharts> | undefined;

export function loadCostCharts(): Promise<CostCharts> {
  loading ??= import('./cost-charts').then(
    (module) => (loaded = module),
    (error: unknown) => {
      // Asked again next time (a new deployment's chunk, a network blip).
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The charts once loaded (`charts` undefined until then), or that they could not be. */
export function useCostCharts(): { charts: CostCharts | undefined; failed: boolean } {
  const [charts, setCharts] = useState(loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (charts) return;
    let live = true;
    loadCostCharts().then(
      (module) => live && setCharts(module),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [charts]);
  return { charts, failed };
}
