import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startActivityLogProvider } from '../support/activityLogProvider';
import { type FakeBroker, startFakeBroker } from '../support/fakeBroker';
import { runCli } from '../support/runCli';
import { DOUBLE_CREDENTIALS, type SandboxDouble, startSandboxDouble } from '../support/sandboxDouble';
import { scratchDir } from '../support/scratch';
import { startServingCli } from '../support/servingCli';

// Every `activity-log-contract …` command line of the README's shell blocks, run as written, in a folder
// holding what the README assumes (the repository's spec, contracts and pacts, the files it names), with
// loopback stand-ins for the sandbox, the provider and the broker. A README line nobody runs here fails.
const ROOT = path.resolve(__dirname, '../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const readmeLines = [...README.matchAll(/```(?:sh|bash|yaml)\n([\s\S]*?)```/g)]
  .flatMap((m) => (m[1] ?? '').split('\n'))
  .map((line) => line.replace(/^\s*- run: /, '').trim())
  // `npm run pact:publish` is `activity-log-contract publish` (its comment says so; package.json runs it).
  .map((line) => (line.startsWith('npm run pact:publish') ? 'activity-log-contract publish' : line))
  .map((line) => line.replace(/\s+#.*$/, ''))
  .filter((line) => /activity-log-contract [a-z]/.test(line) && !line.includes('['))
  .map((line) => line.slice(line.indexOf('activity-log-contract ')));

/** What a README line needs around it here: a stand-in server, stdin, the exit code it gives on the repository. */
interface Stage {
  readonly code: number;
  /** Extra arguments pointing the command at a loopback stand-in instead of the real sandbox or broker. */
  readonly extra?: (servers: Servers) => string[];
  readonly stdin?: string;
  readonly env?: (servers: Servers) => NodeJS.ProcessEnv;
  /**
   * A command that serves until stopped (`mock`, `proxy`; the line's `&` and redirections are the shell's):
   * started in-process, sent one request for `path` that must get `status`, then stopped as SIGINT would.
   */
  readonly serves?: { readonly path: string; readonly status: number; readonly credentials?: boolean };
}
interface Servers {
  readonly sandbox: SandboxDouble;
  readonly provider: string;
  readonly broker: FakeBroker;
}

const credentials = {
  SEQUENCE_CLIENT_ID: DOUBLE_CREDENTIALS.clientId,
  SEQUENCE_CLIENT_SECRET: DOUBLE_CREDENTIALS.clientSecret,
};
const broker = (servers: Servers): NodeJS.ProcessEnv => ({
  PACT_BROKER_BASE_URL: servers.broker.url,
  PACT_BROKER_TOKEN: 'readme-token-1234',
  GITHUB_SHA: 'abc1234',
  GITHUB_REF_NAME: 'main',
});
const sandbox = (servers: Servers) => ['--server', servers.sandbox.url];
const provider = (servers: Servers) => ['--provider-base-url', servers.provider];

/** Keyed by the README line from `activity-log-contract` on. */
const STAGES: Record<string, Stage> = {
  'activity-log-contract check': { code: 0 },
  'activity-log-contract check --spec spec/activity-stream.2025-01-01.yaml --contracts contracts-2025/': {
    code: 0,
  },
  'activity-log-contract validate contracts/recorded/': { code: 0 },
  // The folder's spec/activity-stream.2025-01-01.yaml is a copy of the bundled spec: no changes.
  'activity-log-contract diff spec/activity-stream.2024-07-30.yaml spec/activity-stream.2025-01-01.yaml': {
    code: 0,
  },
  'activity-log-contract diff spec/activity-stream.2024-07-30.yaml spec/activity-stream.2025-01-01.yaml --contracts contracts/ --pacts pacts/ --format markdown > diff.md':
    { code: 0 },
  'activity-log-contract validate responses.ndjson --format json': { code: 0 },
  'activity-log-contract validate responses.ndjson --findings all': { code: 0 },
  'activity-log-contract validate responses.ndjson --format ndjson > findings.ndjson': { code: 0 },
  'activity-log-contract validate -': {
    code: 0,
    stdin: readFileSync(path.join(ROOT, 'contracts/recorded/spec-example.json'), 'utf8'),
  },
  'activity-log-contract validate recordings/ --junit reports/validate.xml --strict': { code: 0 },
  'activity-log-contract validate recordings/': { code: 0 },
  // recordings/ holds activity logs here, not pets: each is an undocumented operation of that spec.
  'activity-log-contract validate --spec other-endpoint.yaml recordings/': { code: 1 },
  // mock: any answer proves it serves; '/' is no operation's path.
  'activity-log-contract mock --port 0': { code: 0, serves: { path: '/', status: 404 } },
  'activity-log-contract mock --port 0 --seed 42 --fault-rate 0.1': {
    code: 0,
    serves: { path: '/', status: 404 },
  },
  'activity-log-contract mock --port 0 --spec other-endpoint.yaml --undocumented-rate 0': {
    code: 0,
    serves: { path: '/', status: 404 },
  },
  'activity-log-contract mock --port 0 > mock.out 2> mock.log &': {
    code: 0,
    serves: { path: '/', status: 404 },
  },
  // proxy: the last --target wins, so it forwards to the sandbox double; one request through it, as a service sends it.
  'activity-log-contract proxy --target SANDBOX --junit reports/proxy.xml > proxy.out &': {
    code: 0,
    extra: (s) => ['--target', s.sandbox.url],
    serves: { path: '/activity-logs/log-1', status: 200, credentials: true },
  },
  'activity-log-contract generate --valid 1000 --seed 42 --out corpus/valid.ndjson': { code: 0 },
  'activity-log-contract generate --invalid 1000 --seed 42 > corpus/invalid.ndjson': { code: 0 },
  'activity-log-contract generate --valid 1000 --seed 42 --undocumented-rate 0 --out corpus/exact.ndjson': {
    code: 0,
  },
  'activity-log-contract generate --spec other-endpoint.yaml --valid 100 --seed 1': { code: 0 },
  'activity-log-contract live --id 3f1c… --id 9a2b…': { code: 0, extra: sandbox, env: () => credentials },
  'activity-log-contract live --ids-file ids.txt --junit reports/live.xml --record recordings/': {
    code: 0,
    extra: sandbox,
    env: () => credentials,
  },
  'activity-log-contract live --server http://127.0.0.1:4010 --id a --format json': {
    code: 0,
    extra: sandbox,
    env: () => credentials,
  },
  'activity-log-contract live --id log_123 --skip-probes --record recordings/': {
    code: 0,
    extra: sandbox,
    env: () => credentials,
  },
  'activity-log-contract verify --provider-base-url https://sandbox.sequencehq.com': {
    code: 0,
    extra: provider,
    env: () => ({ ...credentials, ACTIVITY_LOG_ID: 'log_with_everything' }),
  },
  'activity-log-contract verify --provider-base-url https://sandbox.sequencehq.com --provider-states provider-states.json':
    { code: 0, extra: provider, env: () => credentials },
  'activity-log-contract publish': { code: 0, env: broker },
  'activity-log-contract can-i-deploy --to-environment production': { code: 0, env: broker },
  'activity-log-contract can-i-deploy --to-environment production --retry-while-unknown 6 --retry-interval 10':
    {
      code: 0,
      env: broker,
    },
};

let servers: Servers;
let work: string;
let closeProvider: () => Promise<void>;
beforeAll(async () => {
  const ids = ['3f1c…', '9a2b…', 'a', 'log_123', 'log-1'];
  const [sandboxDouble, loopback, fakeBroker] = await Promise.all([
    startSandboxDouble({ ids }),
    startActivityLogProvider({
      ...DOUBLE_CREDENTIALS,
      ids: { full: 'log_with_everything', minimal: 'log_minimal' },
    }),
    startFakeBroker({ token: 'readme-token-1234' }),
  ]);
  servers = { sandbox: sandboxDouble, provider: loopback.url, broker: fakeBroker };
  closeProvider = loopback.close;
  work = scratchDir('readme');
  for (const folder of ['spec', 'contracts', 'pacts'])
    cpSync(path.join(ROOT, folder), path.join(work, folder), { recursive: true });
  // The files and folders the README's lines name.
  cpSync(
    path.join(ROOT, 'spec/activity-stream.2024-07-30.yaml'),
    path.join(work, 'spec/activity-stream.2025-01-01.yaml'),
  );
  cpSync(path.join(ROOT, 'contracts'), path.join(work, 'contracts-2025'), { recursive: true });
  cpSync(path.join(ROOT, 'contracts/recorded/varied.ndjson'), path.join(work, 'responses.ndjson'));
  cpSync(path.join(ROOT, 'tests/support/specs/pets.yaml'), path.join(work, 'other-endpoint.yaml'));
  mkdirSync(path.join(work, 'recordings'));
  mkdirSync(path.join(work, 'corpus'));
  cpSync(
    path.join(ROOT, 'contracts/recorded/spec-example.json'),
    path.join(work, 'recordings/spec-example.json'),
  );
  writeFileSync(path.join(work, 'ids.txt'), '# ids the sandbox holds\nlog-1\n');
  // The README writes this file with a here-document: the same text, taken from it.
  const states = /cat > provider-states\.json <<'JSON'\n([\s\S]*?)\nJSON\n/.exec(README)?.[1];
  if (states === undefined) throw new Error('the README no longer writes provider-states.json');
  writeFileSync(path.join(work, 'provider-states.json'), states);
}, 30_000);
/** Runs a serving README line: starts it, sends it one request, stops it; its exit code and answer must be as staged. */
async function serve(line: string, stage: Stage, serves: NonNullable<Stage['serves']>): Promise<void> {
  const words = line
    .replace(/\s+&$/, '')
    .replace(/\s+2?>\s+\S+/g, '')
    .split(/\s+/)
    .slice(1);
  const server = await startServingCli(
    [...words, ...(stage.extra?.(servers) ?? [])],
    { PACT_DO_NOT_TRACK: 'true', SCARF_ANALYTICS: 'false', ...(stage.env?.(servers) ?? {}) },
    { cwd: work },
  );
  const basic = Buffer.from(`${credentials.SEQUENCE_CLIENT_ID}:${credentials.SEQUENCE_CLIENT_SECRET}`);
  const answer = await fetch(`${server.url}${serves.path}`, {
    headers: serves.credentials
      ? { authorization: `Basic ${basic.toString('base64')}`, 'sequence-version': '2024-07-30' }
      : {},
  });
  await answer.arrayBuffer();
  const { code, stdout, stderr } = await server.stop();
  const redirect = /\s>\s+(\S+)/.exec(line);
  if (redirect?.[1]) writeFileSync(path.join(work, redirect[1]), stdout);
  expect({ code, status: answer.status, stderr: code === stage.code ? '' : stderr }).toEqual({
    code: stage.code,
    status: serves.status,
    stderr: '',
  });
}

afterAll(async () => {
  await Promise.all([servers?.sandbox.close(), servers?.broker.close(), closeProvider?.()]);
});

describe('the README command lines', () => {
  it('are each run here', () => {
    expect(readmeLines.length).toBeGreaterThan(10);
    expect(readmeLines.filter((line) => !(line in STAGES))).toEqual([]);
  });

  it.each(Object.keys(STAGES))('`%s` runs as written', async (line) => {
    const stage = STAGES[line] as Stage;
    if (stage.serves) {
      await serve(line, stage, stage.serves);
      return;
    }
    const redirect = /\s+>\s+(\S+)$/.exec(line);
    const words = line
      .replace(/\s+>\s+\S+$/, '')
      .split(/\s+/)
      .slice(1);
    const run = await runCli([...words, ...(stage.extra?.(servers) ?? [])], {
      cwd: work,
      env: { PACT_DO_NOT_TRACK: 'true', SCARF_ANALYTICS: 'false', ...(stage.env?.(servers) ?? {}) },
      ...(stage.stdin === undefined ? {} : { stdin: stage.stdin }),
    });
    if (redirect?.[1]) writeFileSync(path.join(work, redirect[1]), run.stdout);
    expect({ code: run.code, stderr: run.code === stage.code ? '' : run.stderr }).toEqual({
      code: stage.code,
      stderr: '',
    });
  });

  it('leave the files they promise', () => {
    for (const file of [
      'reports/proxy.xml',
      'reports/validate.xml',
      'reports/live.xml',
      'corpus/valid.ndjson',
      'corpus/invalid.ndjson',
      'corpus/exact.ndjson',
      'findings.ndjson',
    ]) {
      expect({ file, exists: existsSync(path.join(work, file)) }).toEqual({ file, exists: true });
    }
  });
});
