import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { PROVIDER_STATES, verifyProvider } from '../../src/pact';
import {
  epochSecondsAndNoObject,
  type LoopbackProvider,
  PROVIDER_IDS,
  startActivityLogProvider,
} from '../support/activityLogProvider';
import { COMMITTED_PACT } from '../support/brokenPact';
import { startFakeBroker } from '../support/fakeBroker';

const credentials = { clientId: 'real-client-id', clientSecret: 'real-client-secret' };
const activityLogIds = {
  [PROVIDER_STATES.fullActivityLog]: PROVIDER_IDS.full,
  [PROVIDER_STATES.requiredOnlyActivityLog]: PROVIDER_IDS.minimal,
  default: PROVIDER_IDS.full,
};

/** The verifier's report goes nowhere, so that a passing run prints nothing. */
const quiet = () => ({ output: { stdout: new PassThrough().resume(), stderr: new PassThrough().resume() } });

let reference: LoopbackProvider;
let drifted: LoopbackProvider;
beforeAll(async () => {
  reference = await startActivityLogProvider(credentials);
  drifted = await startActivityLogProvider({ ...credentials, drift: epochSecondsAndNoObject });
});
afterAll(async () => {
  await reference.close();
  await drifted.close();
});

describe('verifyProvider (the Pact Verifier on the committed pact)', () => {
  it('passes a provider that honours the contract, with real ids and real credentials swapped in', async () => {
    const result = await verifyProvider({
      ...quiet(),
      providerBaseUrl: reference.url,
      activityLogIds,
      credentials,
    });
    expect(result).toEqual({ passed: true, failures: [] });
    const real = `Basic ${Buffer.from('real-client-id:real-client-secret').toString('base64')}`;
    expect(reference.requests).toEqual(
      expect.arrayContaining([
        { method: 'GET', path: `/activity-logs/${PROVIDER_IDS.full}`, authorization: real },
        { method: 'GET', path: `/activity-logs/${PROVIDER_IDS.minimal}`, authorization: real },
      ]),
    );
    // The refused-credentials interaction keeps the pact's invalid credentials.
    expect(reference.requests.filter((r) => r.authorization !== real)).toHaveLength(1);
  });

  it('fails a drifted provider and names the fields that drifted', async () => {
    const result = await verifyProvider({
      ...quiet(),
      providerBaseUrl: drifted.url,
      activityLogIds,
      credentials,
    });
    expect(result.passed).toBe(false);
    const report = result.failures.map((f) => `${f.interaction}: ${f.mismatches.join('; ')}`).join('\n');
    expect(report).toMatch(/\$\.createdAt/);
    expect(report).toMatch(/activityLogObject/);
    expect(result.failures.map((f) => f.interaction).sort()).toEqual([
      expect.stringMatching(/a request for an activity log with every documented field$/),
      expect.stringMatching(/a request for an activity log with only its required fields$/),
    ]);
  });

  it('passes a provider that differs only in ways the spec allows (the pact pins nothing tighter)', async () => {
    const allowed = await startActivityLogProvider({
      ...credentials,
      drift: (body) => ({
        ...body,
        id: 'not-a-uuid',
        createdAt: '2024-01-01t10:00:00.123456+05:30',
        activityLogItems: (body['activityLogItems'] as Record<string, unknown>[]).map((item) => ({
          ...item,
          metadata: [{ key: 'plan', value: 42 }, 'free text'],
        })),
      }),
    });
    try {
      expect(
        await verifyProvider({
          ...quiet(),
          providerBaseUrl: allowed.url,
          activityLogIds,
          credentials,
        }),
      ).toEqual({
        passed: true,
        failures: [],
      });
    } finally {
      await allowed.close();
    }
  });

  it('fails when the credentials are wrong: the provider answers 401 where the pact expects 200', async () => {
    const result = await verifyProvider({
      ...quiet(),
      providerBaseUrl: reference.url,
      activityLogIds,
      credentials: { clientId: 'real-client-id', clientSecret: 'wrong-secret' },
    });
    expect(result.passed).toBe(false);
    expect(result.failures.flatMap((f) => f.mismatches).join('\n')).toMatch(
      /expected 200 but was 401|200.*401/,
    );
  });

  it('refuses to start without an id for every provider state', async () => {
    await expect(verifyProvider({ providerBaseUrl: reference.url, activityLogIds: {} })).rejects.toThrow(
      `no activity-log id for provider state '${PROVIDER_STATES.fullActivityLog}'`,
    );
  });
});

describe('verifyProvider with publishing (against the loopback broker)', () => {
  const TOKEN = 'verifier-canary-token';
  const publish = { brokerBaseUrl: '', token: TOKEN, providerVersion: 'prov-1', providerBranch: 'main' };

  async function verifyThroughBroker(provider: LoopbackProvider) {
    const broker = await startFakeBroker({
      token: TOKEN,
      pact: JSON.parse(readFileSync(COMMITTED_PACT, 'utf8')),
    });
    try {
      const result = await verifyProvider({
        ...quiet(),
        providerBaseUrl: provider.url,
        activityLogIds,
        credentials,
        publish: { ...publish, brokerBaseUrl: broker.url },
      });
      return { result, requests: [...broker.requests] };
    } finally {
      await broker.close();
    }
  }

  it('fetches the pact from the broker and publishes a success with the provider version and branch', async () => {
    const { result, requests } = await verifyThroughBroker(reference);
    expect(result).toEqual({ passed: true, failures: [] });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        'POST /pacts/provider/sequence-activity-log-api/for-verification',
        'PUT /pacticipants/sequence-activity-log-api/branches/main/versions/prov-1',
      ]),
    );
    const published = requests.find((r) => r.method === 'POST' && r.url.endsWith('/verification-results'));
    expect(published?.body).toMatchObject({ success: true, providerApplicationVersion: 'prov-1' });
    expect(requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('publishes a failure for a drifted provider', async () => {
    const { result, requests } = await verifyThroughBroker(drifted);
    expect(result.passed).toBe(false);
    const published = requests.find((r) => r.method === 'POST' && r.url.endsWith('/verification-results'));
    expect(published?.body).toMatchObject({ success: false, providerApplicationVersion: 'prov-1' });
  });
});
