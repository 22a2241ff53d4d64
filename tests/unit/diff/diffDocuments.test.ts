import { diffDocuments } from '../../../src/diff';
import { loadSpec, type Spec } from '../../../src/spec';
import { type Doc, drifted, getOperation, ok, schemas } from '../../support/specs/diff/drift';

const bundled = loadSpec();

/** The changes from `old` (the bundled document unless given) to the drifted one, as `severity kind` lines. */
function verdicts(mutateNew: (doc: Doc) => void, old: Spec = bundled): string[] {
  return diffDocuments(old, drifted(mutateNew)).map((c) => `${c.severity} ${c.kind}`);
}

/** A pair that both start from the same edit of the bundled document. */
function pair(base: (doc: Doc) => void, change: (doc: Doc) => void): string[] {
  return verdicts(
    (doc) => {
      base(doc);
      change(doc);
    },
    drifted(base, 'old.yaml'),
  );
}

const actor = (doc: Doc) => schemas(doc).ActivityLogActorResponse;
const log = (doc: Doc) => schemas(doc).ActivityLogResponse;
const item = (doc: Doc) => schemas(doc).ActivityLogItemResponse;

/** Every object of the document with its keys in reverse order (data included). */
function reverseKeys(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(reverseKeys);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}

describe('diffDocuments: pairs that are no change', () => {
  it('finds nothing between the bundled document and itself', () => {
    expect(diffDocuments(bundled, loadSpec())).toEqual([]);
  });

  it('finds nothing when a $ref target is inlined where it was used and the component dropped', () => {
    expect(
      verdicts((doc) => {
        item(doc).properties.activityLogActor = actor(doc);
        delete schemas(doc).ActivityLogActorResponse;
      }),
    ).toEqual([]);
  });

  it('finds nothing when an inline schema moves to a component behind a $ref', () => {
    expect(
      verdicts((doc) => {
        schemas(doc).CreatedAt = log(doc).properties.createdAt;
        log(doc).properties.createdAt = { $ref: '#/components/schemas/CreatedAt' };
      }),
    ).toEqual([]);
  });

  it('finds nothing when components are renamed with the same shape', () => {
    expect(
      verdicts((doc) => {
        schemas(doc).Actor = actor(doc);
        delete schemas(doc).ActivityLogActorResponse;
        item(doc).properties.activityLogActor = { $ref: '#/components/schemas/Actor' };
        schemas(doc).Log = log(doc);
        delete schemas(doc).ActivityLogResponse;
        ok(doc).content['application/json'].schema.$ref = '#/components/schemas/Log';
      }),
    ).toEqual([]);
  });

  it('finds nothing when every key of the document is reordered', () => {
    expect(
      verdicts((doc) => {
        const reversed = reverseKeys(doc) as Doc;
        for (const key of Object.keys(doc)) delete doc[key];
        Object.assign(doc, reversed);
      }),
    ).toEqual([]);
  });

  it('finds nothing when examples, descriptions and summaries are reworded', () => {
    expect(
      verdicts((doc) => {
        getOperation(doc).summary = 'Fetch one activity log';
        log(doc).example.activityLogItems[0].name = 'An invoice was created';
        log(doc).properties.id.example = 'another-id';
        log(doc).properties.id.description = 'The identifier of the log';
        ok(doc).content['application/json'].examples.ActivityLogResponse.summary = 'A log';
      }),
    ).toEqual([]);
  });

  it('finds nothing when allOf splits an object that says the same', () => {
    expect(
      verdicts((doc) => {
        const { required, properties, type } = actor(doc);
        const { id, ...rest } = properties;
        schemas(doc).Identified = { type, required: ['id'], properties: { id } };
        schemas(doc).ActivityLogActorResponse = {
          allOf: [
            { $ref: '#/components/schemas/Identified' },
            { type, required: required.filter((r: string) => r !== 'id'), properties: rest },
          ],
        };
      }),
    ).toEqual([]);
  });
});

