import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LiveOptions, LiveReport } from '../../../src/live';
import { type TestClock, testClock } from '../../support/clock';
import {
  alwaysUnavailable,
  connectionReset,
  cutJson,
  htmlBadGateway,
  rateLimited,
  redirectTo,
  slowResponse,
  truncatedBody,
} from '../../support/faults';
import { runLiveAgainst, type SandboxDouble, startSandboxDouble } from '../../support/sandboxDouble';

let double: SandboxDouble;
let clock: TestClock;

beforeAll(async () => {
  double = await startSandboxDouble();
});
afterAll(() => double.close());
beforeEach(() => {
  double.reset();
  clock = testClock();
});

/** Only the read of one id: the auth and version probes would multiply the faults. */
function read(overrides: Partial<LiveOptions> = {}): Promise<LiveReport> {
  return runLiveAgainst(double, { clock, timeoutMs: 300, concurrency: 1, probes: false, ...overrides });
}

const readOf = (report: LiveReport) => report.exchanges.find((e) => e.kind === 'read');

describe('faults the live gate reports as an outage (exit 3)', () => {
  it('times out a response slower than the timeout, retries, then gives up', async () => {
    double.inject(slowResponse(5_000));
    const report = await read({ timeoutMs: 100, retry: { retries: 1, baseDelayMs: 10 } });
    expect(report.outcome).toBe('unreachable');
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'provider_reachable',
        severity: 'error',
        message: `Request timed out after 100 ms: GET ${double.url}/activity-logs/log-1 (gave up after 2 attempts)`,
      }),
    ]);
    expect(readOf(report)).toMatchObject({ attempts: 2, unreachable: true, recording: undefined });
  });

  it('reports a connection reset', async () => {
    double.inject(connectionReset());
    const report = await read();
    expect(report.outcome).toBe('unreachable');
    expect(report.findings[0]).toMatchObject({
      rule: 'provider_reachable',
      message: expect.stringMatching(
        /^Connection failed \((ECONNRESET|EPIPE)\): GET .* \(gave up after 3 attempts\)$/,
      ),
    });
  });

  it('reports a body cut off before its Content-Length', async () => {
    double.inject(truncatedBody());
    const report = await read();
    expect(report.outcome).toBe('unreachable');
    expect(report.findings[0]?.message).toMatch(/^Response body cut off after \d+ bytes: GET /);
  });

  it('reports an HTML 502 page that outlasts the retries, quoting the page', async () => {
    double.inject(htmlBadGateway());
    const report = await read();
    expect(report.outcome).toBe('unreachable');
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'not_a_server_error',
        severity: 'error',
        message:
          'answered 502 and still did after 3 attempts: <html><body><h1>502 Bad Gateway</h1><p>upstream connect error</p></body></html>',
      }),
    ]);
  });

  it('gives up on a 503 that never recovers after a bounded number of attempts, backing off', async () => {
    double.inject(alwaysUnavailable());
    const report = await read({ ids: ['log-1'], retry: { retries: 3, baseDelayMs: 100 } });
    expect(report.outcome).toBe('unreachable');
    expect(readOf(report)).toMatchObject({ attempts: 4, status: 503, unreachable: true });
    // Equal jitter at random() = 0.5: three quarters of 100, 200, 400 ms.
    expect(clock.sleeps).toEqual([75, 150, 300]);
    expect(double.requests).toHaveLength(4);
  });

  it('stops at once when Retry-After asks for longer than the run waits', async () => {
    double.inject(rateLimited(10, '3600'));
    const report = await read({ retry: { retries: 3, baseDelayMs: 100, maxRetryAfterMs: 5_000 } });
    expect(report.outcome).toBe('unreachable');
    expect(report.findings[0]?.message).toBe(
      'still answered 429 after 1 attempt; the provider asked to retry after 3600 s, longer than the 5000 ms this run waits',
    );
  });
});

describe('faults the live gate rides out', () => {
  it('waits as long as Retry-After says after a 429, then checks the answer', async () => {
    double.inject(rateLimited(1, '2'));
    const report = await read();
    expect(report.outcome).toBe('passed');
    expect(readOf(report)).toMatchObject({ attempts: 2, status: 200 });
    expect(clock.sleeps).toEqual([2_000]);
  });

  it('retries a passing 502 and passes', async () => {
    double.inject(htmlBadGateway(2));
    const report = await read();
    expect(report.outcome).toBe('passed');
    expect(readOf(report)?.attempts).toBe(3);
  });
});

describe('a complete but malformed body is a violation (exit 1)', () => {
  it('fails JSON that stops half-way', async () => {
    double.inject(cutJson());
    const report = await read();
    expect(report.outcome).toBe('violation');
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'response_schema_conformance',
        keyword: 'json',
        message: expect.stringMatching(
          /^the 200 body is not valid JSON \(.+\): \{"id":"log-1","sequenceAcc$/,
        ),
      }),
    ]);
  });
});

describe('redirects', () => {
  let other: http.Server;
  let otherUrl: string;
  const seen: (string | undefined)[] = [];

  beforeAll(async () => {
    other = http.createServer((request, response) => {
      seen.push(request.headers.authorization);
      response.writeHead(401);
      response.end();
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        other.closeAllConnections();
        other.close(() => resolve());
      }),
  );

  it('never sends the credentials to a redirect target on another host', async () => {
    seen.length = 0;
    double.inject(redirectTo(`${otherUrl}/activity-logs/log-1`));
    const report = await read({ ids: ['log-1'] });
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.every((header) => header === undefined)).toBe(true);
    expect(readOf(report)?.status).toBe(401);
  });

  it('follows a redirect on the same origin with the credentials', async () => {
    let redirected = false;
    double.inject((_request, response) => {
      if (redirected) return false;
      redirected = true;
      response.writeHead(307, { location: '/activity-logs/log-1' });
      response.end();
      return true;
    });
    const report = await read({ ids: ['log-1'], concurrency: 1 });
    expect(readOf(report)?.status).toBe(200);
    expect(double.requests[1]?.authorization).toBe(double.requests[0]?.authorization);
  });

  it('stops a redirect loop', async () => {
    double.inject(redirectTo('/activity-logs/log-1'));
    const report = await read({ retry: { retries: 0 } });
    expect(report.outcome).toBe('unreachable');
    expect(report.findings[0]?.message).toMatch(/^More than 5 redirects: GET /);
  });
});

describe('the loopback guard of the test setup', () => {
  it('refuses any host but loopback, without retrying', async () => {
    const report = await read({ baseUrl: 'https://sandbox.sequencehq.com' });
    expect(report.outcome).toBe('unreachable');
    expect(readOf(report)?.attempts).toBe(1);
    expect(report.findings[0]?.message).toMatch(/^Refused to contact sandbox\.sequencehq\.com: /);
  });
});
