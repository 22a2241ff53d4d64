import path from 'node:path';
import { PROVIDER_IDS } from '../../support/activityLogProvider';
import { type FakeBroker, startFakeBroker } from '../../support/fakeBroker';
import { runCli } from '../../support/runCli';
import { type SandboxDouble, startSandboxDouble } from '../../support/sandboxDouble';

const ROOT = path.resolve(__dirname, '../../..');
// Canaries too short to redact: one like `ing` or `t` would be replaced inside every word that has it.
const SHORT_SECRET = 'Zq9';
const SHORT_TOKEN = 'Vx';
const SHORT_PASSWORD = 'Wk4';

let double: SandboxDouble;
let broker: FakeBroker;
beforeAll(async () => {
  double = await startSandboxDouble({
    credentials: { clientId: 'short-client', clientSecret: SHORT_SECRET },
  });
  broker = await startFakeBroker({ token: SHORT_TOKEN });
});
afterAll(async () => {
  await double.close();
  await broker.close();
});
beforeEach(() => {
  double.reset();
  broker.requests.length = 0;
});

/** Exit 2, one line naming the variable, no canary anywhere. */
function expectRefused(run: { code: number; stdout: string; stderr: string }, variable: string) {
  expect(run.code).toBe(2);
  expect(`${run.stdout}${run.stderr}`).not.toMatch(
    new RegExp([SHORT_SECRET, SHORT_TOKEN, SHORT_PASSWORD].join('|')),
  );
  expect(run.stderr).toMatch(
    new RegExp(`${variable} is shorter than 8 characters, too short to keep out of output safely`),
  );
  expect(run.stdout).toBe('');
}

describe('a credential too short to redact safely', () => {
  it('is refused by live before any request, naming SEQUENCE_CLIENT_SECRET', async () => {
    const run = await runCli(['live', '--server', double.url, '--id', 'log-1', '--retries', '0'], {
      env: {
        ACTIVITY_LOG_CONTRACT_LOOPBACK_ONLY: 'true',
        SEQUENCE_CLIENT_ID: 'short-client',
        SEQUENCE_CLIENT_SECRET: SHORT_SECRET,
      },
    });
    expectRefused(run, 'SEQUENCE_CLIENT_SECRET');
    expect(run.stderr).not.toContain('[REDACTED]');
    expect(double.requests).toEqual([]);
  });

  it('is refused by verify, naming SEQUENCE_CLIENT_SECRET', async () => {
    const run = await runCli(['verify', '--provider-base-url', double.url], {
      env: { SEQUENCE_CLIENT_ID: 'short-client', SEQUENCE_CLIENT_SECRET: SHORT_SECRET, ACTIVITY_LOG_ID: 'x' },
    });
    expectRefused(run, 'SEQUENCE_CLIENT_SECRET');
    expect(double.requests).toEqual([]);
  });

  it('is refused by verify --publish, naming PACT_BROKER_TOKEN', async () => {
    const run = await runCli(['verify', '--provider-base-url', double.url, '--publish'], {
      env: {
        SEQUENCE_CLIENT_ID: 'client-id-long-enough',
        SEQUENCE_CLIENT_SECRET: 'client-secret-long-enough',
        ACTIVITY_LOG_ID: PROVIDER_IDS.full,
        PACT_BROKER_BASE_URL: broker.url,
        PACT_BROKER_TOKEN: SHORT_TOKEN,
        GITHUB_SHA: 'prov-sha',
      },
    });
    expectRefused(run, 'PACT_BROKER_TOKEN');
    expect(broker.requests).toEqual([]);
  });

  it.each([
    [
      ['publish', '--consumer-app-version', 'v1', '--branch', 'main'],
      { PACT_BROKER_TOKEN: SHORT_TOKEN },
      'PACT_BROKER_TOKEN',
    ],
    [
      ['can-i-deploy', '--version', 'v1', '--to-environment', 'production'],
      { PACT_BROKER_USERNAME: 'ci', PACT_BROKER_PASSWORD: SHORT_PASSWORD },
      'PACT_BROKER_PASSWORD',
    ],
  ])('is refused by %j before the Pact CLI runs', async (args, secrets, variable) => {
    const run = await runCli(args, { cwd: ROOT, env: { PACT_BROKER_BASE_URL: broker.url, ...secrets } });
    expectRefused(run, variable);
    expect(broker.requests).toEqual([]);
  });
});
