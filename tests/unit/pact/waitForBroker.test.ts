import { createServer, type Server } from 'node:net';
import { canIDeploy, publishPacts } from '../../../src/pact';
import { type BrokerRetry, waitForBroker } from '../../../src/pact/waitForBroker';
import { closedPort } from '../../support/closedPort';

/** What happened, in order: each retry told, each wait taken. Nothing really waits. */
function recorder() {
  const events: string[] = [];
  const retries: BrokerRetry[] = [];
  return {
    events,
    retries,
    onBrokerRetry: (retry: BrokerRetry) => {
      retries.push(retry);
      events.push(`retry ${retry.retry}/${retry.retries}`);
    },
    sleep: async (ms: number) => {
      events.push(`wait ${ms}`);
    },
  };
}

const env = { PATH: process.env['PATH'], PACT_DO_NOT_TRACK: 'true', SCARF_ANALYTICS: 'false' };

describe('a broker that accepts no connection', () => {
  it('is retried by publishPacts 7 times, 0.5 s doubling, each retry told before its wait, then reported', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    const seen = recorder();
    const run = await publishPacts({
      broker: { baseUrl, token: 'a-broker-token' },
      pacts: ['pacts'],
      consumerVersion: 'v1',
      branch: 'main',
      env,
      onBrokerRetry: seen.onBrokerRetry,
      sleep: seen.sleep,
    });
    expect(run.brokerUnreachable).toBe('ECONNREFUSED');
    expect(run.code).not.toBe(0);
    expect(seen.events).toEqual([
      'retry 1/7',
      'wait 500',
      'retry 2/7',
      'wait 1000',
      'retry 3/7',
      'wait 2000',
      'retry 4/7',
      'wait 4000',
      'retry 5/7',
      'wait 8000',
      'retry 6/7',
      'wait 16000',
      'retry 7/7',
      'wait 32000',
    ]);
    // Up front, the most it can take: every delay, and a 5 s connection timeout per retry.
    expect(seen.retries[0]).toMatchObject({ baseUrl, reason: 'ECONNREFUSED', maxWaitMs: 63_500 + 7 * 5_000 });
  });

  it('is retried by canIDeploy as often and as far apart as --retry-while-unknown and --retry-interval say', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    const seen = recorder();
    const run = await canIDeploy({
      broker: { baseUrl, token: 'a-broker-token' },
      version: 'v1',
      toEnvironment: 'production',
      retryWhileUnknown: 6,
      retryInterval: 10,
      env,
      onBrokerRetry: seen.onBrokerRetry,
      sleep: seen.sleep,
    });
    expect(run.brokerUnreachable).toBe('ECONNREFUSED');
    expect(seen.retries.map((r) => [r.retry, r.retries, r.delayMs])).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => [n, 6, 10_000]),
    );
    expect(seen.retries[0]?.maxWaitMs).toBe(60_000 + 6 * 5_000);
    expect(seen.retries[5]?.maxWaitMs).toBe(10_000 + 5_000);
  });

  it('is not waited for once it listens', async () => {
    const port = await closedPort();
    let server: Server | undefined;
    const seen = recorder();
    const reason = await waitForBroker(`http://127.0.0.1:${port}`, {
      delaysMs: [500, 1000, 2000],
      onRetry: seen.onBrokerRetry,
      sleep: async (ms) => {
        seen.events.push(`wait ${ms}`);
        const listening = createServer((socket) => socket.destroy());
        await new Promise<void>((resolve) => listening.listen(port, '127.0.0.1', resolve));
        server = listening;
      },
    });
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    expect(reason).toBeUndefined();
    expect(seen.events).toEqual(['retry 1/3', 'wait 500']);
  });
});
