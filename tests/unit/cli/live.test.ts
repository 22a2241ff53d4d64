import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  alwaysUnavailable,
  connectionReset,
  htmlBadGateway,
  ignoresAuth,
  rateLimited,
  serves,
  slowResponse,
  status,
  truncatedBody,
} from '../../support/faults';
import { runCli } from '../../support/runCli';
import type { Fault } from '../../support/sandboxDouble';
import { exampleActivityLog, type SandboxDouble, startSandboxDouble } from '../../support/sandboxDouble';

const CANARY = 'canary-secret-5f0c2e9a';
const CLIENT_ID = 'ci-client-id';
const BASIC = Buffer.from(`${CLIENT_ID}:${CANARY}`).toString('base64');

let double: SandboxDouble;
let dir: string;

beforeAll(async () => {
  double = await startSandboxDouble({ credentials: { clientId: CLIENT_ID, clientSecret: CANARY } });
});
afterAll(() => double.close());
beforeEach(() => {
  double.reset();
  dir = mkdtempSync(path.join(os.tmpdir(), 'live-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The CLI with the canary credentials, in the temporary folder, loopback only. */
function cli(args: string[], env: Record<string, string> = {}) {
  return runCli(args, {
    cwd: dir,
    env: {
      ACTIVITY_LOG_CONTRACT_LOOPBACK_ONLY: 'true',
      SEQUENCE_CLIENT_ID: CLIENT_ID,
      SEQUENCE_CLIENT_SECRET: CANARY,
      ...env,
    },
  });
}

const fast = () => ['--server', double.url, '--retries', '0', '--rps', '1000', '--timeout-ms', '2000'];

describe('activity-log-contract live', () => {
  it('exits 0 against a conforming double, with a summary line per rule', async () => {
    const { code, stdout, stderr } = await cli(['live', ...fast(), '--id', 'log-1']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('response_schema_conformance: 1 checked, 1 passed, 0 failed');
    expect(stdout).toContain('auth_enforced: 2 checked, 2 passed, 0 failed');
    expect(stdout).toContain('version_header: 2 checked, 2 passed, 0 failed');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('live: 4 checked, 4 passed, 0 failed: passed');
  });

  it('exits 1 on an invalid body, grouping the failure under its rule with a curl reproduction', async () => {
    const { createdAt: _dropped, ...body } = exampleActivityLog('log-1');
    double.inject(serves(body));
    const { code, stdout } = await cli(['live', ...fast(), '--id', 'log-1']);
    expect(code).toBe(1);
    expect(stdout).toContain(
      [
        'response_schema_conformance: 1 checked, 0 passed, 1 failed',
        '  ✖ GET /activity-logs/log-1  → 200',
        "    (response)  must have required property 'createdAt'",
      ].join('\n'),
    );
    expect(stdout).toContain(
      `    reproduce: curl -sS -i -u "$SEQUENCE_CLIENT_ID:$SEQUENCE_CLIENT_SECRET" -H 'sequence-version: 2024-07-30' '${double.url}/activity-logs/log-1'`,
    );
    expect(stdout).toMatch(/: contract violation\n$/);
  });

  it('exits 3 when the provider stays unavailable', async () => {
    double.inject(alwaysUnavailable());
    const { code, stdout } = await cli(['live', ...fast(), '--id', 'log-1', '--format', 'json']);
    expect(code).toBe(3);
    const report = JSON.parse(stdout);
    expect(report.outcome).toBe('unreachable');
    expect(report.sections.map((s: { name: string }) => s.name)).toEqual([
      'provider_reachable',
      'not_a_server_error',
    ]);
  });

  it('exits 2 when the provider refuses the configured credentials', async () => {
    const { code, stdout } = await cli(['live', ...fast(), '--id', 'log-1'], {
      SEQUENCE_CLIENT_SECRET: 'stale-secret',
    });
    expect(code).toBe(2);
    expect(stdout).toContain('the provider refused SEQUENCE_CLIENT_ID/SEQUENCE_CLIENT_SECRET with 401');
  });

  it('fails a 200 answered as text/html under response_schema_conformance, quoting the start of the page', async () => {
    const page = `<!DOCTYPE html><html><body><h1>Sign in</h1>${'<p>filler</p>'.repeat(50)}</body></html>`;
    double.inject(serves(page, 'text/html; charset=utf-8'));
    const { code, stdout } = await cli(['live', ...fast(), '--id', 'log-1', '--skip-probes']);
    expect(code).toBe(1);
    expect(stdout).toContain(
      [
        'response_schema_conformance: 1 checked, 0 passed, 1 failed',
        '  ✖ GET /activity-logs/log-1  → 200',
        `    (response)  expected application/json, got text/html: ${page.slice(0, 200)}…`,
      ].join('\n'),
    );
  });

  it('writes a JUnit report with a testsuite per rule', async () => {
    double.inject(status(500, 'boom', { 'content-type': 'text/plain' }));
    const { code } = await cli(['live', ...fast(), '--id', 'log-1', '--junit', 'reports/live.xml']);
    expect(code).toBe(1);
    const xml = readFileSync(path.join(dir, 'reports/live.xml'), 'utf8');
    expect(xml).toContain('<testsuite name="not_a_server_error" tests="4" failures="4" errors="0">');
    expect(xml).toContain('<failure message="(response) answered 500: boom" type="not_a_server_error">');
    expect(xml).toContain(
      'reproduce: curl -sS -i -u &quot;$SEQUENCE_CLIENT_ID:$SEQUENCE_CLIENT_SECRET&quot;',
    );
  });
});

describe('live: each fault, its finding and its exit code', () => {
  const { createdAt: _dropped, ...invalid } = exampleActivityLog('log-1');
  const cases: [string, () => Fault, string[], number, string, string][] = [
    [
      'a response slower than the timeout',
      () => slowResponse(5_000),
      ['--timeout-ms', '100'],
      3,
      'provider_reachable',
      'Request timed out after 100 ms',
    ],
    ['a connection reset', connectionReset, [], 3, 'provider_reachable', 'Connection failed'],
    ['a truncated body', truncatedBody, [], 3, 'provider_reachable', 'Response body cut off'],
    ['an HTML 502 page', () => htmlBadGateway(), [], 3, 'not_a_server_error', '<h1>502 Bad Gateway</h1>'],
    [
      'a 503 that never recovers',
      alwaysUnavailable,
      [],
      3,
      'not_a_server_error',
      'answered 503 and still did after 1 attempt',
    ],
    [
      'a 200 with an invalid body',
      () => serves(invalid),
      [],
      1,
      'response_schema_conformance',
      "must have required property 'createdAt'",
    ],
    [
      'an endpoint that ignores auth',
      () => ignoresAuth(exampleActivityLog('log-1')),
      [],
      1,
      'auth_enforced',
      'the API ignored auth',
    ],
    [
      'an undocumented 404',
      () => status(404, '{}', { 'content-type': 'application/json' }),
      [],
      1,
      'status_code_documented',
      'status 404 is not documented',
    ],
  ];

  it.each(cases)('%s', async (_name, fault, flags, exit, rule, message) => {
    double.inject(fault());
    const { code, stdout } = await cli(['live', ...fast(), '--id', 'log-1', '--format', 'json', ...flags]);
    expect(code).toBe(exit);
    const findings = JSON.parse(stdout).sections.flatMap((s: { entries: { findings: never[] }[] }) =>
      s.entries.flatMap((e) => e.findings),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({ rule, severity: 'error', message: expect.stringContaining(message) }),
    );
  });

  it('a 429 with Retry-After, then success: waits and passes', async () => {
    double.inject(rateLimited(1, '0'));
    const { code, stdout } = await cli([
      'live',
      ...fast(),
      '--retries',
      '1',
      '--id',
      'log-1',
      '--skip-probes',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).requests[0]).toMatchObject({ attempts: 2, status: 200 });
  });
});

describe('live: usage errors exit 2 before any request', () => {
  it.each([
    [
      ['live', '--id', 'log-1'],
      'refusing https://sandbox.sequencehq.com: ACTIVITY_LOG_CONTRACT_LOOPBACK_ONLY=true',
    ],
    [['live', '--server', 'PRODUCTION', '--id', 'log-1'], 'refusing to run against PRODUCTION'],
    [
      ['live', '--server', 'PRODUCTION', '--allow-production', '--id', 'log-1'],
      'refusing https://eu.sequencehq.com: ACTIVITY_LOG_CONTRACT_LOOPBACK_ONLY=true',
    ],
    [['live', '--server', 'nowhere', '--id', 'log-1'], "--server 'nowhere' is neither a server of"],
    [
      ['live', '--server', 'http://127.0.0.1:9', '--rps', '0', '--id', 'a'],
      "--rps must be a number above 0, not '0'",
    ],
    [
      ['live', '--server', 'http://127.0.0.1:9'],
      'no activity log id: give --id, --ids-file or SEQUENCE_ACTIVITY_LOG_IDS',
    ],
    [
      ['live', '--server', 'http://127.0.0.1:9', '--ids-file', 'missing.txt'],
      'cannot read --ids-file missing.txt: ENOENT',
    ],
  ])('%j', async (args, message) => {
    const { code, stderr, stdout } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(double.requests).toEqual([]);
  });

  it('needs both credentials from the environment', async () => {
    const { code, stderr } = await cli(['live', '--server', double.url, '--id', 'a'], {
      SEQUENCE_CLIENT_SECRET: '',
    });
    expect(code).toBe(2);
    expect(stderr).toContain('set SEQUENCE_CLIENT_ID and SEQUENCE_CLIENT_SECRET');
  });
});

describe('live --help', () => {
  it('lists the rules, the options and the exit codes', async () => {
    const { code, stdout } = await cli(['live', '--help']);
    expect(code).toBe(0);
    for (const text of ['auth_enforced', '--allow-production', '--record <dir>', 'Exit codes: 0 passed']) {
      expect(stdout).toContain(text);
    }
    expect((await cli(['--help'])).stdout).toContain('\n  live         call the sandbox (or any base URL)');
  });
});

describe('live: where the ids come from', () => {
  it('reads --ids-file, skipping comments and blank lines', async () => {
    writeFileSync(path.join(dir, 'ids.txt'), '# nightly\nlog-1\n\nlog-2  # second\n');
    const { code } = await cli(['live', ...fast(), '--ids-file', 'ids.txt', '--skip-probes']);
    expect(code).toBe(0);
    expect(double.requests.map((r) => r.path)).toEqual(['/activity-logs/log-1', '/activity-logs/log-2']);
  });

  it('falls back to SEQUENCE_ACTIVITY_LOG_IDS', async () => {
    const { code } = await cli(['live', ...fast(), '--skip-probes'], {
      SEQUENCE_ACTIVITY_LOG_IDS: 'log-2, log-3',
    });
    expect(code).toBe(0);
    expect(double.requests.map((r) => r.path).sort()).toEqual([
      '/activity-logs/log-2',
      '/activity-logs/log-3',
    ]);
  });
});

describe('live: an id the server cannot take', () => {
  it('is a usage error said in one line (exit 2), the id cut short, for a 100,000-character id', async () => {
    const id = 'x'.repeat(100_000);
    const { code, stdout, stderr } = await cli(['live', ...fast(), '--id', id, '--format', 'json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^activity-log-contract live: the server cannot take the id 'x{20}…\(100000 characters, sha256 [0-9a-f]{8}\)': it answered 431 Request Header Fields Too Large; /,
    );
    expect(stderr.split('\n')[0]?.length).toBeLessThan(300);
    expect(stderr.length).toBeLessThan(500);
  });

  it('never echoes an id it sends whole: a long id is cut short in every line of the report', async () => {
    const id = `log-${'y'.repeat(5_000)}`;
    const { code, stdout } = await cli(['live', ...fast(), '--id', id]);
    expect(code).toBe(1);
    expect(stdout).toContain('status 404 is not documented');
    expect(stdout).not.toContain('y'.repeat(300));
    expect(stdout.length).toBeLessThan(10_000);
  });
});

describe('live: recordings', () => {
  it('round-trip through validate with the same findings', async () => {
    const { createdAt: _dropped, ...body } = exampleActivityLog('log-1');
    double.inject(serves({ ...body, activityLogItems: 3 }));
    const live = await cli(['live', ...fast(), '--id', 'log-1', '--record', 'rec', '--format', 'json']);
    expect(live.code).toBe(1);
    const files = readdirSync(path.join(dir, 'rec')).sort();
    expect(files).toEqual([
      '001-read-log-1.json',
      '002-no_credentials-log-1.json',
      '003-wrong_credentials-log-1.json',
      '004-unknown_version-log-1.json',
    ]);
    const recording = JSON.parse(readFileSync(path.join(dir, 'rec', files[0] ?? ''), 'utf8'));
    expect(recording.request).toEqual({ method: 'GET', path: '/activity-logs/log-1' });
    expect(recording.response.headers).toEqual({ 'content-type': 'application/json' });

    const validated = await cli(['validate', 'rec', '--format', 'json', '--findings', 'all']);
    expect(validated.code).toBe(1);
    const key = (f: { rule: string; pointer: string; keyword: string }) =>
      `${f.rule} ${f.pointer} ${f.keyword}`;
    const liveErrors = JSON.parse(live.stdout)
      .sections.flatMap((s: { entries: { findings: never[] }[] }) => s.entries.flatMap((e) => e.findings))
      .filter((f: { severity: string; rule: string }) => f.severity === 'error')
      .map(key)
      .sort();
    const validateErrors = JSON.parse(validated.stdout)
      .sections[0].entries.flatMap((e: { findings: never[] }) => e.findings)
      .map(key)
      .sort();
    expect(validateErrors).toEqual([
      'response_schema_conformance  required',
      'response_schema_conformance /activityLogItems type',
    ]);
    expect(liveErrors).toEqual(validateErrors);
  });
});

describe('live: the canary secret', () => {
  it('never appears in stdout, stderr, the JSON or JUnit report, or any recording', async () => {
    // A provider that echoes the credentials back everywhere it can: in a body, in an error page.
    double.inject((request, response, { valid }) => {
      const echoed = `${request.headers.authorization} ${CLIENT_ID}:${CANARY} ${encodeURIComponent(CANARY)}`;
      if (valid) {
        response.writeHead(200, { 'content-type': 'application/json', 'x-debug-auth': echoed });
        // A wrong-typed field holding the secret after padding: findings quote values cut to a length,
        // and a cut-off secret must not escape redaction either.
        const padded = `${'x'.repeat(40)}${CANARY}${CANARY}`;
        response.end(
          JSON.stringify({ ...exampleActivityLog('log-1'), debug: echoed, [CANARY]: 1, origin: [padded] }),
        );
      } else {
        response.writeHead(500, { 'content-type': 'text/plain', 'retry-after': CANARY });
        response.end(`auth was ${echoed}`);
      }
      return true;
    });
    const runs = [
      await cli([
        'live',
        ...fast(),
        '--id',
        'log-1',
        '--record',
        'rec',
        '--junit',
        'live.xml',
        '--format',
        'json',
      ]),
      await cli(['live', ...fast(), '--id', 'log-1', '--strict']),
      await cli([
        'live',
        ...fast(),
        '--id',
        'log-1',
        '--server',
        `http://${CLIENT_ID}:${CANARY}@127.0.0.1:1`,
      ]),
    ];
    expect(runs.map((r) => r.code)).toEqual([1, 1, 2]);
    const files = [
      path.join(dir, 'live.xml'),
      ...readdirSync(path.join(dir, 'rec')).map((file) => path.join(dir, 'rec', file)),
    ];
    expect(files).toHaveLength(5);
    const texts = [
      ...runs.flatMap((r) => [r.stdout, r.stderr]),
      ...files.map((f) => readFileSync(f, 'utf8')),
    ];
    for (const text of texts) {
      expect(text).not.toContain(CANARY.slice(0, 10));
      expect(text).not.toContain(BASIC);
      expect(text).not.toMatch(/authorization/i);
    }
    // The redaction happened: what the provider echoed is there, scrubbed.
    expect(runs[0]?.stdout).toContain('[REDACTED]');
  });
});
