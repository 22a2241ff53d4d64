import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { generatorsFor } from '../../../src/generation';
import { loadSpec } from '../../../src/spec';
import { createValidator, listExamples, validateExample } from '../../../src/validation';
import { runCli } from '../../support/runCli';
import { scratchDir } from '../../support/scratch';

// Each minimal document once refused or misjudged, with the verdict a correct tool gives (shared/realspecs/repro).
const REPRO = path.resolve(__dirname, '../../support/specs/repro');
const load = (name: string) => loadSpec(path.join(REPRO, name));
const validatorOf = (name: string) => createValidator(load(name));
const recordings = (name: string) =>
  readFileSync(path.join(REPRO, name), 'utf8')
    .trim()
    .split('\n')
    .map(
      (line) =>
        JSON.parse(line) as { request: { method: string; path: string }; response: { status: number } },
    );
const judge = (
  validator: ReturnType<typeof createValidator>,
  recording: ReturnType<typeof recordings>[number],
) => validator.validateResponse({ ...recording.request, ...recording.response });
const exampleFindings = (name: string) => {
  const validator = validatorOf(name);
  return listExamples(validator.spec).flatMap((example) =>
    validateExample(validator, example).map((f) => `${example.pointer} ${f.keyword}`),
  );
};

describe('documents once refused: each loads, compiles, and its examples are judged truly', () => {
  const empty = scratchDir('repro-check');
  it.each([
    'ext.yaml',
    'fmt.yaml',
    'objfmt.yaml',
    'int32str.yaml',
    'req.yaml',
    'exref.yaml',
    'wo.yaml',
    'wo2.yaml',
    'allof-example.yaml',
    'poly.yaml',
    'routing.yaml',
    'stripe-like.yaml',
    'sha.yaml',
  ])('check --spec %s from an empty folder exits 0', async (name) => {
    const run = await runCli(['check', '--spec', path.join(REPRO, name)], { cwd: empty });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('ignores extensions and checks no unknown format, saying so once (ext, fmt, objfmt)', async () => {
    expect(validatorOf('ext.yaml').validateSchema('User', { id: 'a' })).toEqual([]);
    const fmt = validatorOf('fmt.yaml');
    expect(fmt.validateSchema('Call', { date_created: 'Tue, 1 Jan 2024' })).toEqual([]);
    const run = await runCli(['check', '--spec', path.join(REPRO, 'fmt.yaml')], { cwd: scratchDir('fmt') });
    expect(run.stdout).toContain("notice: format 'date-time-rfc-2822' is not checked");
    expect(validatorOf('objfmt.yaml').validateSchema('Links', { a: 'b' })).toEqual([]);
  });

  it('accepts strings under format int32 on a string, and enforces required beside allOf (int32str, req)', () => {
    expect(validatorOf('int32str.yaml').validateSchema('Ext', '42')).toEqual([]);
    expect(validatorOf('int32str.yaml').validateSchema('Ext', '042')[0]?.keyword).toBe('pattern');
    const req = validatorOf('req.yaml');
    expect(req.validateSchema('Signer', { email: 'a@b.c' })).toEqual([]);
    expect(req.validateSchema('Signer', {}).map((f) => f.keyword)).toEqual(['required']);
  });

  it('reads example values as data, writeOnly properties as documented (exref, wo, wo2)', () => {
    expect(exampleFindings('exref.yaml')).toEqual([]);
    expect(exampleFindings('wo.yaml')).toEqual([]);
    expect(exampleFindings('wo2.yaml')).toEqual([]);
  });

  it('flags exactly the two false property examples of ro.yaml: an impossible date and a base64url byte', () => {
    expect(exampleFindings('ro.yaml').sort()).toEqual([
      '/components/schemas/Money/properties/day/example format',
      '/components/schemas/Money/properties/urlsafe/example format',
    ]);
  });

  it('finds a composed example valid, with no undocumented property (allof-example)', () => {
    expect(exampleFindings('allof-example.yaml')).toEqual([]);
  });

  it('picks the oneOf branch by the discriminator, checks $ref-given responses, and strips the server base path (poly)', () => {
    const poly = validatorOf('poly.yaml');
    const body = (name: string) => JSON.parse(readFileSync(path.join(REPRO, name), 'utf8'));
    const cat = body('cat.json');
    expect(poly.validateResponse({ ...cat.request, ...cat.response })).toMatchObject({
      valid: true,
      findings: [],
    });
    const notFound = body('notfound-bad.json');
    const verdict = poly.validateResponse({ ...notFound.request, ...notFound.response });
    expect(verdict.valid).toBe(false);
    expect(verdict.findings.filter((f) => f.severity === 'error').map((f) => [f.pointer, f.keyword])).toEqual(
      [['/code', 'type']],
    );
    const based = body('basepath.json');
    expect(poly.validateResponse({ ...based.request, ...based.response })).toMatchObject({
      valid: true,
      operation: 'GET /pets/{id}',
    });
    const bird = poly.validateResponse({
      method: 'GET',
      path: '/pets/1',
      status: 200,
      body: { petType: 'Bird' },
    });
    expect(bird.findings.map((f) => f.message)).toEqual([
      `'petType' must be one of "Cat", "Dog", got "Bird"`,
    ]);
  });

  it('accepts null beside anyOf with nullable, and warns of a property under it (stripe-like)', () => {
    const [withZip, withNull] = recordings('stripe-like.ndjson').map((r) =>
      judge(validatorOf('stripe-like.yaml'), r),
    );
    expect(withZip?.valid).toBe(true);
    expect(withZip?.findings.map((f) => [f.severity, f.pointer])).toEqual([['warning', '/address/zip']]);
    expect(withNull).toMatchObject({ valid: true, findings: [] });
  });

  it('routes by base paths, literal paths, suffixes and media type ranges (routing)', () => {
    const validator = validatorOf('routing.yaml');
    const verdicts = recordings('routing.ndjson').map((r) => judge(validator, r));
    const failing = verdicts.flatMap((v, i) =>
      v.valid ? [] : [`${i + 1} ${v.findings.find((f) => f.severity === 'error')?.rule}`],
    );
    expect(failing).toEqual([
      '3 response_schema_conformance',
      '7 response_schema_conformance',
      '8 content_type_conformance',
      '10 response_schema_conformance',
      '12 operation_documented',
      // A trailing slash names another path: documented in the README.
      '16 operation_documented',
    ]);
  });

  it.each(['sha.yaml', 'sha8.yaml', 'sha-nolen.yaml'])('generates hex strings for %s at once', (name) => {
    const spec = load(name);
    const validator = createValidator(spec);
    const values = fc.sample(generatorsFor(spec).arbitrary('Commit'), { numRuns: 50, seed: 7 });
    const errors = values
      .flatMap((v) => validator.validateSchema('Commit', v))
      .filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);
    expect(values.every((v) => /^[0-9a-fA-F]+$/.test((v as { sha: string }).sha))).toBe(true);
  });
});
