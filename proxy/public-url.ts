// DOMINO_CONSOLE_PUBLIC_URL: the scheme and host the console is served under when a reverse proxy
// terminates TLS in front of it, e.g. https://console.example.com. Behind such a proxy the browser's
// Origin says https while we are spoken to in plain http, so the proxy's Origin check must be told.
// Parsed here only, for `npm run serve`, `npm start` and the dev server alike.

const NAME = 'DOMINO_CONSOLE_PUBLIC_URL';
const EXAMPLE = 'e.g. https://console.example.com';

/** The public URL, or undefined when unset. Its `host` omits a default port, as a browser's Host and Origin do. */
export function parsePublicUrl(value: string | undefined): URL | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${NAME} "${text}" is not a URL (${EXAMPLE})`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${NAME} "${text}" must start with https:// or http:// (${EXAMPLE})`);
  // The dashboard loads /assets/... from the root, so it cannot live under a path; and an origin
  // has no user, query or fragment, so one here is a mistake worth saying.
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`${NAME} "${text}" must be a scheme and host only, with a port if not the default (${EXAMPLE})`);
  }
  return url;
}

export function publicUrlFromEnv(env: NodeJS.ProcessEnv = process.env): URL | undefined {
  return parsePublicUrl(env[NAME]);
}

/** For start-up: an invalid value ends the process with the reason before anything listens. */
export function publicUrlFromEnvOrExit(env: NodeJS.ProcessEnv = process.env): URL | undefined {
  try {
    return publicUrlFromEnv(env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
