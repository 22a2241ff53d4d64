import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import OpenAPIResponseValidator from 'openapi-response-validator';
import { generatorsFor } from '../../src/generation';
import { loadSpec, type Spec } from '../../src/spec';
import { createValidator } from '../../src/validation';
import { runCli } from '../support/runCli';
import { scratchDir } from '../support/scratch';

// Real vendor documents nobody here wrote (the team's shared/realspecs, beside this repository).
const REAL = path.resolve(__dirname, '../../../shared/realspecs');
const documents = existsSync(REAL)
  ? readdirSync(REAL)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort()
  : [];
const SEED = 20241202;

/** An independent judge of generated values: another converter and validator than ours. */
function independentJudge(spec: Spec): (name: string, value: unknown) => string | undefined {
  if (spec.version === '3.1') {
    // 3.1 schemas are JSON Schema 2020-12 as written: a plain Ajv reads the document itself.
    const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: false });
    addFormats(ajv);
    ajv.addSchema({ ...spec.document, $id: 'https://document.test/' } as never);
    return (name, value) => {
      const validate = ajv.getSchema(`https://document.test/#/components/schemas/${name}`);
      return validate?.(value) ? undefined : JSON.stringify(validate?.errors?.[0]);
    };
  }
  // 3.0: openapi-response-validator, with its own conversion of the dialect.
  const components = spec.document.components as never;
  return (name, value) => {
    let judge: OpenAPIResponseValidator;
    try {
      judge = new OpenAPIResponseValidator({
        responses: { 200: { description: 'x', schema: { $ref: `#/components/schemas/${name}` } } } as never,
        components,
      });
    } catch (error) {
      // Box's components hold `$id` values it reads as duplicate schema ids: it cannot load them at all.
      if (/resolves to more than one schema/.test(String(error))) return undefined;
      throw error;
    }
    const result = judge.validateResponse(200, value);
    return result ? JSON.stringify(result.errors[0]) : undefined;
  };
}

describe.each(documents)('the real document %s', (file) => {
  const spec = loadSpec(path.join(REAL, file));

  it('is judged by check from an empty folder (exit 0 or 1), never refused', async () => {
    const run = await runCli(['check', '--spec', path.join(REAL, file)], { cwd: scratchDir('real') });
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
  });

  it('has values of every component schema that ours and an independent validator both accept', () => {
    const ours = createValidator(spec);
    const theirs = independentJudge(spec);
    const generators = generatorsFor(spec);
    const rejected: string[] = [];
    for (const name of Object.keys(spec.document.components?.schemas ?? {})) {
      const started = Date.now();
      const values = fc.sample(generators.arbitrary(name), { numRuns: 10, seed: SEED });
      expect(Date.now() - started).toBeLessThan(2000);
      for (const value of values) {
        const errors = ours.validateSchema(name, value).filter((f) => f.severity === 'error');
        if (errors.length > 0)
          rejected.push(`${name} (ours, seed ${SEED}): ${errors[0]?.pointer} ${errors[0]?.message}`);
        const independent = theirs(name, value);
        if (independent) rejected.push(`${name} (independent, seed ${SEED}): ${independent}`);
      }
    }
    expect(rejected).toEqual([]);
  }, 120_000);
});

it('finds the real documents', () => {
  expect(documents.length).toBeGreaterThanOrEqual(6);
});
