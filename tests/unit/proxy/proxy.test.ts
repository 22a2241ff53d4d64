import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ContractViolationError, createActivityLogClient } from '../../../src/client';
import { getValidator } from '../../../src/validation';
import {
  type Drift,
  type LoopbackProvider,
  PROVIDER_IDS,
  startActivityLogProvider,
} from '../../support/activityLogProvider';
import { closedPort } from '../../support/closedPort';
import { startTarget } from '../../support/loopbackTarget';
import { runCli } from '../../support/runCli';
import { scratchDir } from '../../support/scratch';
import { waitFor } from '../../support/servingCli';
import { startProxyCommand } from './runningProxy';

// A canary: if this value shows up in any output or file, a credential leaked.
const CREDENTIALS = { clientId: 'consumer-service-id', clientSecret: 'canary-secret-7f3e9d1c' };
const BASIC = Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.clientSecret}`).toString('base64');
const LOOPBACK = { ACTIVITY_LOG_CONTRACT_LOOPBACK_ONLY: 'true' };

/** One field's type changed: `createdAt` as epoch seconds instead of an RFC 3339 string. */
const createdAtAsNumber: Drift = (body) => ({ ...body, createdAt: 1_704_103_200 });

/** A fetch that keeps the exact bytes of every response body it hands to the client. */
function recordingFetch(): { fetch: typeof fetch; bodies: Buffer[] } {
  const bodies: Buffer[] = [];
  return {
    bodies,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      bodies.push(Buffer.from(await response.clone().arrayBuffer()));
      return response;
    },
  };
}

async function bytesOf(url: string): Promise<Buffer> {
  const response = await fetch(url, { headers: { authorization: `Basic ${BASIC}` } });
  return Buffer.from(await response.arrayBuffer());
}

function noCanary(...texts: string[]): void {
  for (const text of texts) {
    expect(text).not.toContain(CREDENTIALS.clientSecret);
    expect(text).not.toContain(BASIC);
    expect(text).not.toContain(CREDENTIALS.clientId);
  }
}

describe('proxy between our client and a provider that drifts', () => {
  let provider: LoopbackProvider;
  beforeAll(async () => {
    provider = await startActivityLogProvider({ ...CREDENTIALS, drift: createdAtAsNumber });
  });
  afterAll(() => provider.close());

  it('reports the drift with its spec line while the client receives the provider bytes unchanged', async () => {
    const records = scratchDir('proxy-record');
    const running = await startProxyCommand(['--target', provider.url, '--record', records], {
      env: LOOPBACK,
    });
    const wire = recordingFetch();
    const client = createActivityLogClient({ baseUrl: running.url, ...CREDENTIALS, fetch: wire.fetch });
    for (const id of [PROVIDER_IDS.full, PROVIDER_IDS.minimal, PROVIDER_IDS.full]) {
      await expect(client.getActivityLog(id)).rejects.toBeInstanceOf(ContractViolationError);
    }
    const { code, stdout, stderr } = await running.stop();

    // Byte for byte what the provider sends, asked directly.
    expect(wire.bodies).toEqual([
      await bytesOf(`${provider.url}/activity-logs/${PROVIDER_IDS.full}`),
      await bytesOf(`${provider.url}/activity-logs/${PROVIDER_IDS.minimal}`),
      await bytesOf(`${provider.url}/activity-logs/${PROVIDER_IDS.full}`),
    ]);
    // The credentials went through to the provider.
    expect(provider.requests.map((r) => r.authorization)).toContain(`Basic ${BASIC}`);

    // The spec line the validator gives this drift, derived rather than written here.
    const drifted = JSON.parse(wire.bodies[0]?.toString('utf8') ?? '{}');
    const expected = getValidator().validateResponse({
      method: 'GET',
      path: `/activity-logs/${PROVIDER_IDS.full}`,
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: drifted,
    }).findings[0];
    const specLine = `${expected?.spec?.file}:${expected?.spec?.line}`;
    expect(expected?.pointer).toBe('/createdAt');

    // As it happens, on stderr: each request, with the finding and its spec line.
    expect(stderr).toContain(`✖ #1 GET /activity-logs/${PROVIDER_IDS.full}  → 200`);
    expect(stderr).toContain(`/createdAt  ${expected?.message}`);
    expect(stderr).toContain(`(${specLine})`);
    // At the end, on stdout: grouped as validate groups, one group for the three responses.
    expect(stdout.split('\n')[0]).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(stdout).toContain(
      `✖ /createdAt  ${expected?.message}\n  in 3 responses: #1 GET /activity-logs/${PROVIDER_IDS.full}, #2 GET /activity-logs/${PROVIDER_IDS.minimal}, #3 GET /activity-logs/${PROVIDER_IDS.full}\n`,
    );
    expect(stdout).toMatch(/proxy: 3 checked, 0 passed, 3 failed: contract violation\n$/);
    expect(code).toBe(1);

    // Recordings: redacted envelopes that validate reads and fails the same way.
    const files = readdirSync(records).sort();
    expect(files).toHaveLength(3);
    const recorded = files.map((file) => readFileSync(path.join(records, file), 'utf8'));
    noCanary(stdout, stderr, ...recorded);
    const again = await runCli(['validate', records]);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(`(${specLine})`);
  });
});