describe('diffDocuments: response changes', () => {
  it('calls a removed required property breaking, and an optional one a warning', () => {
    expect(
      verdicts((doc) => {
        delete actor(doc).properties.entityType;
        actor(doc).required = ['id'];
      }),
    ).toEqual(['breaking response-required-property-removed']);
    expect(verdicts((doc) => delete actor(doc).properties.email)).toEqual([
      'warning response-optional-property-removed',
    ]);
  });

  it('reports a renamed property once, as breaking, with both names located', () => {
    const changes = diffDocuments(
      bundled,
      drifted((doc) => {
        const { verb, ...rest } = item(doc).properties;
        item(doc).properties = { ...rest, action: verb };
        item(doc).required = item(doc).required.map((r: string) => (r === 'verb' ? 'action' : r));
      }),
    );
    expect(changes.map((c) => `${c.severity} ${c.kind} ${c.pointer}`)).toEqual([
      'breaking response-property-renamed /activityLogItems/*/verb',
    ]);
    expect(changes[0]?.old?.path).toBe('components.schemas.ActivityLogItemResponse.properties.verb');
    expect(changes[0]?.old?.line).toBe(bundled.locate(changes[0]?.old?.pointer ?? '').line);
    expect(changes[0]?.new?.path).toBe('components.schemas.ActivityLogItemResponse.properties.action');
    expect(changes[0]?.new?.file).toBe('new.yaml');
  });

  it('calls required → optional breaking, and optional → required safe', () => {
    expect(
      verdicts((doc) => (log(doc).required = log(doc).required.filter((r: string) => r !== 'origin'))),
    ).toEqual(['breaking response-property-became-optional']);
    expect(verdicts((doc) => log(doc).required.push('traceId'))).toEqual([
      'safe response-property-became-required',
    ]);
  });

  it('calls a changed type breaking, once (not also its lost format)', () => {
    expect(verdicts((doc) => (log(doc).properties.createdAt = { type: 'integer' }))).toEqual([
      'breaking response-type-changed',
    ]);
  });

  it('calls integer → number a breaking generalization, and number → integer safe', () => {
    const withCount = (type: string) => (doc: Doc) => {
      log(doc).properties.count = { type };
    };
    expect(pair(withCount('integer'), withCount('number'))).toEqual(['breaking response-type-generalized']);
    expect(pair(withCount('number'), withCount('integer'))).toEqual(['safe response-type-specialized']);
  });

  it('calls 3.0 nullable breaking, on a plain property and on a $ref beside allOf', () => {
    expect(verdicts((doc) => (log(doc).properties.traceId.nullable = true))).toEqual([
      'breaking response-became-nullable',
    ]);
    expect(
      verdicts((doc) => {
        item(doc).properties.activityLogTarget = {
          nullable: true,
          allOf: [{ $ref: '#/components/schemas/ActivityLogTargetResponse' }],
        };
      }),
    ).toEqual(['breaking response-became-nullable']);
  });

  it('reads 3.1 type arrays by what they accept: [string, null] is nullable, [string] is string', () => {
    const to31 = (doc: Doc) => {
      doc.openapi = '3.1.0';
    };
    expect(
      pair(to31, (doc) => {
        log(doc).properties.traceId.type = ['string', 'null'];
      }),
    ).toEqual(['breaking response-became-nullable']);
    expect(pair(to31, (doc) => (log(doc).properties.traceId.type = ['string']))).toEqual([]);
  });

  it('calls a changed format breaking, a removed one breaking, and an added one safe', () => {
    expect(verdicts((doc) => (log(doc).properties.createdAt.format = 'date'))).toEqual([
      'breaking response-format-changed',
    ]);
    expect(verdicts((doc) => delete log(doc).properties.createdAt.format)).toEqual([
      'breaking response-format-removed',
    ]);
    expect(verdicts((doc) => (log(doc).properties.id.format = 'uuid'))).toEqual([
      'safe response-format-added',
    ]);
  });

  it('warns of an added and a removed enum value, and calls a dropped enum breaking', () => {
    const withEnum = (values: string[]) => (doc: Doc) => {
      log(doc).properties.activityType.enum = values;
    };
    expect(pair(withEnum(['NOTIFICATION']), withEnum(['NOTIFICATION', 'BILLING']))).toEqual([
      'warning response-enum-value-added',
    ]);
    expect(pair(withEnum(['NOTIFICATION', 'BILLING']), withEnum(['NOTIFICATION']))).toEqual([
      'warning response-enum-value-removed',
    ]);
    expect(pair(withEnum(['NOTIFICATION']), (doc) => delete log(doc).properties.activityType.enum)).toEqual([
      'breaking response-enum-removed',
    ]);
  });

  it('calls a loosened bound or a changed pattern breaking, and a tightened bound safe', () => {
    const bounded = (doc: Doc) => {
      log(doc).properties.traceId.maxLength = 32;
      log(doc).properties.traceId.pattern = '^[0-9a-f]+$';
    };
    expect(pair(bounded, (doc) => (log(doc).properties.traceId.maxLength = 64))).toEqual([
      'breaking response-constraint-loosened',
    ]);
    expect(pair(bounded, (doc) => (log(doc).properties.traceId.maxLength = 16))).toEqual([
      'safe response-constraint-tightened',
    ]);
    expect(pair(bounded, (doc) => (log(doc).properties.traceId.pattern = '^[0-9A-F]+$'))).toEqual([
      'breaking response-pattern-changed',
    ]);
  });

  it('calls loosened additionalProperties breaking, and a new property on a closed object breaking', () => {
    const closed = (doc: Doc) => {
      actor(doc).additionalProperties = false;
    };
    expect(pair(closed, (doc) => delete actor(doc).additionalProperties)).toEqual([
      'breaking response-additional-properties-loosened',
    ]);
    expect(pair(closed, (doc) => (actor(doc).properties.name = { type: 'string' }))).toEqual([
      'breaking response-optional-property-added',
    ]);
    expect(verdicts((doc) => (actor(doc).properties.name = { type: 'string' }))).toEqual([
      'safe response-optional-property-added',
    ]);
  });

  it('calls a new 2xx status or media type breaking, and a new error status safe', () => {
    expect(
      verdicts((doc) => {
        getOperation(doc).responses['203'] = ok(doc);
      }),
    ).toEqual(['breaking response-success-status-added']);
    expect(
      verdicts((doc) => {
        ok(doc).content['application/xml'] = { schema: { type: 'string' } };
      }),
    ).toEqual(['breaking response-media-type-added']);
    expect(verdicts((doc) => (getOperation(doc).responses['404'] = { description: 'Not Found' }))).toEqual([
      'safe response-non-success-status-added',
    ]);
  });

  it('calls a removed response header breaking, and one that became optional breaking', () => {
    const header = (required: boolean) => (doc: Doc) => {
      ok(doc).headers = { 'X-Request-Id': { required, schema: { type: 'string' } } };
    };
    expect(pair(header(true), (doc) => delete ok(doc).headers)).toEqual(['breaking response-header-removed']);
    expect(pair(header(true), header(false))).toEqual(['breaking response-header-became-optional']);
  });

  it('compares a response header’s schema as a response: string → integer is breaking', () => {
    const header = (type: string) => (doc: Doc) => {
      ok(doc).headers = { 'X-Rate-Limit': { schema: { type } } };
    };
    expect(pair(header('string'), header('integer'))).toEqual(['breaking response-header-type-changed']);
  });

  it('judges a recursive schema once per change, without looping', () => {
    const recursive = (doc: Doc) => {
      item(doc).properties.children = {
        type: 'array',
        items: { $ref: '#/components/schemas/ActivityLogItemResponse' },
      };
    };
    expect(pair(recursive, (doc) => item(doc).required.push('reason'))).toEqual([
      'safe response-property-became-required',
    ]);
  });

  it('compares oneOf by branches: a new branch is breaking, a removed one safe, reordered ones nothing', () => {
    const entity = (types: string[]) => (doc: Doc) => {
      actor(doc).properties.entityId = { oneOf: types.map((type) => ({ type })) };
    };
    expect(pair(entity(['string', 'integer']), entity(['integer', 'string']))).toEqual([]);
    expect(pair(entity(['string', 'integer']), entity(['string', 'integer', 'boolean']))).toEqual([
      'breaking response-choice-added',
    ]);
    expect(pair(entity(['string', 'integer', 'boolean']), entity(['string', 'integer']))).toEqual([
      'safe response-choice-removed',
    ]);
  });

  it('locates a change in both documents with their YAML lines', () => {
    const [change] = diffDocuments(
      bundled,
      drifted((doc) => (log(doc).properties.createdAt.format = 'date')),
    );
    expect(change?.old).toEqual(
      expect.objectContaining({
        path: 'components.schemas.ActivityLogResponse.properties.createdAt.format',
        file: bundled.file,
        line: 189,
      }),
    );
    expect(change?.new?.path).toBe('components.schemas.ActivityLogResponse.properties.createdAt.format');
    expect(change?.new?.line).toEqual(expect.any(Number));
    expect(change?.operation).toBe('GET /activity-logs/{id}');
    expect(change?.where).toBe('200 application/json');
    expect(change?.pointer).toBe('/createdAt');
  });
});

