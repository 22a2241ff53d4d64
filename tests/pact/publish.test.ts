import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  BrokerConfigError,
  brokerConfigFromEnv,
  canIDeploy,
  comparablePact,
  DEFAULT_PACT_DIR,
  PACT_CONSUMER,
  PACT_PROVIDER,
  pactFileName,
  publishPacts,
} from '../../src/pact';
import { type FakeBroker, startFakeBroker } from '../support/fakeBroker';

// A canary: if this value shows up in any output, a secret leaked.
const CANARY_TOKEN = 'canary-token-9f3a7c51-do-not-print';
let broker: FakeBroker;
beforeAll(async () => {
  broker = await startFakeBroker({ token: CANARY_TOKEN });
});
afterAll(() => broker.close());

const env = () => ({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: CANARY_TOKEN });

describe('publishPacts (the official Pact CLI against a loopback broker)', () => {
  it('publishes the committed pact with the consumer version and branch, the token only in the header', async () => {
    broker.requests.length = 0;
    const run = await publishPacts({
      broker: brokerConfigFromEnv(env()),
      pacts: [DEFAULT_PACT_DIR],
      consumerVersion: '3f2c1d0',
      branch: 'feature/pact',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Pact published successfully for consumer: ${PACT_CONSUMER}`);

    const publish = broker.requests.find((r) => r.method === 'POST' && r.url === '/contracts/publish');
    expect(publish?.authorization).toBe(`Bearer ${CANARY_TOKEN}`);
    const body = publish?.body as {
      pacticipantName: string;
      pacticipantVersionNumber: string;
      branch: string;
      contracts: { consumerName: string; providerName: string; specification: string; content: string }[];
    };
    expect(body).toMatchObject({
      pacticipantName: PACT_CONSUMER,
      pacticipantVersionNumber: '3f2c1d0',
      branch: 'feature/pact',
    });
    expect(body.contracts).toHaveLength(1);
    expect(body.contracts[0]).toMatchObject({
      consumerName: PACT_CONSUMER,
      providerName: PACT_PROVIDER,
      specification: 'pact',
    });
    const arrived = JSON.parse(
      Buffer.from(body.contracts[0]?.content ?? '', 'base64').toString('utf8'),
    ) as unknown;
    // The CLI stamps its own pact-models version into metadata; the contract itself arrives unchanged.
    const committed = JSON.parse(
      readFileSync(path.join(DEFAULT_PACT_DIR, pactFileName()), 'utf8'),
    ) as unknown;
    expect(comparablePact(arrived)).toEqual(comparablePact(committed));

    expect(`${run.stdout}${run.stderr}${run.command}`).not.toContain(CANARY_TOKEN);
  });

  it('fails with the broker refusing a wrong token, and prints neither token', async () => {
    const run = await publishPacts({
      broker: brokerConfigFromEnv({ ...env(), PACT_BROKER_TOKEN: 'wrong-canary-token-51c7' }),
      pacts: [DEFAULT_PACT_DIR],
      consumerVersion: '3f2c1d0',
      branch: 'main',
    });
    expect(run.code).toBe(1);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/wrong-canary-token-51c7|canary-token-9f3a7c51/);
  });
});

describe('canIDeploy', () => {
  it('exits 0 when the broker says yes and non-zero when it says no, asking about our version', async () => {
    broker.requests.length = 0;
    broker.deployable = true;
    const yes = await canIDeploy({
      broker: brokerConfigFromEnv(env()),
      version: '3f2c1d0',
      toEnvironment: 'production',
    });
    broker.deployable = false;
    const no = await canIDeploy({
      broker: brokerConfigFromEnv(env()),
      version: '3f2c1d0',
      toEnvironment: 'production',
    });
    expect([yes.code, no.code === 0]).toEqual([0, false]);
    const matrix = broker.requests.find((r) => r.url.startsWith('/matrix'));
    expect(decodeURIComponent(matrix?.url ?? '')).toContain(`[pacticipant]=${PACT_CONSUMER}`);
    expect(decodeURIComponent(matrix?.url ?? '')).toContain('[version]=3f2c1d0');
    expect(`${yes.stdout}${yes.stderr}${no.stdout}${no.stderr}`).not.toContain(CANARY_TOKEN);
  });
});

describe('brokerConfigFromEnv', () => {
  it.each([
    [{}, /PACT_BROKER_BASE_URL is not set/],
    [{ PACT_BROKER_BASE_URL: 'broker.example' }, /must be an http\(s\) URL/],
    [
      { PACT_BROKER_BASE_URL: 'http://127.0.0.1:1' },
      /no broker credentials: set PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD/,
    ],
    [
      { PACT_BROKER_BASE_URL: 'http://127.0.0.1:1', PACT_BROKER_USERNAME: 'ci' },
      /PACT_BROKER_PASSWORD is not set/,
    ],
  ])('refuses %j', (environment, message) => {
    expect(() => brokerConfigFromEnv(environment)).toThrow(BrokerConfigError);
    expect(() => brokerConfigFromEnv(environment)).toThrow(message);
  });

  it('takes basic auth when there is no token, and never puts a secret in its messages', () => {
    expect(
      brokerConfigFromEnv({
        PACT_BROKER_BASE_URL: 'http://127.0.0.1:1',
        PACT_BROKER_USERNAME: 'ci',
        PACT_BROKER_PASSWORD: 'basic-password',
      }),
    ).toEqual({ baseUrl: 'http://127.0.0.1:1', username: 'ci', password: 'basic-password' });
    expect(() => brokerConfigFromEnv({ PACT_BROKER_TOKEN: CANARY_TOKEN })).not.toThrow(
      new RegExp(CANARY_TOKEN),
    );
  });
});
