import childProcess, { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { SecretTooShortError } from '../../src/live';
import { PROVIDER_STATES, type VerifyProviderOptions, verifyProvider } from '../../src/pact';
import {
  type LoopbackProvider,
  PROVIDER_IDS,
  startActivityLogProvider,
} from '../support/activityLogProvider';
import { COMMITTED_PACT } from '../support/brokenPact';
import { type FakeBroker, startFakeBroker } from '../support/fakeBroker';

const ROOT = path.resolve(__dirname, '../..');
const CANARY_ID = 'canary-client-3e7d';
const CANARY_SECRET = 'canary-secret-8c41-do-not-print';
const CANARY_TOKEN = 'canary-token-b05a-do-not-print';
const CANARIES = [
  CANARY_ID,
  CANARY_SECRET,
  CANARY_TOKEN,
  Buffer.from(`${CANARY_ID}:${CANARY_SECRET}`).toString('base64'),
];

let echoing: LoopbackProvider;
let broker: FakeBroker;
beforeAll(async () => {
  // A provider that quotes every secret back in its body, so the verifier's report quotes them too.
  echoing = await startActivityLogProvider({
    clientId: CANARY_ID,
    clientSecret: CANARY_SECRET,
    drift: (log) => ({
      ...log,
      activityLogItems: `echo ${CANARY_ID}:${CANARY_SECRET} Bearer ${CANARY_TOKEN}`,
    }),
  });
  broker = await startFakeBroker({
    token: CANARY_TOKEN,
    pact: JSON.parse(readFileSync(COMMITTED_PACT, 'utf8')),
  });
});
afterAll(async () => {
  await echoing.close();
  await broker.close();
});

const options = (): VerifyProviderOptions => ({
  providerBaseUrl: echoing.url,
  activityLogIds: {
    [PROVIDER_STATES.requiredOnlyActivityLog]: PROVIDER_IDS.minimal,
    default: PROVIDER_IDS.full,
  },
  credentials: { clientId: CANARY_ID, clientSecret: CANARY_SECRET },
  publish: { brokerBaseUrl: broker.url, token: CANARY_TOKEN, providerVersion: 'prov-1' },
});

/** Output that goes nowhere, so that a passing run prints nothing. */
function quiet(): Pick<VerifyProviderOptions, 'output'> {
  return { output: { stdout: new PassThrough().resume(), stderr: new PassThrough().resume() } };
}

function expectNoCanary(text: string): void {
  for (const canary of CANARIES) expect(text).not.toContain(canary);
}

describe("verifyProvider keeps secrets out of the native verifier's report", () => {
  it('used as a library in a process of its own, prints the report with every secret redacted', async () => {
    // The whole output of a process that calls verifyProvider in-process: what its user would see.
    const script = `require(${JSON.stringify(path.join(ROOT, 'src/pact/verifyProvider.ts'))})
      .verifyProvider(JSON.parse(process.env.VERIFY_OPTIONS))
      .then((result) => { process.exitCode = result.passed ? 0 : 1; });`;
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['-r', require.resolve('ts-node/register/transpile-only'), '-e', script],
        { cwd: ROOT, env: { ...process.env, VERIFY_OPTIONS: JSON.stringify(options()) } },
        (_error, stdout, stderr) => resolve({ code: child.exitCode, output: `${stdout}${stderr}` }),
      );
    });
    expect(code).toBe(1);
    expect(output).toContain('has a matching body');
    expect(output).toContain('[REDACTED]');
    expectNoCanary(output);
  });

  it('writes the report to the output it is given, and redacts the failures it returns', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const written: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => written.push(chunk));
    stderr.on('data', (chunk: Buffer) => written.push(chunk));
    const result = await verifyProvider({ ...options(), output: { stdout, stderr } });
    const report = Buffer.concat(written).toString('utf8');
    expect(report).toContain('has a matching body');
    expectNoCanary(report);
    const failures = JSON.stringify(result.failures);
    expect(result.passed).toBe(false);
    expect(failures).toContain('[REDACTED]');
    expectNoCanary(failures);
  });

  it('refuses a broker token too short to redact, naming the option', async () => {
    const short = {
      ...options(),
      publish: { brokerBaseUrl: broker.url, token: 't', providerVersion: 'p' },
    };
    await expect(verifyProvider(short)).rejects.toThrow(SecretTooShortError);
    await expect(verifyProvider(short)).rejects.toThrow(/^publish\.token is shorter than 8 characters/);
  });

  it("runs the verifier's process with Pact's usage reporting off, whatever this process's environment says", async () => {
    const fork = jest.spyOn(childProcess, 'fork');
    const saved = { ...process.env };
    process.env['PACT_DO_NOT_TRACK'] = 'false';
    process.env['SCARF_ANALYTICS'] = 'true';
    let environments: unknown[] = [];
    try {
      await verifyProvider({ ...quiet(), providerBaseUrl: echoing.url, activityLogIds: { default: 'x' } });
      environments = fork.mock.calls.map((call) => call[2]?.env);
    } finally {
      process.env = saved;
      fork.mockRestore();
    }
    expect(environments).toEqual([
      expect.objectContaining({ PACT_DO_NOT_TRACK: 'true', SCARF_ANALYTICS: 'false' }),
    ]);
  });
});
