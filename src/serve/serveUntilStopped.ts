import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where a server listens: a host (default loopback) and a port (0 picks a free one). */
export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** The server could not listen (port in use, unknown host…): a usage problem, not a crash. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
  readonly code: string | undefined;

  constructor(address: ListenAddress, cause: NodeJS.ErrnoException) {
    super(`cannot listen on ${address.host}:${address.port}: ${cause.code ?? cause.message}`, { cause });
    this.code = cause.code;
  }
}

/**
 * Starts `server` listening and resolves with its base URL (`http://127.0.0.1:43117`), the port the
 * system picked when `port` is 0. Rejects with a `ListenError` when it cannot listen.
 *
 * @example const url = await listen(server, { host: '127.0.0.1', port: 0 });
 */
export function listen(server: Server, address: ListenAddress): Promise<string> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(new ListenError(address, error));
    server.once('error', failed);
    server.listen(address.port, address.host, () => {
      server.off('error', failed);
      const { address: host, port } = server.address() as AddressInfo;
      resolve(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
    });
  });
}

/**
 * Stops accepting connections and ends the open ones (keep-alive sockets would hold `close` forever).
 * `settle` runs in between, once no new connection is taken: what the server lets finish first.
 */
export async function closeServer(server: Server, settle?: () => Promise<void>): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await settle?.();
  server.closeAllConnections();
  await closed;
}

/**
 * Listens, says where (`onListening` gets the base URL: the CLI prints `listening on <url>` first), and
 * serves until `signal` aborts; then closes the server and resolves. Shared by `mock` and `proxy`.
 *
 * @example await serveUntilStopped(server, { host: '127.0.0.1', port: 0, signal, onListening: (url) => print(url) });
 */
export async function serveUntilStopped(
  server: Server,
  options: ListenAddress & {
    readonly signal: AbortSignal;
    readonly onListening: (url: string) => void;
    /** See `closeServer`: the proxy lets requests in flight finish. */
    readonly settle?: () => Promise<void>;
  },
): Promise<void> {
  options.onListening(await listen(server, options));
  await untilAborted(options.signal);
  await closeServer(server, options.settle);
}

/** Resolves when `signal` aborts (at once if it has). */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
