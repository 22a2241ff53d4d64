import {
  BadRequestError,
  ContractViolationError,
  createActivityLogClient,
  NetworkError,
  SEQUENCE_VERSION,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  UnexpectedStatusError,
} from '../../../src/client';
import { loadSpec } from '../../../src/spec';

const spec = loadSpec();
// The spec's own example of a full activity log: derived, not retyped.
const example = spec.document.components?.schemas?.['ActivityLogResponse']?.['example'] as Record<
  string,
  unknown
>;

interface Seen {
  url: string;
  headers: Record<string, string>;
}

function fakeFetch(
  status: number,
  body: string,
  contentType = 'application/json',
  seen: Seen[] = [],
): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(input), headers: { ...(init?.headers as Record<string, string>) } });
    return new Response(status === 204 ? null : body, { status, headers: { 'content-type': contentType } });
  }) as typeof fetch;
}

function client(fetchImpl: typeof fetch, timeoutMs = 1_000) {
  return createActivityLogClient({
    baseUrl: 'http://127.0.0.1:9/',
    clientId: 'client-id',
    clientSecret: 'client-secret',
    timeoutMs,
    fetch: fetchImpl,
  });
}

describe('createActivityLogClient', () => {
  it('returns the activity log of a 200 that satisfies the spec', async () => {
    const log = await client(fakeFetch(200, JSON.stringify(example))).getActivityLog('abc');
    expect(log.id).toBe(example['id']);
    expect(log.activityLogItems[0]?.activityLogActor.entityType).toBe('USER');
  });

  it('sends Basic credentials, the sequence-version header and a URL-encoded id', async () => {
    const seen: Seen[] = [];
    await client(fakeFetch(200, JSON.stringify(example), 'application/json', seen)).getActivityLog('a/b c?d');
    expect(seen[0]?.url).toBe('http://127.0.0.1:9/activity-logs/a%2Fb%20c%3Fd');
    expect(seen[0]?.headers['authorization']).toBe(
      `Basic ${Buffer.from('client-id:client-secret').toString('base64')}`,
    );
    expect(seen[0]?.headers['sequence-version']).toBe('2024-07-30');
    expect(SEQUENCE_VERSION).toBe('2024-07-30');
  });

  it.each([
    [400, BadRequestError],
    [401, UnauthorizedError],
    [500, ServerError],
    [404, UnexpectedStatusError],
    [503, UnexpectedStatusError],
  ])('turns status %i into a typed error', async (status, type) => {
    const call = client(fakeFetch(status, '')).getActivityLog('abc');
    await expect(call).rejects.toBeInstanceOf(type);
    await expect(call).rejects.toMatchObject({ status, url: 'http://127.0.0.1:9/activity-logs/abc' });
  });

  it('rejects a 200 whose body breaks the spec, naming the field', async () => {
    const drifted = { ...example, createdAt: 1_704_103_200 };
    const call = client(fakeFetch(200, JSON.stringify(drifted))).getActivityLog('abc');
    await expect(call).rejects.toBeInstanceOf(ContractViolationError);
    await expect(call).rejects.toThrow(/\/createdAt must be string/);
  });

  it('rejects a 200 that lacks a required field', async () => {
    const { createdAt: _dropped, ...missing } = example;
    const error = await client(fakeFetch(200, JSON.stringify(missing)))
      .getActivityLog('abc')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractViolationError);
    expect((error as ContractViolationError).findings.map((f) => f.keyword)).toContain('required');
  });

  it('rejects a 200 whose body is not JSON', async () => {
    await expect(client(fakeFetch(200, '<html>', 'text/html')).getActivityLog('abc')).rejects.toThrow(
      /200 body is not JSON \(content type text\/html\)/,
    );
  });

  it('gives up with a TimeoutError when no response arrives in time', async () => {
    const hanging = ((_input: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      })) as typeof fetch;
    const call = client(hanging, 20).getActivityLog('abc');
    await expect(call).rejects.toBeInstanceOf(TimeoutError);
    await expect(call).rejects.toThrow(
      'Request timed out after 20 ms: GET http://127.0.0.1:9/activity-logs/abc',
    );
  });

  it('reports a connection failure as a NetworkError', async () => {
    const refusing = (async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    }) as typeof fetch;
    await expect(client(refusing).getActivityLog('abc')).rejects.toThrow(NetworkError);
    await expect(client(refusing).getActivityLog('abc')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses a base URL that is not http(s) and an empty id', async () => {
    expect(() =>
      createActivityLogClient({ baseUrl: 'sandbox.sequencehq.com', clientId: 'a', clientSecret: 'b' }),
    ).toThrow(/baseUrl must be an http\(s\) URL/);
    await expect(client(fakeFetch(200, '{}')).getActivityLog('')).rejects.toThrow(/non-empty id/);
  });
});
