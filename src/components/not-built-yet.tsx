export interface NotBuiltYetProps {
  family: string;
  /** What this part of the console will show once it exists. */
  plannedContent: readonly string[];
  /** The API endpoints it will read, so a visitor knows what it is built on. */
  endpoints?: readonly string[];
}

/** An honest placeholder for a part of the console that does not exist yet: no fake data. */
export function NotBuiltYet({ family, plannedContent, endpoints = [] }: NotBuiltYetProps) {
  return (
    <div>
      <h1 tabIndex={-1} className="text-2xl font-semibold tracking-tight text-slate-900 outline-none dark:text-slate-50">
        {family}
      </h1>
      <div className="mt-6 max-w-2xl rounded-lg border border-slate-200 bg-slate-50 p-6 dark:border-slate-800 dark:bg-slate-900">
        <p className="font-medium text-slate-900 dark:text-slate-100">This part of the console is not built yet.</p>
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">When it is, it will show:</p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
          {plannedContent.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        {endpoints.length > 0 ? (
          <>
            <p className="mt-4 text-sm text-slate-700 dark:text-slate-300">It will read these Domino API endpoints:</p>
            <ul className="mt-2 space-y-1 font-mono text-xs text-slate-700 dark:text-slate-300">
              {endpoints.map((endpoint) => (
                <li key={endpoint}>{endpoint}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}
