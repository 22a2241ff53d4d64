import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MatchersV3 } from '@pact-foundation/pact';
import { activityLogInteractions, PROVIDER_STATES } from '../../src/pact';
import { loadSpec } from '../../src/spec';

/** Ids the loopback providers know; the verification maps provider states onto them. */
export const PROVIDER_IDS = {
  full: 'log-with-every-field',
  minimal: 'log-with-required-fields',
} as const;

export interface LoopbackProvider {
  readonly url: string;
  /** Every request received, as `METHOD path authorization` (to assert credentials and ids). */
  readonly requests: { method: string; path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

type Body = Record<string, unknown>;
export type Drift = (body: Body) => Body;

/** The provider's documented behaviour, from the spec: full example, required-only body, 401 without valid credentials. */
function referenceBodies(ids: { readonly full: string; readonly minimal: string }): Record<string, Body> {
  const interactions = activityLogInteractions(loadSpec());
  const body = (state: string) =>
    MatchersV3.reify(interactions.find((i) => i.providerState === state)?.response.body) as Body;
  return {
    [ids.full]: body(PROVIDER_STATES.fullActivityLog),
    [ids.minimal]: body(PROVIDER_STATES.requiredOnlyActivityLog),
  };
}

/** A drifted provider: `createdAt` as epoch seconds, and items without their `activityLogObject`. */
export const epochSecondsAndNoObject: Drift = (body) => ({
  ...body,
  createdAt: Math.floor(Date.parse(String(body['createdAt'])) / 1000),
  activityLogItems: (body['activityLogItems'] as Body[]).map(({ activityLogObject: _gone, ...item }) => item),
});

/**
 * Starts an Activity Log API on 127.0.0.1 (a free port) that honours the contract, or drifts from it when
 * `drift` is given. It accepts only `Basic base64(clientId:clientSecret)`.
 */
export async function startActivityLogProvider(options: {
  clientId: string;
  clientSecret: string;
  drift?: Drift;
  /** The ids it serves the two reference logs under (default: PROVIDER_IDS). */
  ids?: { readonly full: string; readonly minimal: string };
}): Promise<LoopbackProvider> {
  const bodies = referenceBodies(options.ids ?? PROVIDER_IDS);
  const expected = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`;
  const requests: LoopbackProvider['requests'] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    const authorization = request.headers['authorization'];
    requests.push({ method: request.method ?? '', path: request.url ?? '', authorization });
    const match = /^\/activity-logs\/([^/?]+)$/.exec(request.url ?? '');
    if (request.method !== 'GET' || !match?.[1]) {
      response.writeHead(404).end();
      return;
    }
    if (authorization !== expected) {
      response.writeHead(401).end();
      return;
    }
    const found = bodies[decodeURIComponent(match[1])];
    if (!found) {
      response.writeHead(404).end();
      return;
    }
    const body = options.drift ? options.drift(found) : found;
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
