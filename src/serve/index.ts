/** Serving HTTP until stopped: listen (port 0 picks one), say where, close with open connections. Used by `mock` and `proxy`. */
export type { ListenAddress } from './serveUntilStopped';
export { closeServer, ListenError, listen, serveUntilStopped, untilAborted } from './serveUntilStopped';
