import http from 'node:http';
import {
  BadRequestError,
  ContractViolationError,
  createActivityLogClient,
  NetworkError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  UnexpectedStatusError,
} from '../../../src/client';
import { basicToken } from '../../../src/live/redact';
import { drawFault } from '../../../src/mock';
import { getValidator } from '../../../src/validation';
import { runCli } from '../../support/runCli';
import { type ServingCli, startServingCli } from '../../support/servingCli';

// Canary credentials: the mock accepts only them, and they must never reach its output.
const CLIENT_ID = 'canary-client-7f3a9c';
const CLIENT_SECRET = 'canary-secret-b81e4d2f';
const credentials = { SEQUENCE_CLIENT_ID: CLIENT_ID, SEQUENCE_CLIENT_SECRET: CLIENT_SECRET };
const basic = (id: string, secret: string) => `Basic ${basicToken(id, secret)}`;
const good = { authorization: basic(CLIENT_ID, CLIENT_SECRET), 'sequence-version': '2024-07-30' };

let mock: ServingCli;
beforeAll(async () => {
  mock = await startServingCli(['mock', '--port', '0', '--seed', '7'], credentials);
});
afterAll(async () => {
  await mock?.stop();
});

/** Our own client against the mock, every request carrying `Prefer: <prefer>` when given. */
function client(prefer?: string, timeoutMs = 5_000) {
  return createActivityLogClient({
    baseUrl: mock.url,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    timeoutMs,
    fetch: (url, init) =>
      fetch(url, {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), ...(prefer ? { prefer } : {}) },
      }),
  });
}

