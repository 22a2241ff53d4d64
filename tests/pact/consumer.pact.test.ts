import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PactV4 } from '@pact-foundation/pact';
import { createActivityLogClient, UnauthorizedError } from '../../src/client';
import {
  type ActivityLogInteraction,
  activityLogInteractions,
  DEFAULT_PACT_DIR,
  PACT_CONSUMER,
  PACT_EXAMPLE_CREDENTIALS,
  PACT_INVALID_CREDENTIALS,
  PACT_PROVIDER,
  PROVIDER_STATES,
  pactFileName,
  registerInteraction,
  stalePactReason,
} from '../../src/pact';
import { loadSpec } from '../../src/spec';

// Written to a fresh directory every run, so nothing merges in from a previous run; compared at the end.
const outDir = mkdtempSync(path.join(tmpdir(), 'consumer-pact-'));
const written = path.join(outDir, pactFileName());
const committed = path.join(DEFAULT_PACT_DIR, pactFileName());
const REGENERATE = 'npm run pact:update';

const interactions = activityLogInteractions(loadSpec());
const pact = new PactV4({ consumer: PACT_CONSUMER, provider: PACT_PROVIDER, dir: outDir, logLevel: 'error' });

function interaction(state: string): ActivityLogInteraction {
  const found = interactions.find((i) => i.providerState === state);
  if (!found) throw new Error(`no interaction for provider state '${state}'`);
  return found;
}

function register(definition: ActivityLogInteraction) {
  return registerInteraction(pact, definition);
}

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe(`${PACT_CONSUMER} → ${PACT_PROVIDER}`, () => {
  const id = interaction(PROVIDER_STATES.fullActivityLog).stateParams.activityLogId;

  it('reads an activity log that carries every documented field', async () => {
    await register(interaction(PROVIDER_STATES.fullActivityLog)).executeTest(async (server) => {
      const client = createActivityLogClient({ baseUrl: server.url, ...PACT_EXAMPLE_CREDENTIALS });
      const log = await client.getActivityLog(id);
      expect(log.id).toBe(id);
      expect(log.apiVersion).toEqual(expect.any(String));
      expect(log.activityLogItems[0]?.activityLogTarget?.entityType).toEqual(expect.any(String));
    });
  });

  it('copes with an activity log that carries only its required fields', async () => {
    await register(interaction(PROVIDER_STATES.requiredOnlyActivityLog)).executeTest(async (server) => {
      const client = createActivityLogClient({ baseUrl: server.url, ...PACT_EXAMPLE_CREDENTIALS });
      const log = await client.getActivityLog(id);
      expect(log.apiVersion).toBeUndefined();
      expect(log.traceId).toBeUndefined();
      expect(log.activityLogItems[0]?.activityLogTarget).toBeUndefined();
      expect(log.activityLogItems[0]?.activityLogActor.email).toBeUndefined();
    });
  });

  it('turns a 401 for refused credentials into an UnauthorizedError', async () => {
    await register(interaction(PROVIDER_STATES.invalidCredentials)).executeTest(async (server) => {
      const client = createActivityLogClient({ baseUrl: server.url, ...PACT_INVALID_CREDENTIALS });
      await expect(client.getActivityLog(id)).rejects.toBeInstanceOf(UnauthorizedError);
    });
  });

  it(`matches the committed pacts/${pactFileName()} (else regenerate it)`, () => {
    if (process.env['UPDATE_PACTS'] === 'true') copyFileSync(written, committed);
    const stale = stalePactReason(committed, written, REGENERATE);
    if (stale) throw new Error(stale);
    const fresh = JSON.parse(readFileSync(written, 'utf8')) as { interactions: unknown[] };
    expect(fresh.interactions).toHaveLength(interactions.length);
  });
});
