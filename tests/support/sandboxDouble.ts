import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type LiveOptions, type LiveReport, runLive } from '../../src/live';
import { loadSpec } from '../../src/spec';
import { getValidator } from '../../src/validation';
import { testClock } from './clock';

/** What the double saw: method, path and the headers that matter to the gate. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly version: string | undefined;
}

/** A fault handler: answers the request itself and returns true, or returns false to let the double answer. */
export type Fault = (
  request: http.IncomingMessage,
  response: http.ServerResponse,
  seen: {
    readonly count: number;
    readonly authorized: boolean;
    /** Authorized and with the documented version: a request the real sandbox would answer 200. */
    readonly valid: boolean;
  },
) => boolean;

export interface SandboxDouble {
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Installs a fault for the next requests (`undefined` restores the well-behaved double). */
  inject(fault: Fault | undefined): void;
  reset(): void;
  close(): Promise<void>;
}

export const DOUBLE_CREDENTIALS = { clientId: 'double-client', clientSecret: 'double-secret' } as const;

let document: ReturnType<typeof loadSpec>['document'] | undefined;
function specDocument() {
  document ??= loadSpec().document;
  return document;
}

/** The spec's own example activity log, with the id asked for: nothing retyped. */
export function exampleActivityLog(id: string): Record<string, unknown> {
  const schemas = specDocument().components?.schemas ?? {};
  const example = schemas['ActivityLogResponse']?.['example'] as Record<string, unknown>;
  return { ...structuredClone(example), id };
}

/**
 * A loopback stand-in for the sandbox: Basic auth and `sequence-version: 2024-07-30` enforced (401 and 400
 * as the spec documents), the spec's example served for known ids, 404 for the others.
 */
export async function startSandboxDouble(
  options: { ids?: readonly string[]; credentials?: { clientId: string; clientSecret: string } } = {},
): Promise<SandboxDouble> {
  const known = new Set(options.ids ?? ['log-1', 'log-2', 'log-3']);
  const credentials = options.credentials ?? DOUBLE_CREDENTIALS;
  const expected = `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')}`;
  const requests: SeenRequest[] = [];
  let fault: Fault | undefined;
  let count = 0;
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((request, response) => {
    const version = request.headers['sequence-version'];
    requests.push({
      method: request.method ?? '',
      path: request.url ?? '',
      authorization: request.headers.authorization,
      version: Array.isArray(version) ? version.join(', ') : version,
    });
    count++;
    const authorized = request.headers.authorization === expected;
    const valid = authorized && version === '2024-07-30';
    if (fault?.(request, response, { count, authorized, valid })) return;
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const match = /^\/activity-logs\/([^/?]+)$/.exec(request.url ?? '');
    if (request.method !== 'GET' || !match) return json(404, { message: 'not found' });
    if (!authorized) {
      response.writeHead(401);
      return response.end();
    }
    if (version !== '2024-07-30') return json(400, { message: `unsupported sequence-version ${version}` });
    const id = decodeURIComponent(match[1] ?? '');
    if (!known.has(id)) return json(404, { message: `no activity log ${id}` });
    json(200, exampleActivityLog(id));
  });
  server.on('close', () => {
    for (const timer of timers) clearTimeout(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inject(next) {
      fault = next;
      count = 0;
    },
    reset() {
      fault = undefined;
      count = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * `runLive` against a double with the settings every live test shares (the bundled spec, the double's
 * credentials, one id, no rate limit, a fake clock); each test overrides what it is about.
 */
export function runLiveAgainst(
  double: SandboxDouble,
  overrides: Partial<LiveOptions> = {},
): Promise<LiveReport> {
  const validator = getValidator();
  return runLive({
    spec: validator.spec,
    validator,
    baseUrl: double.url,
    ids: ['log-1'],
    credentials: DOUBLE_CREDENTIALS,
    clock: testClock(),
    timeoutMs: 2_000,
    rps: 1_000,
    concurrency: 4,
    retry: { retries: 2, baseDelayMs: 100 },
    ...overrides,
  });
}
