import { loadSpec, parseSpec, type SchemaObject } from '../../../src/spec';
import { createValidator, type HttpResponse } from '../../../src/validation';
import cases from '../../conformance/date-time.json';
import { mutateAt, walkInstance } from '../../support/schemaWalk';
import { specExample } from '../../support/specExample';

const validator = createValidator(loadSpec());
const { spec, converted } = validator;
// The spec's own example of a full activity log: every optional field present, items at two depths.
const example = specExample();
const rootSchema = converted.siteAt('/components/schemas/ActivityLogResponse')?.schema as SchemaObject;
const nodes = [...walkInstance(converted, rootSchema, example)];

const ok = (body: unknown, extra: Partial<HttpResponse> = {}): HttpResponse => ({
  method: 'GET',
  path: '/activity-logs/aa0e8400',
  status: 200,
  headers: { 'content-type': 'application/json' },
  body,
  ...extra,
});
const errors = (response: HttpResponse) =>
  validator.validateResponse(response).findings.filter((f) => f.severity === 'error');

describe('validateResponse', () => {
  it('accepts the spec example as the 200 body', () => {
    const result = validator.validateResponse(ok(example));
    expect(result).toMatchObject({
      valid: true,
      operation: 'GET /activity-logs/{id}',
      status: 200,
      findings: [],
    });
  });

  const required = nodes.flatMap((node) =>
    ((node.schema['required'] ?? []) as string[]).map(
      (key) => [`${node.pointer}/${key}`, node.pointer, key] as const,
    ),
  );

  it('knows a required property at every depth of the example', () => {
    expect(required.map(([p]) => p)).toEqual(
      expect.arrayContaining([
        '/createdAt',
        '/activityLogItems/0/verb',
        '/activityLogItems/0/activityLogActor/entityType',
      ]),
    );
  });

  it.each(required)(
    'rejects the body without %s, naming the object and the spec line',
    (_path, parent, key) => {
      const body = mutateAt(example, `${parent}/${key}`, (o, k) => delete o[k]);
      const [finding, ...rest] = errors(ok(body));
      expect(rest).toEqual([]);
      expect(finding).toMatchObject({
        rule: 'response_schema_conformance',
        pointer: parent,
        keyword: 'required',
        message: `must have required property '${key}'`,
      });
      expect(finding?.spec?.path).toMatch(/^components\.schemas\.\w+\.required$/);
      expect(finding?.spec?.line).toBe(spec.locate(finding?.spec?.pointer ?? '').line);
      expect(finding?.spec?.line).toBeGreaterThan(0);
    },
  );

  const typed = nodes.filter((n) => n.pointer !== '' && typeof n.schema['type'] === 'string');

  it.each(typed.map((n) => [n.pointer, n.schema['type'] as string] as const))(
    'rejects a wrong type at %s (documented %s)',
    (pointer, type) => {
      const wrong = type === 'string' ? 42 : 'a string';
      const body = mutateAt(example, pointer, (o, k) => {
        o[k] = wrong;
      });
      expect(errors(ok(body))).toEqual([
        expect.objectContaining({
          pointer,
          keyword: 'type',
          message: `must be ${type}, got ${JSON.stringify(wrong)}`,
        }),
      ]);
    },
  );

  it.each(typed.map((n) => [n.pointer] as const))('rejects null at %s, which is not nullable', (pointer) => {
    const body = mutateAt(example, pointer, (o, k) => {
      o[k] = null;
    });
    expect(errors(ok(body))).toEqual([expect.objectContaining({ pointer, keyword: 'type' })]);
  });

  it.each(cases.tests.filter((t) => !t.valid).map((t) => [t.why, t.data] as const))(
    'rejects createdAt with %s',
    (_why, data) => {
      const body = mutateAt(example, '/createdAt', (o, k) => {
        o[k] = data;
      });
      const [finding] = errors(ok(body));
      expect(finding).toMatchObject({ pointer: '/createdAt', keyword: 'format' });
      expect(finding?.message).toContain('must match format "date-time"');
      expect(finding?.spec?.path).toBe('components.schemas.ActivityLogResponse.properties.createdAt.format');
    },
  );

  it('rejects a body that is not an object', () => {
    for (const body of [[], 'text', 1, null, true]) {
      expect(errors(ok(body))).toEqual([
        expect.objectContaining({
          pointer: '',
          keyword: 'type',
          message: expect.stringMatching(/^must be object/),
        }),
      ]);
    }
  });

  it('reports an undocumented status, listing the documented ones', () => {
    expect(errors(ok(example, { status: 404 }))).toEqual([
      expect.objectContaining({
        rule: 'status_code_documented',
        message: 'status 404 is not documented for GET /activity-logs/{id} (documented: 200, 400, 401, 500)',
      }),
    ]);
  });

  it('reports a content type the spec does not document, and skips the body check', () => {
    const findings = errors(
      ok('<html>502</html>', { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'content_type_conformance',
        message:
          "content type 'text/html; charset=utf-8' is not documented for 200 (documented: application/json)",
      }),
    ]);
  });

  it('accepts a content type with parameters and in any case', () => {
    expect(errors(ok(example, { headers: { 'CONTENT-TYPE': 'Application/JSON; charset=utf-8' } }))).toEqual(
      [],
    );
  });

  it('does not check bodies of responses documented without content (400, 401, 500)', () => {
    for (const status of [400, 401, 500]) {
      expect(validator.validateResponse(ok({ anything: true }, { status })).valid).toBe(true);
    }
  });

  it('reports a 200 without a body', () => {
    const { body: _none, ...withoutBody } = ok(example);
    expect(errors(withoutBody)).toEqual([
      expect.objectContaining({ rule: 'response_schema_conformance', keyword: 'content' }),
    ]);
  });

  it('reports a request that matches no operation', () => {
    expect(errors(ok(example, { method: 'DELETE' }))).toEqual([
      expect.objectContaining({ rule: 'operation_documented' }),
    ]);
    expect(errors(ok(example, { path: '/activity-logs/a/b' }))).toEqual([
      expect.objectContaining({ rule: 'operation_documented' }),
    ]);
  });

  it('warns about undocumented properties at every depth, and fails them under strict', () => {
    let body = mutateAt(example, '/region', (o, k) => {
      o[k] = 'eu';
    });
    body = mutateAt(body, '/activityLogItems/0/activityLogTarget/label', (o, k) => {
      o[k] = 'x';
    });
    const lenient = validator.validateResponse(ok(body));
    expect(lenient.valid).toBe(true);
    expect(lenient.findings.map((f) => [f.severity, f.pointer, f.spec?.path])).toEqual([
      ['warning', '/region', 'components.schemas.ActivityLogResponse.properties'],
      [
        'warning',
        '/activityLogItems/0/activityLogTarget/label',
        'components.schemas.ActivityLogTargetResponse.properties',
      ],
    ]);
    const strict = validator.validateResponse(ok(body), { strict: true });
    expect(strict.valid).toBe(false);
    expect(strict.findings.map((f) => f.severity)).toEqual(['error', 'error']);
  });

  it('reports both real errors and undocumented properties in one response', () => {
    const body = mutateAt(
      mutateAt(example, '/id', (o, k) => delete o[k]),
      '/extra',
      (o, k) => {
        o[k] = 1;
      },
    );
    expect(validator.validateResponse(ok(body)).findings.map((f) => [f.severity, f.keyword])).toEqual([
      ['error', 'required'],
      ['warning', 'additionalProperties'],
    ]);
  });

  it('treats __proto__ and constructor keys as plain, undocumented properties without polluting prototypes', () => {
    const body = JSON.parse(
      JSON.stringify(example).replace(
        /^\{/,
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
      ),
    );
    const result = validator.validateResponse(ok(body));
    expect(result.valid).toBe(true);
    expect(result.findings.map((f) => f.pointer)).toEqual(['/__proto__', '/constructor']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('accepts deeply nested JSON in metadata, which the spec leaves open', () => {
    let nested: unknown = 'bottom';
    for (let i = 0; i < 5000; i++) nested = i % 2 ? [nested] : { deeper: nested };
    const body = mutateAt(example, '/activityLogItems/0/metadata', (o, k) => {
      o[k] = [nested, 1e308, -0, { a: [[]] }];
    });
    expect(validator.validateResponse(ok(body)).valid).toBe(true);
  });

  it('validates a component on its own by name', () => {
    const actor = { id: 'a' };
    expect(validator.validateSchema('ActivityLogActorResponse', actor)).toEqual([
      expect.objectContaining({
        pointer: '',
        keyword: 'required',
        message: "must have required property 'entityType'",
      }),
    ]);
    expect(() => validator.validateSchema('NoSuchSchema', actor)).toThrow("No schema 'NoSuchSchema'");
  });
});

describe('undocumented properties of a closed object (one count of its keys, then a walk only when it differs)', () => {
  // Names the prototype also has, a pattern, and more than eight names (where Ajv's own check changes form).
  const document = {
    openapi: '3.1.0',
    info: { title: 'closed', version: '1' },
    paths: {
      '/things/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'a thing',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Thing: {
          type: 'object',
          properties: Object.fromEntries(
            ['constructor', 'toString', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((k) => [
              k,
              { type: 'string' },
            ]),
          ),
          patternProperties: { '^x-': { type: 'string' } },
        },
      },
    },
  };
  const closed = createValidator(parseSpec(JSON.stringify(document), 'closed.json'));
  const undocumented = (body: unknown) =>
    closed
      .validateResponse({ method: 'GET', path: '/things/1', status: 200, body })
      .findings.map((f) => `${f.severity} ${f.pointer} ${f.spec?.path}`);

  it.each([
    ['only declared names', { a: '1', h: '2', constructor: '3' }, []],
    ['a key a pattern documents', { a: '1', 'x-trace': 't' }, []],
    ['nothing at all', {}, []],
    ['a declared name holding undefined', { a: undefined }, []],
  ])('finds nothing in %s', (_what, body, expected) => {
    expect(undocumented(body)).toEqual(expected);
  });

  it.each([
    ['an extra key', { a: '1', z: '2' }, ['/z']],
    ['an extra key the prototype has', { a: '1', hasOwnProperty: '2' }, ['/hasOwnProperty']],
    ['an extra key beside an absent prototype name', { toString: 'x', valueOf: 'y' }, ['/valueOf']],
    ['keys that need escaping', { 'a/b': 1, 'c~d': 2 }, ['/a~1b', '/c~0d']],
    ['as many keys as declared names, not the same ones', { a: '1', b: '2', zz: '3' }, ['/zz']],
  ])('finds %s', (_what, body, pointers) => {
    expect(undocumented(body)).toEqual(
      pointers.map((p) => `warning ${p} components.schemas.Thing.properties`),
    );
  });

  it('finds an extra key beside an invalid declared one, and only that key', () => {
    expect(undocumented({ a: 1, b: '2', z: '3' })).toEqual([
      'error /a components.schemas.Thing.properties.a.type',
      'warning /z components.schemas.Thing.properties',
    ]);
  });
});
