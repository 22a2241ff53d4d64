import path from 'node:path';
import fc from 'fast-check';
import { generatorsFor, UnsupportedSchemaError, VIOLATION_KINDS } from '../../../src/generation';
import { ArbitraryBuilder } from '../../../src/generation/arbitraries';
import { resolveOptions } from '../../../src/generation/leaves';
import { SchemaCompiler } from '../../../src/generation/schemaModel';
import { loadSpec, parseSpec, type SchemaSite } from '../../../src/spec';
import { createAjv, createValidator } from '../../../src/validation';
import {
  expectAllInvalidAsLabelled,
  expectAllValid,
  expectShrinksStayInvalid,
} from '../../support/generatedValues';
import { seeded, withSeed } from '../../support/seed';

const spec = loadSpec(path.resolve(__dirname, '../../support/specs/every-keyword.yaml'));
const validator = createValidator(spec);
const generators = generatorsFor(spec);

describe(withSeed('arbitraries of a spec using every supported keyword'), () => {
  for (const name of Object.keys(spec.document.components?.schemas ?? {})) {
    const check = (value: unknown) => validator.validateSchema(name, value);

    it(`generates valid ${name} values`, () => {
      expectAllValid(generators.arbitrary(name), check, 150);
    });

    it(`generates ${name} values invalid as labelled, also once shrunk`, () => {
      expectAllInvalidAsLabelled(generators.invalid(name), check, 150);
      expectShrinksStayInvalid(generators.invalid(name), check, 5);
    });
  }

  it('covers every violation kind within 1,000 samples, the enum one included', () => {
    const kinds = new Set(fc.sample(generators.invalid('Thing'), seeded(1000)).map((s) => s.violation.kind));
    expect([...kinds].sort()).toEqual([...VIOLATION_KINDS].sort());
  });

  it('leaves optional properties present and absent, and fills open maps', () => {
    const samples = fc.sample(generators.arbitrary('Thing'), seeded(1000, 1)) as Record<string, unknown>[];
    for (const optional of ['small', 'big', 'note', 'owner', 'either', 'labels', 'closed', 'anything']) {
      expect([optional, samples.some((s) => optional in s), samples.some((s) => !(optional in s))]).toEqual([
        optional,
        true,
        true,
      ]);
    }
    expect(samples.some((s) => s['note'] === null)).toBe(true);
    expect(samples.some((s) => s['level'] === null)).toBe(true);
    const labels = samples.map((s) => s['labels']).filter((l) => l !== undefined) as Record<string, number>[];
    expect(labels.some((l) => Object.keys(l).length > 0)).toBe(true);
    const states = new Set(samples.map((s) => (s['status'] as { state: string }).state));
    expect([...states].sort()).toEqual(['active', 'closed']);
  });
});

describe('schemas the generators refuse', () => {
  const specWith = (schema: string) =>
    parseSpec(
      `openapi: 3.0.3
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    Odd:
${schema}`,
      'odd.yaml',
    );

  it('names an unsupported keyword and its schema path', () => {
    const odd = specWith(`      type: object
      properties:
        inner:
          not:
            type: string`);
    const attempt = () => generatorsFor(odd).arbitrary('Odd');
    expect(attempt).toThrow(UnsupportedSchemaError);
    expect(attempt).toThrow(
      "cannot generate values for /components/schemas/Odd/properties/inner: unsupported keyword 'not' (at /components/schemas/Odd/properties/inner/not)",
    );
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ keyword: 'not', schemaPath: '/components/schemas/Odd/properties/inner' });
    }
  });

  it('generates every format the validator checks, and plain strings for one it does not know', () => {
    const ipv4 = specWith(`      type: string
      format: ipv4`);
    const [address] = fc.sample(generatorsFor(ipv4).arbitrary('Odd'), { numRuns: 1, seed: 3 });
    expect(address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const phone = specWith(`      type: string
      format: phone-number`);
    expect(
      fc
        .sample(generatorsFor(phone).arbitrary('Odd'), { numRuns: 20, seed: 3 })
        .every((v) => typeof v === 'string'),
    ).toBe(true);
  });

  it('refuses a schema with nothing to violate when asked for invalid values', () => {
    const odd = specWith('      description: anything at all');
    expect(() => generatorsFor(odd).arbitrary('Odd')).not.toThrow();
    expect(() => generatorsFor(odd).invalid('Odd')).toThrow('nothing to violate');
  });
});

describe(withSeed('JSON Schema keywords beyond OpenAPI 3.0 (const, numeric exclusive bounds)'), () => {
  const site: SchemaSite = {
    id: 'oas:0',
    pointer: '/raw',
    kind: 'component',
    schema: {
      $id: 'oas:0',
      type: 'object',
      required: ['fixed', 'between', 'strict'],
      properties: {
        fixed: { const: { nested: [1, 2] } },
        between: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        strict: { type: 'integer', exclusiveMinimum: 5, maximum: 7 },
      },
    },
  };
  const ajv = createAjv({ allErrors: true });
  ajv.addSchema(site.schema);
  const validate = ajv.getSchema('oas:0');
  const node = new SchemaCompiler([site]).compileRef('oas:0');
  const arbitrary = new ArbitraryBuilder(resolveOptions(), [site]).valid(node);

  it('generates values the schema accepts, never sharing the const object', () => {
    const samples = fc.sample(arbitrary, seeded(300, 2)) as {
      fixed: object;
      between: number;
      strict: number;
    }[];
    for (const sample of samples) expect([sample, validate?.(sample)]).toEqual([sample, true]);
    expect(new Set(samples.map((s) => s.fixed)).size).toBe(samples.length);
    expect(new Set(samples.map((s) => s.strict))).toEqual(new Set([6, 7]));
  });
});
