import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PACT_CONSUMER } from '../../../src/pact';
import { closedPort } from '../../support/closedPort';
import { type FakeBroker, startFakeBroker } from '../../support/fakeBroker';
import { runCli } from '../../support/runCli';

const ROOT = path.resolve(__dirname, '../../..');
const CANARY_TOKEN = 'canary-token-c0ffee-do-not-print';
let broker: FakeBroker;
beforeAll(async () => {
  broker = await startFakeBroker({ token: CANARY_TOKEN });
});
afterAll(() => broker.close());

const brokerEnv = () => ({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: CANARY_TOKEN });

describe('activity-log-contract publish', () => {
  it('publishes ./pacts as the git commit and branch by default, never printing the token', async () => {
    broker.requests.length = 0;
    const run = await runCli(['publish'], { cwd: ROOT, env: brokerEnv() });
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT }).toString().trim();
    const branch = execFileSync('git', ['rev-parse', '--abbrev-ref', 'HEAD'], { cwd: ROOT })
      .toString()
      .trim();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`✔ published as ${sha} on branch ${branch} to ${broker.url}`);
    const body = broker.requests.find((r) => r.url === '/contracts/publish')?.body;
    expect(body).toMatchObject({ pacticipantName: PACT_CONSUMER, pacticipantVersionNumber: sha, branch });
    expect(`${run.stdout}${run.stderr}`).not.toContain(CANARY_TOKEN);
  });

  it('takes the version and branch from CI variables', async () => {
    broker.requests.length = 0;
    const env = { ...brokerEnv(), GITHUB_SHA: 'ci-sha-1', GITHUB_REF_NAME: 'release/1.2' };
    const run = await runCli(['publish'], { cwd: ROOT, env });
    expect(run.code).toBe(0);
    expect(broker.requests.find((r) => r.url === '/contracts/publish')?.body).toMatchObject({
      pacticipantVersionNumber: 'ci-sha-1',
      branch: 'release/1.2',
    });
  });

  it('exits 3 when the broker refuses the token, and prints neither token', async () => {
    const env = { ...brokerEnv(), PACT_BROKER_TOKEN: 'wrong-canary-77aa' };
    const run = await runCli(['publish', '--consumer-app-version', 'v1', '--branch', 'main'], {
      cwd: ROOT,
      env,
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('✖ publishing failed: `pact broker publish');
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/wrong-canary-77aa|canary-token-c0ffee/);
  });

  it.each([
    [{}, /publish needs a broker: PACT_BROKER_BASE_URL is not set/],
    [{ PACT_BROKER_BASE_URL: 'http://127.0.0.1:1' }, /no broker credentials: set PACT_BROKER_TOKEN/],
  ])('exits 2 without broker settings (%j)', async (env, message) => {
    const run = await runCli(['publish'], { cwd: ROOT, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('shows each retry for an unreachable broker as it starts, and the most it waits, then exits 3', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const env = { PACT_BROKER_BASE_URL: url, PACT_BROKER_TOKEN: CANARY_TOKEN };
    const args = ['publish', '--consumer-app-version', 'v1', '--branch', 'main', '--retries', '1'];
    const run = await runCli(args, { cwd: ROOT, env });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        `broker at ${url} unreachable (ECONNREFUSED): retrying 1 time, waiting at most 5.5 s in all`,
        `broker at ${url} unreachable, retry 1/1 in 0.5 s`,
        `✖ the broker at ${url} could not be reached (ECONNREFUSED): nothing was published`,
        '',
      ].join('\n'),
    );
  });

  it('exits 2 on a pact folder that does not exist', async () => {
    const run = await runCli(['publish', 'no-such-pacts'], { cwd: ROOT, env: brokerEnv() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no-such-pacts: no such file or directory/);
  });
});

describe('activity-log-contract can-i-deploy', () => {
  it('exits 0 when the broker says yes and 1 when it says no', async () => {
    const args = ['can-i-deploy', '--version', 'v1', '--to-environment', 'production'];
    broker.deployable = true;
    const yes = await runCli(args, { cwd: ROOT, env: brokerEnv() });
    broker.deployable = false;
    const no = await runCli(args, { cwd: ROOT, env: brokerEnv() });
    expect([yes.code, no.code]).toEqual([0, 1]);
    expect(`${yes.stdout}${no.stdout}${yes.stderr}${no.stderr}`).not.toContain(CANARY_TOKEN);
  });

  it('exits 2 without a target, and without broker settings', async () => {
    const noTarget = await runCli(['can-i-deploy', '--version', 'v1'], { cwd: ROOT, env: brokerEnv() });
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toMatch(/needs --to-environment <env> or --branch <branch>/);
    const noBroker = await runCli(['can-i-deploy', '--version', 'v1', '--to-environment', 'production'], {
      cwd: ROOT,
    });
    expect(noBroker.code).toBe(2);
    expect(noBroker.stderr).toMatch(/can-i-deploy needs a broker: PACT_BROKER_BASE_URL is not set/);
  });

  it('exits 3 when the broker cannot be reached', async () => {
    const env = { PACT_BROKER_BASE_URL: 'http://127.0.0.1:9', PACT_BROKER_TOKEN: CANARY_TOKEN };
    const run = await runCli(
      ['can-i-deploy', '--version', 'v1', '--to-environment', 'production', '--retries', '0'],
      {
        cwd: ROOT,
        env,
      },
    );
    expect(run.code).toBe(3);
    expect(`${run.stdout}${run.stderr}`).not.toContain(CANARY_TOKEN);
  });

  it('retries an unreachable broker as --retry-while-unknown and --retry-interval say, each retry shown', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const env = { PACT_BROKER_BASE_URL: url, PACT_BROKER_TOKEN: CANARY_TOKEN };
    const run = await runCli(
      [
        'can-i-deploy',
        '--version',
        'v1',
        '--to-environment',
        'production',
        '--retry-while-unknown',
        '2',
        '--retry-interval',
        '0',
      ],
      { cwd: ROOT, env },
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      `broker at ${url} unreachable (ECONNREFUSED): retrying 2 times, waiting at most 10 s in all\n`,
    );
    expect(run.stderr).toContain(`broker at ${url} unreachable, retry 1/2 in 0 s\n`);
    expect(run.stderr).toContain(`broker at ${url} unreachable, retry 2/2 in 0 s\n`);
    expect(run.stderr).toMatch(/✖ the broker at .+ could not be reached \(ECONNREFUSED\): no verdict\n$/);
  });
});
