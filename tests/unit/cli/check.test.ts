import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SPEC_FILE } from '../../../src/spec';
import { runCli } from '../../support/runCli';
import { scratchDir } from '../../support/scratch';

const ROOT = path.resolve(__dirname, '../../..');

/** A scratch copy of the bundled contracts, to break on purpose. */
function contractsCopy(): string {
  const dir = scratchDir('check');
  cpSync(path.join(ROOT, 'contracts'), path.join(dir, 'contracts'), { recursive: true });
  return dir;
}

describe('activity-log-contract check', () => {
  it('passes on the bundled spec and contracts, section by section', async () => {
    const run = await runCli(['check'], { cwd: ROOT });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^spec: 1 checked, 1 passed, 0 failed\nexamples: \d+ checked, \d+ passed, 0 failed\n/,
    );
    expect(run.stdout).toMatch(/\nrecorded: \d+ checked, \d+ passed, 0 failed, 1 with warnings\n/);
    expect(run.stdout).toMatch(/\nrejected: (\d+) checked, \1 passed, 0 failed\n/);
    expect(run.stdout).toMatch(/\ncheck: \d+ checked, \d+ passed, 0 failed, 1 with warnings\n$/);
  });

  it('fails with exit 1 when a recorded response drifts from the spec', async () => {
    const cwd = contractsCopy();
    const file = path.join(cwd, 'contracts/recorded/minimal.json');
    const recording = JSON.parse(readFileSync(file, 'utf8'));
    delete recording.response.body.activityLogItems[0].activityLogActor.entityType;
    writeFileSync(file, JSON.stringify(recording));
    const run = await runCli(['check'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      [
        `  ✖ ${path.join('contracts', 'recorded', 'minimal.json')}  GET /activity-logs/{id} → 200`,
        "    /activityLogItems/0/activityLogActor  must have required property 'entityType'",
        '      spec: components.schemas.ActivityLogActorResponse.required  (spec/activity-stream.2024-07-30.yaml:277)',
      ].join('\n'),
    );
  });

  it('fails when a rejected case is no longer rejected the way it expects', async () => {
    const cwd = contractsCopy();
    const file = path.join(cwd, 'contracts/rejected/id-as-number.json');
    const rejected = JSON.parse(readFileSync(file, 'utf8'));
    rejected.recording.response.body.id = 'now-a-string';
    writeFileSync(file, JSON.stringify(rejected));
    const run = await runCli(['check'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('expected response_schema_conformance at /id (type) did not occur');
  });

  it('fails when a rejected case produces findings it does not expect', async () => {
    const cwd = contractsCopy();
    const file = path.join(cwd, 'contracts/rejected/id-as-number.json');
    const rejected = JSON.parse(readFileSync(file, 'utf8'));
    rejected.recording.response.body.origin = 7;
    writeFileSync(file, JSON.stringify(rejected));
    const run = await runCli(['check'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('unexpected findings:');
    expect(run.stdout).toContain('/origin  must be string, got 7');
  });

  it('fails an example in the spec that contradicts its schema', async () => {
    const cwd = contractsCopy();
    const spec = path.join(cwd, 'drifted.yaml');
    writeFileSync(
      spec,
      readFileSync(DEFAULT_SPEC_FILE, 'utf8').replace(
        "example: '2024-01-01T10:00:00Z'",
        "example: '2024-01-01 10:00'",
      ),
    );
    const run = await runCli(['check', '--spec', spec], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /✖ .*drifted\.yaml:\d+ {2}example components\.schemas\.ActivityLogResponse\.properties\.createdAt\.example/,
    );
  });

  it('stops with exit 2 and the file and line on a broken spec', async () => {
    const cwd = contractsCopy();
    const spec = path.join(cwd, 'broken.yaml');
    writeFileSync(
      spec,
      readFileSync(DEFAULT_SPEC_FILE, 'utf8').replace(
        "'#/components/schemas/ActivityLogItemResponse'",
        "'#/components/schemas/Nope'",
      ),
    );
    const run = await runCli(['check', '--spec', 'broken.yaml'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^activity-log-contract check: broken spec: .*broken\.yaml:\d+: dangling \$ref '#\/components\/schemas\/Nope'/,
    );
    expect(run.stderr).not.toContain('    at ');
  });

  it('reports a broken spec in every format: JSON on stdout, a JUnit file with an errored testcase', async () => {
    const cwd = contractsCopy();
    writeFileSync(
      path.join(cwd, 'broken.yaml'),
      readFileSync(DEFAULT_SPEC_FILE, 'utf8').replace(
        "'#/components/schemas/ActivityLogItemResponse'",
        "'#/components/schemas/Nope'",
      ),
    );
    const run = await runCli(
      ['check', '--spec', 'broken.yaml', '--format', 'json', '--junit', 'reports/check.xml'],
      { cwd },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^activity-log-contract check: broken spec: .*broken\.yaml:\d+: dangling \$ref/,
    );
    const report = JSON.parse(run.stdout);
    expect(report.summary).toMatchObject({ checked: 1, unreadable: 1 });
    expect(report.sections).toEqual([
      {
        name: 'spec',
        entries: [
          expect.objectContaining({
            outcome: 'unreadable',
            message: expect.stringMatching(
              /^broken spec: .*broken\.yaml:\d+: dangling \$ref '#\/components\/schemas\/Nope'/,
            ),
          }),
        ],
      },
    ]);
    const xml = readFileSync(path.join(cwd, 'reports/check.xml'), 'utf8');
    expect(xml).toMatch(/<testsuites name="activity-log-contract check" tests="1" failures="0" errors="1">/);
    expect(xml).toMatch(/<error message="broken spec: .*dangling \$ref '#\/components\/schemas\/Nope'/);
  });

  it('reports an unreadable contract with exit 2', async () => {
    const cwd = contractsCopy();
    writeFileSync(path.join(cwd, 'contracts/recorded/truncated.json'), '{"id": "a", "activityLogItems": [');
    const run = await runCli(['check'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('unreadable: invalid JSON');
  });

  it('prints a JSON report and writes JUnit XML', async () => {
    const cwd = contractsCopy();
    const run = await runCli(['check', '--format', 'json', '--junit', 'out/check.xml'], { cwd });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.sections.map((s: { name: string }) => s.name)).toEqual([
      'spec',
      'examples',
      'recorded',
      'rejected',
      'pacts',
    ]);
    expect(readFileSync(path.join(cwd, 'out/check.xml'), 'utf8')).toMatch(
      /<testsuites name="activity-log-contract check" tests="\d+" failures="0" errors="0">/,
    );
  });

  it('refuses --contracts and --pacts folders with nothing to check, rather than passing', async () => {
    const empty = scratchDir('empty');
    const contracts = await runCli(['check', '--contracts', empty]);
    expect(contracts.code).toBe(2);
    expect(contracts.stderr).toContain(`--contracts ${empty} holds neither recorded/ nor rejected/`);
    const pacts = await runCli(['check', '--pacts', empty]);
    expect(pacts.code).toBe(2);
    expect(pacts.stderr).toContain(`--pacts ${empty} holds no pact (.json) file`);
  });

  it('refuses a missing --contracts folder and stray arguments', async () => {
    expect((await runCli(['check', '--contracts', '/nonexistent/x'])).stderr).toContain(
      '--contracts /nonexistent/x: no such directory',
    );
    expect((await runCli(['check', 'extra'])).code).toBe(2);
  });
});

describe('activity-log-contract', () => {
  it('lists its commands and exit codes in --help', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  check ');
    expect(run.stdout).toContain('  validate ');
    expect(run.stdout).toContain('  3  the provider could not be reached');
  });

  it('rejects an unknown command with exit 2', async () => {
    const run = await runCli(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'frobnicate'");
  });

  it('turns Pact telemetry off unless the user chose otherwise', async () => {
    const env: NodeJS.ProcessEnv = {};
    const { main } = await import('../../../src/cli/main');
    const { PassThrough, Readable } = await import('node:stream');
    await main(['--version'], {
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      stdin: Readable.from([]),
      env,
      cwd: ROOT,
    });
    expect(env).toEqual({ PACT_DO_NOT_TRACK: 'true', SCARF_ANALYTICS: 'false' });
  });
});
