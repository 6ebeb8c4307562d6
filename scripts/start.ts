// `npm start`: the embedded Domino (unless DOMINO_API_HOST points at a real one) and the dashboard's
// dev server, in one process, printing the URL to open.
import { createServer } from 'vite';
import { consoleMode, describeMode } from '../proxy/console';
import { publicUrlFromEnvOrExit } from '../proxy/public-url';
import { optionsFromEnv, startEmbeddedDomino } from '../server/main';

const startedAt = performance.now();
// vite.config.ts reads it too, but only after the embedded Domino started: say what is wrong first.
const publicUrl = publicUrlFromEnvOrExit();
const domino = process.env.DOMINO_API_HOST ? undefined : await startEmbeddedDomino({ ...optionsFromEnv(), logLevel: process.env.DOMINO_LOG_LEVEL ?? 'warn' });
// The config is loaded with Vite's default (bundling) loader, which resolves the extension-less
// imports the whole repo uses; its advice about a future "native" loader is not for this person.
process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
const vite = await createServer({ configFile: 'vite.config.ts', clearScreen: false });
await vite.listen();
const url = vite.resolvedUrls?.local[0] ?? 'http://localhost:5173/';
console.log(domino ? `Embedded Domino on ${domino.url}` : `Proxying to ${process.env.DOMINO_API_HOST}`);
console.log(describeMode(consoleMode({ answersBeyondLoopback: publicUrl !== undefined }), false));
console.log(`Domino Console ready in ${Math.round(performance.now() - startedAt)} ms: ${url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all([vite.close(), domino?.close()]).then(() => process.exit(0));
  });
}
