import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fromSchema } from '@openapi-contrib/openapi-schema-to-json-schema';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { generatorsFor } from '../../src/generation';
import { escapeSegment, loadSpec, type Spec } from '../../src/spec';
import { createValidator } from '../../src/validation';
import { runCli } from '../support/runCli';
import { scratchDir } from '../support/scratch';

// Real vendor documents nobody here wrote: copies of the team's shared/realspecs (licences in the README
// there), so that the run works from any clone.
const REAL = path.resolve(__dirname, '../support/specs/real');
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
    const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: false, logger: false });
    addFormats(ajv);
    ajv.addSchema({ ...spec.document, $id: 'https://document.test/' } as never);
    return (name, value) => {
      const validate = ajv.getSchema(`https://document.test/#/components/schemas/${escapeSegment(name)}`);
      return validate?.(value) ? undefined : JSON.stringify(validate?.errors?.[0]);
    };
  }
  // 3.0: the community converter (openapi-schema-to-json-schema) and a draft-04 Ajv, formats it does not
  // know ignored, as a plain JSON Schema user would read the document.
  // The converter drops `nullable` beside allOf/anyOf/oneOf without a type; providers mean "or null" there,
  // and so do we (README, "How the spec becomes validators"): the judge is told so before converting.
  const orNull = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(orNull);
    if (!node || typeof node !== 'object') return node;
    const copy = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, orNull(v)]));
    const composed = ['allOf', 'anyOf', 'oneOf'].some((k) => k in copy);
    if (copy['nullable'] !== true || 'type' in copy || !composed) return copy;
    const { nullable: _, ...rest } = copy;
    return { anyOf: [{ type: 'string', nullable: true, enum: [null] }, rest] };
  };
  const converted = Object.fromEntries(
    Object.entries(spec.document.components?.schemas ?? {}).map(([name, schema]) => [
      name,
      fromSchema(orNull(schema) as never, { supportPatternProperties: true, strictMode: false }),
    ]),
  );
  const ajv = new AjvDraft04({ strict: false, validateSchema: false, allErrors: false, logger: false });
  addFormats(ajv);
  ajv.addSchema({ components: { schemas: converted } } as never, 'https://document.test/');
  return (name, value) => {
    const validate = ajv.getSchema(`https://document.test/#/components/schemas/${escapeSegment(name)}`);
    if (!validate) throw new Error(`the independent judge cannot find ${name}`);
    return validate(value) ? undefined : JSON.stringify(validate.errors?.[0]);
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
      // CPU time, not wall time: the 2 s a schema holds on a busy CI machine too. The first value builds the
      // arbitrary (Box's Collaboration reaches most of the document: about 1.8 s, once) and is not counted.
      fc.sample(generators.arbitrary(name), { numRuns: 1, seed: SEED });
      const started = process.cpuUsage();
      const values = fc.sample(generators.arbitrary(name), { numRuns: 10, seed: SEED });
      const spent = process.cpuUsage(started);
      const ms = Math.round((spent.user + spent.system) / 1000);
      if (ms >= 2000) rejected.push(`${name}: ${ms} ms of CPU to sample 10 values (at most 2,000)`);
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

  it('has an independent judge that can say no: an object schema refuses a string, there and in ours', () => {
    const schemas = Object.entries(spec.document.components?.schemas ?? {}) as [string, { type?: unknown }][];
    const objects = schemas.filter(([, schema]) => schema.type === 'object').map(([name]) => name);
    if (objects.length === 0) return; // a document with no plain object component: nothing to feed
    const name = objects[0] as string;
    expect(independentJudge(spec)(name, 'not an object')).toEqual(expect.any(String));
    expect(
      createValidator(spec)
        .validateSchema(name, 'not an object')
        .map((f) => f.keyword),
    ).toContain('type');
  });
});

it('finds the real documents', () => {
  expect(documents.length).toBeGreaterThanOrEqual(6);
});