describe('diffDocuments: request changes', () => {
  const parameters = (doc: Doc) => getOperation(doc).parameters;

  it('calls a new required header breaking and a new optional one safe', () => {
    expect(
      verdicts((doc) =>
        parameters(doc).push({
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          schema: { type: 'string' },
        }),
      ),
    ).toEqual(['breaking new-required-request-parameter']);
    expect(
      verdicts((doc) => parameters(doc).push({ name: 'limit', in: 'query', schema: { type: 'integer' } })),
    ).toEqual(['safe new-optional-request-parameter']);
  });

  it('calls a narrowed sequence-version enum breaking and a widened one safe', () => {
    expect(verdicts((doc) => (parameters(doc)[2].schema.enum = ['2025-01-01']))).toEqual([
      'safe request-parameter-enum-value-added',
      'breaking request-parameter-enum-value-removed',
    ]);
    expect(verdicts((doc) => parameters(doc)[2].schema.enum.push('2025-01-01'))).toEqual([
      'safe request-parameter-enum-value-added',
    ]);
  });

  it('calls an optional parameter that became required breaking', () => {
    expect(verdicts((doc) => (parameters(doc)[2].required = true))).toEqual([
      'breaking request-parameter-became-required',
    ]);
  });

  it('calls a required parameter that became optional safe', () => {
    expect(verdicts((doc) => (parameters(doc)[1].required = false))).toEqual([
      'safe request-parameter-became-optional',
    ]);
  });

  it('matches path parameters by place, so renaming {id} changes nothing', () => {
    expect(
      verdicts((doc) => {
        const pathItem = doc.paths['/activity-logs/{id}'];
        delete doc.paths['/activity-logs/{id}'];
        pathItem.get.parameters[0].name = 'logId';
        doc.paths['/activity-logs/{logId}'] = pathItem;
      }),
    ).toEqual([]);
  });

  it('calls an added security requirement breaking and a removed one safe', () => {
    const secured = (doc: Doc) => {
      doc.components.securitySchemes = { basic: { type: 'http', scheme: 'basic' } };
      doc.security = [{ basic: [] }];
    };
    expect(verdicts(secured)).toEqual(['breaking security-requirement-added']);
    expect(verdicts((doc) => (doc.security = []), drifted(secured, 'old.yaml'))).toEqual([
      'safe security-requirement-relaxed',
    ]);
  });

  it('calls a new required request body property breaking', () => {
    const withPost = (doc: Doc) => {
      doc.paths['/activity-logs'] = {
        post: {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { type: 'object', properties: { note: { type: 'string' } } } },
            },
          },
          responses: { '201': { description: 'Created' } },
        },
      };
    };
    expect(
      pair(withPost, (doc) => {
        const schema = doc.paths['/activity-logs'].post.requestBody.content['application/json'].schema;
        schema.properties.owner = { type: 'string' };
        schema.required = ['owner'];
      }),
    ).toEqual(['breaking request-new-required-property']);
  });

  it('calls a removed operation breaking and an added one safe', () => {
    expect(
      verdicts(
        (doc) =>
          (doc.paths['/activity-logs/{id}'].delete = { responses: { '204': { description: 'gone' } } }),
      ),
    ).toEqual(['safe api-path-added']);
    expect(verdicts((doc) => (doc.paths = {}))).toEqual(['breaking api-path-removed']);
  });
});
