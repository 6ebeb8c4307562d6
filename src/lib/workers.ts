// Workers a page started (the log fetcher), ended together when the person using the console
// changes: a worker keeps nothing of one person's for the next. Pages register; main.tsx ends.
const enders = new Set<() => void>();

export function onEndWorkers(end: () => void): () => void {
  enders.add(end);
  return () => enders.delete(end);
}

export function endWorkers(): void {
  for (const end of enders) end();
}
