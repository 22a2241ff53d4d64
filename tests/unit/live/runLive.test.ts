import { type LiveOptions, type LiveReport, UNKNOWN_VERSION } from '../../../src/live';
import { testClock } from '../../support/clock';
import { delayed, ignoresAuth, serves, status } from '../../support/faults';
import {
  exampleActivityLog,
  runLiveAgainst,
  type SandboxDouble,
  startSandboxDouble,
} from '../../support/sandboxDouble';

let double: SandboxDouble;

beforeAll(async () => {
  double = await startSandboxDouble();
});
afterAll(() => double.close());
beforeEach(() => double.reset());

function run(overrides: Partial<LiveOptions> = {}): Promise<LiveReport> {
  return runLiveAgainst(double, overrides);
}

const errors = (report: LiveReport) => report.findings.filter((f) => f.severity === 'error');

describe('runLive against a conforming sandbox double', () => {
  it('passes, reading each id and probing auth and the version header', async () => {
    const report = await run({ ids: ['log-1', 'log-2'] });
    expect(report.findings).toEqual([]);
    expect(report.outcome).toBe('passed');
    expect(report.exchanges.map((e) => [e.kind, e.status])).toEqual([
      ['read', 200],
      ['read', 200],
      ['no_credentials', 401],
      ['wrong_credentials', 401],
      ['unknown_version', 400],
    ]);
  });

  it('sends only GET, with the documented sequence-version on every request but the version probe', async () => {
    await run({ ids: ['log-1', 'log-2'] });
    expect(double.requests).toHaveLength(5);
    expect(new Set(double.requests.map((r) => r.method))).toEqual(new Set(['GET']));
    const versions = double.requests.map((r) => r.version).sort();
    expect(versions).toEqual(['1970-01-01', '2024-07-30', '2024-07-30', '2024-07-30', '2024-07-30']);
    expect(UNKNOWN_VERSION).toBe('1970-01-01');
    const basic = `Basic ${Buffer.from('double-client:double-secret').toString('base64')}`;
    expect(double.requests.filter((r) => r.authorization === basic)).toHaveLength(3);
    expect(double.requests.filter((r) => r.authorization === undefined)).toHaveLength(1);
  });
});

