import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake broker received. */
export interface BrokerRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

export interface FakeBroker {
  readonly url: string;
  readonly requests: BrokerRequest[];
  /** What `can-i-deploy` is told: deployable or not. */
  deployable: boolean;
  close(): Promise<void>;
}

/**
 * A loopback stand-in for a Pact Broker, speaking only what the official Pact CLI calls to publish and to
 * ask can-i-deploy: the HAL index, `POST /contracts/publish`, and `GET /matrix`. It records every request.
 */
export async function startFakeBroker(options: { token?: string } = {}): Promise<FakeBroker> {
  const requests: BrokerRequest[] = [];
  let base = '';
  const state = { deployable: true };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        // kept as text
      }
      const authorization = request.headers['authorization'];
      requests.push({ method: request.method ?? '', url: request.url ?? '', authorization, body });
      const send = (status: number, json: unknown) => {
        response.writeHead(status, { 'content-type': 'application/hal+json' }).end(JSON.stringify(json));
      };
      if (options.token !== undefined && authorization !== `Bearer ${options.token}`) {
        send(401, { error: 'unauthorized' });
        return;
      }
      const url = new URL(request.url ?? '/', base);
      if (request.method === 'GET' && url.pathname === '/') {
        send(200, {
          _links: {
            self: { href: base },
            'pb:publish-contracts': { href: `${base}/contracts/publish`, title: 'Publish contracts' },
            'pb:matrix': { href: `${base}/matrix`, title: 'Matrix' },
          },
        });
        return;
      }
      if (request.method === 'POST' && url.pathname === '/contracts/publish') {
        const published = body as { pacticipantName?: string; pacticipantVersionNumber?: string };
        send(200, {
          logs: [
            {
              level: 'info',
              message: `Published to the loopback broker as ${published.pacticipantVersionNumber}`,
            },
          ],
          _embedded: {
            pacticipant: { name: published.pacticipantName, _links: {} },
            version: { number: published.pacticipantVersionNumber, _links: {} },
          },
          _links: {},
        });
        return;
      }
      if (request.method === 'GET' && url.pathname === '/matrix') {
        send(200, {
          summary: {
            deployable: state.deployable,
            reason: state.deployable
              ? 'All required verification results are published and successful'
              : 'The verification failed',
            success: state.deployable ? 1 : 0,
            failed: state.deployable ? 0 : 1,
            unknown: 0,
          },
          matrix: [],
          notices: [],
        });
        return;
      }
      send(404, { error: `the fake broker does not speak ${request.method} ${url.pathname}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    get deployable() {
      return state.deployable;
    },
    set deployable(value: boolean) {
      state.deployable = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
