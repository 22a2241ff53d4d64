import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

interface JestJson {
  numFailedTests: number;
  testResults: { assertionResults: { title: string; status: string; duration: number | null }[] }[];
}

/** Runs the fixture in a Jest of its own, whose config leaves the test timeout at Jest's default (5 s). */
function runFixture(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // As JSON: loading jest.config.ts would double the child's start-up; `testTimeout` is left out on purpose.
  const config = {
    rootDir: root,
    testEnvironment: 'node',
    roots: ['<rootDir>/tests/support/fixtures'],
    testMatch: ['**/parserHarnessDefaults.fixture.ts'],
    transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
    moduleNameMapper: { '^activity-log-contract$': '<rootDir>/src/index.ts' },
  };
  const args = [
    require.resolve('jest/bin/jest'),
    '--ci',
    '--runInBand',
    '--json',
    '--config',
    JSON.stringify(config),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, PACT_DO_NOT_TRACK: 'true', SCARF_ANALYTICS: 'false' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the parser harness at its default options, under Jest's default 5 s timeout", () => {
  it('reports each wrong parser itself (hangs and shrinking included) and passes the correct ones', async () => {
    const run = await runFixture();
    expect(run.stderr).not.toContain('Exceeded timeout');
    const result = JSON.parse(run.stdout) as JestJson;
    const tests = result.testResults.flatMap((file) => file.assertionResults);
    expect(tests.map((t) => [t.title, t.status])).toEqual(tests.map((t) => [t.title, 'passed']));
    expect(tests).toHaveLength(8);
    expect(run.code).toBe(0);
  }, 120_000);
});