describe('proxy in front of a provider that keeps the contract', () => {
  let provider: LoopbackProvider;
  beforeAll(async () => {
    provider = await startActivityLogProvider(CREDENTIALS);
  });
  afterAll(() => provider.close());

  it('passes every answer and exits 0, with a JSON summary and a JUnit report when asked', async () => {
    const reports = scratchDir('proxy-reports');
    const junit = path.join(reports, 'proxy.xml');
    const running = await startProxyCommand(
      ['--target', provider.url, '--format', 'json', '--junit', junit],
      {
        env: LOOPBACK,
      },
    );
    const client = createActivityLogClient({ baseUrl: running.url, ...CREDENTIALS });
    await expect(client.getActivityLog(PROVIDER_IDS.full)).resolves.toMatchObject({ id: expect.any(String) });
    await expect(client.getActivityLog(PROVIDER_IDS.minimal)).resolves.toBeDefined();
    const { code, stdout, stderr } = await running.stop();
    expect(code).toBe(0);
    const [first, ...rest] = stdout.split('\n');
    expect(first).toMatch(/^listening on /);
    const report = JSON.parse(rest.join('\n'));
    expect(report).toMatchObject({
      command: 'proxy',
      outcome: 'passed',
      summary: { checked: 2, passed: 2, failed: 0 },
      sections: [{ name: 'proxy', findingCount: 0, groups: [] }],
    });
    expect(stderr).toContain(`✔ #1 GET /activity-logs/${PROVIDER_IDS.full}  → 200`);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('tests="2" failures="0"');
    // Test names stay the same from run to run: no duration in them.
    expect(xml).toContain(`name="#1 GET /activity-logs/${PROVIDER_IDS.full} → 200"`);
    noCanary(stdout, stderr);
  });

  it('refuses a POST with a clear 405 and a warning, and forwards it with --allow-methods POST', async () => {
    const refusing = await startProxyCommand(['--target', provider.url], { env: LOOPBACK });
    const refused = await fetch(`${refusing.url}/activity-logs/x`, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('GET');
    expect(await refused.text()).toContain(
      'POST is not forwarded (allowed: GET); start the proxy with --allow-methods POST',
    );
    const stopped = await refusing.stop();
    expect(provider.requests.filter((r) => r.method === 'POST')).toEqual([]);
    expect(stopped.stdout).toContain('warning: POST was not forwarded: the proxy forwards GET');
    expect(stopped.code).toBe(0);

    const allowing = await startProxyCommand(['--target', provider.url, '--allow-methods', 'post'], {
      env: LOOPBACK,
    });
    const forwarded = await fetch(`${allowing.url}/activity-logs/x`, { method: 'POST', body: '{}' });
    expect(forwarded.status).toBe(404);
    const allowed = await allowing.stop();
    expect(provider.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    // The provider's answer to an operation the spec does not have is itself a finding.
    expect(allowed.stdout).toContain('POST /activity-logs/x matches no operation in the spec');
    expect(allowed.code).toBe(1);
  });
});

describe('proxy to a target that cannot be reached', () => {
  it('answers the client 502 with a clear body and exits 3', async () => {
    const target = `http://127.0.0.1:${await closedPort()}`;
    const running = await startProxyCommand(['--target', target], { env: LOOPBACK });
    const response = await fetch(`${running.url}/activity-logs/a`, {
      headers: { authorization: `Basic ${BASIC}` },
    });
    expect(response.status).toBe(502);
    expect(await response.text()).toBe(
      `activity-log-contract proxy: could not reach ${target} (ECONNREFUSED): GET /activity-logs/a\n`,
    );
    const { code, stdout, stderr } = await running.stop();
    expect(stderr).toContain('✖ #1 GET /activity-logs/a  → 502');
    expect(stdout).toMatch(/proxy: 1 checked, 0 passed, 1 failed: the target could not be reached/);
    expect(code).toBe(3);
  });
});

describe('streaming', () => {
  it('passes the first bytes on before the target has sent the rest, and judges the whole body', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const target = http.createServer(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id": ');
      await held;
      response.end('"half"}');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const running = await startProxyCommand(
      ['--target', `http://127.0.0.1:${(target.address() as AddressInfo).port}`],
      { env: LOOPBACK },
    );
    const chunks: string[] = [];
    const done = new Promise<void>((resolve) => {
      http.get(`${running.url}/activity-logs/a`, (response) => {
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          chunks.push(chunk);
          // Only once the first bytes reached the client does the target send the rest.
          release();
        });
        response.on('end', resolve);
      });
    });
    await done;
    const { code, stdout } = await running.stop();
    target.close();
    expect(chunks[0]).toBe('{"id": ');
    expect(chunks.join('')).toBe('{"id": "half"}');
    // The copy kept for judging is the whole body: both halves, so the id is read and the rest is missing.
    expect(stdout).toContain("(response)  must have required property 'activityLogItems'");
    expect(stdout).not.toContain('not valid JSON');
    expect(code).toBe(1);
  });
});

