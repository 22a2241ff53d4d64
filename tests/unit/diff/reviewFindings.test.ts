import { diffDocuments } from '../../../src/diff';
import { loadSpec, type Spec } from '../../../src/spec';
import { type Doc, drifted, getOperation, ok, schemas } from '../../support/specs/diff/drift';

// The outside review of `diff` (f1de5a3): each pair here was judged wrongly or silently before.

const bundled = loadSpec();
const log = (doc: Doc) => schemas(doc).ActivityLogResponse;
const actor = (doc: Doc) => schemas(doc).ActivityLogActorResponse;
const item = (doc: Doc) => schemas(doc).ActivityLogItemResponse;

function changesOf(mutateNew: (doc: Doc) => void, old: Spec = bundled) {
  return diffDocuments(old, drifted(mutateNew));
}

function verdicts(mutateNew: (doc: Doc) => void, old: Spec = bundled): string[] {
  return changesOf(mutateNew, old).map((c) => `${c.severity} ${c.kind}`);
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

describe('diff: a difference no judge names is a warning, never silence', () => {
  const count = (doc: Doc) => {
    log(doc).properties.count = { type: 'integer', multipleOf: 5 };
  };
  const tags = (doc: Doc) => {
    log(doc).properties.tags = { type: 'array', uniqueItems: true, items: { type: 'string' } };
  };
  const notEmpty = (doc: Doc) => {
    log(doc).properties.origin.not = { enum: [''] };
  };

  it.each([
    [
      'multipleOf removed',
      count,
      (doc: Doc) => delete log(doc).properties.count.multipleOf,
      'multipleOf 5 → unset',
    ],
    [
      'uniqueItems removed',
      tags,
      (doc: Doc) => delete log(doc).properties.tags.uniqueItems,
      'uniqueItems true → unset',
    ],
    [
      'not removed',
      notEmpty,
      (doc: Doc) => delete log(doc).properties.origin.not,
      'not {"enum":[""]} → unset',
    ],
  ])('%s: one response-schema-changed warning naming the keyword', (_name, base, change, said) => {
    const changes = diffDocuments(
      drifted(base, 'old.yaml'),
      drifted((doc) => {
        base(doc);
        change(doc);
      }),
    );
    expect(changes.map((c) => `${c.severity} ${c.kind}`)).toEqual(['warning response-schema-changed']);
    expect(changes[0]?.message).toContain(said);
  });

  it('names 3.1 keywords too: prefixItems, patternProperties, propertyNames, if/then, contains, dependentRequired', () => {
    const to31 = (doc: Doc) => {
      doc.openapi = '3.1.0';
      log(doc).properties.extra = { type: 'object' };
      log(doc).properties.list = { type: 'array' };
    };
    const cases: [string, (doc: Doc) => void][] = [
      ['prefixItems', (doc) => (log(doc).properties.list.prefixItems = [{ type: 'string' }])],
      [
        'patternProperties',
        (doc) => (log(doc).properties.extra.patternProperties = { '^x': { type: 'string' } }),
      ],
      ['propertyNames', (doc) => (log(doc).properties.extra.propertyNames = { maxLength: 3 })],
      [
        'if, then',
        (doc) => {
          log(doc).properties.extra.if = { required: ['a'] };
          // A `then` set by name, as a document does: not a thenable in this code.
          log(doc).properties.extra['then'] = { required: ['b'] };
        },
      ],
      ['contains', (doc) => (log(doc).properties.list.contains = { type: 'string' })],
      ['dependentRequired', (doc) => (log(doc).properties.extra.dependentRequired = { a: ['b'] })],
    ];
    for (const [keywords, change] of cases) {
      const found = pair(to31, change);
      expect([keywords, found]).toEqual([keywords, ['warning response-schema-changed']]);
    }
  });

  it('is request-side too, and says nothing when the unjudged keyword is the same', () => {
    const withPost = (multipleOf: number) => (doc: Doc) => {
      doc.paths['/activity-logs'] = {
        post: {
          requestBody: {
            content: {
              'application/json': {
                schema: { type: 'object', properties: { amount: { type: 'integer', multipleOf } } },
              },
            },
          },
          responses: { '201': { description: 'Created' } },
        },
      };
    };
    expect(verdicts(withPost(10), drifted(withPost(5), 'old.yaml'))).toEqual([
      'warning request-schema-changed',
    ]);
    expect(verdicts(withPost(5), drifted(withPost(5), 'old.yaml'))).toEqual([]);
  });
});

describe('diff: formats the suite does not check', () => {
  const traceHex = (doc: Doc) => {
    log(doc).properties.traceId.format = 'trace-hex';
  };

  it('sees a change between two unchecked formats', () => {
    expect(pair(traceHex, (doc) => (log(doc).properties.traceId.format = 'sequence-id'))).toEqual([
      'breaking response-format-changed',
    ]);
  });

  it('sees an unchecked format removed, and the same one kept is no change', () => {
    expect(pair(traceHex, (doc) => delete log(doc).properties.traceId.format)).toEqual([
      'breaking response-format-removed',
    ]);
    expect(pair(traceHex, () => {})).toEqual([]);
  });
});

describe('diff: grades', () => {
  it('calls a new default response a warning, not breaking', () => {
    expect(
      verdicts((doc) => {
        getOperation(doc).responses.default = {
          description: 'error',
          content: {
            'application/json': { schema: { type: 'object', properties: { message: { type: 'string' } } } },
          },
        };
      }),
    ).toEqual(['warning response-success-status-added']);
  });

  it('calls the only media type of a 2xx removed breaking, and one of several a warning', () => {
    expect(verdicts((doc) => delete ok(doc).content)).toEqual(['breaking response-media-type-removed']);
    const twoTypes = (doc: Doc) => {
      ok(doc).content['application/xml'] = { schema: { type: 'string' } };
    };
    expect(pair(twoTypes, (doc) => delete ok(doc).content['application/xml'])).toEqual([
      'warning response-media-type-removed',
    ]);
  });
});

describe('diff: wording and locations', () => {
  it('says object → object|string for an object that became anyOf[$ref, string], not "any"', () => {
    const changes = changesOf((doc) => {
      item(doc).properties.activityLogActor = {
        anyOf: [{ $ref: '#/components/schemas/ActivityLogActorResponse' }, { type: 'string' }],
      };
    });
    const typeChange = changes.find((c) => c.kind === 'response-type-changed');
    expect(typeChange?.message).toBe('type object → object|string');
    expect(changes.map((c) => c.message).join('\n')).not.toContain('any');
  });

  it('locates a removed property, in the new document, at the object that no longer has it', () => {
    const [change] = changesOf((doc) => delete actor(doc).properties.email);
    expect(change?.kind).toBe('response-optional-property-removed');
    expect(change?.old?.path).toBe('components.schemas.ActivityLogActorResponse.properties.email');
    expect(change?.new?.path).toBe('components.schemas.ActivityLogActorResponse.properties');
  });

  it('locates an added property, in the old document, at the object that did not have it', () => {
    const [change] = changesOf((doc) => (actor(doc).properties.phone = { type: 'string' }));
    expect(change?.kind).toBe('response-optional-property-added');
    expect(change?.old?.path).toBe('components.schemas.ActivityLogActorResponse.properties');
    expect(change?.new?.path).toBe('components.schemas.ActivityLogActorResponse.properties.phone');
  });
});
