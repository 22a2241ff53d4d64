import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import '../../../src/jest';
import { runCli } from '../../support/runCli';

// The engine is generic: the same commands and matchers on a second, unrelated OpenAPI document.
const SPEC = path.resolve(__dirname, '../../support/specs/pets.yaml');
const CONTRACTS = path.resolve(__dirname, '../../support/specs/pets-contracts');

describe('--spec pointing at another document', () => {
  it('runs the whole check on it: spec, examples, recorded and rejected', async () => {
    const run = await runCli(['check', '--spec', SPEC, '--contracts', CONTRACTS]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('examples: 1 checked, 1 passed, 0 failed');
    expect(run.stdout).toContain('recorded: 2 checked, 2 passed, 0 failed');
    expect(run.stdout).toContain('rejected: 3 checked, 3 passed, 0 failed');
    expect(run.code).toBe(0);
  });

  it('validates against its own operations, statuses and media types', async () => {
    const wrongMedia = {
      request: { method: 'GET', path: '/pets/1' },
      response: { status: 404, headers: { 'content-type': 'application/json' }, body: { title: 'x' } },
    };
    const run = await runCli(['validate', '--spec', SPEC, '-', '--findings', 'all'], {
      stdin: [
        { id: 1, name: 'Tom', kind: 'cat', secret: 'x' },
        wrongMedia,
        { id: 1, name: 'Tom', kind: 'cat', tag: 5 },
      ]
        .map((v) => JSON.stringify(v))
        .join('\n'),
    });
    expect(run.code).toBe(1);
    // A writeOnly property is documented (it is never required in a response), so it is no drift.
    expect(run.stdout).not.toContain("property 'secret'");
    expect(run.stdout).toContain(
      "content type 'application/json' is not documented for 404 (documented: application/problem+json)",
    );
    expect(run.stdout).toMatch(
      /\/tag {2}must be string,null, got 5\n {4}spec: components\.schemas\.Pet\.properties\.tag\.type {2}\(.*pets\.yaml:\d+\)/,
    );
  });

  it('drives the matchers too', () => {
    expect({ status: 200, body: { id: 1, name: 'Tom', kind: 'cat' } }).toSatisfyActivityLogSpec({
      spec: SPEC,
    });
    expect({ status: 200, body: { id: 1, name: 'Tom', kind: 'cow' } }).not.toSatisfyActivityLogSpec({
      spec: SPEC,
    });
    expect({ title: 'gone' }).toMatchSpecSchema('Problem', { spec: SPEC });
    // The spec itself forbids extra properties here: a failure even without `strict`.
    expect({ title: 'gone', extra: 1 }).not.toMatchSpecSchema('Problem', { spec: SPEC });
  });
});

describe('live with --spec pointing at another document', () => {
  // A pets provider on 127.0.0.1: /pets/1 conforms, /pets/2 drifts (a kind outside the enum).
  const server = http.createServer((request, response) => {
    const body =
      request.url === '/pets/1' ? { id: 1, name: 'Tom', kind: 'cat' } : { id: 2, name: 'Rex', kind: 'cow' };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const live = (id: string) =>
    runCli(['live', '--spec', SPEC, '--server', url, '--id', id, '--skip-probes', '--retries', '0'], {
      env: {
        ACTIVITY_LOG_CONTRACT_LOOPBACK_ONLY: 'true',
        SEQUENCE_CLIENT_ID: 'id',
        SEQUENCE_CLIENT_SECRET: 'another-secret',
      },
    });

  it('reads the other operation and passes a conforming answer', async () => {
    const run = await live('1');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('fails a drifted answer against the other schema', async () => {
    const run = await live('2');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('/kind  must be one of "dog", "cat"');
  });
});
