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
 * ask can-i-deploy (the HAL index, `POST /contracts/publish`, `GET /matrix`) and, given a pact, what the
 * Pact Verifier calls to fetch it and publish results. It records every request.
 */
export async function startFakeBroker(options: { token?: string; pact?: unknown } = {}): Promise<FakeBroker> {
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
            'pb:provider-pacts-for-verification': {
              href: `${base}/pacts/provider/{provider}/for-verification`,
              templated: true,
            },
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
      const forVerification = /^\/pacts\/provider\/([^/]+)\/for-verification$/.exec(url.pathname);
      if (forVerification && request.method === 'GET') {
        // The verifier first reads the resource for its link, then POSTs its selectors there.
        send(200, { _links: { self: { href: `${base}${url.pathname}` } } });
        return;
      }
      if (forVerification && options.pact !== undefined) {
        const pactUrl = `${base}/pacts/provider/${forVerification[1]}/latest`;
        send(200, {
          _embedded: {
            pacts: [
              {
                shortDescription: 'latest from main',
                verificationProperties: { pending: false, notices: [] },
                _links: { self: { href: pactUrl, name: 'the committed pact' } },
              },
            ],
          },
          _links: {},
        });
        return;
      }
      if (
        request.method === 'GET' &&
        /^\/pacts\/provider\/[^/]+\/latest$/.test(url.pathname) &&
        options.pact
      ) {
        send(200, {
          ...(options.pact as object),
          _links: {
            'pb:publish-verification-results': { href: `${base}${url.pathname}/verification-results` },
            'pb:provider': { href: `${base}/pacticipants/${url.pathname.split('/')[3]}` },
          },
        });
        return;
      }
      const pacticipant = /^\/pacticipants\/([^/]+)$/.exec(url.pathname);
      if (request.method === 'GET' && pacticipant) {
        send(200, {
          name: decodeURIComponent(pacticipant[1] ?? ''),
          _links: {
            self: { href: `${base}${url.pathname}` },
            'pb:branch-version': {
              href: `${base}${url.pathname}/branches/{branch}/versions/{version}`,
              templated: true,
            },
            'pb:version': { href: `${base}${url.pathname}/versions/{version}`, templated: true },
          },
        });
        return;
      }
      if (request.method === 'PUT' && url.pathname.startsWith('/pacticipants/')) {
        send(200, { _links: { self: { href: `${base}${url.pathname}` } } });
        return;
      }
      if (request.method === 'POST' && url.pathname.endsWith('/verification-results')) {
        send(201, { _links: {} });
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
