import { spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import axios from 'axios';
import request from 'supertest';
import '../../../src/jest';
import { failUnawaitedJudgements } from '../../../src/jest/unawaitedJudgements';
import { specExample } from '../../support/specExample';

const example = specExample();
const broken = { ...example, createdAt: '2024-01-01 10:00:00Z' };

/** A provider double on 127.0.0.1: /activity-logs/good answers the spec's example, /activity-logs/bad a drifted body. */
const server = http.createServer((req, res) => {
  const body = req.url?.endsWith('/good') ? example : broken;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('toSatisfyActivityLogSpec', () => {
  it('passes a plain response that satisfies the spec, and supports .not', () => {
    const response = { status: 200, headers: { 'content-type': 'application/json' }, body: example };
    expect(response).toSatisfyActivityLogSpec();
    expect(() => expect(response).not.toSatisfyActivityLogSpec()).toThrow(
      /expected response not to satisfy GET \/activity-logs\/\{id\} → 200 in spec\/activity-stream\.2024-07-30\.yaml, but it does/,
    );
  });

  it('fails a drifted response, naming the operation, each finding with its spec line, and what was received', () => {
    const response = { status: 200, headers: { 'content-type': 'application/json' }, body: broken };
    expect(response).not.toSatisfyActivityLogSpec();
    let message = '';
    try {
      expect(response).toSatisfyActivityLogSpec();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      'expected response to satisfy GET /activity-logs/{id} → 200 in spec/activity-stream.2024-07-30.yaml:',
    );
    expect(message).toContain('/createdAt  must match format "date-time", got "2024-01-01 10:00:00Z"');
    expect(message).toContain(
      'spec: components.schemas.ActivityLogResponse.properties.createdAt.format  (spec/activity-stream.2024-07-30.yaml:',
    );
    expect(message).toContain('Received body: {');
  });

  it('fails an undocumented status and a wrong content type', () => {
    expect({ status: 404, body: {} }).not.toSatisfyActivityLogSpec();
    expect({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html>',
    }).not.toSatisfyActivityLogSpec();
    expect(() => expect({ status: 404, body: {} }).toSatisfyActivityLogSpec()).toThrow(
      /status 404 is not documented/,
    );
  });

  it('reads a fetch Response without consuming the caller’s copy', async () => {
    const response = await fetch(`${base}/activity-logs/good`);
    await expect(response).toSatisfyActivityLogSpec();
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual(example);
    await expect(fetch(`${base}/activity-logs/bad`)).resolves.not.toSatisfyActivityLogSpec();
  });

  it('says what to do with a fetch Response whose body was read already', async () => {
    const response = await fetch(`${base}/activity-logs/good`);
    await response.json();
    expect(() => expect(response).toSatisfyActivityLogSpec()).toThrow(
      /has had its body read already: pass it before/,
    );
  });

  it('fails a Promise of a fetch Response, with .not too, saying to await it', () => {
    const pending = fetch(`${base}/activity-logs/good`);
    const awaitIt =
      /received a Promise, not a response: `await` it first, as in `expect\(await fetch\(url\)\)/;
    expect(() => expect(pending).toSatisfyActivityLogSpec()).toThrow(awaitIt);
    expect(() => expect(pending).not.toSatisfyActivityLogSpec()).toThrow(awaitIt);
  });

  it('fails a test that leaves its fetch Response unawaited, whose verdict then never rejects', async () => {
    const response = await fetch(`${base}/activity-logs/bad`);
    // The mistake: no `await` before expect. The matchers' afterEach does what this line does.
    const verdict = expect(response).toSatisfyActivityLogSpec() as unknown as Promise<void>;
    await expect(failUnawaitedJudgements()).rejects.toThrow(
      'and the test ended without waiting for the verdict: `await` it, as in `await expect(response).toSatisfyActivityLogSpec()`',
    );
    await expect(verdict).resolves.toBeUndefined();
    await expect(failUnawaitedJudgements()).resolves.toBeUndefined();
  });

  it('in a Jest run whose last test leaves a fetch Response unawaited, fails that test and still prints the summary', () => {
    const root = path.resolve(__dirname, '../../..');
    // A config of its own, as JSON: loading jest.config.ts would double the child's start-up.
    const config = {
      rootDir: root,
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/support/fixtures'],
      testMatch: ['**/unawaitedResponse.fixture.ts'],
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
    };
    const jest = spawnSync(
      process.execPath,
      [require.resolve('jest/bin/jest'), '--ci', '--runInBand', '--config', JSON.stringify(config)],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, PACT_DO_NOT_TRACK: 'true', SCARF_ANALYTICS: 'false' },
      },
    );
    expect(jest.stderr).toContain('✕ a fetch Response judged without await');
    expect(jest.stderr).toContain('`await` it, as in `await expect(response).toSatisfyActivityLogSpec()`');
    expect(jest.stderr).toMatch(/\nTests: +1 failed, 1 total\n/);
    expect(jest.status).toBe(1);
  });

  it('reads an axios response', async () => {
    expect(await axios.get(`${base}/activity-logs/good`)).toSatisfyActivityLogSpec();
    expect(await axios.get(`${base}/activity-logs/bad`)).not.toSatisfyActivityLogSpec();
  });

  it('reads a supertest response', async () => {
    expect(await request(server).get('/activity-logs/good')).toSatisfyActivityLogSpec();
    expect(await request(server).get('/activity-logs/bad')).not.toSatisfyActivityLogSpec();
  });

  it('says what it expected when given something that is not a response', () => {
    expect(() => expect('nope').toSatisfyActivityLogSpec()).toThrow(/expected an HTTP response/);
  });
});

describe('toMatchSpecSchema', () => {
  it('checks a value against a component by name, and supports .not', () => {
    expect(example).toMatchSpecSchema('ActivityLogResponse');
    expect({ id: 'a' }).not.toMatchSpecSchema('ActivityLogActorResponse');
    expect(() => expect({ id: 'a' }).toMatchSpecSchema('ActivityLogActorResponse')).toThrow(
      "(response)  must have required property 'entityType'",
    );
  });

  it('fails undocumented properties only when strict', () => {
    const actor = { id: 'a', entityType: 'USER', nickname: 'x' };
    expect(actor).toMatchSpecSchema('ActivityLogActorResponse');
    expect(actor).not.toMatchSpecSchema('ActivityLogActorResponse', { strict: true });
  });
});
