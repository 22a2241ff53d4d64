import { convertSpec, parseSpec } from '../../../src/spec';
import { createValidator } from '../../../src/validation';

// Each OpenAPI 3.0 schema feature the conversion must honour, as a tiny spec of its own.
const SPEC = `openapi: 3.0.3
info: { title: conversion, version: '1' }
paths:
  /things/{id}:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Thing' }
components:
  schemas:
    Thing:
      type: object
      required: [id, secret, count]
      discriminator: { propertyName: kind }
      example: { id: 1, count: 2 }
      properties:
        id: { type: integer, format: int32, readOnly: true }
        big: { type: integer, format: int64 }
        ratio: { type: number, format: float }
        precise: { type: number, format: double }
        blob: { type: string, format: byte }
        file: { type: string, format: binary }
        pin: { type: string, format: password }
        secret: { type: string, writeOnly: true }
        kind: { type: string, deprecated: true, enum: [a, b] }
        note: { type: string, nullable: true }
        level: { type: string, nullable: true, enum: [low, high] }
        count: { type: integer, minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: false }
        either:
          nullable: true
          oneOf: [{ type: string }, { type: integer }]
        owner: { $ref: '#/components/schemas/Owner' }
    Owner:
      type: object
      required: [name]
      properties:
        name: { type: string }
`;

const spec = parseSpec(SPEC, 'conversion.yaml');
const validator = createValidator(spec);
const thing = { id: 1, count: 2 };
const errors = (value: unknown) =>
  validator
    .validateSchema('Thing', value)
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.pointer} ${f.keyword}`);

describe('OpenAPI 3.0 schema → JSON Schema', () => {
  it('compiles with nothing for strict mode to say, OpenAPI-only annotations (example, a lone discriminator) dropped', () => {
    expect(() => validator.compileAll()).not.toThrow();
    expect(validator.lint).toEqual([]);
    const converted = convertSpec(spec).siteAt('/components/schemas/Thing')?.schema as Record<
      string,
      unknown
    >;
    expect(converted).not.toHaveProperty('example');
    expect(converted).not.toHaveProperty('discriminator');
  });

  it('never requires a writeOnly property in a response, and keeps it documented', () => {
    expect(errors(thing)).toEqual([]);
    expect(validator.validateSchema('Thing', { ...thing, secret: 's' })).toEqual([]);
  });

  it('bounds int32 and int64 and checks float, double and byte', () => {
    expect(errors({ ...thing, id: 2 ** 31 })).toEqual(['/id maximum', '/id format']);
    expect(errors({ ...thing, id: 1.5 })).toEqual(['/id type', '/id format']);
    expect(errors({ ...thing, big: 2 ** 63 + 2 ** 12 })).toContain('/big maximum');
    expect(errors({ ...thing, ratio: 1e39 })).toContain('/ratio maximum');
    expect(errors({ ...thing, precise: 1e300, blob: 'aGVsbG8=', file: '\u0000raw', pin: 'x' })).toEqual([]);
    expect(errors({ ...thing, blob: 'not base64!' })).toEqual(['/blob format']);
  });

  it('turns nullable into a null type, and null into the enum', () => {
    expect(errors({ ...thing, note: null, level: null })).toEqual([]);
    expect(errors({ ...thing, kind: null })).toEqual(['/kind type', '/kind enum']);
    expect(errors({ ...thing, level: 'mid' })).toEqual(['/level enum']);
  });

  it('reads nullable beside oneOf without a type as "or null", as providers mean it and send it', () => {
    expect(errors({ ...thing, either: 'x' })).toEqual([]);
    expect(errors({ ...thing, either: null })).toEqual([]);
    expect(errors({ ...thing, either: true })).toEqual(expect.arrayContaining(['/either anyOf']));
  });

  it('turns boolean exclusiveMinimum/Maximum into draft-07 bounds', () => {
    expect(errors({ ...thing, count: 0 })).toEqual(['/count exclusiveMinimum']);
    expect(errors({ ...thing, count: 10 })).toEqual([]);
    expect(errors({ ...thing, count: 11 })).toEqual(['/count maximum']);
    const [finding] = validator.validateSchema('Thing', { ...thing, count: 0 });
    expect(finding?.spec?.path).toBe('components.schemas.Thing.properties.count.exclusiveMinimum');
  });

  it('follows $ref to components, naming the referenced component in findings', () => {
    const [finding] = validator.validateSchema('Thing', { ...thing, owner: {} });
    expect(finding).toMatchObject({ pointer: '/owner', keyword: 'required' });
    expect(finding?.spec?.path).toBe('components.schemas.Owner.required');
  });
});
