import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PARALLEL_FROM } from '../../src/cli/judge/judgeInOrder';
import { mixedNdjson } from '../support/mixedNdjson';
import { runCli } from '../support/runCli';
import { scratchDir } from '../support/scratch';

// `validate --jobs N` as a user runs it, on an input big enough to start the workers (each loads the
// validators under ts-node here: seconds each, hence the integration run). Nothing a user reads may depend on N.
const dir = scratchDir('jobs-reports');

describe('validate --jobs, the reports', () => {
  it('prints byte-identical reports with --jobs 1, --jobs 2 and the default (a worker a core), in every format', async () => {
    // Beyond PARALLEL_FROM (8 MB), so that --jobs 2 really starts its workers.
    const big = path.join(dir, 'big.ndjson');
    writeFileSync(big, mixedNdjson(12_000));
    expect(statSync(big).size).toBeGreaterThan(PARALLEL_FROM.bytes);
    const run = async (jobs: string) => {
      const option = ['--jobs', jobs];
      const human = await runCli(['validate', big, ...option], { cwd: dir });
      const junit = `r${jobs}.xml`;
      const json = await runCli(['validate', big, ...option, '--format', 'json', '--junit', junit], {
        cwd: dir,
      });
      return { human, json, junit: readFileSync(path.join(dir, junit), 'utf8') };
    };
    const [one, two] = [await run('1'), await run('2')];
    expect(one.json.code).toBe(2); // broken lines are unreadable input
    expect(two).toEqual(one);
    // The default (a worker a core), in the format that holds the most: the JSON report and the JUnit file.
    const byDefault = await runCli(['validate', big, '--format', 'json', '--junit', 'rd.xml'], { cwd: dir });
    expect(byDefault).toEqual(one.json);
    expect(readFileSync(path.join(dir, 'rd.xml'), 'utf8')).toBe(one.junit);
  }, 90_000);

  it('reports a spec the workers cannot compile as a broken spec, before any report, with no stack trace', async () => {
    const big = path.join(dir, 'big-for-broken.ndjson');
    writeFileSync(big, mixedNdjson(12_000));
    // Valid OpenAPI 3.1 to its meta-schema, whose schema is not valid JSON Schema: only compiling finds it.
    writeFileSync(path.join(dir, 'broken.yaml'), BROKEN_SCHEMA);
    const expected =
      /^activity-log-contract validate: broken spec: .*broken\.yaml:11: schema paths\.\/a\.get\.responses\.200\.content\.application\/json\.schema is not valid JSON Schema: type must be equal to one of the allowed values/;
    for (const jobs of ['1', '2']) {
      const run = await runCli(
        ['validate', big, '--spec', 'broken.yaml', '--jobs', jobs, '--format', 'json'],
        {
          cwd: dir,
        },
      );
      expect({ jobs, code: run.code, stdout: run.stdout }).toEqual({ jobs, code: 2, stdout: '' });
      expect(run.stderr).toMatch(expected);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  }, 90_000);
});

const BROKEN_SCHEMA = `openapi: 3.1.0
info: {title: x, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: strin}
`;
