import { createServer } from 'node:http';
import { closeServer, type ListenAddress, listen } from '../serve';
import { createMock, type MockOptions } from './createMock';

/** A mock provider listening on a port. */
export interface RunningMock {
  /** Its base URL: `http://127.0.0.1:43117`. */
  readonly url: string;
  /** Ends pending delays, stops listening and closes open connections. */
  close(): Promise<void>;
}

export const MOCK_DEFAULTS = { host: '127.0.0.1', port: 4010 } as const;

/**
 * Starts the mock provider of `spec` (see `createMock`) on `host:port` (default 127.0.0.1:4010; port 0
 * picks a free one), for a consumer's own tests.
 *
 * @example
 * const mock = await startMock({ spec: loadSpec(), port: 0 });
 * const client = createActivityLogClient({ baseUrl: mock.url, clientId: 'id', clientSecret: 'secret' });
 * await mock.close();
 */
export async function startMock(options: MockOptions & Partial<ListenAddress>): Promise<RunningMock> {
  const mock = createMock(options);
  const server = createServer(mock.handle);
  const url = await listen(server, {
    host: options.host ?? MOCK_DEFAULTS.host,
    port: options.port ?? MOCK_DEFAULTS.port,
  });
  return {
    url,
    async close() {
      mock.stop();
      await closeServer(server);
    },
  };
}
