import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InvalidSample } from '../../../src/generation';
import { loadSpec } from '../../../src/spec';
import { createValidator, type HttpResponse } from '../../../src/validation';
import { mislabelled } from '../../support/generatedValues';
import { runCli } from '../../support/runCli';

const validator = createValidator(loadSpec());
const response = (body: unknown): HttpResponse => ({
  method: 'GET',
  path: '/activity-logs/x',
  status: 200,
  body,
});
const check = (body: unknown) => validator.validateResponse(response(body)).findings;
const linesOf = (stdout: string) => stdout.split('\n').slice(0, -1);

describe('activity-log-contract generate', () => {
  it('writes N valid activity logs as NDJSON, each passing the validator', async () => {
    const run = await runCli(['generate', '--valid', '50', '--seed', '7']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith('\n')).toBe(true);
    const lines = linesOf(run.stdout);
    expect(lines).toHaveLength(50);
    for (const line of lines) {
      const errors = check(JSON.parse(line)).filter((f) => f.severity === 'error');
      expect([line.slice(0, 80), errors]).toEqual([line.slice(0, 80), []]);
    }
  });

  it('writes N invalid ones, each carrying its violation label, each failing where it says', async () => {
    const run = await runCli(['generate', '--invalid', '50', '--seed', '7']);
    expect(run.code).toBe(0);
    const lines = linesOf(run.stdout);
    expect(lines).toHaveLength(50);
    for (const line of lines) {
      const sample = JSON.parse(line) as InvalidSample;
      expect(Object.keys(sample)).toEqual(['violation', 'value']);
      expect(Object.keys(sample.violation)).toEqual(['kind', 'pointer', 'keyword', 'message', 'schemaPath']);
      expect(mislabelled(sample, check)).toBeUndefined();
    }
  });

  it('writes the same bytes for the same seed, and other bytes for another seed', async () => {
    const first = await runCli(['generate', '--valid', '30', '--seed', '-12']);
    const again = await runCli(['generate', '--valid', '30', '--seed', '-12']);
    const other = await runCli(['generate', '--valid', '30', '--seed', '13']);
    expect([first.code, again.code, other.code]).toEqual([0, 0, 0]);
    expect(linesOf(first.stdout)).toHaveLength(30);
    expect(again.stdout).toBe(first.stdout);
    expect(other.stdout).not.toBe(first.stdout);
    const invalid = await runCli(['generate', '--invalid', '30', '--seed=-12']);
    expect(linesOf(invalid.stdout)).toHaveLength(30);
    expect((await runCli(['generate', '--invalid', '30', '--seed', '-12'])).stdout).toBe(invalid.stdout);
  });

  it('keeps negative zero as -0 in the text', async () => {
    const run = await runCli(['generate', '--valid', '300', '--seed', '1']);
    expect(run.stdout).toMatch(/[[,:]-0[,\]}]/);
    expect(run.stdout).not.toContain('undefined');
  });

  it('writes to --out, creating its folder, and says so on stderr', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'alc-generate-'));
    const run = await runCli(['generate', '--invalid', '5', '--seed', '3', '--out', 'corpus/bad.ndjson'], {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('generate: wrote 5 invalid activity logs to corpus/bad.ndjson (seed 3)\n');
    const written = readFileSync(path.join(dir, 'corpus/bad.ndjson'), 'utf8');
    expect(written).toBe((await runCli(['generate', '--invalid', '5', '--seed', '3'])).stdout);
  });

  it('writes spec-exact logs with --undocumented-rate 0, and undocumented properties in every log with 1', async () => {
    const undocumented = (stdout: string) =>
      linesOf(stdout).map(
        (line) =>
          validator
            .validateResponse(response(JSON.parse(line)), { strict: true })
            .findings.filter((f) => f.keyword === 'additionalProperties').length,
      );
    const [none, some, every] = await Promise.all(
      ['0', '0.25', '1'].map((rate) =>
        runCli(['generate', '--valid', '40', '--seed', '3', '--undocumented-rate', rate]),
      ),
    );
    expect(undocumented(none?.stdout ?? '')).toEqual(Array(40).fill(0));
    // The root object is open, so at rate 1 every log carries some; the default rate is 0.25, as before.
    expect(undocumented(every?.stdout ?? '').filter((n) => n === 0)).toEqual([]);
    expect(some?.stdout).toBe((await runCli(['generate', '--valid', '40', '--seed', '3'])).stdout);
    for (const run of [none, some, every]) expect(linesOf(run?.stdout ?? '')).toHaveLength(40);
  });

  it('generates from another spec with --spec', async () => {
    const run = await runCli(
      ['generate', '--valid', '5', '--seed', '1', '--spec', 'tests/support/specs/every-keyword.yaml'],
      { cwd: path.resolve(__dirname, '../../..') },
    );
    expect(run.code).toBe(0);
    for (const line of linesOf(run.stdout)) expect(Object.keys(JSON.parse(line))).toContain('status');
  });

  it.each([
    [['generate', '--seed', '1'], 'give exactly one of --valid N or --invalid N'],
    [
      ['generate', '--valid', '1', '--invalid', '1', '--seed', '1'],
      'give exactly one of --valid N or --invalid N',
    ],
    [['generate', '--valid', '10'], '--seed S is required (the same seed writes the same bytes)'],
    [['generate', '--valid', 'ten', '--seed', '1'], "--valid must be a whole number of lines, not 'ten'"],
    [['generate', '--invalid=-3', '--seed', '1'], "--invalid must be a whole number of lines, not '-3'"],
    [
      ['generate', '--valid', '99999999999999999999', '--seed', '1'],
      '--valid 99999999999999999999 is too large: at most 9007199254740991 (2^53 - 1) lines',
    ],
    [
      ['generate', '--valid', '1', '--seed', '1.5'],
      "--seed must be an integer between -2147483648 and 2147483647, not '1.5'",
    ],
    [
      ['generate', '--valid', '1', '--seed', '4294967296'],
      "--seed must be an integer between -2147483648 and 2147483647, not '4294967296'",
    ],
    [['generate', '--valid', '1', '--seed', '1', 'extra'], "unexpected argument 'extra'"],
    [
      ['generate', '--valid', '1', '--seed', '1', '--undocumented-rate', '1.5'],
      "--undocumented-rate must be a number from 0 to 1, such as 0.1, not '1.5'",
    ],
    [
      ['generate', '--valid', '1', '--seed', '1', '--undocumented-rate=-0.1'],
      "--undocumented-rate must be a number from 0 to 1, such as 0.1, not '-0.1'",
    ],
    [
      ['generate', '--valid', '1', '--seed', '1', '--undocumented-rate', 'often'],
      "--undocumented-rate must be a number from 0 to 1, such as 0.1, not 'often'",
    ],
    [['generate', '--valid', '1', '--seed', '1', '--count', '3'], 'unknown option --count (the options are'],
  ])('refuses %j with a usage error, exit 2', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`activity-log-contract generate: ${message}`);
    expect(run.stderr).toContain("Run 'activity-log-contract generate --help' for usage.");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports an unwritable --out as a usage error, exit 2', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'alc-generate-'));
    writeFileSync(path.join(dir, 'a-file'), '');
    const run = await runCli(['generate', '--valid', '1', '--seed', '1', '--out', 'a-file/corpus.ndjson'], {
      cwd: dir,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('activity-log-contract generate: cannot write a-file/corpus.ndjson: ');
  });

  it('reports a broken --spec with exit 2', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'alc-generate-'));
    writeFileSync(path.join(dir, 'broken.yaml'), 'openapi: [');
    const run = await runCli(['generate', '--valid', '1', '--seed', '1', '--spec', 'broken.yaml'], {
      cwd: dir,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('activity-log-contract generate: broken spec: ');
  });

  it('is listed in the top-level help and has its own', async () => {
    expect((await runCli(['--help'])).stdout).toMatch(
      /\n {2}generate {5}write random valid or invalid activity logs/,
    );
    const help = await runCli(['generate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /^Usage: activity-log-contract generate \(--valid N \| --invalid N\) --seed S/,
    );
  });
});
