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

/** Stops accepting connections and ends the open ones (keep-alive sockets would hold `close` forever). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Listens, says where (`onListening` gets the base URL: the CLI prints `listening on <url>` first), and
 * serves until `signal` aborts; then closes the server and resolves. Shared by `mock` and `proxy`.
 *
 * @example await serveUntilStopped(server, { host: '127.0.0.1', port: 0, signal, onListening: (url) => print(url) });
 */
export async function serveUntilStopped(
  server: Server,
  options: ListenAddress & { readonly signal: AbortSignal; readonly onListening: (url: string) => void },
): Promise<void> {
  const url = await listen(server, options);
  options.onListening(url);
  if (!options.signal.aborted) {
    await new Promise<void>((resolve) =>
      options.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
  }
  await closeServer(server);
}

/** The part of `process` that delivers stop signals; a test passes an EventEmitter. */
export interface SignalSource {
  once(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

/**
 * An `AbortSignal` that aborts on the first SIGINT or SIGTERM (its `reason` names the signal), and
 * `dispose` to stop listening for them: how a long-running command is stopped from the command line.
 *
 * @example const stop = stopOnProcessSignals(); await serveUntilStopped(server, { ...address, signal: stop.signal, onListening }); stop.dispose();
 */
export function stopOnProcessSignals(source: SignalSource = process): {
  readonly signal: AbortSignal;
  dispose(): void;
} {
  const controller = new AbortController();
  const onInt = () => controller.abort('SIGINT');
  const onTerm = () => controller.abort('SIGTERM');
  source.once('SIGINT', onInt);
  source.once('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    dispose() {
      source.off('SIGINT', onInt);
      source.off('SIGTERM', onTerm);
    },
  };
}