describe('mock, started as the CLI starts it', () => {
  it('says where it listens on the first stdout line, and stops cleanly with exit 0', async () => {
    const other = await startServingCli(['mock', '--port', '0']);
    expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const stopped = await other.stop();
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toBe(`listening on ${other.url}\n`);
    expect(stopped.stderr).toContain('mock: stopped (SIGINT)');
    await expect(fetch(other.url)).rejects.toThrow();
  });

  it('stops at once, even with a delayed answer pending', async () => {
    const other = await startServingCli(['mock', '--port', '0']);
    const request = http.get(`${other.url}/activity-logs/a`, { headers: { ...good, prefer: 'delay=20000' } });
    const pending = new Promise((resolve, reject) => {
      request.on('response', resolve);
      request.on('error', reject);
    });
    // Sent; then a second request on a new connection, answered: the mock read the first one before it
    // (it was in its socket before the second connection opened), so the delay has begun. A state, not a sleep.
    await new Promise((resolve) => request.on('finish', resolve));
    expect((await fetch(`${other.url}/activity-logs/probe`, { headers: good })).status).toBe(200);
    const started = Date.now();
    const stopped = await other.stop();
    expect(stopped.code).toBe(0);
    // Not the 20 s of the delay: half of it leaves room for any load.
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect(pending).rejects.toThrow();
    expect(stopped.stderr).toMatch(/^GET \/activity-logs\/a --- fault=delay=20000 \d+ms$/m);
  });

  it('answers a well-formed request with a valid activity log whose id is the path id', async () => {
    const log = await client().getActivityLog('log-42');
    expect(log.id).toBe('log-42');
  });

  it('generates 200 bodies that pass our validator, for every id', async () => {
    const validator = getValidator();
    for (let i = 0; i < 25; i++) {
      const response = await fetch(`${mock.url}/activity-logs/id-${i}`, { headers: good });
      const body = await response.json();
      const result = validator.validateResponse({
        method: 'GET',
        path: `/activity-logs/id-${i}`,
        status: response.status,
        headers: { 'content-type': response.headers.get('content-type') ?? '' },
        body,
      });
      expect({
        i,
        status: response.status,
        errors: result.findings.filter((f) => f.severity === 'error'),
      }).toEqual({ i, status: 200, errors: [] });
    }
  });

  it('gives the same body for the same path and seed, and another for another path', async () => {
    const text = async (path: string) => (await fetch(`${mock.url}${path}`, { headers: good })).text();
    const first = await text('/activity-logs/same');
    expect(await text('/activity-logs/same')).toBe(first);
    expect(await text('/activity-logs/other')).not.toBe(first);
    const reseeded = await startServingCli(['mock', '--port', '0', '--seed', '8']);
    const elsewhere = await fetch(`${reseeded.url}/activity-logs/same`, { headers: good });
    await reseeded.stop();
    expect(await elsewhere.text()).not.toBe(first);
  });

  it('refuses a request without credentials, or with others than SEQUENCE_CLIENT_ID/SECRET, with 401', async () => {
    const none = await fetch(`${mock.url}/activity-logs/a`, {
      headers: { 'sequence-version': '2024-07-30' },
    });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic /);
    const wrong = createActivityLogClient({
      baseUrl: mock.url,
      clientId: CLIENT_ID,
      clientSecret: 'not-the-secret',
    });
    await expect(wrong.getActivityLog('a')).rejects.toBeInstanceOf(UnauthorizedError);
    const malformed = await fetch(`${mock.url}/activity-logs/a`, {
      headers: { ...good, authorization: 'Basic %%%' },
    });
    expect([malformed.status, malformed.headers.get('x-mock-reason')]).toEqual([
      401,
      'malformed credentials: expected Authorization: Basic <base64 of id:secret>',
    ]);
  });

  it('refuses a sequence-version outside the enum with 400, naming it', async () => {
    const response = await fetch(`${mock.url}/activity-logs/a`, {
      headers: { ...good, 'sequence-version': '1970-01-01' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-mock-reason')).toBe(
      'header parameter sequence-version "1970-01-01" breaks the spec: must be one of "2024-07-30"',
    );
  });

  it('answers 404 for a path no operation serves and 405 for an undocumented method', async () => {
    expect((await fetch(`${mock.url}/nope`, { headers: good })).status).toBe(404);
    const post = await fetch(`${mock.url}/activity-logs/a`, { method: 'POST', headers: good });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET']);
  });
});

describe('faults asked for with Prefer, as our client sees them', () => {
  it('delay: a TimeoutError when the delay outlasts the client timeout', async () => {
    await expect(client('delay=400', 100).getActivityLog('a')).rejects.toBeInstanceOf(TimeoutError);
    await expect(client('delay=20').getActivityLog('a')).resolves.toMatchObject({ id: 'a' });
  });

  it('truncate: a NetworkError, the body having been cut off mid-stream', async () => {
    const error = await client('truncate')
      .getActivityLog('a')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
  });

  it('invalid: a ContractViolationError whose findings point where the label says', async () => {
    for (const id of ['v1', 'v2', 'v3', 'v4', 'v5', 'v6']) {
      const raw = await fetch(`${mock.url}/activity-logs/${id}`, { headers: { ...good, prefer: 'invalid' } });
      const pointer = raw.headers.get('x-mock-violation-pointer') ?? 'none';
      const kind = raw.headers.get('x-mock-violation-kind');
      expect(raw.headers.get('x-mock-violation')).toMatch(/: /);
      const error = (await client('invalid')
        .getActivityLog(id)
        .catch((e: unknown) => e)) as ContractViolationError;
      expect(error).toBeInstanceOf(ContractViolationError);
      // A removed property is reported on the object that lost it.
      const expected = kind === 'required' ? pointer.slice(0, pointer.lastIndexOf('/')) : pointer;
      expect(error.findings.map((f) => f.pointer)).toContain(expected);
    }
  });

  it('invalid=<kind>: a violation of that kind', async () => {
    const raw = await fetch(`${mock.url}/activity-logs/a`, {
      headers: { ...good, prefer: 'invalid=format' },
    });
    expect(raw.headers.get('x-mock-violation-kind')).toBe('format');
    await expect(client('invalid=format').getActivityLog('a')).rejects.toBeInstanceOf(ContractViolationError);
  });

  it('content-type: a ContractViolationError for the undocumented media type', async () => {
    const error = (await client('content-type=text/plain')
      .getActivityLog('a')
      .catch((e: unknown) => e)) as ContractViolationError;
    expect(error).toBeInstanceOf(ContractViolationError);
    expect(error.findings.map((f) => f.rule)).toContain('content_type_conformance');
  });

  it('html: a 5xx HTML page (502 unless code= says which)', async () => {
    const page = await fetch(`${mock.url}/activity-logs/a`, { headers: { ...good, prefer: 'html' } });
    expect([page.status, page.headers.get('content-type')]).toEqual([502, 'text/html; charset=utf-8']);
    expect(await page.text()).toContain('<title>502 Bad Gateway</title>');
    await expect(client('html').getActivityLog('a')).rejects.toBeInstanceOf(UnexpectedStatusError);
    await expect(client('code=500, html').getActivityLog('a')).rejects.toBeInstanceOf(ServerError);
  });

  it('code=: any status, 429 with Retry-After', async () => {
    const limited = await fetch(`${mock.url}/activity-logs/a`, { headers: { ...good, prefer: 'code=429' } });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '1']);
    const later = await fetch(`${mock.url}/activity-logs/a`, {
      headers: { ...good, prefer: 'code=503, retry-after=7' },
    });
    expect([later.status, later.headers.get('retry-after')]).toEqual([503, '7']);
    await expect(client('code=429').getActivityLog('a')).rejects.toMatchObject({ status: 429 });
    await expect(client('code=400').getActivityLog('a')).rejects.toBeInstanceOf(BadRequestError);
    await expect(client('code=401').getActivityLog('a')).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it("example=: the spec's named example, as written", async () => {
    const log = await client('example=ActivityLogResponse').getActivityLog('a');
    expect(log.id).toBe('aa0e8400-e29b-41d4-a716-446655440005');
    const missing = await fetch(`${mock.url}/activity-logs/a`, {
      headers: { ...good, prefer: 'example=Nope' },
    });
    expect([missing.status, missing.headers.get('x-mock-reason')]).toEqual([
      400,
      'Prefer: example=Nope: no such example for application/json (examples: ActivityLogResponse)',
    ]);
  });

  it('refuses a Prefer it does not know with 400 and the reason, rather than ignoring a typo', async () => {
    const response = await fetch(`${mock.url}/activity-logs/a`, { headers: { ...good, prefer: 'dealy=10' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-mock-reason')).toMatch(
      /^Prefer: unknown preference 'dealy' \(known: code, /,
    );
    const standard = await fetch(`${mock.url}/activity-logs/a`, {
      headers: { ...good, prefer: 'return=minimal' },
    });
    expect(standard.status).toBe(200);
  });
});

describe('live against mock', () => {
  const live = (url: string, ...args: string[]) =>
    runCli(['live', '--server', url, '--rps', '100', '--id', 'a', '--id', 'b', ...args], {
      env: credentials,
    });

  it('passes (exit 0): auth enforced, version rule kept', async () => {
    const run = await live(mock.url);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/auth_enforced/);
    expect(run.stdout).toMatch(/version_header/);
  });

  it('fails (exit 1) when the mock accepts any Basic pair, as it does without SEQUENCE_CLIENT_ID/SECRET', async () => {
    const open = await startServingCli(['mock', '--port', '0']);
    const run = await live(open.url);
    await open.stop();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('with wrong credentials: the API ignored auth');
  });

  it('passes live --strict with --undocumented-rate 0 (spec-exact bodies), and warns without it', async () => {
    const exact = await startServingCli(['mock', '--port', '0', '--undocumented-rate', '0'], credentials);
    const strict = await live(exact.url, '--strict', '--skip-probes');
    await exact.stop();
    expect(strict.code).toBe(0);
    const loose = await live(mock.url, '--id', 'c', '--id', 'd', '--skip-probes', '--format', 'json');
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain('is not documented in the spec');
  });

  it.each([
    ['code=503', 3],
    ['code=429, retry-after=0', 3],
    ['truncate', 3],
    ['invalid', 1],
    ['content-type=text/plain', 1],
    ['html', 3],
  ])('exits as the fault says under --fault-rate 1 --fault %s', async (fault, code) => {
    const faulty = await startServingCli(
      ['mock', '--port', '0', '--fault-rate', '1', '--fault', fault],
      credentials,
    );
    const run = await live(faulty.url, '--retries', '0', '--skip-probes');
    await faulty.stop();
    expect({ fault, code: run.code }).toEqual({ fault, code });
  });

  it('retries after what Retry-After asks, then passes', async () => {
    // A seed whose draw faults the first request and spares the second: the retry.
    const faults = [{ code: 429, retryAfter: 1 }];
    const seed = [...Array(100).keys()].find(
      (s) => drawFault({ seed: s, rate: 0.5, faults }, 0) && !drawFault({ seed: s, rate: 0.5, faults }, 1),
    );
    const faulty = await startServingCli(
      [
        'mock',
        '--port',
        '0',
        '--seed',
        String(seed),
        '--fault-rate',
        '0.5',
        '--fault',
        'code=429, retry-after=1',
      ],
      credentials,
    );
    const started = Date.now();
    const run = await runCli(
      ['live', '--server', faulty.url, '--id', 'a', '--skip-probes', '--retries', '1'],
      {
        env: credentials,
      },
    );
    const waited = Date.now() - started;
    const { stderr } = await faulty.stop();
    expect(run.code).toBe(0);
    // Without Retry-After the first backoff would be 250 to 500 ms.
    expect(waited).toBeGreaterThanOrEqual(1000);
    const lines = stderr.split('\n').filter((l) => l.startsWith('GET '));
    expect(lines).toEqual([
      expect.stringMatching(/^GET \/activity-logs\/a 429 fault=code=429,retry-after=1 \d+ms$/),
      expect.stringMatching(/^GET \/activity-logs\/a 200 fault=none \d+ms$/),
    ]);
  }, 15_000);
});

describe('the request log', () => {
  it('has one line per request (method, path, status, fault, ms) and never a credential', async () => {
    await fetch(`${mock.url}/activity-logs/canary?echo=${CLIENT_SECRET}`, { headers: good });
    await fetch(`${mock.url}/activity-logs/canary`, {
      headers: { ...good, authorization: basic(CLIENT_ID, `${CLIENT_SECRET}-wrong`) },
    });
    const log = mock.stderr();
    expect(log).toMatch(/^GET \/activity-logs\/canary\?echo=\[REDACTED\] 200 fault=none \d+ms$/m);
    expect(log).toMatch(/^GET \/activity-logs\/canary 401 fault=none \d+ms: credentials not accepted/m);
    for (const secret of [CLIENT_ID, CLIENT_SECRET, basicToken(CLIENT_ID, CLIENT_SECRET)]) {
      expect(log).not.toContain(secret);
      expect(mock.stdout()).not.toContain(secret);
    }
  });
});

describe('mock usage errors (exit 2, no stack trace)', () => {
  it.each([
    [['--port', '99999'], "--port must be an integer from 0 to 65535 (0 picks a free one), not '99999'"],
    [['--fault-rate', '2'], "--fault-rate must be a number from 0 to 1, such as 0.1, not '2'"],
    [
      ['--undocumented-rate', '1.5'],
      "--undocumented-rate must be a number from 0 to 1, such as 0.1, not '1.5'",
    ],
    [['--fault', 'bogus'], "--fault 'bogus': unknown preference 'bogus'"],
    [['--fault', 'code=99'], "--fault 'code=99': code= needs a whole number from 200 to 599, not '99'"],
    [['--seed', 'x'], "--seed must be an integer between -2147483648 and 2147483647, not 'x'"],
    [['--prot', '0'], 'unknown option --prot; did you mean --port?'],
    [['--spec', 'no-such.yaml'], 'no-such.yaml'],
  ])('mock %j', async (args, message) => {
    const run = await runCli(['mock', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses one of SEQUENCE_CLIENT_ID/SECRET without the other', async () => {
    const run = await runCli(['mock', '--port', '0'], { env: { SEQUENCE_CLIENT_ID: CLIENT_ID } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('set both SEQUENCE_CLIENT_ID and SEQUENCE_CLIENT_SECRET');
  });

  it('says so when the port is taken', async () => {
    const port = new URL(mock.url).port;
    const run = await runCli(['mock', '--port', port]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
  });

  it('tells the truth in --help', async () => {
    const run = await runCli(['mock', '--help']);
    expect(run.code).toBe(0);
    for (const word of [
      '--port',
      '--host',
      '--seed',
      '--fault-rate',
      '--fault',
      'code=<status>',
      'retry-after',
    ])
      expect(run.stdout).toContain(word);
  });
});