describe('runLive findings', () => {
  it('fails a 200 whose body breaks the schema, pointing at the field, with a curl reproduction', async () => {
    const { createdAt: _dropped, ...body } = exampleActivityLog('log-1');
    double.inject(serves({ ...body, activityLogItems: 'none' }));
    const report = await run();
    expect(report.outcome).toBe('violation');
    const found = errors(report).filter((f) => f.rule === 'response_schema_conformance');
    expect(found.map((f) => [f.pointer, f.keyword])).toEqual(
      expect.arrayContaining([
        ['', 'required'],
        ['/activityLogItems', 'type'],
      ]),
    );
    expect(found[0]?.request).toBe('GET /activity-logs/log-1');
    expect(found[0]?.reproduction).toBe(
      `curl -sS -i -u "$SEQUENCE_CLIENT_ID:$SEQUENCE_CLIENT_SECRET" -H 'sequence-version: 2024-07-30' '${double.url}/activity-logs/log-1'`,
    );
  });

  it('fails an undocumented 404 for an unknown id', async () => {
    const report = await run({ ids: ['no-such-log'] });
    expect(report.outcome).toBe('violation');
    expect(errors(report)).toEqual([
      expect.objectContaining({
        rule: 'status_code_documented',
        request: 'GET /activity-logs/no-such-log',
        message: expect.stringContaining('status 404 is not documented'),
      }),
    ]);
  });

  it('fails an endpoint that ignores auth, for both the missing and the wrong credentials', async () => {
    double.inject(ignoresAuth(exampleActivityLog('log-1')));
    const report = await run();
    expect(report.outcome).toBe('violation');
    const auth = report.findings.filter((f) => f.rule === 'auth_enforced');
    expect(auth.map((f) => [f.severity, f.request])).toEqual([
      ['error', 'GET /activity-logs/log-1 (no credentials)'],
      ['error', 'GET /activity-logs/log-1 (wrong credentials)'],
    ]);
    expect(auth[0]?.message).toBe('answered 200 without credentials: the API ignored auth');
    expect(auth[0]?.reproduction).not.toContain('-u');
    expect(auth[1]?.reproduction).toContain("-u 'activity-log-contract-probe:not-a-valid-secret'");
  });

  it('warns when auth is refused with another documented 4xx than 401', async () => {
    double.inject((_request, response, { authorized }) => {
      if (authorized) return false;
      response.writeHead(400);
      response.end();
      return true;
    });
    const report = await run();
    expect(report.outcome).toBe('passed');
    expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['auth_enforced', 'warning'],
      ['auth_enforced', 'warning'],
    ]);
    expect(report.findings[0]?.message).toBe(
      'refused without credentials with 400; the spec documents 401 for that',
    );
  });

  it('warns when an unknown sequence-version is accepted', async () => {
    double.inject((request, response, { authorized }) => {
      if (!authorized || request.headers['sequence-version'] !== UNKNOWN_VERSION) return false;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(exampleActivityLog('log-1')));
      return true;
    });
    const report = await run();
    expect(report.outcome).toBe('passed');
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'version_header',
        severity: 'warning',
        message: expect.stringContaining("which the spec does not allow ('2024-07-30')"),
      }),
    ]);
    expect(report.findings[0]?.spec?.pointer).toBe('/paths/~1activity-logs~1{id}/get/parameters/2');
  });

  it('fails an unknown sequence-version answered with an undocumented status', async () => {
    double.inject((request, response) => {
      if (request.headers['sequence-version'] !== UNKNOWN_VERSION) return false;
      response.writeHead(406);
      response.end();
      return true;
    });
    const report = await run();
    expect(report.outcome).toBe('violation');
    expect(errors(report).map((f) => f.rule)).toEqual(['status_code_documented', 'version_header']);
  });

  it('warns about an undocumented property, and fails it under strict', async () => {
    double.inject(serves({ ...exampleActivityLog('log-1'), surprise: true }));
    const lenient = await run();
    expect(lenient.outcome).toBe('passed');
    expect(lenient.findings).toEqual([
      expect.objectContaining({
        rule: 'response_schema_conformance',
        severity: 'warning',
        pointer: '/surprise',
      }),
    ]);
    const strict = await run({ strict: true });
    expect(strict.outcome).toBe('violation');
    expect(errors(strict).map((f) => f.pointer)).toEqual(['/surprise']);
  });

  it('fails a 500 as a server error, quoting the body', async () => {
    double.inject(
      status(500, 'NullPointerException at ActivityLogController', { 'content-type': 'text/plain' }),
    );
    const report = await run();
    expect(report.outcome).toBe('violation');
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        rule: 'not_a_server_error',
        severity: 'error',
        message: 'answered 500: NullPointerException at ActivityLogController',
      }),
    );
    expect(report.exchanges[0]?.attempts).toBe(1);
  });

  it('fails a 200 that is not JSON on content type, and on the schema its body was not checked against', async () => {
    double.inject(serves('<html>hello</html>', 'text/html'));
    const report = await run();
    expect(errors(report)).toEqual([
      expect.objectContaining({
        rule: 'content_type_conformance',
        message: "content type 'text/html' is not documented for 200 (documented: application/json)",
      }),
      expect.objectContaining({
        rule: 'response_schema_conformance',
        message: 'expected application/json, got text/html: <html>hello</html>',
      }),
    ]);
  });

  it('fails a 200 with a body and no content type', async () => {
    double.inject((_request, response, { valid }) => {
      if (!valid) return false;
      response.removeHeader('content-type');
      response.writeHead(200);
      response.end(JSON.stringify(exampleActivityLog('log-1')));
      return true;
    });
    const report = await run();
    expect(errors(report).map((f) => [f.rule, f.message])).toEqual([
      [
        'content_type_conformance',
        'a 200 response has a body but no Content-Type (documented: application/json)',
      ],
    ]);
  });

  it('reports credentials the provider refuses as such, not as a violation', async () => {
    const report = await run({ credentials: { clientId: 'double-client', clientSecret: 'stale-secret' } });
    expect(report.outcome).toBe('credentials_rejected');
    expect(errors(report)).toEqual([]);
  });

  it('warns about a response slower than the budget', async () => {
    double.inject(delayed(60, exampleActivityLog('log-1')));
    const report = await run({ maxResponseMs: 20, clock: testClock({ realTime: true }) });
    expect(report.outcome).toBe('passed');
    const slow = report.findings.filter((f) => f.rule === 'response_time');
    expect(slow.length).toBeGreaterThanOrEqual(1);
    expect(slow[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/over the 20 ms budget$/),
    });
  });

  it('refuses to run without an id', async () => {
    await expect(run({ ids: [] })).rejects.toThrow('at least one activity log id');
  });
});

describe('runLive pacing', () => {
  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    double.inject((_request, response, { authorized }) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        response.writeHead(authorized ? 200 : 401, { 'content-type': 'application/json' });
        response.end(authorized ? JSON.stringify(exampleActivityLog('x')) : '');
      }, 25);
      return true;
    });
    const report = await run({ ids: ['a', 'b', 'c', 'd', 'e', 'f'], concurrency: 2 });
    expect(report.exchanges).toHaveLength(9);
    expect(peak).toBe(2);
  });

  it('starts requests no faster than --rps', async () => {
    const clock = testClock();
    await run({ ids: ['log-1', 'log-2', 'log-3'], rps: 4, concurrency: 1, clock });
    // Six requests at 4 per second: five waits of 250 ms on the virtual clock.
    expect(clock.sleeps).toEqual([250, 250, 250, 250, 250]);
  });
});
