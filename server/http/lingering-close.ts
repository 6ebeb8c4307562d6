// Closing a connection whose client is still sending: a refused upload (413) is answered before
// its body has arrived. Closed at once, the kernel answers the bytes still coming with a reset,
// and a client that has not read the answer yet (the console's proxy, mid-write) loses it and
// sees only EPIPE. So the connection lingers, as web servers do: the answer and a FIN are sent,
// what still arrives is read and dropped, and the socket is destroyed when the client closes its
// side or after LINGER_MS, whichever comes first.
import type http from 'node:http';
import type { Socket } from 'node:net';

const LINGER_MS = 2_000;

/**
 * Makes the end of this request's answer close its connection by lingering. Node ends a
 * `connection: close` answer with `socket.destroySoon()`; this socket's one is replaced.
 */
export function closeByLingering(request: http.IncomingMessage, lingerMs = LINGER_MS): void {
  const socket = request.socket as Socket & { destroySoon?: () => void };
  socket.destroySoon = function lingeringClose(this: Socket) {
    this.end();
    request.resume();
    this.resume();
    const timer = setTimeout(() => this.destroy(), lingerMs);
    timer.unref();
    this.once('close', () => clearTimeout(timer));
  };
}