describe('proxy usage errors (exit 2, no stack trace)', () => {
  it.each([
    [[], '--target is required'],
    [['--target', 'PRODUCTION'], 'refusing to run against PRODUCTION'],
    // By its host, whatever the spelling: the same guard as live's.
    [['--target', 'http://EU.sequencehq.com.:8080/x'], 'refusing to run against PRODUCTION'],
    [['--target', 'SANDBOX'], 'allows loopback hosts only'],
    [['--target', 'http://127.0.0.1:1', '--port', 'eighty'], '--port must be a whole number'],
    [['--target', 'http://127.0.0.1:1', '--allow-methods', 'FETCH'], "'FETCH' is not an HTTP method"],
    [['--target', 'http://127.0.0.1:1', '--targte', 'x'], 'unknown option --targte; did you mean --target?'],
  ])('proxy %j says %s', async (args, message) => {
    const run = await runCli(['proxy', ...args], { env: LOOPBACK });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('says so when the port is taken', async () => {
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = String((taken.address() as AddressInfo).port);
    const run = await runCli(['proxy', '--target', 'http://127.0.0.1:1', '--port', port], { env: LOOPBACK });
    taken.close();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
  });
});

describe('credentials the client sends', () => {
  it('reach the target but no finding, log line or recording, even when the target echoes them', async () => {
    const target = await startTarget((request, response) => {
      const authorization = request.headers.authorization ?? '';
      response.writeHead(200, { 'content-type': 'application/json' });
      if (request.url?.endsWith('/a')) {
        // The header quoted in a value the spec checks, and the secret as an undocumented property's name.
        response.end(
          JSON.stringify({ createdAt: authorization, [CREDENTIALS.clientSecret]: CREDENTIALS.clientId }),
        );
      } else response.end(`{"error": "bad secret ${CREDENTIALS.clientSecret}"`);
    });
    const records = scratchDir('proxy-canary');
    const running = await startProxyCommand(['--target', target.url, '--record', records, '--strict'], {
      env: LOOPBACK,
    });
    const headers = { authorization: `Basic ${BASIC}` };
    const echoed = await fetch(`${running.url}/activity-logs/a`, { headers });
    expect(await echoed.text()).toContain(CREDENTIALS.clientSecret);
    await (await fetch(`${running.url}/activity-logs/b?api_key=query-canary-1234`, { headers })).text();
    const { code, stdout, stderr } = await running.stop();
    target.close();
    const recorded = readdirSync(records).map((file) => readFileSync(path.join(records, file), 'utf8'));
    expect(recorded).toHaveLength(2);
    noCanary(stdout, stderr, ...recorded);
    for (const text of [stdout, stderr, ...recorded]) expect(text).not.toContain('query-canary-1234');
    // Judged all the same: the findings are there, with the secrets replaced.
    expect(stderr).toMatch(/must match format "date-time", got "(Basic )?\[REDACTED\]"/);
    expect(stderr).toContain("property '[REDACTED]' is not documented");
    expect(stderr).toContain('is not valid JSON');
    expect(stderr).toContain('GET /activity-logs/b?api_key=[REDACTED]');
    expect(code).toBe(1);
  });
});

describe('a target that cuts an answer off', () => {
  it('cuts the client off too, and counts the request as unreachable (exit 3)', async () => {
    const target = await startTarget((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"id": "cut', () => response.destroy());
    });
    const running = await startProxyCommand(['--target', target.url], { env: LOOPBACK });
    await expect(fetch(`${running.url}/activity-logs/a`).then((r) => r.text())).rejects.toThrow();
    const { code, stdout, stderr } = await running.stop();
    target.close();
    expect(stderr).toContain('the answer was cut off after 11 bytes');
    // The client got the target's head and part of its body, not a 502: the verdict says both.
    expect(stdout).toContain(
      'the target could not be reached for 1 of 1 request (the client got a 502, or the answer cut off where the target cut it)',
    );
    expect(code).toBe(3);
  });
});

describe('the command line', () => {
  it('stops when the context it is run with carries a signal that aborts (as mock does)', async () => {
    const { main } = await import('../../../src/cli/main');
    const { PassThrough } = await import('node:stream');
    const provider = await startActivityLogProvider(CREDENTIALS);
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    const controller = new AbortController();
    const run = main(['proxy', '--target', provider.url], {
      stdout,
      stderr: new PassThrough(),
      stdin: new PassThrough(),
      env: LOOPBACK,
      cwd: process.cwd(),
      signal: controller.signal,
    } as Parameters<typeof main>[1]);
    await waitFor(() => out.includes('\n'), 'the proxy to say where it listens');
    const url = /^listening on (\S+)/.exec(out)?.[1];
    expect((await fetch(`${url}/activity-logs/${PROVIDER_IDS.minimal}`)).status).toBe(401);
    controller.abort();
    expect(await run).toBe(0);
    await provider.close();
    expect(out).toMatch(/proxy: 1 checked, 1 passed, 0 failed: passed\n$/);
  });

  it('stops on SIGINT and prints its summary', async () => {
    const { proxy } = await import('../../../src/cli/commands/proxy');
    const provider = await startActivityLogProvider(CREDENTIALS);
    const { PassThrough } = await import('node:stream');
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    const before = process.listenerCount('SIGINT');
    const run = proxy.run(['--target', provider.url], {
      stdout,
      stderr,
      stdin: new PassThrough(),
      env: LOOPBACK,
      cwd: process.cwd(),
    });
    await waitFor(() => out.includes('\n'), 'the proxy to say where it listens');
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    process.emit('SIGINT');
    expect(await run).toBe(0);
    await provider.close();
    expect(out).toMatch(/proxy: 0 checked, 0 passed, 0 failed: no request came through the proxy/);
    expect(err).toBe('proxy: stopped (SIGINT)\n');
    // Its listeners are gone: a later SIGINT is the process's own business again.
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});

describe('a kept-alive connection the target drops', () => {
  it('is retried once on a fresh connection for a GET, so the client never sees the race', async () => {
    const served = new WeakSet<object>();
    let dropped = 0;
    const target = await startTarget((request, response) => {
      // Its second request on a connection finds it closed, as when an idle timeout crossed the request.
      if (served.has(request.socket)) {
        dropped++;
        request.socket.destroy();
        return;
      }
      served.add(request.socket);
      response.writeHead(401).end();
    });
    const running = await startProxyCommand(['--target', target.url], { env: LOOPBACK });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${running.url}/activity-logs/a`)).status);
    const { code } = await running.stop();
    target.close();
    expect(dropped).toBe(2);
    expect(statuses).toEqual([401, 401, 401]);
    expect(code).toBe(0);
  });
});

describe('a client that goes away mid-answer', () => {
  it('makes the proxy drop the request to the target too, with a warning and no verdict', async () => {
    let targetSawClose: () => void = () => {};
    const closedAtTarget = new Promise<void>((resolve) => {
      targetSawClose = resolve;
    });
    const target = await startTarget((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id": ');
      response.on('close', () => targetSawClose());
    });
    const running = await startProxyCommand(['--target', target.url], { env: LOOPBACK });
    await new Promise<void>((resolve) => {
      const request = http.get(`${running.url}/activity-logs/a`, (response) => {
        response.once('data', () => {
          request.destroy();
          resolve();
        });
      });
      request.on('error', () => {});
    });
    await closedAtTarget;
    const { code, stderr } = await running.stop();
    target.close();
    expect(stderr).toContain('#1 GET /activity-logs/a  → no answer');
    expect(stderr).toContain('warning: the client closed the connection before the answer');
    expect(code).toBe(0);
  });
});

describe('forwarding', () => {
  it("goes to the target's base path, with the target's Host and the client's other headers", async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const paths: string[] = [];
    const target = await startTarget((request, response) => {
      seen.push(request.headers);
      paths.push(request.url ?? '');
      response.writeHead(401).end();
    });
    const running = await startProxyCommand(['--target', `${target.url}/v2/`], { env: LOOPBACK });
    await fetch(`${running.url}/activity-logs/a?page=2`, { headers: { 'sequence-version': '2024-07-30' } });
    const { code } = await running.stop();
    target.close();
    expect(paths).toEqual(['/v2/activity-logs/a?page=2']);
    expect(seen[0]).toMatchObject({ host: new URL(target.url).host, 'sequence-version': '2024-07-30' });
    expect(code).toBe(0);
  });
});
