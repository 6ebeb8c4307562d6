/** The Domino API release the embedded server implements, answered at GET /version. */
export const DOMINO_API_VERSION = '5.9.1';
/** The embedded server's own version, answered at GET /api/embedded/v1/info. */
export const SERVER_VERSION = '0.1.0';
