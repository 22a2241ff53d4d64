import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { runCli } from '../../support/runCli';
import { scratchDir } from '../../support/scratch';
import { specExample } from '../../support/specExample';

const example = specExample();
const good = JSON.stringify(example);
const missingId = JSON.stringify({ ...example, id: undefined });

function workdir(files: Record<string, string>): string {
  const dir = scratchDir('validate');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('activity-log-contract validate', () => {
  it('passes a good recording and exits 0', async () => {
    const cwd = workdir({ 'good.json': good });
    const run = await runCli(['validate', 'good.json'], { cwd });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe('validate: 1 checked, 1 passed, 0 failed\n');
  });

  it('fails a drifted recording with exit 1, naming pointer, keyword and spec line', async () => {
    const cwd = workdir({ 'bad.json': missingId });
    const run = await runCli(['validate', 'bad.json'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        "✖ (response)  must have required property 'id'",
        '  in 1 response: bad.json',
        '  spec: components.schemas.ActivityLogResponse.required  (spec/activity-stream.2024-07-30.yaml:131)',
        'validate: 1 checked, 0 passed, 1 failed',
        '',
      ].join('\n'),
    );
  });

  it('reads NDJSON, reports a broken line by number, and goes on with the others', async () => {
    const cwd = workdir({ 'corpus.ndjson': [good, '{"id": ', '', missingId, good].join('\n') });
    const run = await runCli(['validate', 'corpus.ndjson'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(
      '✖ corpus.ndjson:2\n  unreadable: invalid JSON: value expected at line 1, column 8',
    );
    expect(run.stdout).toContain(
      "✖ (response)  must have required property 'id'\n  in 1 response: corpus.ndjson:4",
    );
    expect(run.stdout).toContain('validate: 4 checked, 2 passed, 1 failed, 1 unreadable');
  });

  it('reports a missing file, an empty file, invalid JSON with line and column, and goes on', async () => {
    const cwd = workdir({
      'empty.json': '  \n',
      'broken.json': '{\n  "id": "a",\n  "x": tru\n}',
      'good.json': good,
    });
    const run = await runCli(['validate', 'missing.json', 'empty.json', 'broken.json', 'good.json'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('✖ missing.json\n  unreadable: no such file or directory');
    expect(run.stdout).toContain('✖ empty.json\n  unreadable: empty input: no recordings in it');
    expect(run.stdout).toMatch(/✖ broken\.json\n {2}unreadable: invalid JSON: .* at line 3, column 8/);
    expect(run.stdout).toContain('validate: 4 checked, 1 passed, 0 failed, 3 unreadable');
    expect(run.stderr).toBe('');
  });

  it('refuses to pass a folder with nothing to read (a mistyped path, a recorder that wrote nothing)', async () => {
    const cwd = workdir({ 'empty/notes.txt': 'not a recording' });
    const run = await runCli(['validate', 'empty'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('✖ empty\n  unreadable: no .json, .ndjson or .jsonl files in this folder');
  });

  it('reads a directory recursively and envelopes with their own status', async () => {
    const envelope = {
      request: { method: 'GET', path: '/activity-logs/x' },
      response: { status: 418, body: {} },
    };
    const cwd = workdir({
      'rec/a.json': good,
      'rec/deeper/b.json': JSON.stringify(envelope),
      'rec/notes.txt': 'ignored',
    });
    const run = await runCli(['validate', 'rec'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `✖ (response)  status 418 is not documented for GET /activity-logs/{id} (documented: 200, 400, 401, 500)\n  in 1 response: ${path.join('rec', 'deeper', 'b.json')}\n`,
    );
    expect(run.stdout).toContain('validate: 2 checked, 1 passed, 1 failed');
  });

  it('reports a malformed envelope and a JSON value that is not an object', async () => {
    const envelope = { request: { method: 'GET', path: '/activity-logs/x' }, response: { status: 'ok' } };
    const cwd = workdir({ 'env.json': JSON.stringify(envelope), 'list.json': '[1, 2]' });
    const run = await runCli(['validate', 'env.json', 'list.json'], { cwd });
    expect(run.stdout).toContain(
      'unreadable: recording envelope: response.status must be an HTTP status code, got "ok"',
    );
    expect(run.stdout).toContain(
      '✖ (response)  must be object, got an array [1,2]\n  in 1 response: list.json\n',
    );
  });

  it('reads a JSON file holding a list of envelopes as one recording each', async () => {
    const envelope = (status: number) => ({
      request: { method: 'GET', path: '/activity-logs/a' },
      response: { status },
    });
    const cwd = workdir({ 'list.json': JSON.stringify([envelope(401), envelope(404)]) });
    const run = await runCli(['validate', 'list.json'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('status 404 is not documented for GET /activity-logs/{id}');
    expect(run.stdout).toContain('  in 1 response: list.json[1]\n');
    expect(run.stdout).toContain('validate: 2 checked, 1 passed, 1 failed');
  });

  it('reads the recording inside a rejected case, and hints at a body recorded as JSON text', async () => {
    const rejected = { description: 'x', expect: [], recording: { ...example, id: 5 } };
    const stringBody = {
      request: { method: 'GET', path: '/activity-logs/a' },
      response: { status: 200, body: good },
    };
    const cwd = workdir({ 'case.json': JSON.stringify(rejected), 'text.json': JSON.stringify(stringBody) });
    const run = await runCli(['validate', 'case.json', 'text.json'], { cwd });
    expect(run.stdout).toContain('✖ /id  must be string, got 5\n  in 1 response: case.json\n');
    expect(run.stdout).toContain('(JSON text: was the body recorded as a string instead of parsed?)');
  });

  it('reads NDJSON from stdin', async () => {
    const run = await runCli(['validate', '-'], { stdin: `${good}\n${missingId}\n` });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "✖ (response)  must have required property 'id'\n  in 1 response: stdin:2\n",
    );
  });

  it('reads one pretty-printed JSON document from stdin', async () => {
    const run = await runCli(['validate', '-'], { stdin: JSON.stringify(example, null, 2) });
    expect(run).toMatchObject({ code: 0, stdout: 'validate: 1 checked, 1 passed, 0 failed\n' });
  });

  it.each([[[]], [['--format', 'json']]])(
    'refuses stdin given twice (- -) as a usage error, with %j',
    async (flags) => {
      const run = await runCli(['validate', '-', '-', ...flags], { stdin: `${good}\n` });
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(run.stderr).toMatch(
        /^activity-log-contract validate: - \(stdin\) can be read only once, got it 2 times\n/,
      );
    },
    5_000,
  );

  it('with --findings all, prints a JSON report of every response that did not pass, and writes JUnit XML', async () => {
    const cwd = workdir({ 'a.ndjson': [good, missingId].join('\n') });
    const run = await runCli(
      ['validate', 'a.ndjson', '--format', 'json', '--findings', 'all', '--junit', 'reports/junit.xml'],
      { cwd },
    );
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.summary).toEqual({ checked: 2, passed: 1, warned: 0, failed: 1, unreadable: 0 });
    expect(report.sections[0].entries).toEqual([
      expect.objectContaining({
        source: 'a.ndjson:2',
        outcome: 'failed',
        findings: [
          expect.objectContaining({ rule: 'response_schema_conformance', keyword: 'required', pointer: '' }),
        ],
      }),
    ]);
    const junit = readFileSync(path.join(cwd, 'reports/junit.xml'), 'utf8');
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(junit).toContain(
      '<testsuites name="activity-log-contract validate" tests="2" failures="1" errors="0">',
    );
    expect(junit).toContain(
      `<failure message="(response) must have required property 'id'" type="response_schema_conformance">`,
    );
  });

  it('fails undocumented properties only under --strict', async () => {
    const cwd = workdir({ 'extra.json': JSON.stringify({ ...example, region: 'eu' }) });
    const lenient = await runCli(['validate', 'extra.json'], { cwd });
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain("/region  warning: property 'region' is not documented in the spec");
    const strict = await runCli(['validate', 'extra.json', '--strict'], { cwd });
    expect(strict.code).toBe(1);
  });

  it('handles a 100 MB body in an NDJSON line', async () => {
    const big = {
      ...example,
      activityLogItems: [
        { ...(example['activityLogItems'] as object[])[0], metadata: ['x'.repeat(100 * 1024 * 1024)] },
      ],
    };
    const cwd = workdir({ 'big.ndjson': `${JSON.stringify(big)}\n${missingId}\n` });
    const run = await runCli(['validate', 'big.ndjson'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('validate: 2 checked, 1 passed, 1 failed');
  });

  it('shows progress on stderr only when stderr is a terminal', async () => {
    const cwd = workdir({ 'many.ndjson': Array.from({ length: 2500 }, () => good).join('\n') });
    expect((await runCli(['validate', 'many.ndjson'], { cwd })).stderr).toBe('');
    expect((await runCli(['validate', 'many.ndjson'], { cwd, stderrIsTTY: true })).stderr).toContain(
      'validated 2,000…',
    );
  });

  it('answers misuse with a usage error and exit 2, never a stack trace', async () => {
    for (const args of [['validate'], ['validate', 'x.json', '--format', 'xml'], ['validate', '--nope']]) {
      const run = await runCli(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /^activity-log-contract validate: .+\nRun 'activity-log-contract validate --help' for usage\.\n$/,
      );
      expect(run.stderr).not.toContain('    at ');
    }
  });

  it('tells the truth in --help', async () => {
    const run = await runCli(['validate', '--help']);
    expect(run.code).toBe(0);
    for (const option of ['--spec', '--format', '--findings', '--junit', '--strict'])
      expect(run.stdout).toContain(option);
    expect(run.stdout).toContain(
      'Exit codes: 0 all passed, 1 a contract violation, 2 a usage error or unreadable input',
    );
  });
});

describe('activity-log-contract validate on hostile input', () => {
  it('survives a million levels of nesting, valid in metadata and invalid elsewhere', async () => {
    const deep = `${'['.repeat(1e6)}${']'.repeat(1e6)}`;
    const items = JSON.stringify(example['activityLogItems']).replace(
      '"metadata":[]',
      `"metadata":[${deep}]`,
    );
    const valid = good.replace(JSON.stringify(example['activityLogItems']), items);
    const invalid = good.replace('"origin":"API"', `"origin":${deep}`);
    const cwd = workdir({ 'deep.ndjson': `${valid}\n${invalid}\n` });
    const run = await runCli(['validate', 'deep.ndjson'], { cwd });
    expect(run.stdout).toContain('✖ /origin  must be string, got an array');
    expect(run.stdout).toContain('  in 1 response: deep.ndjson:2\n');
    expect(run.stdout).toContain('validate: 2 checked, 1 passed, 1 failed');
    expect(run.code).toBe(1);
  });

  it('reads files that start with a byte-order mark', async () => {
    const cwd = workdir({ 'bom.json': `\uFEFF${good}`, 'bom.ndjson': `\uFEFF${good}\n${good}` });
    const run = await runCli(['validate', 'bom.json', 'bom.ndjson'], { cwd });
    expect(run).toMatchObject({ code: 0, stdout: 'validate: 3 checked, 3 passed, 0 failed\n' });
  });
});
