// The project last looked at on /jobs, so the next visit opens on it. Storage may be unavailable
// (private mode, blocked cookies): then there is simply no memory.
const STORAGE_KEY = 'domino-console:jobs:recent-project';

export function readRecentProject(): string | undefined {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value && /^[0-9a-f]{24}$/.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function rememberRecentProject(projectId: string | undefined): void {
  try {
    if (projectId) window.localStorage.setItem(STORAGE_KEY, projectId);
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing to do: remembering is a convenience.
  }
}
