import { type RequestLogEntry, startMock } from '../../../src/mock';
import { loadSpec } from '../../../src/spec';

describe("the mock's request log", () => {
  it('redacts query values named like a secret, as the proxy does, in any encoding', async () => {
    const lines: RequestLogEntry[] = [];
    const mock = await startMock({ spec: loadSpec(), port: 0, log: (entry) => lines.push(entry) });
    try {
      await (await fetch(`${mock.url}/activity-logs/a?access_token=TOKEN-CANARY-9999`)).text();
      await (await fetch(`${mock.url}/activity-logs/a?client_secret=TOKEN+CANARY%2f9999`)).text();
    } finally {
      await mock.close();
    }
    expect(lines.map((line) => line.path)).toEqual([
      '/activity-logs/a?access_token=[REDACTED]',
      '/activity-logs/a?client_secret=[REDACTED]',
    ]);
  });
});
