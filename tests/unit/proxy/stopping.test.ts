import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type ProxyExchange, startProxy } from '../../../src/proxy';
import { loadSpec } from '../../../src/spec';
import { startTarget } from '../../support/loopbackTarget';
import { scratchDir } from '../../support/scratch';
import { waitFor } from '../../support/servingCli';
import { startProxyCommand } from './runningProxy';

const LOOPBACK = { ACTIVITY_LOG_CONTRACT_LOOPBACK_ONLY: 'true' };

describe('a request still in flight when the grace period ends', () => {
  it('is answered 502, logged as such, and counted in the tally (exit 3), before close resolves', async () => {
    let arrived = 0;
    // Takes the request and never answers.
    const target = await startTarget(() => {
      arrived++;
    });
    const exchanges: ProxyExchange[] = [];
    const proxy = await startProxy({
      spec: loadSpec(),
      target: target.url,
      closeGraceMs: 50,
      onExchange: (exchange) => exchanges.push(exchange),
    });
    const answer = fetch(`${proxy.url}/activity-logs/a`).then(async (r) => [r.status, await r.text()]);
    await waitFor(() => arrived === 1, 'the target to receive the request');
    const tally = await proxy.close();
    expect([tally.exchanges, tally.unreachable, tally.outcome]).toEqual([1, 1, 'unreachable']);
    expect(exchanges.map((e) => [e.kind, e.status, e.findings[0]?.message])).toEqual([
      [
        'unreachable',
        502,
        `could not reach ${target.url} (no complete answer within the 50 ms the proxy waits when it stops): GET /activity-logs/a`,
      ],
    ]);
    // What the log says is what the client got.
    expect((await answer)[0]).toBe(502);
    target.close();
  });
});

describe('a recording that cannot be written', () => {
  it('is said once, clearly; the proxy goes on, and the run ends with a summary and exit 2', async () => {
    const target = await startTarget((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end('{"message":"no"}');
    });
    const records = path.join(scratchDir('proxy-unwritable'), 'rec');
    const running = await startProxyCommand(['--target', target.url, '--record', records], { env: LOOPBACK });
    expect((await fetch(`${running.url}/activity-logs/a`)).status).toBe(401);
    await waitFor(() => readdirSync(records).length === 1, 'the first recording');
    rmSync(records, { recursive: true });
    expect((await fetch(`${running.url}/activity-logs/b`)).status).toBe(401);
    expect((await fetch(`${running.url}/activity-logs/c`)).status).toBe(401);
    await waitFor(() => running.stderr().includes('#3'), 'the third request in the log');
    const { code, stdout, stderr } = await running.stop();
    target.close();
    const said = stderr.split('\n').filter((line) => line.startsWith('proxy: cannot write'));
    expect(said).toEqual([
      `proxy: cannot write recordings to ${records} (ENOENT); still forwarding, and the run will exit 2`,
    ]);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toContain('proxy: 3 checked, 3 passed, 0 failed: passed');
    expect(stdout).toContain(`proxy: 2 recordings could not be written to ${records} (ENOENT)`);
    expect(code).toBe(2);
  });
});

describe('query secrets in any encoding', () => {
  it('never reach the log, the summary, the JUnit file, a recording or its file name', async () => {
    const target = await startTarget((request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: `bad ${request.url}` }));
    });
    const dir = scratchDir('proxy-query-secrets');
    const records = path.join(dir, 'rec');
    const junit = path.join(dir, 'junit.xml');
    const running = await startProxyCommand(
      ['--target', target.url, '--record', records, '--junit', junit, '--strict'],
      { env: LOOPBACK },
    );
    const query = '?access_token=abc+def12345&api_key=a%2fbcdefghij&session=S%c3%a9ssion-9999';
    expect((await fetch(`${running.url}/activity-logs/echo${query}`)).status).toBe(401);
    const { stdout, stderr } = await running.stop();
    target.close();
    const files = readdirSync(records);
    const texts = [stdout, stderr, readFileSync(junit, 'utf8'), ...files];
    texts.push(...files.map((file) => readFileSync(path.join(records, file), 'utf8')));
    expect(stderr).toContain('GET /activity-logs/echo?access_token=[REDACTED]&api_key=[REDACTED]');
    for (const text of texts) {
      for (const secret of [
        'abc+def12345',
        'abc def12345',
        'def12345',
        'a%2fbcdefghij',
        'bcdefghij',
        'ssion-9999',
      ])
        expect(text).not.toContain(secret);
    }
  });
});
