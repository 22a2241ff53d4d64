import { execFileSync } from 'node:child_process';
import fs, { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../support/runCli';
import { scratchDir } from '../../support/scratch';
import { type Doc, ok, schemas, writeDrifted } from '../../support/specs/diff/drift';

const ROOT = path.resolve(__dirname, '../../..');
const BUNDLED = 'spec/activity-stream.2024-07-30.yaml';
const dir = scratchDir('diff-command');
const createdAtInteger = (doc: Doc) => {
  schemas(doc).ActivityLogResponse.properties.createdAt = { type: 'integer' };
};
const breaking = writeDrifted(dir, 'breaking.yaml', createdAtInteger);
const renamed = writeDrifted(dir, 'renamed.yaml', (doc) => {
  schemas(doc).Actor = schemas(doc).ActivityLogActorResponse;
  delete schemas(doc).ActivityLogActorResponse;
  schemas(doc).ActivityLogItemResponse.properties.activityLogActor = { $ref: '#/components/schemas/Actor' };
});
const exampleLostOrigin = writeDrifted(dir, 'example.yaml', (doc) => {
  delete ok(doc).content['application/json'].examples.ActivityLogResponse.value.origin;
});

describe('activity-log-contract diff', () => {
  // First in the file, so that nothing has warmed the spec loader or compiled a schema for it.
  it('diffs the bundled spec against itself: "no changes", exit 0, in under 2 s', async () => {
    // CPU time, not wall time: other test files share the machine's two cores.
    const started = process.cpuUsage();
    const run = await runCli(['diff', BUNDLED, BUNDLED], { cwd: ROOT });
    const { user, system } = process.cpuUsage(started);
    const elapsed = (user + system) / 1000;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\nno changes\n');
    expect(run.stdout).toMatch(/recorded +\d+ recorded responses, none changes verdict/);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('diff: no changes');
    expect(elapsed).toBeLessThan(2000);
  });

  it('exits 1 on a breaking change, naming its kind and both documents’ lines', async () => {
    const run = await runCli(['diff', BUNDLED, breaking], { cwd: ROOT });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '✖ breaking  response-type-changed  GET /activity-logs/{id}  200 application/json  /createdAt',
    );
    expect(run.stdout).toContain(
      `    old: components.schemas.ActivityLogResponse.properties.createdAt.type  (${BUNDLED}:188)`,
    );
    expect(run.stdout).toMatch(
      /new: components\.schemas\.ActivityLogResponse\.properties\.createdAt\.type {2}\(\/.*breaking\.yaml:\d+\)/,
    );
    expect(run.stdout).toMatch(
      /recorded +8 of 9 recorded responses would now fail: \/createdAt must be integer/,
    );
    expect(run.stdout).toContain('… and 3 more (--format json lists them all)');
  });

  it('says "no changes" for two copies of the bundled spec, not only for one file given twice', async () => {
    const copy = path.join(dir, 'bundled-copy.yaml');
    copyFileSync(path.join(ROOT, BUNDLED), copy);
    const run = await runCli(['diff', BUNDLED, copy], { cwd: ROOT });
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('diff: no changes');
  });

  it('exits 2 on a Swagger 2.0 document, saying so', async () => {
    const swagger = path.join(dir, 'swagger.json');
    writeFileSync(swagger, JSON.stringify({ swagger: '2.0', info: { title: 'x', version: '1' }, paths: {} }));
    const run = await runCli(['diff', BUNDLED, swagger], { cwd: ROOT });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken spec: .*swagger\.json/);
    expect(run.stderr).not.toContain('unexpected error');
  });

  it('exits 0 on a renamed component, with the bundled evidence unchanged', async () => {
    const run = await runCli(['diff', BUNDLED, renamed], { cwd: ROOT });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\nno changes\n');
  });

  it('exits 1 when only the evidence breaks, and never says "no changes" then', async () => {
    const run = await runCli(['diff', BUNDLED, exampleLostOrigin], { cwd: ROOT });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('\nno document changes\n');
    expect(run.stdout).not.toContain('no changes');
    expect(run.stdout).toMatch(
      /examples +1 of \d+ examples would now fail: \(response\) must have required property 'origin'/,
    );
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^diff: no document changes; evidence: 1 of \d+ now fail$/,
    );
    const markdown = await runCli(['diff', BUNDLED, exampleLostOrigin, '--format', 'markdown'], {
      cwd: ROOT,
    });
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).not.toContain('No changes.');
    expect(markdown.stdout).toMatch(/\n\*\*No document changes; evidence: 1 of \d+ now fail\*\*\n/);
  });

  it('takes no evidence by default when <old> is not the bundled spec', async () => {
    const copy = path.join(dir, 'copy.yaml');
    copyFileSync(path.join(ROOT, BUNDLED), copy);
    const run = await runCli(['diff', copy, breaking, '--format', 'json'], { cwd: ROOT });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).evidence.map((s: { kind: string }) => s.kind)).toEqual(['examples']);
  });

  it('prints JSON with the counts, every change and every evidence item', async () => {
    const run = await runCli(['diff', BUNDLED, breaking, '--format', 'json'], { cwd: ROOT });
    const report = JSON.parse(run.stdout);
    expect(report.command).toBe('diff');
    expect(report.counts).toEqual({ breaking: 1, warning: 0, safe: 0, nowFailing: 21, unreadable: 0 });
    expect(report.changes[0]).toEqual(
      expect.objectContaining({
        kind: 'response-type-changed',
        severity: 'breaking',
        old: expect.objectContaining({ file: BUNDLED, line: 188 }),
      }),
    );
    expect(report.evidence[0].changed).toHaveLength(8);
  });

  it('prints Markdown for a pull-request comment', async () => {
    const run = await runCli(['diff', BUNDLED, breaking, '--format', 'markdown'], { cwd: ROOT });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^### API document diff: `spec\/activity-stream\.2024-07-30\.yaml` → `/);
    expect(run.stdout).toContain('| | Change | Where | What | Old | New |');
    expect(run.stdout).toContain(
      '| ✖ breaking | `response-type-changed` | GET /activity-logs/{id} 200 application/json `/createdAt` | type string → integer | `spec/activity-stream.2024-07-30.yaml:188` |',
    );
    expect(run.stdout).toContain('- **recorded**: 8 of 9 recorded responses would now fail');
  });

  it('writes a JUnit report with a failure per breaking change and per evidence that now fails', async () => {
    const run = await runCli(['diff', BUNDLED, breaking, '--junit', path.join(dir, 'reports/diff.xml')], {
      cwd: ROOT,
    });
    expect(run.code).toBe(1);
    const xml = readFileSync(path.join(dir, 'reports/diff.xml'), 'utf8');
    expect(xml).toMatch(
      /<testsuites name="activity-log-contract diff" tests="\d+" failures="22" errors="0">/,
    );
    expect(xml).toContain('<testsuite name="changes" tests="1" failures="1" errors="0">');
    expect(xml).toContain('<testsuite name="evidence recorded" tests="9" failures="8" errors="0">');
  });

  it('exits 2 on unreadable evidence', async () => {
    const contracts = path.join(dir, 'bad-contracts');
    mkdirSync(path.join(contracts, 'recorded'), { recursive: true });
    writeFileSync(path.join(contracts, 'recorded/broken.json'), '{"id": ');
    const run = await runCli(['diff', BUNDLED, BUNDLED, '--contracts', contracts], { cwd: ROOT });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/✖ .*broken\.json {2}unreadable: /);
  });

  it('writes a warning’s text into the JUnit report, not an empty testcase', async () => {
    const withDefault = writeDrifted(dir, 'default-added.yaml', (doc) => {
      doc.paths['/activity-logs/{id}'].get.responses.default = { description: 'an error' };
    });
    const junit = path.join(dir, 'reports/warning.xml');
    // A copy of the bundled document takes no contracts: the bundled 404 case would now pass under `default`.
    const copy = path.join(dir, 'copy-for-junit.yaml');
    copyFileSync(path.join(ROOT, BUNDLED), copy);
    const run = await runCli(['diff', copy, withDefault, '--junit', junit], { cwd: ROOT });
    expect(run.code).toBe(0);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('name="response-success-status-added GET /activity-logs/{id}  default"');
    expect(xml).toMatch(/<system-out>[^<]*warning: status default is now documented/);
  });

  describe('evidence folders that cannot be read: a clear message and exit 2', () => {
    const aFile = path.join(dir, 'not-a-folder.json');
    const recordedFile = path.join(dir, 'recorded-is-a-file');
    beforeAll(() => {
      writeFileSync(aFile, '{}');
      mkdirSync(recordedFile, { recursive: true });
      writeFileSync(path.join(recordedFile, 'recorded'), '{}');
    });

    it.each([
      ['--contracts', 'a file', () => aFile, 'is not a directory'],
      ['--pacts', 'a file', () => aFile, 'is not a directory'],
      [
        '--contracts',
        'whose recorded/ is a file',
        () => recordedFile,
        'holds recorded/, which is not a directory',
      ],
    ])('%s %s', async (flag, _what, folder, said) => {
      const run = await runCli(['diff', BUNDLED, BUNDLED, flag, folder()], { cwd: ROOT });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${flag} ${folder()} ${said}`);
      expect(run.stderr).not.toContain('unexpected error');
    });

    it.each(['--contracts', '--pacts'])('%s a folder that may not be listed (EACCES)', async (flag) => {
      // Tests run as root, where chmod 000 denies nothing: the refusal is made by fs itself.
      const locked = path.join(dir, `locked${flag}`);
      mkdirSync(locked, { recursive: true });
      const real = fs.readdirSync;
      const spy = jest.spyOn(fs, 'readdirSync').mockImplementation(((
        target: fs.PathLike,
        ...rest: never[]
      ) => {
        if (String(target) === locked)
          throw Object.assign(new Error(`EACCES: permission denied, scandir '${locked}'`), {
            code: 'EACCES',
          });
        return (real as (...args: unknown[]) => unknown)(target, ...rest);
      }) as typeof fs.readdirSync);
      try {
        const run = await runCli(['diff', BUNDLED, BUNDLED, flag, locked], { cwd: ROOT });
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(`${flag} ${locked} cannot be read (EACCES)`);
        expect(run.stderr).not.toContain('unexpected error');
      } finally {
        spy.mockRestore();
      }
    });
  });

  it.each([
    [['diff', BUNDLED], 'diff takes two documents, <old> and <new>; got 1'],
    [
      ['diff', BUNDLED, BUNDLED, '--format', 'xml'],
      "--format must be 'human', 'json' or 'markdown', not 'xml'",
    ],
    [['diff', BUNDLED, 'missing.yaml'], 'broken spec: missing.yaml: cannot read the spec (ENOENT)'],
    [['diff', BUNDLED, BUNDLED, '--contract', 'x'], 'unknown option --contract; did you mean --contracts?'],
    [['diff', BUNDLED, BUNDLED, '--pacts', 'nowhere'], '--pacts nowhere: no such directory'],
    [
      ['diff', BUNDLED, BUNDLED, '--contracts', 'spec'],
      '--contracts spec holds neither recorded/ nor rejected/',
    ],
    [
      ['diff', '--from-git', 'HEAD', BUNDLED, BUNDLED],
      'diff --from-git <ref> takes one document, <new>; got 2',
    ],
    [['diff', '--from-git=-x', BUNDLED], "--from-git needs a git revision, got '-x'"],
  ])('exits 2 on %j', async (args, message) => {
    const run = await runCli(args, { cwd: ROOT });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('exits 2 on a document that is not OpenAPI, naming its line', async () => {
    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(broken, 'openapi: 3.0.0\ninfo: [\n');
    const run = await runCli(['diff', BUNDLED, broken], { cwd: ROOT });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken spec: .*broken\.yaml:3:1: YAML syntax error/);
  });

  it('says in --help what it compares and how it exits', async () => {
    const run = await runCli(['diff', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--from-git <ref>');
    expect(run.stdout).toContain('--format human|json|markdown');
    expect(run.stdout).toContain(
      'Exit codes: 0 nothing breaking, 1 a breaking change or evidence that now fails, 2',
    );
  });

  describe('--from-git', () => {
    const repo = scratchDir('diff-git');
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: repo,
        stdio: 'pipe',
      });
    beforeAll(() => {
      mkdirSync(path.join(repo, 'spec'));
      copyFileSync(path.join(ROOT, BUNDLED), path.join(repo, 'spec/api.yaml'));
      git('init', '-q');
      git('add', '.');
      git('commit', '-q', '-m', 'the spec as it was');
      writeDrifted(path.join(repo, 'spec'), 'api.yaml', createdAtInteger);
    });

    it('compares the working file with the same file at a revision', async () => {
      const run = await runCli(['diff', '--from-git', 'HEAD', 'spec/api.yaml'], { cwd: repo });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('diff HEAD:spec/api.yaml → ');
      expect(run.stdout).toContain(
        'old: components.schemas.ActivityLogResponse.properties.createdAt.type  (HEAD:spec/api.yaml:188)',
      );
    });

    it('names the old document from the top of the repository, wherever diff runs', async () => {
      const run = await runCli(['diff', '--from-git', 'HEAD', 'api.yaml'], { cwd: path.join(repo, 'spec') });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('diff HEAD:spec/api.yaml → ');
    });

    it('exits 2 when the file is not at that revision', async () => {
      const run = await runCli(['diff', '--from-git', 'no-such-branch', 'spec/api.yaml'], { cwd: repo });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--from-git no-such-branch: cannot read spec/api.yaml at no-such-branch:');
    });
  });
});
