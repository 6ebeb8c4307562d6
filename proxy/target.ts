// Where the proxy sends /api and /version, and the credential it adds there. The browser never
// holds a key: the proxy adds it on the way out.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

export interface ProxyTarget {
  /** e.g. https://domino.example.com or http://127.0.0.1:8900 */
  baseUrl: URL;
  /** Whether this is the embedded Domino (started by us) or a real deployment. */
  embedded: boolean;
  /** The header carrying the credential, read per request (token files rotate). */
  credentialHeader(): [name: string, value: string] | undefined;
  /**
   * The embedded Domino's own request handler, when it runs in this process (`npm run serve`):
   * requests are handed to it instead of sent over a socket (decision 34).
   */
  dispatch?: (req: http.IncomingMessage, res: http.ServerResponse) => void;
}

const ADMIN_KEY_FILE = 'admin-api-key';

export function resolveTarget(env: NodeJS.ProcessEnv = process.env): ProxyTarget {
  const apiKey = env.DOMINO_USER_API_KEY?.trim() || undefined;
  if (env.DOMINO_API_HOST) {
    const tokenFile = env.DOMINO_TOKEN_FILE;
    return {
      baseUrl: new URL(env.DOMINO_API_HOST),
      embedded: false,
      credentialHeader() {
        if (apiKey) return ['X-Domino-Api-Key', apiKey];
        if (tokenFile) {
          // Domino's client re-reads the token file's first line on every request.
          const token = fs.readFileSync(tokenFile, 'utf8').split('\n')[0]?.trim();
          if (token) return ['Authorization', `Bearer ${token}`];
        }
        return undefined;
      },
    };
  }
  const keyFile = path.join(path.resolve(env.DOMINO_DATA_DIR ?? '.domino'), ADMIN_KEY_FILE);
  let embeddedKey = apiKey;
  return {
    baseUrl: new URL(`http://127.0.0.1:${env.DOMINO_PORT ?? 8900}`),
    embedded: true,
    credentialHeader() {
      // The embedded Domino writes its generated key on first start, possibly after we start.
      if (!embeddedKey && fs.existsSync(keyFile)) embeddedKey = fs.readFileSync(keyFile, 'utf8').trim() || undefined;
      return embeddedKey ? ['X-Domino-Api-Key', embeddedKey] : undefined;
    },
  };
}
