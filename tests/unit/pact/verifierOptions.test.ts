import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import {
  DEFAULT_PACT_DIR,
  PACT_PROVIDER,
  PROVIDER_STATES,
  pactFileName,
  parseVerifierFailures,
  verifierOptions,
} from '../../../src/pact';

const ids = { default: 'log-1', [PROVIDER_STATES.requiredOnlyActivityLog]: 'log-2' };
const credentials = { clientId: 'id', clientSecret: 'secret' };

type Handler = () => Promise<Record<string, string>>;
type Filter = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

describe('verifierOptions', () => {
  it('verifies the committed pact file when not publishing', () => {
    const options = verifierOptions({ providerBaseUrl: 'http://127.0.0.1:1', activityLogIds: ids });
    expect(options.pactUrls).toEqual([path.join(DEFAULT_PACT_DIR, pactFileName())]);
    expect(options).not.toHaveProperty('publishVerificationResult');
    expect(options).not.toHaveProperty('pactBrokerUrl');
    expect(options.provider).toBe(PACT_PROVIDER);
  });

  it('fetches pacts from the broker and publishes results with version and branch when publishing', () => {
    const options = verifierOptions({
      providerBaseUrl: 'http://127.0.0.1:1',
      activityLogIds: ids,
      publish: {
        brokerBaseUrl: 'http://127.0.0.1:2',
        token: 't',
        providerVersion: 'abc',
        providerBranch: 'main',
      },
    });
    expect(options).toMatchObject({
      pactBrokerUrl: 'http://127.0.0.1:2',
      pactBrokerToken: 't',
      publishVerificationResult: true,
      providerVersion: 'abc',
      providerVersionBranch: 'main',
      consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
    });
    expect(options).not.toHaveProperty('pactUrls');
  });

  it('answers each provider state with its id, and adds credentials except for the refused-credentials state', async () => {
    const options = verifierOptions({
      providerBaseUrl: 'http://127.0.0.1:1',
      activityLogIds: ids,
      credentials,
    });
    const handlers = options.stateHandlers as Record<string, Handler>;
    const filter = options.requestFilter as unknown as Filter;
    const send = () => {
      const request = { headers: { authorization: 'Basic pact-example' } } as unknown as IncomingMessage;
      filter(request, {} as ServerResponse, () => undefined);
      return request.headers['authorization'];
    };
    expect(await handlers[PROVIDER_STATES.fullActivityLog]?.()).toEqual({ activityLogId: 'log-1' });
    expect(send()).toBe(`Basic ${Buffer.from('id:secret').toString('base64')}`);
    expect(await handlers[PROVIDER_STATES.requiredOnlyActivityLog]?.()).toEqual({ activityLogId: 'log-2' });
    await handlers[PROVIDER_STATES.invalidCredentials]?.();
    expect(send()).toBe('Basic pact-example');
  });
});

describe('parseVerifierFailures', () => {
  it('reads the verifier JSON report, and refuses anything else', () => {
    const report = JSON.stringify({
      result: false,
      errors: [
        {
          interaction: 'a request',
          mismatch: {
            type: 'mismatches',
            mismatches: [{ type: 'StatusMismatch', expected: 200, actual: 401 }],
          },
        },
      ],
    });
    expect(parseVerifierFailures(report)).toEqual([
      { interaction: 'a request', mismatches: ['StatusMismatch: expected 200, got 401'] },
    ]);
    expect(parseVerifierFailures('Verification was unable to run')).toBeUndefined();
  });
});
