import { connect } from 'node:net';

/** Why a TCP connection to a URL's host and port did not open. */
export interface ConnectionFailure {
  /** `host:port`, as connected to. */
  readonly target: string;
  /** The socket error's code (`ECONNREFUSED`), or its message. */
  readonly reason: string;
  readonly timedOut: boolean;
}

/** `undefined` when a TCP connection to the URL's host and port opens within `timeoutMs`, else why not. */
export function connectionFailure(url: string, timeoutMs: number): Promise<ConnectionFailure | undefined> {
  const { hostname, port, protocol } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '');
  const portNumber = Number(port || (protocol === 'https:' ? 443 : 80));
  const target = `${host}:${portNumber}`;
  return new Promise((resolve) => {
    const socket = connect({ host, port: portNumber });
    socket.setTimeout(timeoutMs);
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve({ target, reason: `no connection within ${timeoutMs} ms`, timedOut: true });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      resolve({ target, reason: error.code ?? error.message, timedOut: false });
    });
  });
}
