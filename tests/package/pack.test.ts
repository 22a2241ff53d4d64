import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scratchDir } from '../support/scratch';

// The path most users take: the packed tarball installed into an empty project.
const ROOT = path.resolve(__dirname, '../..');
const env = {
  ...process.env,
  PACT_DO_NOT_TRACK: 'true',
  SCARF_ANALYTICS: 'false',
  npm_config_update_notifier: 'false',
};
const work = scratchDir('pack');
const project = path.join(work, 'consumer');
let tarball = '';
let files: string[] = [];

const run = (command: string, args: string[], cwd = project) =>
  spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });

beforeAll(() => {
  execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, env, stdio: 'pipe' });
  const name = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!name) throw new Error('npm pack wrote no tarball');
  tarball = path.join(work, name);
  files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
  mkdirSync(project);
  writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }),
  );
  const install = run('npm', [
    'install',
    // Prefer the cache, but a fresh machine's cache holds no package metadata (npm ci reads the lockfile only).
    '--prefer-offline',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    tarball,
  ]);
  if (install.status !== 0) throw new Error(`npm install of the tarball failed:\n${install.stderr}`);
}, 300_000);

describe('the packed package', () => {
  it('holds the compiled library, the CLI, the spec and declarations, and no tests', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'package/dist/index.js',
        'package/dist/index.d.ts',
        'package/dist/cli/main.js',
        'package/dist/jest/index.d.ts',
        // The meta-schema validators as code (scripts/precompileMetaValidators.js): no compile at start.
        'package/dist/spec/metaValidator.3.0.generated.js',
        'package/dist/spec/metaValidator.3.1.generated.js',
      ]),
    );
    expect(files.filter((f) => f.startsWith('package/spec/'))).toEqual([
      'package/spec/activity-stream.2024-07-30.yaml',
    ]);
    const tops = new Set(files.map((f) => f.split('/')[1]));
    expect([...tops].sort()).toEqual(expect.arrayContaining(['README.md', 'dist', 'package.json', 'spec']));
    for (const top of tops)
      expect(['README.md', 'LICENSE', 'contracts', 'dist', 'package.json', 'pacts', 'spec']).toContain(top);
    expect(files.some((f) => /\.test\.|\/tests?\//.test(f))).toBe(false);
  });

  it('runs `npx activity-log-contract check` with exit 0 in a project of its own', () => {
    const check = run('npx', ['--offline', 'activity-log-contract', 'check']);
    expect(check.stderr).toBe('');
    expect(check.stdout).toMatch(/\ncheck: \d+ checked, \d+ passed, 0 failed/);
    expect(check.status).toBe(0);
  });

  it('exposes the same API to require() and to import()', () => {
    const names = [
      ...['createValidator', 'getValidator', 'loadSpec', 'isRfc3339DateTime'], // validators
      ...['activityLog', 'invalidActivityLog', 'generatorsFor', 'fuzzParser', 'assertParser'], // generators, harness
      ...['createActivityLogClient', 'checkPactAgainstSpec', 'activityLogMatchers'], // client, pacts, matchers
    ];
    const script = `const l = require('activity-log-contract'); console.log(JSON.stringify(${JSON.stringify(names)}.filter((n) => l[n] === undefined)));`;
    expect(run('node', ['-e', script]).stdout.trim()).toBe('[]');
    const esm = `const l = await import('activity-log-contract'); console.log(JSON.stringify(${JSON.stringify(names)}.filter((n) => l[n] === undefined)));`;
    expect(run('node', ['--input-type=module', '-e', esm]).stdout.trim()).toBe('[]');
  });

  it('type-checks a TypeScript file that uses the library and the matchers', () => {
    writeFileSync(
      path.join(project, 'usage.ts'),
      [
        "import { getValidator, type Finding, type ValidationResult } from 'activity-log-contract';",
        "import 'activity-log-contract/jest';",
        "const result: ValidationResult = getValidator().validateResponse({ method: 'GET', path: '/activity-logs/1', status: 200, body: {} });",
        'const findings: readonly Finding[] = result.findings;',
        'expect({ status: 200, body: {} }).not.toSatisfyActivityLogSpec();',
        "expect(findings).toMatchSpecSchema('ActivityLogResponse', { strict: true });",
        "import { activityLog, assertParser, createActivityLogClient, type ActivityLog } from 'activity-log-contract';",
        "const client = createActivityLogClient({ baseUrl: 'http://127.0.0.1:9', clientId: 'id', clientSecret: 'secret' });",
        'const read: (id: string) => Promise<ActivityLog> = client.getActivityLog;',
        'const parse = (input: unknown): ActivityLog => input as ActivityLog;',
        'void [read, activityLog({ edgeCases: false }), assertParser(parse, { numRuns: 1 })];',
        '',
      ].join('\n'),
    );
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'commonjs',
          moduleResolution: 'node10',
          types: ['jest', 'node'],
          typeRoots: [path.join(ROOT, 'node_modules/@types')],
        },
        files: ['usage.ts'],
      }),
    );
    const good = run('node', [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
    expect(good.stdout).toBe('');
    expect(good.status).toBe(0);
    // And the check can fail: a misspelt matcher is refused.
    writeFileSync(
      path.join(project, 'usage.ts'),
      "import 'activity-log-contract/jest';\nexpect({}).toSatisfyActivityLogSpek();\n",
    );
    const bad = run('node', [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
    expect(bad.stdout).toContain("Property 'toSatisfyActivityLogSpek' does not exist");
  });
});
