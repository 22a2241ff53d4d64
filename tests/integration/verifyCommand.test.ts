import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_PACT_DIR, PROVIDER_STATES, pactFileName } from '../../src/pact';
import {
  epochSecondsAndNoObject,
  type LoopbackProvider,
  PROVIDER_IDS,
  startActivityLogProvider,
} from '../support/activityLogProvider';
import { startFakeBroker } from '../support/fakeBroker';
import { runCli } from '../support/runCli';

const CANARY_SECRET = 'canary-secret-5be1d7-do-not-print';
const env = {
  SEQUENCE_CLIENT_ID: 'cli-client',
  SEQUENCE_CLIENT_SECRET: CANARY_SECRET,
  ACTIVITY_LOG_ID: PROVIDER_IDS.full,
};
const dir = mkdtempSync(path.join(tmpdir(), 'verify-cli-'));
const statesFile = path.join(dir, 'states.json');
writeFileSync(
  statesFile,
  JSON.stringify({ [PROVIDER_STATES.requiredOnlyActivityLog]: PROVIDER_IDS.minimal }),
);

let reference: LoopbackProvider;
let drifted: LoopbackProvider;
beforeAll(async () => {
  reference = await startActivityLogProvider({ clientId: 'cli-client', clientSecret: CANARY_SECRET });
  drifted = await startActivityLogProvider({
    clientId: 'cli-client',
    clientSecret: CANARY_SECRET,
    drift: epochSecondsAndNoObject,
  });
});
afterAll(async () => {
  await reference.close();
  await drifted.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('activity-log-contract verify', () => {
  it('exits 0 for a provider that honours the pact', async () => {
    const run = await runCli(
      ['verify', '--provider-base-url', reference.url, '--provider-states', statesFile],
      { env },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      new RegExp(`✔ ${reference.url} honours the pact \\(1 pact file\\(s\\)\\)\\n$`),
    );
    expect(run.code).toBe(0);
  });

  it('keeps credentials a provider echoes back out of every line, the native verifier report included', async () => {
    const echoing = await startActivityLogProvider({
      clientId: 'cli-client',
      clientSecret: CANARY_SECRET,
      drift: (log) => ({ ...log, activityLogItems: `echo ${CANARY_SECRET} cli-client:${CANARY_SECRET}` }),
    });
    try {
      const run = await runCli(
        ['verify', '--provider-base-url', echoing.url, '--provider-states', statesFile],
        { env },
      );
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('BodyMismatch at $.activityLogItems');
      expect(run.stdout).toContain('[REDACTED]');
      expect(`${run.stdout}${run.stderr}`).not.toContain(CANARY_SECRET.slice(0, 12));
    } finally {
      await echoing.close();
    }
  });

  it('exits 1 for a drifted provider, naming the interactions and fields', async () => {
    const run = await runCli(
      ['verify', '--provider-base-url', drifted.url, '--provider-states', statesFile],
      { env },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✖ .*a request for an activity log with every documented field\n/);
    expect(run.stdout).toContain('BodyMismatch at $.createdAt');
    expect(run.stdout).toContain('missing the following keys: activityLogObject');
    expect(run.stdout).toMatch(/broke the pact in 2 interaction\(s\)\n$/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(CANARY_SECRET);
  });

  it('with --publish, verifies the pacts of the broker and publishes the result there, token unprinted', async () => {
    const token = 'broker-canary-token-31d9';
    const pact = JSON.parse(readFileSync(path.join(DEFAULT_PACT_DIR, pactFileName()), 'utf8')) as unknown;
    const broker = await startFakeBroker({ token, pact });
    try {
      const run = await runCli(
        ['verify', '--provider-base-url', reference.url, '--provider-states', statesFile, '--publish'],
        {
          env: {
            ...env,
            PACT_BROKER_BASE_URL: broker.url,
            PACT_BROKER_TOKEN: token,
            GITHUB_SHA: 'prov-sha',
            GITHUB_REF_NAME: 'main',
          },
        },
      );
      expect(run.code).toBe(0);
      const published = broker.requests.find((r) => r.url.endsWith('/verification-results'));
      expect(published?.body).toMatchObject({ success: true, providerApplicationVersion: 'prov-sha' });
      expect(`${run.stdout}${run.stderr}`).not.toContain(token);
    } finally {
      await broker.close();
    }
  });

  it('with --publish, exits 3 when the broker cannot be reached, and does not call it a broken pact', async () => {
    const broker = `http://127.0.0.1:${await closedPort()}`;
    const run = await runCli(
      ['verify', '--provider-base-url', reference.url, '--provider-states', statesFile, '--publish'],
      {
        env: {
          ...env,
          PACT_BROKER_BASE_URL: broker,
          PACT_BROKER_TOKEN: 'broker-canary-token-77e2',
          GITHUB_SHA: 'prov-sha',
        },
      },
    );
    expect(run.stdout).toBe(
      `✖ the broker at ${broker} could not be reached: cannot connect to 127.0.0.1:${broker.split(':')[2]} (ECONNREFUSED); nothing was verified or published\n`,
    );
    expect(run.stdout).not.toContain('broke the pact');
    expect(run.code).toBe(3);
  });

  it('exits 3 when the provider cannot be reached', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await runCli(['verify', '--provider-base-url', url, '--timeout', '2000'], { env });
    expect(run.stdout).toContain(`✖ ${url} could not be reached`);
    expect(run.code).toBe(3);
  });

  it('exits 2 with one line when the provider refuses the credentials, as live does', async () => {
    const run = await runCli(
      ['verify', '--provider-base-url', reference.url, '--provider-states', statesFile],
      { env: { ...env, SEQUENCE_CLIENT_SECRET: 'stale-secret-of-another-client' } },
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(
      new RegExp(
        `(?:^|\\n)✖ ${reference.url} refused SEQUENCE_CLIENT_ID/SEQUENCE_CLIENT_SECRET with 401: check the credentials\\n$`,
      ),
    );
    expect(run.stdout).not.toContain('broke the pact');
  });

  it("tries a provider on this machine with the pact's example credentials, and asks for real ones when refused", async () => {
    const run = await runCli(
      ['verify', '--provider-base-url', reference.url, '--provider-states', statesFile],
      {
        env: { ACTIVITY_LOG_ID: PROVIDER_IDS.full },
      },
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(
      new RegExp(
        `(?:^|\\n)✖ ${reference.url} refused the pact's example credentials with 401: set SEQUENCE_CLIENT_ID and SEQUENCE_CLIENT_SECRET\\n$`,
      ),
    );
  });

  it('refuses to verify a provider off this machine without credentials, as live does', async () => {
    // A documentation address (RFC 5737): nothing answers there, and nothing must be tried.
    const run = await runCli(['verify', '--provider-base-url', 'http://192.0.2.1:9', '--timeout', '500'], {
      env: { ACTIVITY_LOG_ID: PROVIDER_IDS.full },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('set SEQUENCE_CLIENT_ID and SEQUENCE_CLIENT_SECRET');
    expect(run.stdout).toBe('');
  });

  it.each([
    [[], {}, /verify needs --provider-base-url <url>/],
    [['--provider-base-url', 'sandbox.sequencehq.com'], {}, /--provider-base-url must be an http\(s\) URL/],
    [
      ['--provider-base-url', 'http://127.0.0.1:1'],
      {},
      /no activity-log id for provider state '.+': set ACTIVITY_LOG_ID/,
    ],
    [
      ['--provider-base-url', 'http://127.0.0.1:1', '--provider-states', 'nope.json'],
      env,
      /--provider-states nope.json: ENOENT/,
    ],
    [
      ['--provider-base-url', 'http://127.0.0.1:1', '--timeout', 'soon'],
      env,
      /--timeout must be a positive whole number/,
    ],
    [
      ['--provider-base-url', 'http://127.0.0.1:1', '--publish'],
      env,
      /--publish: PACT_BROKER_BASE_URL is not set/,
    ],
    [
      ['--provider-base-url', 'http://127.0.0.1:1'],
      { ACTIVITY_LOG_ID: 'x', SEQUENCE_CLIENT_ID: 'a' },
      /set both SEQUENCE_CLIENT_ID and SEQUENCE_CLIENT_SECRET/,
    ],
    // live's production guard, on the same terms: a trailing dot or plain http is still production.
    [['--provider-base-url', 'http://EU.sequencehq.com.'], env, /refusing to run against PRODUCTION/],
    [
      ['--provider-base-url', 'https://sandbox.sequencehq.com'],
      { ...env, ACTIVITY_LOG_CONTRACT_LOOPBACK_ONLY: 'true' },
      /ACTIVITY_LOG_CONTRACT_LOOPBACK_ONLY=true allows loopback hosts only/,
    ],
  ])('exits 2 on %j with a clear message', async (args, environment, message) => {
    const run = await runCli(['verify', ...args], { env: environment });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toContain(CANARY_SECRET);
  });

  it('refuses a provider-states file naming a state the pact does not have', async () => {
    const bad = path.join(dir, 'bad-states.json');
    writeFileSync(bad, JSON.stringify({ 'a log exists': 'x' }));
    const run = await runCli(['verify', '--provider-base-url', reference.url, '--provider-states', bad], {
      env,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `unknown provider state 'a log exists' (known: '${PROVIDER_STATES.fullActivityLog}'`,
    );
  });
});
