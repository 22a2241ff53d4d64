import path from 'node:path';
import '../../../src/jest';
import { runCli } from '../../support/runCli';

// The engine is generic: the same commands and matchers on a second, unrelated OpenAPI document.
const SPEC = path.resolve(__dirname, '../../support/specs/pets.yaml');
const CONTRACTS = path.resolve(__dirname, '../../support/specs/pets-contracts');

describe('--spec pointing at another document', () => {
  it('runs the whole check on it: spec, examples, recorded and rejected', async () => {
    const run = await runCli(['check', '--spec', SPEC, '--contracts', CONTRACTS]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('examples: 1 checked, 1 passed, 0 failed');
    expect(run.stdout).toContain('recorded: 2 checked, 2 passed, 0 failed');
    expect(run.stdout).toContain('rejected: 3 checked, 3 passed, 0 failed');
    expect(run.code).toBe(0);
  });

  it('validates against its own operations, statuses and media types', async () => {
    const wrongMedia = {
      request: { method: 'GET', path: '/pets/1' },
      response: { status: 404, headers: { 'content-type': 'application/json' }, body: { title: 'x' } },
    };
    const run = await runCli(['validate', '--spec', SPEC, '-'], {
      stdin: [
        { id: 1, name: 'Tom', kind: 'cat', secret: 'x' },
        wrongMedia,
        { id: 1, name: 'Tom', kind: 'cat', tag: 5 },
      ]
        .map((v) => JSON.stringify(v))
        .join('\n'),
    });
    expect(run.code).toBe(1);
    // writeOnly properties are not part of a response: reported as undocumented.
    expect(run.stdout).toContain("/secret  warning: property 'secret' is not documented in the spec");
    expect(run.stdout).toContain(
      "content type 'application/json' is not documented for 404 (documented: application/problem+json)",
    );
    expect(run.stdout).toMatch(
      /\/tag {2}must be string,null, got 5\n {4}spec: components\.schemas\.Pet\.properties\.tag\.type {2}\(.*pets\.yaml:\d+\)/,
    );
  });

  it('drives the matchers too', () => {
    expect({ status: 200, body: { id: 1, name: 'Tom', kind: 'cat' } }).toSatisfyActivityLogSpec({
      spec: SPEC,
    });
    expect({ status: 200, body: { id: 1, name: 'Tom', kind: 'cow' } }).not.toSatisfyActivityLogSpec({
      spec: SPEC,
    });
    expect({ title: 'gone' }).toMatchSpecSchema('Problem', { spec: SPEC });
    // The spec itself forbids extra properties here: a failure even without `strict`.
    expect({ title: 'gone', extra: 1 }).not.toMatchSpecSchema('Problem', { spec: SPEC });
  });
});
